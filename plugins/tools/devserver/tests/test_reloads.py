"""One save, one reload: an open page is told to reload once per save, by the preview of an
edited body (the full build that follows writes the same bytes), or by the build; a save that
changes nothing in the output reloads nothing.

The page is a websocket speaking livereload's protocol. The server's answer to a `hello` sent
after the build's log line comes after any reload of that build (both go out on the server's
loop, the reload queued before the line is printed): the count is then complete, with no sleep.
"""

import asyncio
import json

from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from plugins.tools.devserver.tests.helpers import DEADLINE, POST, in_own_thread, save, wait_for

PROTOCOL = "http://livereload.com/protocols/official-7"
HELLO = json.dumps({"command": "hello", "protocols": [PROTOCOL]})


def reloads_per_save(devserver, saves):
    """[reload messages an open page got] for each of `saves` (functions that save a file),
    each counted once the build it starts has printed its line."""

    async def count():
        url = f"ws://127.0.0.1:{devserver.port}/livereload"
        socket = await websocket_connect(
            HTTPRequest(url, connect_timeout=DEADLINE, request_timeout=DEADLINE)
        )

        async def commands_until_hello():
            """The commands received up to the next answer to a hello, which is sent now."""
            await socket.write_message(HELLO)
            commands = []
            while True:
                message = await asyncio.wait_for(socket.read_message(), DEADLINE)
                command = json.loads(message)["command"]
                if command == "hello":
                    return commands
                commands.append(command)

        try:
            assert await commands_until_hello() == []
            # livereload.js sends `info` next: the server then counts the page as open.
            await socket.write_message(json.dumps({"command": "info", "url": devserver.url}))
            assert await commands_until_hello() == []
            counts = []
            for make_change in saves:
                built = devserver.builds("built in")
                make_change()
                done = lambda built=built: devserver.builds("built in") > built  # noqa: E731
                await asyncio.to_thread(wait_for, done, "the build")
                counts.append((await commands_until_hello()).count("reload"))
            return counts
        finally:
            socket.close()

    return in_own_thread(lambda: asyncio.run(count()))


def test_each_save_reloads_an_open_page_once(devserver):
    post = devserver.root / POST

    def edit_body():
        devserver.edit(POST, "The original text", "A previewed text")

    def edit_header():
        devserver.edit(POST, "Title: The first post", "Title: The first post, renamed")

    def save_unchanged():
        save(post, post.read_text(encoding="utf-8"))

    assert reloads_per_save(devserver, [edit_body, edit_header, save_unchanged]) == [1, 1, 0]
    log = devserver.log()
    assert log.count(" preview in ") == 1  # the body's edit was previewed, then built
    assert devserver.builds("built in") == 4  # the first build and one a save
