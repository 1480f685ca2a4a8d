"""The dev server as `make devserver` runs it, on a tiny site copied into a temporary folder, and
what its tests share (conftest.py makes the `devserver` fixture of run_devserver).

Every wait ends on an event (a page shows a text, a log line appears, a message arrives) and has
a DEADLINE only as a guard against a hang: a slow or busy machine makes a test slower, never red.
"""

import concurrent.futures
import os
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
TEST_DATA = HERE / "test_data"
SERVE = "plugins.tools.devserver.serve"  # as `make devserver` runs it
DEADLINE = 300  # seconds: a hang guard, never what a test asserts (every wait, page and request)
POST = "content/posts/2025/first-post.md"
POST_URL = "/posts/2025/first-post/"


def in_own_thread(function):
    """Run `function` in a thread of its own: in a full test run the browser tests' Playwright
    keeps an event loop running in the main thread, which asyncio.run refuses to share."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()


@contextmanager
def browser_context(browser):
    """A new context of the run's Chromium (the root conftest's `browser`, launched once and
    shared with the browser tests) whose pages wait up to DEADLINE for anything (Playwright's
    own default is 30 s, a race on a busy machine); closed after the block."""
    context = browser.new_context()
    context.set_default_timeout(DEADLINE * 1000)
    context.set_default_navigation_timeout(DEADLINE * 1000)
    try:
        yield context
    finally:
        context.close()


def wait_until_live(page):
    """Wait until livereload.js in `page` is connected (it has said hello, protocol 7)."""
    page.wait_for_function(
        "() => window.LiveReload && window.LiveReload.connector"
        " && window.LiveReload.connector.protocol >= 7",
        timeout=DEADLINE * 1000,
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, what):
    """Poll condition() until it returns something true; fail after DEADLINE seconds."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    pytest.fail(f"waited {DEADLINE} s for {what}")


class DevServer:
    def __init__(self, root, port, process):
        self.root = root
        self.port = port
        self.process = process

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def log(self):
        return (self.root / "server.log").read_text(encoding="utf-8")

    def get(self, path):
        """(status, body) of a page of the served site."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=DEADLINE) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def shows(self, path, text):
        status, body = self.get(path)
        return status == 200 and text in body

    def builds(self, outcome):
        """How many lines of the log say `outcome` ("built in" or "build failed in")."""
        return self.log().count(f" {outcome} ")

    def edit(self, relative, old, new):
        path = self.root / relative
        save(path, path.read_text(encoding="utf-8").replace(old, new))


def save(path, text):
    """Write a file the running server watches as an editor saves it: whole, in one rename (a
    `.tmp` beside it, which the server ignores). A plain write can be seen half done: on a busy
    machine a build then reads a truncated file and reports problems the test did not make."""
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


@contextmanager
def run_devserver(root):
    """The dev server on a copy of test_data in `root`, after its first build; killed after.

    The settings and the test's own plugins (those of PLUGIN_PATHS, not the site's `plugins`
    package) are copied too, so that a test can change them. The theme is the repository's (no
    test edits it), its compiled templates kept where the real site's builds keep them
    (cache/templates, by the template_cache plugin): a builder's first build does not compile
    them all again.
    """
    shutil.copytree(TEST_DATA / "content", root / "content")
    settings = runpy.run_path(str(TEST_DATA / "pelicanconf.py"))
    for name in [name for name in settings["PLUGINS"] if not name.startswith("plugins.")]:
        sources = [Path(folder, name) for folder in settings["PLUGIN_PATHS"]]
        shutil.copytree(
            next(source for source in sources if source.exists()),
            root / "plugins" / name,
            ignore=shutil.ignore_patterns("tests", "__pycache__"),
        )
    (root / "pelicanconf.py").write_text(
        "import runpy\n"
        "from pathlib import Path\n"
        f"_site = runpy.run_path({str(TEST_DATA / 'pelicanconf.py')!r})\n"
        "globals().update({k: v for k, v in _site.items() if k.isupper()})\n"
        "HERE = Path(__file__).resolve().parent\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        f"TEMPLATE_CACHE_PATH = {str(REPO / 'cache' / 'templates')!r}\n"
        'PLUGIN_PATHS = [str(HERE / "plugins")]\n'
        'SITENAME = "Devserver test"\n',
        encoding="utf-8",
    )
    port = free_port()
    command = [sys.executable, "-m", SERVE, "--settings", "pelicanconf.py", "--port", str(port)]
    command += ["-o", "output", "--cache-path", "cache", "content"]
    env = {**os.environ, "COLUMNS": "200", "TERM": "dumb", "NO_COLOR": "1"}
    with open(root / "server.log", "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command,
            cwd=root,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    server = DevServer(root, port, process)
    try:
        wait_for(lambda: server.builds("built in") or process.poll() is not None, "the build")
        assert process.poll() is None, server.log()
        assert server.shows(POST_URL, "The original text of the first post."), server.log()
        yield server
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)  # the server, its builder and any build
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=20)
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
