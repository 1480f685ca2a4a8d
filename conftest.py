"""Shared pytest helpers: real Pelican builds, as `make html` runs them, and the real site built
once for the whole run.

A build costs about a second in a new interpreter, most of it starting Python and importing
Pelican, Markdown, Pygments and the plugins. `run_pelican` runs `pelican.main(argv)` with the
arguments of the command line in a child forked from the test process instead, where all of that
is already imported (buildfork.py): the same build, exit code and output, for a fraction of the
cost, and nothing of one build (plugin state, signal receivers, log filters) reaches the next.
`run_pelican(..., fresh=True)` spawns `python -m pelican` itself: the tests of the real command
line (a few of them) keep it, and TESTS_FRESH_BUILDS=1 makes every build a new process (to tell
whether a failure has to do with the fork).
"""

import fcntl
import hashlib
import inspect
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from buildfork import build_in_fork  # tests/buildfork.py
from site_content import copy_content_as_of  # tests/site_content.py

ROOT = Path(__file__).resolve().parent
# tests/memory_temp.py: the run's folders in /dev/shm; pytester: its own test runs pytest
pytest_plugins = ["memory_temp", "pytester"]


def run_pelican(
    settings, output, *extra_settings, content=None, cwd=ROOT, env=None, fresh=False, timeout=600
):
    """Build a site with Pelican; return a CompletedProcess (returncode, stdout, stderr).

    `settings` is a pelicanconf.py path, `output` the output folder; `extra_settings` are
    `KEY=json-value` strings passed with `-e`. `content` defaults to the PATH of the settings.
    `fresh`: in a new `python -m pelican` process rather than a fork of this one.
    """
    arguments = [] if content is None else [str(content)]
    arguments += ["-o", str(output), "-s", str(settings), "--fatal", "errors"]
    if extra_settings:
        arguments += ["-e", *extra_settings]
    run_env = {**os.environ, "COLUMNS": "200", "TERM": "dumb", "NO_COLOR": "1", **(env or {})}
    if not (fresh or os.environ.get("TESTS_FRESH_BUILDS")):
        return build_in_fork(arguments, cwd=cwd, env=run_env, timeout=timeout)
    return subprocess.run(
        [sys.executable, "-m", "pelican", *arguments],
        cwd=cwd,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def snapshot(folder):
    """{relative path: sha256} of every file under `folder`: compare two to prove byte-identity."""
    folder = Path(folder)
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def page(output, path):
    """The parsed `index.html` of a built page, e.g. page(output, "topics/jython")."""
    return lxml.html.parse(str(Path(output) / path / "index.html")).getroot()


def texts(root, xpath):
    """The stripped text of every element `xpath` selects."""
    return [element.text_content().strip() for element in root.xpath(xpath)]


def post_titles(root):
    """Titles of the post cards listed on a page, in order."""
    return texts(root, "//*[contains(@class, 'post-card-title')]")


def build_ok(settings, output, *extra_settings, **kwargs):
    """run_pelican that fails the test with Pelican's own output when the build fails."""
    result = run_pelican(settings, output, *extra_settings, **kwargs)
    if result.returncode != 0:
        pytest.fail(f"build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def build_once(tmp_path_factory, name, build):
    """The folder `build(output)` fills, made once for the whole run: with pytest-xdist every
    worker is its own process, so the first one to get here builds into a folder they share
    (under the run's base temporary folder) while the others wait on a lock, then all read it.
    The tests only read it."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the base folder of this run, shared by its workers
    folder = shared / f"shared-{name}"
    with open(shared / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "built").is_file():  # a build cut short is built again
            build(folder / "output")
            (folder / "built").touch()
    return folder / "output"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site, built once with the development settings."""
    return build_once(
        tmp_path_factory,
        "site",
        lambda output: build_ok(ROOT / "pelicanconf.py", output, content=ROOT / "content"),
    )


@pytest.fixture(scope="session")
def list_site(tmp_path_factory):
    """The mailing list's fixture site (plugins/kinds/mailing_list/tests/test_data), built once: the
    real site has no list archive committed (content/list/README.md says why), so the list's
    templates are validated and checked in the browser on this one. No test searches it, so it
    is built without the search index (Pagefind's run would be time nothing uses)."""
    test_data = ROOT / "plugins" / "kinds" / "mailing_list" / "tests" / "test_data"

    def build(output):
        cache = f'MAILING_LIST_CACHE_PATH="{output.parent / "cache"}"'
        no_index = "SEARCH_INDEX=false"
        build_ok(
            test_data / "pelicanconf.py", output, cache, no_index, content=test_data / "content"
        )

    return build_once(tmp_path_factory, "list-site", build)


@pytest.fixture(scope="session")
def highlight_site(tmp_path_factory):
    """The highlight plugin's fixture site (a post that uses every Markdown feature), built once:
    its tests read it and tests/test_html_valid.py validates it in the same run of vnu as the
    real site (one Java start)."""
    test_data = ROOT / "plugins" / "outputs" / "highlight" / "tests" / "test_data"
    return build_once(
        tmp_path_factory,
        "highlight-site",
        lambda output: build_ok(test_data / "pelicanconf.py", output, cwd=test_data),
    )


@pytest.fixture(scope="session")
def box_site(tmp_path_factory):
    """The sanitize plugin's site of contributed markup that tries to leave its box
    (plugins/guard/sanitize/tests/box_data), built once: tests/browser/test_contributed_markup.py
    clicks the theme's controls on it."""
    box_data = ROOT / "plugins" / "guard" / "sanitize" / "tests" / "box_data"
    return build_once(
        tmp_path_factory,
        "box-site",
        lambda output: build_ok(box_data / "pelicanconf.py", output, cwd=box_data),
    )


WORST_CASES_NOW = "2026-12-10"  # after the worst cases' Date, before their meetings


@pytest.fixture(scope="session")
def worst_case_site(tmp_path_factory):
    """The real site's content with the worst cases of tests/worst_cases/ added (their
    content/ copied over a copy of it, their members.toml appended), built once with "now"
    fixed (BUILD_NOW) so that their meetings stay upcoming whenever it runs; real posts dated
    after that day are left out (copy_content_as_of), never refused as dated in the future."""
    worst_cases = ROOT / "tests" / "worst_cases"

    def build(output):
        content = copy_content_as_of(output.parent / "content", WORST_CASES_NOW)
        shutil.copytree(worst_cases / "content", content, dirs_exist_ok=True)
        with (content / "members.toml").open("a", encoding="utf-8") as members:
            members.write((worst_cases / "members.toml").read_text(encoding="utf-8"))
        now = f'BUILD_NOW="{WORST_CASES_NOW}"'
        no_lock = "URL_LOCK_FILE=null"  # the worst cases' addresses are not in urls.lock
        build_ok(ROOT / "pelicanconf.py", output, now, no_lock, content=content)

    return build_once(tmp_path_factory, "worst-case-site", build)


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The real site built with publishconf.py, as `make publish` does."""
    return build_once(
        tmp_path_factory,
        "published",
        lambda output: build_ok(
            ROOT / "publishconf.py",
            output,
            content=ROOT / "content",
            env={"SITEURL": "https://uls-sig.example.org"},
        ),
    )


# Headless Chromium, quiet: no update checks, no network of its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


# Debian's headless build of Chromium, else its full browser (the Makefile's CHROMIUM_FOUND).
DEBIAN_CHROMIUMS = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"]


@pytest.fixture(scope="session")
def chromium_path():
    installed = [path for path in DEBIAN_CHROMIUMS if os.access(path, os.X_OK)]
    path = os.environ.get("CHROMIUM") or (installed or DEBIAN_CHROMIUMS)[0]
    if not (Path(path).is_file() and os.access(path, os.X_OK)) and not shutil.which(path):
        pytest.fail(
            f"Chromium is missing at {path}: install Debian's (apt-get install "
            "chromium-headless-shell), set CHROMIUM=/path/to/chromium, or run `make test`, which "
            "installs it.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Debian's Chromium through Playwright, launched once per process: the browser tests and
    the dev server's browser tests each open contexts of their own in it."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright (Python) is missing: run `make test` (pip install '.[test]')")

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Kinds of slow tests, by folder, so that each can be run alone (-m devserver) or left out.
MARKED_FOLDERS = {
    ROOT / "plugins" / "tools" / "devserver" / "tests": "devserver",
    ROOT / "tests" / "test_build_speed.py": "speed",
}


# The quick loop (`make quick`): tests that build nothing and start nothing. A test module
# builds when it takes one of the build helpers from here, when one of the repository's helper
# modules it imports calls one (or starts a process), or when its test takes a built site.
BUILD_HELPERS = {"run_pelican", "build_ok", "build_once", "build_in_fork", "call_in_fork"}
STARTS_SOMETHING = re.compile(r"\b(run_pelican|build_ok|build_once|subprocess|os\.fork|Popen)\b")
BUILT_FIXTURES = {"site", "built_site", "list_site", "highlight_site", "published_site", "box_site"}
BUILT_FIXTURES.add("worst_case_site")  # tests/browser/test_worst_cases.py


def builds(module):
    """Whether a test module (or a helper module of the repository it imports) builds."""
    if BUILD_HELPERS & set(vars(module)) or STARTS_SOMETHING.search(source_of(module)):
        return True
    helpers = {
        sys.modules.get(getattr(value, "__module__", None)) or value
        for value in vars(module).values()
        if callable(value) or inspect.ismodule(value)
    }
    return any(
        STARTS_SOMETHING.search(source_of(helper))
        for helper in helpers
        if inspect.ismodule(helper)
        and helper is not module
        and helper.__name__ != "conftest"
        and ROOT in Path(getattr(helper, "__file__", None) or "/").parents
    )


def source_of(module):
    path = getattr(module, "__file__", None)
    return Path(path).read_text(encoding="utf-8") if path else ""


def pytest_collection_modifyitems(items):
    """Marks the kinds of MARKED_FOLDERS, and `quick` on tests that build nothing (for -m)."""
    building = {}
    for item in items:
        path = Path(item.path)
        for folder, marker in MARKED_FOLDERS.items():
            if path == folder or folder in path.parents:
                item.add_marker(marker)
        module = getattr(item, "module", None)
        if module is not None and module not in building:
            building[module] = builds(module)
        slow = item.get_closest_marker("browser") or item.get_closest_marker("devserver")
        if not (slow or building.get(module) or BUILT_FIXTURES & set(item.fixturenames)):
            item.add_marker("quick")
