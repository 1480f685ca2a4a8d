"""python-livereload internals the dev server builds on (plugins/tools/devserver/server.py).

livereload documents `Server(app, watcher)`, `watch()` and `serve()`; the dev server also needs
its own static handler, a script injected from the site's origin (the CSP forbids the inline
one), no polling and reloads it sends itself. All of that goes through undocumented parts,
gathered here. Checked by plugins/compat/tests/test_contract.py; pyproject.toml bounds
livereload below the next minor version.
"""

from livereload import Server
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher

__all__ = [
    "LiveReloadServer",
    "NoPollingWatcher",
    "StaticFileHandler",
    "live_reload_routes",
    "reload_all_pages",
    "script_injector",
]


class NoPollingWatcher(Watcher):
    """livereload's watcher minus its polling: the dev server says when to reload.

    Why: LiveReloadHandler.start_tasks polls every 800 ms unless `watcher.start(callback)`
    returns True (an undocumented hook meant for inotify watchers)."""

    def start(self, callback):
        return True


class LiveReloadServer(Server):
    """livereload's Server with two of its private hooks as named methods.

    `static_handler` (a subclass of StaticFileHandler) serves the files: Server routes every
    path to its `SFH` attribute. `setup_logging()` replaces the handlers Server.serve installs
    through its private `_setup_logging`."""

    static_handler = StaticFileHandler

    def __init__(self, watcher=None):
        super().__init__(watcher=watcher)
        self.SFH = self.static_handler

    def setup_logging(self):
        """Called by serve() instead of livereload's own logging set-up."""

    def _setup_logging(self):
        self.setup_logging()

    def attach_watcher(self, live_css=True):
        """What Server.application does before listening: the reload handler's class state.

        Why: LiveReloadHandler reads its watcher and live_css from class attributes."""
        LiveReloadHandler.watcher = self.watcher
        LiveReloadHandler.live_css = live_css


def live_reload_routes():
    """The websocket and the livereload.js routes of livereload's own application."""
    return [(r"/livereload", LiveReloadHandler), (r"/livereload.js", LiveReloadJSHandler)]


def script_injector(script):
    """A tornado output transform that puts `script` (bytes) before every page's </head>.

    Why: livereload's LiveScriptInjector does this for its inline script, reading the class
    attribute `script`; the site's CSP needs `<script src=...>` instead."""
    return type("Injector", (LiveScriptInjector,), {"script": script})


def reload_all_pages(loop):
    """Tell every open page to reload; safe to call from any thread.

    Why: LiveReloadHandler.reload_waiters is what livereload's own polling calls."""
    loop.add_callback(LiveReloadHandler.reload_waiters, "*")
