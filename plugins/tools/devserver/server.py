"""The HTTP side of `make devserver`: python-livereload's Server, fitted to this site.

- The site's Content-Security-Policy (theme/templates/partials/csp.html) allows scripts from its
  own origin only. livereload injects an inline `<script>` that writes the script tag, which that
  policy blocks; LiveServer injects `<script src="/livereload.js?port=PORT">` instead, served by
  this server, and the script's websocket goes to the same host and port (connect-src 'self').
- livereload polls the files it watches every 800 ms; here it watches nothing (NoPollingWatcher):
  the dev server sends the reload itself after a preview and after a build that changed what
  the open pages show (output_changed): one reload per save.
livereload's undocumented parts used here (its handlers, SFH, the script injector, the reload
call) are in plugins/compat/livereload.py.
- The output folder is served without caching and with the site's 404.html.
- While the last build is failing, every request for a page (a path ending in `/` or `.html`,
  or with no extension) is answered with the build's error page (failure.py) and status 500,
  whatever the output holds; assets are still served. show_build() switches it on and off and
  reloads the open pages, which, live-reloading like any page, come back once a build succeeds.
"""

import logging
import os
from datetime import UTC, datetime

from tornado import web
from tornado.ioloop import IOLoop

from plugins.compat.livereload import (
    LiveReloadServer,
    NoPollingWatcher,
    StaticFileHandler,
    live_reload_routes,
    reload_all_pages,
    script_injector,
)

from .failure import ICON, ICON_URL, POLICY, STYLESHEET, STYLESHEET_URL


class OutputHandler(StaticFileHandler):
    """The output folder: never cached (builds rewrite it), the site's 404.html when not found.

    A file is opened once per request and its size, date and bytes all come from that one open:
    tornado's handler stats the path and then opens it again, and a build swapped in between
    made it announce the old file's length and send the new file's bytes (IncompleteRead).
    """

    def snapshot(self):
        """(stat, bytes) of the requested file, read once."""
        if getattr(self, "_snapshot", None) is None:
            with open(self.absolute_path, "rb") as file:
                self._snapshot = (os.fstat(file.fileno()), file.read())
        return self._snapshot

    def get_content_size(self):
        return len(self.snapshot()[1])

    def get_modified_time(self):
        return datetime.fromtimestamp(self.snapshot()[0].st_mtime, UTC)

    def get_content(self, abspath, start=None, end=None):
        return self.snapshot()[1][start:end]

    def compute_etag(self):
        return None  # never cached, never a 304: no version to compute

    failure_page = None  # the error page while the last build failed (show_build)

    async def get(self, path, include_body=True):
        page = OutputHandler.failure_page
        if page is None or not is_page(path):
            return await super().get(path, include_body)
        self.set_status(500, "Build failed")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy", POLICY)
        self.set_header("Cache-Control", "no-store")
        self.finish(page if include_body else b"")
        return None

    def set_extra_headers(self, path):
        self.set_header("Cache-Control", "no-cache")

    def write_error(self, status_code, **kwargs):
        page = os.path.join(self.root, "404.html")
        if status_code != 404 or not os.path.isfile(page):
            return super().write_error(status_code, **kwargs)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        with open(page, "rb") as body:
            self.finish(body.read())
        return None


def is_page(path):
    """Whether a request for `path` (relative, as routed) asks for a page, not an asset."""
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith((".html", ".htm")) or "." not in last


class ErrorPageAsset(web.RequestHandler):
    """The error page's stylesheet or icon, from this origin (its policy allows no other)."""

    def initialize(self, body, content_type):
        self.body = body
        self.content_type = content_type

    def get(self):
        self.set_header("Content-Type", self.content_type)
        self.set_header("Cache-Control", "no-cache")
        self.finish(self.body)


class LiveServer(LiveReloadServer):
    """Serves `root` on host:port with live reload; on_listen(loop) is called once listening."""

    static_handler = OutputHandler

    def __init__(self, on_listen):
        super().__init__(watcher=NoPollingWatcher())
        self.on_listen = on_listen

    def application(self, port, host, liveport=None, debug=None, live_css=True):
        self.attach_watcher(live_css)
        # From this origin, not inline: the site's script-src 'self' allows it.
        Injector = script_injector(f'<script src="/livereload.js?port={port}"></script>'.encode())
        live = live_reload_routes()
        live += [
            (STYLESHEET_URL, ErrorPageAsset, {"body": STYLESHEET, "content_type": "text/css"}),
            (ICON_URL, ErrorPageAsset, {"body": ICON, "content_type": "image/svg+xml"}),
        ]
        handlers = live + self.get_web_handlers(Injector.script)
        web.Application(handlers, transforms=[Injector]).listen(port, address=host)
        self.on_listen(IOLoop.current())

    def setup_logging(self):
        """The dev server prints one line a build; tornado's and livereload's INFO stay quiet, and
        so does the access log (404s are warnings, the error pages of a failed build 500s);
        errors of the server itself (tornado.application) are still printed."""
        logging.getLogger("tornado.access").setLevel(logging.CRITICAL)


def reload_pages(loop):
    """Tell every open page to reload; safe to call from any thread."""
    reload_all_pages(loop)


# The search index (plugins/outputs/search's SEARCH_INDEX_FOLDER): a page fetches it only when its
# reader
# searches, so a new index is no reason to reload the page being read.
FETCHED_ON_SEARCH = "pagefind/"


def output_changed(output, shown, files):
    """Whether the output folder (`files`, {path: inode}) differs from the one the open pages
    show (`shown`, the same at their last reload) by more than the search index. A file rewritten
    with the same bytes keeps its inode (atomic_output): after a preview, the full build that
    writes the previewed page and feeds again, byte for byte, changes nothing a reader sees."""
    differ = {path for path in shown.keys() | files.keys() if shown.get(path) != files.get(path)}
    return any(not os.path.relpath(path, output).startswith(FETCHED_ON_SEARCH) for path in differ)


def show_build(loop, failure_page=None, reload=True):
    """Serve the output (None) or `failure_page` for every page, then reload the open pages
    (unless not `reload`); safe to call from any thread (both run on the server's loop, in this
    order)."""
    loop.add_callback(setattr, OutputHandler, "failure_page", failure_page)
    if reload:
        reload_pages(loop)
