"""The dev server, run as `make devserver` runs it, on a tiny site copied into a temporary folder
(helpers.py; the `devserver` fixture is in conftest.py).

Every wait ends on an event; helpers.DEADLINE only guards against a hang, so a slow or busy
machine makes a test slower, never red.
"""

import asyncio
import json
import re
import subprocess
import sys

import pytest
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from plugins.tools.devserver.tests.helpers import (
    DEADLINE,
    POST,
    POST_URL,
    browser_context,
    in_own_thread,
    save,
    wait_for,
    wait_until_live,
)

PROTOCOL = "http://livereload.com/protocols/official-7"


def test_an_edited_post_is_served_rebuilt(devserver):
    # What a build does not read is not watched: editor files, a plugin's tests, the output.
    (devserver.root / "content/posts/2025/.first-post.md.swp").write_bytes(b"vim")
    (devserver.root / "content/posts/2025/4913").write_bytes(b"")
    (devserver.root / "plugins/devserver_probe/tests").mkdir()
    (devserver.root / "plugins/devserver_probe/tests/test_new.py").write_text("", encoding="utf-8")
    (devserver.root / "output/stray.txt").write_text("", encoding="utf-8")
    devserver.edit(POST, "The original text", "The edited text")

    wait_for(lambda: devserver.shows(POST_URL, "The edited text of the first post."), "the edit")
    wait_for(lambda: devserver.builds("built in") >= 2, "the line of the build")
    # One line per build: what changed, how long it took, how many files were written. (The
    # second build passing also shows that devserver_probe found no state left by the first.)
    lines = devserver.log().splitlines()
    assert devserver.builds("built in") == 2, lines
    files = sum(1 for path in (devserver.root / "output").rglob("*") if path.is_file())
    changed = re.escape("(content/posts/2025/first-post.md changed)")
    written = r"\d+ files written"  # all of them, or the changed ones: see atomic_output
    assert re.fullmatch(
        rf"\d\d:\d\d:\d\d built in \d+\.\d\d s, {written}, {files} in the output {changed}",
        lines[-1],
    )


def test_an_edited_body_is_previewed_then_built(devserver):
    devserver.edit(POST, "The original text", "A previewed text")
    wait_for(lambda: devserver.builds("built in") == 2, "the full build")
    lines = devserver.log().splitlines()
    preview = next(i for i, line in enumerate(lines) if " preview in " in line)
    previewed = r" preview in \d+\.\d\d s: posts/2025/first-post/index.html and (\d+) feeds; "
    assert re.search(previewed + "the full build follows$", lines[preview]), lines[preview]
    # Atom and RSS of the site, its category and its tag (no topics or members plugin here).
    assert re.search(previewed, lines[preview])[1] == "6"
    assert " built in " in lines[-1] and preview < len(lines) - 1
    assert devserver.shows(POST_URL, "A previewed text of the first post.")
    assert devserver.shows("/feeds/all.atom.xml", "A previewed text of the first post.")


def test_an_edited_header_is_built_without_a_preview(devserver):
    devserver.edit(POST, "Title: The first post", "Title: The first post, renamed")
    wait_for(lambda: devserver.builds("built in") == 2, "the full build")
    assert " preview in " not in devserver.log()
    assert devserver.shows("/", "The first post, renamed")


def test_a_plugin_change_restarts_the_builder(devserver):
    plugin = devserver.root / "plugins/devserver_probe/__init__.py"
    save(plugin, plugin.read_text(encoding="utf-8") + "\n# changed\n")
    restarted = "(plugins/devserver_probe/__init__.py changed; new builder)"
    wait_for(lambda: restarted in devserver.log(), "the build with a new builder")
    # Saved again with the same bytes: the builder's code is not stale, no restart.
    save(plugin, plugin.read_text(encoding="utf-8"))
    wait_for(lambda: devserver.builds("built in") == 3, "the next build")
    assert devserver.log().count("new builder") == 1


def test_open_pages_are_told_to_reload_after_a_build(devserver):
    async def reload_message():
        url = f"ws://127.0.0.1:{devserver.port}/livereload"  # tornado's default timeouts: 20 s
        socket = await websocket_connect(
            HTTPRequest(url, connect_timeout=DEADLINE, request_timeout=DEADLINE)
        )

        async def message():
            return json.loads(await asyncio.wait_for(socket.read_message(), DEADLINE))

        try:
            hello = {"command": "hello", "protocols": [PROTOCOL]}
            await socket.write_message(json.dumps(hello))
            assert (await message())["command"] == "hello"
            # livereload.js sends `info` next; the server then counts the page as open. A second
            # hello's answer shows that the info has been handled, so the edit comes after it.
            await socket.write_message(json.dumps({"command": "info", "url": devserver.url}))
            await socket.write_message(json.dumps(hello))
            assert (await message())["command"] == "hello"
            devserver.edit(POST, "The original text", "Text for the reload")
            return await message()
        finally:
            socket.close()

    message = in_own_thread(lambda: asyncio.run(reload_message()))
    assert message["command"] == "reload"
    # The reload follows the build that wrote the page.
    assert devserver.shows(POST_URL, "Text for the reload of the first post.")


def test_the_script_tag_comes_from_the_same_origin_for_the_sites_csp(unedited_devserver):
    server = unedited_devserver
    status, body = server.get(POST_URL)
    assert status == 200
    assert f'<script src="/livereload.js?port={server.port}"></script></head>' in body
    assert "script-src 'self'" in body  # the production policy, unchanged
    assert server.get("/livereload.js")[0] == 200


def test_a_content_error_keeps_the_output_and_shows_the_errors_until_fixed(devserver):
    bad = devserver.root / "content/posts/2025/new-post.md"
    text = (devserver.root / POST).read_text(encoding="utf-8")
    save(bad, text.replace("2025-03-01 10:00", "next tuesday"))
    devserver.edit(POST, "The original text", "Text saved with the error")

    wait_for(lambda: devserver.builds("build failed in"), "the failed build")
    log = devserver.log()
    problem = "content/posts/2025/new-post.md:2: Date 'next tuesday' is not an ISO 8601 date"
    assert problem in log
    assert "Traceback" not in log
    assert "pages show the errors, the previous output stays" in log
    assert devserver.process.poll() is None
    # The previous output, as it was: the edit of the same save is not in it either.
    assert "The original text of the first post." in output_page(devserver, POST_URL)
    # Every page, even one that does not exist yet, is the error page; assets are served.
    for path in (POST_URL, "/", "/posts/2025/new-post/", "/about/index.html"):
        status, body = devserver.get(path)
        assert status == 500 and "<h1>The content needs fixing</h1>" in body, path
        assert problem.replace("'", "&#x27;") in body, path
    assert devserver.shows("/feeds/all.atom.xml", "The original text of the first post.")

    save(bad, text.replace("The first post", "A new post"))
    wait_for(lambda: devserver.shows("/posts/2025/new-post/", "A new post"), "the fixed post")
    assert devserver.shows(POST_URL, "Text saved with the error of the first post.")


def test_a_crashed_build_does_not_stop_the_server(devserver):
    devserver.edit(POST, "The original text", "CRASH-THE-BUILD")
    wait_for(lambda: devserver.builds("build failed in"), "the crashed build")
    assert "; the build crashed with signal 6)" in devserver.log()
    assert " preview in " in devserver.log()  # shown before the build crashed, then undone
    assert "The original text of the first post." in output_page(devserver, POST_URL)
    status, body = devserver.get(POST_URL)
    assert status == 500 and "The build crashed with signal 6." in body

    devserver.edit(POST, "CRASH-THE-BUILD", "Text after the crash")
    wait_for(lambda: devserver.builds("built in") == 2, "the next build")
    assert devserver.shows(POST_URL, "Text after the crash")
    assert not list(devserver.root.glob(".output-staging-*"))  # the crash's staging is gone


def output_page(devserver, url):
    return (devserver.root / "output" / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_a_settings_change_restarts_the_builder(devserver):
    devserver.edit("pelicanconf.py", "Devserver test", "Renamed site")
    wait_for(lambda: devserver.shows(POST_URL, "Renamed site"), "the new settings")
    restarted = "(pelicanconf.py changed; new builder)"
    wait_for(lambda: restarted in devserver.log(), "the line of the build")


def open_and_edit(devserver, browser, console, sockets):
    with browser_context(browser) as context:
        page = context.new_page()
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.on("websocket", lambda socket: sockets.append(socket.url))
        page.goto(devserver.url + POST_URL)
        wait_until_live(page)  # livereload.js has opened its websocket and said hello
        assert sockets, "livereload.js is connected, but no websocket was seen"
        with page.expect_navigation(timeout=DEADLINE * 1000):
            devserver.edit(POST, "The original text", "Text the browser reloads")
        page.wait_for_selector("text=Text the browser reloads", timeout=DEADLINE * 1000)


@pytest.mark.browser
def test_the_browser_connects_under_the_csp_and_reloads(devserver, browser):
    console, sockets = [], []
    open_and_edit(devserver, browser, console, sockets)
    assert sockets == [f"ws://127.0.0.1:{devserver.port}/livereload"] * len(sockets)
    assert console == [], console  # no CSP violation, no failed load


def test_the_serving_process_imports_no_pelican():
    """devserver.py's promise: the process that serves and watches imports no Pelican (nor the
    plugins), so a change to them never leaves it stale, and `make serve` starts sooner."""
    code = "import sys, plugins.tools.devserver.serve; print(sorted(m for m in sys.modules"
    code += " if m.split('.')[0] in ('pelican', 'markdown', 'jinja2')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
