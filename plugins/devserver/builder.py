"""The warm builder of `make devserver`: Pelican and the plugins imported once, a fork a build.

devserver.py runs it as `python builder.py RESULT_FD PELICAN_ARGUMENT...`. It imports Pelican,
the plugins in PLUGINS and the Markdown extensions, tells the server what to watch, then builds
once for every line it reads on stdin (a JSON list of the files that changed) and answers a JSON
line on RESULT_FD: {"ok", "code"} for the build, preceded by {"preview": [...]} when the process
of the last good build could write a preview of the edited posts first (preview.py).

Each build runs in a child forked from here, so it starts with everything imported but nothing
run: the child calls `pelican.main()` with the arguments of `make html` (settings read again,
`--fatal errors`, plugins registered afresh) and exits. A content error is printed by the plugins
as `path:line: problem (how to fix)`; atomic_output leaves the previous output as it was. Plugin
state, signal receivers, Pelican's log de-duplication: nothing one build leaves behind reaches
the next, and a crash only loses that build.

This process is single-threaded (forking is safe) and never builds itself; devserver.py starts a
new one when a plugin or the settings file changes, since the imported code is then stale.
"""

import atexit
import contextlib
import gc
import json
import os
import signal
import sys

from preview import Preview  # next to this file  # isort: skip

if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]  # this folder is not a package root; plugins come from PLUGIN_PATHS

import markdown
import pelican
from pelican.log import LimitFilter, console
from pelican.plugins._utils import load_legacy_plugin
from pelican.readers import MarkdownReader
from pelican.settings import read_settings
from rich.console import Console
from rich.logging import RichHandler


def preload(argv):
    """Import what every build imports; return the folders and files the server must watch."""
    args = pelican.parse_arguments(argv)
    settings = read_settings(args.settings, override=pelican.get_config(args))
    for name in settings.get("PLUGINS") or []:
        # A plugin that fails to import is imported again by the build, which reports it.
        with contextlib.suppress(Exception):
            load_legacy_plugin(name, settings.get("PLUGIN_PATHS", []))
    MarkdownReader(settings)  # fills in MARKDOWN["extensions"]
    markdown.Markdown(**settings["MARKDOWN"])  # imports the extensions, and Pygments with them
    return {
        "content": settings["PATH"],
        "theme": settings["THEME"],
        "plugins": settings.get("PLUGIN_PATHS", []),
        "settings": os.path.abspath(args.settings) if args.settings else None,
    }


def run_pelican(argv):
    """The build, in the child: `pelican ARGV` as make html runs it; returns its exit code."""
    console.quiet = True  # Pelican's "Done: ..." and spinner; the server prints one line a build
    pelican.LOG_HANDLERS["rich"] = RichHandler(console=Console(stderr=True))
    LimitFilter._raised_messages.clear()  # a warning the builder saw is not "already shown"
    LimitFilter._group_count.clear()
    try:
        pelican.main(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    return 0


class BuildProcess:
    """A forked child that builds the site and, when the build succeeded, stays to make previews
    (preview.py) from that build's state until the next successful build replaces it."""

    def __init__(self, argv):
        request_read, self.request_write = os.pipe()
        self.reply_read, reply_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into the builder's loop
            os.close(self.request_write)
            os.close(self.reply_read)
            self.child(argv, os.fdopen(request_read), os.fdopen(reply_write, "w", buffering=1))
        os.close(request_read)
        os.close(reply_write)
        self.requests = os.fdopen(self.request_write, "w", buffering=1)
        self.replies = os.fdopen(self.reply_read)

    @staticmethod
    def child(argv, requests, replies):
        code = 1
        try:
            state = Preview()
            state.connect()
            code = run_pelican(argv)
            atexit._run_exitfuncs()  # atomic_output throws away an unfinished staging folder
            replies.write(json.dumps({"code": code}) + "\n")
            if code == 0:
                for request in requests:  # until the builder closes the pipe
                    replies.write(json.dumps(make_preview(state, json.loads(request))) + "\n")
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def result(self):
        """Wait for the build: {"ok", "code"}; a failed build's process is gone afterwards."""
        code = None
        try:
            line = self.replies.readline()
            code = json.loads(line)["code"] if line else self.wait()  # no line: it crashed
        finally:
            if code is None:  # interrupted (Ctrl-C, the server stopping): the child stops too
                self.stop()
        if code != 0:
            self.stop()
        return {"ok": code == 0, "code": code}

    def preview(self, changed):
        """Ask for a preview of `changed` (a list of paths), or "undo" the last one."""
        try:
            self.requests.write(json.dumps(changed) + "\n")
            line = self.replies.readline()
        except (BrokenPipeError, ValueError):
            line = ""
        return json.loads(line) if line else {"preview": None, "why": "no build process"}

    def wait(self):
        return os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])

    def stop(self):
        for stream in (self.requests, self.replies):
            with contextlib.suppress(OSError):
                stream.close()
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGTERM)
            self.wait()


def make_preview(state, request):
    try:
        return state.undo() if request == "undo" else state.update(request)
    except Exception as error:  # the full build that follows reports the problem properly
        return {"preview": None, "why": f"{type(error).__name__}: {error}"}


def previewable(changed, content):
    markdown_files = tuple(f".{ext}" for ext in MarkdownReader.file_extensions)
    inside = os.path.join(os.path.abspath(content or "."), "")
    return bool(changed) and all(
        path.endswith(markdown_files) and os.path.abspath(path).startswith(inside)
        for path in changed
    )


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    results = os.fdopen(int(sys.argv[1]), "w", buffering=1)
    argv = sys.argv[2:]
    try:
        paths = preload(argv)
    except Exception as error:  # a broken settings file: each build reports it, until fixed
        print(f"devserver: cannot read the settings: {error}", file=sys.stderr)
        paths = {}
    gc.freeze()  # what is imported now is shared with every child, not copied into it
    results.write(json.dumps(paths) + "\n")
    last_good = None  # the process of the last successful build, which makes previews
    try:
        for request in sys.stdin:  # a JSON list of the changed files
            changed = json.loads(request)
            previewed = None
            if last_good and previewable(changed, paths.get("content")):
                previewed = last_good.preview(changed)
                results.write(json.dumps(previewed) + "\n")
            process = BuildProcess(argv)
            result = process.result()
            if result["ok"]:
                if last_good:
                    last_good.stop()
                last_good = process
            elif previewed and previewed.get("preview"):
                last_good.preview("undo")  # keep serving the last good build, unpreviewed
            results.write(json.dumps(result) + "\n")
    finally:
        if last_good:
            last_good.stop()


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt, BrokenPipeError):
        main()
