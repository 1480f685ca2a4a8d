"""`make serve` and `make devserver` answer a path that is not there with the site's 404.html and
status 404 (Pelican's own `pelican --listen` sends an empty response)."""

import threading
import urllib.error
import urllib.request

from conftest import build_ok
from plugins.tools.devserver.static_server import make_server
from plugins.tools.devserver.tests.helpers import DEADLINE, POST_URL, TEST_DATA

MISSING = "/posts/2025/no-such-post/"


def fetch(url, method="GET"):
    """(status, body bytes) of one request."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=DEADLINE) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_make_serve_answers_a_missing_path_with_the_404_page(tmp_path):
    output = tmp_path / "output"
    build_ok(TEST_DATA / "pelicanconf.py", output)
    not_found = (output / "404.html").read_bytes()
    assert b"Page not found" in not_found
    with make_server(output, "127.0.0.1", 0) as server:
        serving = threading.Thread(target=server.serve_forever, daemon=True)
        serving.start()
        try:
            address = f"http://127.0.0.1:{server.server_address[1]}"
            assert fetch(address + MISSING) == (404, not_found)
            assert fetch(address + "/no-such-file.css") == (404, not_found)
            assert fetch(address + MISSING, "HEAD") == (404, b"")
            status, body = fetch(address + POST_URL)
            assert status == 200 and body == (output / POST_URL[1:] / "index.html").read_bytes()
            assert fetch(address + POST_URL.rstrip("/"))[0] == 200  # redirected to the folder
        finally:
            server.shutdown()
            serving.join()


def test_make_devserver_answers_a_missing_path_with_the_404_page(unedited_devserver):
    server = unedited_devserver
    status, body = server.get(MISSING)
    assert status == 404
    # The page as built, with the live-reload script every served page gets.
    script = f'<script src="/livereload.js?port={server.port}"></script>'
    assert script in body
    assert body.replace(script, "") == (server.root / "output/404.html").read_text("utf-8")
    assert "Page not found" in body
