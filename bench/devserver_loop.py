"""The edit loop of `make bench` with `make devserver` running: seconds from saving a post until
its new page and the feed are served (bench/run.py, step 3)."""

import json
import shutil
import socket
import subprocess
import time

from measuring import PELICAN, SITE, BuildFailed


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise BuildFailed(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.01)


def read_or_empty(path):
    """The text of `path`, "" while it is missing (between the two renames of a swap)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def full_builds(work):
    """How many builds the dev server has finished (one line each in its log)."""
    return read_or_empty(work / "devserver.log").count(" built in ")


def devserver_edit_loop(work, post, runs):
    """`make devserver` on the corpus: seconds from saving the post to its page and the feed
    being rewritten, while the dev server (warm builder, content cache) runs."""
    original = post.read_text(encoding="utf-8")
    output = work / "out-devserver"
    page = output / "posts" / post.parent.name / post.stem / "index.html"
    feed = output / "feeds" / "all.atom.xml"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(work / "devserver-cache", ignore_errors=True)
    cmd = [
        *PELICAN[:1], str(SITE / "plugins" / "tools" / "devserver" / "serve.py"),
        str(work / "content"),
        "-s", str(SITE / "pelicanconf.py"), "-o", str(output), "--port", str(free_port()),
        "--cache-path", str(work / "devserver-cache"),
        "-e", f"URL_LOCK_FILE={json.dumps(str(work / 'urls.lock'))}",
    ]  # fmt: skip
    results = []
    with open(work / "devserver.log", "w") as log:
        server = subprocess.Popen(cmd, cwd=SITE, stdout=log, stderr=subprocess.STDOUT)
        try:
            print("edit loop, dev server: first build ...", flush=True)
            wait_for(lambda: full_builds(work), 600, "the first build")
            for run in range(runs):
                marker = f"number {run + 1}, to time the dev server"
                builds = full_builds(work)
                saved = time.time()
                post.write_text(original + f"\nAn edit, {marker}.\n", encoding="utf-8")
                wait_for(lambda m=marker: m in read_or_empty(page), 300, "the edit")
                wait_for(lambda t=saved: feed.is_file() and feed.stat().st_mtime >= t, 60, "feed")
                # wall: when the new page and feed could be read in output/ (they appear
                # together, when the build is swapped in); *_at: when they were written.
                result = {"wall": time.time() - saved, "page_at": page.stat().st_mtime - saved}
                result["feed_at"] = feed.stat().st_mtime - saved
                results.append(result)
                print(f"  edit {run + 1}: page and feed served after {result['wall']:.2f} s")
                # The dev server previews an edited body, then builds the whole site: wait for
                # that build, as a writer looks at the page before editing again.
                wait_for(lambda n=builds: full_builds(work) > n, 600, "the full build")
        finally:
            server.terminate()
            server.wait(timeout=30)
            post.write_text(original, encoding="utf-8")
    return results
