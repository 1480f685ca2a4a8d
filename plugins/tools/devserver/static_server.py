"""`make serve`: the built output folder on HOST:PORT, answered as the site's host answers it.

    python -m plugins.tools.devserver.static_server --host 127.0.0.1 --port 8000 output

Pelican's `pelican --listen` answers a path it cannot find with an empty response: no status
line a browser shows, no page. Here a missing path gets the site's own 404.html with status 404,
as GitHub Pages serves it (and as `make devserver` does: server.py's OutputHandler). Everything
else is the standard library's file server: `/x/` serves `x/index.html`, `/x` redirects to `/x/`.
"""

import argparse
import socket
import sys
from contextlib import suppress
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from plugins.tools.devserver.devserver import server_url


class SiteHandler(SimpleHTTPRequestHandler):
    """Files of `directory`, never cached (the next `make serve` rewrites them), and its
    404.html for a path that is not there."""

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory, "404.html")
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


def make_server(folder, host, port):
    """A server of `folder` on host:port (port 0: any free port), not yet serving."""
    server_class = ThreadingHTTPServer
    if ":" in host:  # an IPv6 address such as ::
        server_class = type(
            "IPv6Server", (ThreadingHTTPServer,), {"address_family": socket.AF_INET6}
        )
    handler = partial(SiteHandler, directory=str(Path(folder).resolve()))
    return server_class((host, port), handler)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="output", help="the built site")
    parser.add_argument("-b", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not Path(args.output, "index.html").is_file():
        print(
            f"serve: {args.output}/index.html does not exist (build the site first)",
            file=sys.stderr,
        )
        return 1
    with make_server(args.output, args.host, args.port) as server:
        print(f"Serving {args.output}/ on {server_url(args.host, args.port)}/ (Ctrl-C to stop)")
        with suppress(KeyboardInterrupt):  # Ctrl-C ends it without a traceback
            server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
