"""`make devserver`: build the site, serve it with live reload, build again on every change.

Three kinds of process:

- this one serves the output folder (server.py: python-livereload's Server on tornado) and
  watches the sources with watchfiles. It does not import Pelican, so it stays up for the whole
  session, and the browser's live-reload connection with it;
- the warm builder (builder.py) imports Pelican and the plugins once;
- each build runs in a child forked from the warm builder: no interpreter start-up, no imports,
  and whatever one build leaves behind dies with it.

A change to the bytes of a plugin's Python code or of the settings file starts a new warm builder
(its imported code is stale); any other change just builds again. Like every build, these keep what
the Markdown reader made of each source (plugins/model/read_cache, keyed by the code and settings
too), so unchanged posts are not parsed again. After a build that changed the output, every open
page reloads; after one that failed, the output stays as it was, and every page is served as an
error page that lists the problems (failure.py) until a build succeeds: the open pages reload to
it, and back to the site once the build is fixed. One save, one reload: when only the body of
published posts changed, the child of the last good build (it stays alive for this) first writes
those posts' pages and the site feeds from its state (preview.py) and the pages reload; the full
build follows a few seconds later with the same bytes for them, so the pages reload again only if
it changed more than that (and the search index: server.output_changed).
"""

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import suppress
from pathlib import Path

import watchfiles

from plugins.model.plain_text import display_path

from .failure import error_page
from .server import LiveServer, output_changed, reload_pages, show_build

BUILDER = "plugins.tools.devserver.builder"
# Editor droppings, on top of watchfiles' defaults (*.swp, *~, .#*, __pycache__, .git, ...).
EDITOR_FILES = (r"^4913$", r"^#.*#$", r"\.tmp$", r"\.kate-swp$", r"^\.goutputstream-", r"\.crswap$")


def register():
    """Nothing to do inside a build: the dev server drives Pelican from outside (serve.py), so
    this package is not in PLUGINS. register() is here for the plugins' common layout."""


class Builder:
    """The warm builder process (builder.py): one build per request, answered on a pipe."""

    def __init__(self, pelican_args):
        self.pelican_args = pelican_args
        self.process = None
        self.paths = {}  # content, theme, plugins, settings: what the builder read
        self.code = {}  # digest of every plugin and settings file the builder imported

    def start(self):
        read_end, write_end = os.pipe()
        command = [sys.executable, "-m", BUILDER, str(write_end), *self.pelican_args]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, pass_fds=[write_end], text=True
        )
        os.close(write_end)
        self.results = os.fdopen(read_end)
        self.paths = self.receive() or {}
        files = [self.paths.get("settings")]
        for folder in self.paths.get("plugins", []):
            files += [str(path) for path in Path(folder).rglob("*.py")]
        self.code = {path: digest(path) for path in files if path}

    def receive(self):
        line = self.results.readline()
        return json.loads(line) if line else None

    def build(self, changed, on_preview):
        """Build after `changed` files changed; on_preview(paths) when a preview came first."""
        if self.process is None or self.process.poll() is not None:
            self.start()
        try:
            self.process.stdin.write(json.dumps(changed) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            pass
        result = self.receive()
        if result and "preview" in result:
            if result["preview"]:
                on_preview(result["preview"])
            result = self.receive()
        return result or {"ok": False, "code": None}  # None: the builder is gone

    def stop(self, now=False):
        if self.process is None:
            return
        if now:
            self.process.terminate()
        self.process.stdin.close()
        self.process.wait()
        self.results.close()
        self.process = None


def digest(path):
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


class Sources(watchfiles.DefaultFilter):
    """What a build reads: not the output, staging folders, caches, tests or editor temp files."""

    def __init__(self, output, plugin_paths, cache):
        default = watchfiles.DefaultFilter
        super().__init__(
            ignore_dirs=(*default.ignore_dirs, ".ruff_cache"),
            ignore_entity_patterns=(*default.ignore_entity_patterns, *EDITOR_FILES),
            ignore_paths=[output, cache],
        )
        name = re.escape(os.path.basename(output))
        self.staging = re.compile(rf"(^|{re.escape(os.sep)})\.{name}-(staging|retired)-\d+")
        self.plugins = [os.path.join(path, "") for path in plugin_paths]

    def __call__(self, change, path):
        if not super().__call__(change, path) or self.staging.search(path):
            return False
        for plugins in self.plugins:  # a plugin's tests are not part of the build
            if path.startswith(plugins) and "tests" in path[len(plugins) :].split(os.sep)[1:]:
                return False
        return True


class Session:
    """Builds once, then again after every change, and tells open pages to reload."""

    def __init__(self, builder, output, cache, fallback_paths):
        self.builder = builder
        self.output = output
        self.cache = cache
        self.fallback_paths = fallback_paths  # watched even when the settings cannot be read
        self.loop = None
        self.files = {}  # {path: inode} of the output after the last build
        self.shown = None  # the same at the last reload of the open pages; None: an error page

    def run(self, loop):
        self.loop = loop
        self.builder.start()  # it reads the settings: what to watch
        pending = ([], "start")
        while True:
            watched = self.watched()
            sources = Sources(self.output, self.builder.paths.get("plugins", []), self.cache)
            # The first (empty) yield comes once the watcher runs: a build starts only then, so
            # a file saved during any build, the first included, is never missed.
            for changes in watchfiles.watch(
                *watched,
                watch_filter=sources,
                raise_interrupt=False,
                yield_on_timeout=True,
                rust_timeout=200,
            ):
                if pending:
                    self.build(*pending)
                    pending = None
                if changes:
                    self.build(sorted({path for _change, path in changes}))
                if self.watched() != watched:
                    # The settings moved PATH, THEME or PLUGIN_PATHS: watch the new ones, and
                    # build once more when that watcher runs.
                    pending = ([], "watching the folders the settings name")
                    break

    def watched(self):
        paths = self.builder.paths
        found = [paths.get("content"), paths.get("theme"), paths.get("settings")]
        found += [*paths.get("plugins", []), *self.fallback_paths]
        return sorted({os.path.abspath(path) for path in found if path and os.path.exists(path)})

    def code_changed(self, changed):
        """Whether the settings or a plugin's Python is not what the warm builder imported (the
        bytes, not the mtime: saving a file unchanged, or a checkout, restarts nothing)."""
        paths = self.builder.paths
        settings = paths.get("settings") or os.path.abspath(self.fallback_paths[0])
        plugins = tuple(os.path.join(folder, "") for folder in paths.get("plugins", []))
        return any(
            digest(path) != self.builder.code.get(path)
            for path in changed
            if path == settings or (path.startswith(plugins) and path.endswith(".py"))
        )

    def build(self, changed, reason=None):
        started = time.perf_counter()
        reason = reason or describe(changed)
        if self.code_changed(changed):  # stale code in the builder
            self.builder.stop()
            reason += "; new builder"

        def previewed(paths):
            reload_pages(self.loop)
            self.shown = inodes(self.output)
            feeds = [path for path in paths if path.endswith(".xml")]
            pages = [path for path in paths if path not in feeds]
            print(
                f"{time.strftime('%H:%M:%S')} preview in {time.perf_counter() - started:.2f} s: "
                f"{', '.join(pages)} and {len(feeds)} feeds; the full build follows",
                flush=True,
            )

        result = self.builder.build(changed, previewed)
        seconds = time.perf_counter() - started
        stamp = time.strftime("%H:%M:%S")
        if result["ok"]:
            # A written file is a new inode (atomic_output keeps a file whose bytes did not
            # change as it was): the open pages reload only when what they show changed.
            files, self.files = self.files, inodes(self.output)
            changed = self.shown is None or output_changed(self.output, self.shown, self.files)
            show_build(self.loop, reload=changed)  # the output, not an error page
            self.shown = self.files
            written = sum(1 for path, inode in self.files.items() if files.get(path) != inode)
            print(
                f"{stamp} built in {seconds:.2f} s, {written:,} files written, "
                f"{len(self.files):,} in the output ({reason})",
                flush=True,
            )
        elif result["code"] is None:  # Ctrl-C, or the builder died: the next change starts one
            print(f"{stamp} build interrupted after {seconds:.2f} s ({reason})", flush=True)
        else:
            if result["code"] < 0:  # killed by a signal: a crash, not a content error
                reason += f"; the build crashed with signal {-result['code']}"
            show_build(self.loop, error_page(result))
            self.shown = None
            print(
                f"{stamp} build failed in {seconds:.2f} s ({reason}): pages show the errors, "
                "the previous output stays; built again when a fix is saved",
                flush=True,
            )


def server_url(host, port):
    """The address a browser reaches the server at (FEED_DOMAIN of its builds): a wildcard
    address (every interface) is reached through loopback, an IPv6 address goes in brackets."""
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def inodes(folder):
    """{path: inode number} of every file under folder (from readdir: no stat calls)."""
    found, folders = {}, [folder]
    while folders:
        with suppress(OSError), os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                else:
                    found[entry.path] = entry.inode()
    return found


def describe(changed, shown=3):
    names = [display_path(path) for path in changed[:shown]]
    more = f" and {len(changed) - shown} more" if len(changed) > shown else ""
    return ", ".join(names) + more + " changed"


def main(args, pelican_args):
    """Serve and build until Ctrl-C; args are serve.py's, pelican_args the builds' command line."""
    output = os.path.abspath(args.output)
    settings = [args.settings] + ([args.content] if args.content else [])
    session = Session(Builder(pelican_args), output, os.path.abspath(args.cache_path), settings)

    def start(loop):
        print(
            f"Serving {display_path(output)} on http://{args.host}:{args.port}/ with live reload; "
            "building now and after every change (Ctrl-C stops)",
            flush=True,
        )
        threading.Thread(target=session.run, args=(loop,), daemon=True).start()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        LiveServer(on_listen=start).serve(port=args.port, host=args.host, root=output)
    finally:
        session.builder.stop(now=True)
    return 0
