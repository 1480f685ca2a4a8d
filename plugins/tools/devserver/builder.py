"""The warm builder of `make devserver`: Pelican and the plugins imported once, a fork a build.

devserver.py runs it as `python -m plugins.tools.devserver.builder RESULT_FD PELICAN_ARGUMENT...`.
It
imports Pelican, the plugins in PLUGINS and the Markdown extensions, tells the server what to
watch, then builds once for every line it reads on stdin (a JSON list of the files that changed)
and answers a JSON line on RESULT_FD: {"ok", "code", "errors", "content_errors"} for the build (the
errors that stopped it, for the browser), preceded by {"preview": [...]} when the process of the
last good build could write a preview of the edited posts first (preview.py).

Each build runs in a child forked from here, so it starts with everything imported but nothing
run: the child calls `pelican.main()` with the arguments of `make html` (settings read again,
`--fatal errors`, plugins registered afresh) and exits. A content error is printed by the plugins
as `path:line: problem (how to fix)`, and sent to the server with the result (failure.py), which
shows it in the browser; atomic_output leaves the previous output as it was. Plugin state, signal
receivers, Pelican's log de-duplication: nothing one build leaves behind reaches the next, and a
crash only loses that build.

Drafts are previewed: the builds render them at the address they will have once published
(DRAFT_SAVE_AS and DRAFT_URL set to the article and page patterns of the settings, unless given
with -e), where the theme marks them "Draft: not published". `make html` and `make publish` keep
the settings' DRAFT_SAVE_AS of "", so a draft is never in the site; Pelican lists drafts in no
feed or index, and plugins/outputs/sitemap leaves them out of the sitemap and the theme out of the
search.

This process is single-threaded (forking is safe) and never builds itself; devserver.py starts a
new one when a plugin or the settings file changes, since the imported code is then stale.
"""

import contextlib
import gc
import json
import logging
import os
import signal
import sys

import markdown
import pelican
from pelican.log import console
from pelican.readers import MarkdownReader
from pelican.settings import read_settings
from rich.console import Console
from rich.logging import RichHandler

import plugins
from plugins.compat import (
    forget_shown_warnings,
    import_plugin,
    markdown_settings,
    run_exit_handlers,
    use_rich_log_handler,
)
from plugins.model.digests import installed_versions
from plugins.tools.devserver.failure import BuildErrors
from plugins.tools.devserver.preview import Preview


def preload(argv):
    """Import what every build imports; return the folders and files the server must watch."""
    args = pelican.parse_arguments(argv)
    settings = read_settings(args.settings, override=pelican.get_config(args))
    for name in settings.get("PLUGINS") or []:
        # A plugin that fails to import is imported again by the build, which reports it.
        with contextlib.suppress(Exception):
            import_plugin(name, settings.get("PLUGIN_PATHS", []))
    # Imports the extensions (and Pygments with them) as Pelican's Markdown reader configures them
    markdown.Markdown(**markdown_settings(settings))
    installed_versions()  # read once, kept by each forked build (the caches' keys)
    return {
        "content": settings["PATH"],
        "theme": settings["THEME"],
        # The site's plugins package, and any folder of PLUGIN_PATHS (test helpers)
        "plugins": [*plugins.__path__, *settings.get("PLUGIN_PATHS", [])],
        "settings": os.path.abspath(args.settings) if args.settings else None,
        "drafts": draft_settings(settings, args.overrides or {}),
    }


# Where a draft is written in the dev server's builds: where it will be once published.
DRAFT_PATTERNS = {
    "DRAFT_URL": "ARTICLE_URL",
    "DRAFT_SAVE_AS": "ARTICLE_SAVE_AS",
    "DRAFT_LANG_URL": "ARTICLE_LANG_URL",
    "DRAFT_LANG_SAVE_AS": "ARTICLE_LANG_SAVE_AS",
    "DRAFT_PAGE_URL": "PAGE_URL",
    "DRAFT_PAGE_SAVE_AS": "PAGE_SAVE_AS",
    "DRAFT_PAGE_LANG_URL": "PAGE_LANG_URL",
    "DRAFT_PAGE_LANG_SAVE_AS": "PAGE_LANG_SAVE_AS",
}


def draft_settings(settings, overrides):
    """{DRAFT_*: the published pattern}, minus the settings given on the command line; and
    `make newpost`'s placeholders allowed, so an unfinished post can be previewed."""
    found = {
        draft: settings[published]
        for draft, published in DRAFT_PATTERNS.items()
        if draft not in overrides and settings.get(published)
    }
    if "CONTENT_GUARD_ALLOW_PLACEHOLDERS" not in overrides:
        found["CONTENT_GUARD_ALLOW_PLACEHOLDERS"] = True
    return found


def with_settings(argv, extra):
    """argv with `extra` settings added to its -e (pelican keeps only the last -e given), before
    the ones there, so that those win."""
    items = [f"{key}={json.dumps(value)}" for key, value in extra.items()]
    if not items:
        return argv
    if "-e" in argv:
        at = argv.index("-e") + 1
        return [*argv[:at], *items, *argv[at:]]
    return [*argv, "-e", *items]


def run_pelican(argv, errors):
    """The build, in the child: `pelican ARGV` as make html runs it; returns its exit code.
    `errors` (a BuildErrors) collects what stopped the build, for the browser."""
    console.quiet = True  # Pelican's "Done: ..." and spinner; the server prints one line a build
    handler = RichHandler(console=Console(stderr=True))
    handler.addFilter(errors)
    use_rich_log_handler(handler)
    logging.getLogger("pelican").addFilter(errors)  # before error_report's, added by the build
    forget_shown_warnings()  # a warning the builder saw is not "already shown"
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
            replies = os.fdopen(reply_write, "w", buffering=1)
            self.child(argv, os.fdopen(request_read), replies, BuildErrors())
        os.close(request_read)
        os.close(reply_write)
        self.requests = os.fdopen(self.request_write, "w", buffering=1)
        self.replies = os.fdopen(self.reply_read)

    @staticmethod
    def child(argv, requests, replies, errors):
        code = 1
        try:
            state = Preview()
            state.connect()
            code = run_pelican(argv, errors)
            run_exit_handlers()  # atomic_output throws away an unfinished staging folder
            replies.write(json.dumps({"code": code, **errors.result()}) + "\n")
            if code == 0:
                for request in requests:  # until the builder closes the pipe
                    replies.write(json.dumps(make_preview(state, json.loads(request))) + "\n")
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def result(self):
        """Wait for the build: {"ok", "code", "errors", ...}; a failed build's process is gone
        afterwards."""
        code, reply = None, {}
        try:
            line = self.replies.readline()
            reply = json.loads(line) if line else {"code": self.wait()}  # no line: it crashed
            code = reply["code"]
        finally:
            if code is None:  # interrupted (Ctrl-C, the server stopping): the child stops too
                self.stop()
        if code != 0:
            self.stop()
        return {**reply, "ok": code == 0, "code": code}

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
    argv = with_settings(argv, paths.pop("drafts", {}))
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
