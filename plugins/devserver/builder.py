"""The warm builder of `make devserver`: Pelican and the plugins imported once, a fork a build.

devserver.py runs it as `python builder.py RESULT_FD PELICAN_ARGUMENT...`. It imports Pelican,
the plugins in PLUGINS and the Markdown extensions, tells the server what to watch, then builds
once for every line it reads on stdin and answers one JSON line on RESULT_FD.

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


def build(argv):
    """Fork a child that builds the site; wait for it and say how it went."""
    pid = os.fork()
    if pid == 0:  # the child: build, and never return into the builder's loop
        code = 1
        try:
            code = run_pelican(argv)
        finally:
            atexit._run_exitfuncs()  # atomic_output throws away an unfinished staging folder
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    code = None
    try:
        code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    finally:
        if code is None:  # interrupted (Ctrl-C, the server stopping): the child stops too
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
    return {"ok": code == 0, "code": code}


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
    for _request in sys.stdin:
        results.write(json.dumps(build(argv)) + "\n")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt, BrokenPipeError):
        main()
