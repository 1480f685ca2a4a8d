"""`make list-archive` (python -m plugins.tools.list_download) against a pipermail archive
served on loopback from fixture files: no other network is used."""

import gzip
import http.server
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

import pytest

from conftest import ROOT
from plugins.guard.content_guard.tests.helpers import run_main_in_fork
from plugins.tools import list_download as download_command
from plugins.tools.list_download import DownloadError, download, month_files

# The mailing list plugin's fixture archives (plugins/kinds/mailing_list/tests/test_data).
FIXTURES = (
    Path(__file__).parents[2]
    / "kinds"
    / "mailing_list"
    / "tests"
    / "test_data"
    / "content"
    / "list"
)
INDEX = """<html><body><table>
<tr><td>March 2009:</td><td><A href="2009-March/thread.html">[ Thread ]</a>
<A href="2009-March.txt.gz">[ Gzip'd Text 1 KB ]</a></td></tr>
<tr><td>April 2009:</td><td><a href="2009-April.txt">[ Text 1 KB ]</a></td></tr>
<tr><td>Elsewhere:</td><td><a href="../../etc/passwd.txt">x</a> <a href="https://evil.example.org/2009-May.txt.gz">y</a></td></tr>
</table></body></html>"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def archive(tmp_path):
    """A pipermail-like archive on http://127.0.0.1:<port>/pipermail/uls-sig/."""
    served = tmp_path / "served" / "pipermail" / "uls-sig"
    served.mkdir(parents=True)
    (served / "index.html").write_text(INDEX)
    march = (FIXTURES / "2009-March.txt").read_bytes()
    (served / "2009-March.txt.gz").write_bytes(gzip.compress(march, mtime=0))
    (served / "2009-April.txt").write_bytes((FIXTURES / "2009-April.txt").read_bytes())
    handler = partial(Quiet, directory=str(tmp_path / "served"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # shutdown() waits for the loop to look again: every 0.05 s rather than the default 0.5 s.
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/pipermail/uls-sig/", served
    server.shutdown()
    server.server_close()


def test_month_files_are_the_archive_links_only():
    assert month_files(INDEX) == ["2009-April.txt", "2009-March.txt.gz"]


def test_download_writes_months_and_rewrites_only_changes(archive, tmp_path):
    url, served = archive
    target = tmp_path / "content" / "list"
    (target).mkdir(parents=True)
    (target / "2009-March.txt").write_text("an older plain copy of the month\n")
    lines = []
    assert download(url, target, log=lines.append) == (2, 0)
    assert sorted(p.name for p in target.iterdir()) == ["2009-April.txt", "2009-March.txt.gz"]
    assert (target / "2009-April.txt").read_bytes() == (served / "2009-April.txt").read_bytes()
    assert any("2009-March.txt: removed" in line for line in lines)
    assert download(url, target, log=lines.append) == (0, 2)
    (served / "2009-April.txt").write_bytes(b"From a at example.org  Thu Apr  2 16:00:00 2009\n")
    assert download(url, target, log=lines.append) == (1, 1)


def test_the_command_line_tool(archive, tmp_path):
    url, _ = archive
    target = tmp_path / "list"
    command = [sys.executable, "-m", "plugins.tools.list_download", "--archive", url]
    done = subprocess.run(
        [*command, "--into", str(target)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "2 months from" in done.stdout and len(list(target.iterdir())) == 2
    # Its failure: the same main() in a fork of the test process, without a second start-up.
    missing = url + "nothing-here/"
    failed = run_main_in_fork(download_command.main, "--archive", missing, "--into", target)
    assert failed.returncode == 1 and "make list-archive:" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_make_list_archive_runs_the_tool():
    done = subprocess.run(
        ["make", "-n", "list-archive", "ARCHIVE=http://127.0.0.1:9/x/"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "-m plugins.tools.list_download --archive" in done.stdout


def test_only_http_archives():
    with pytest.raises(DownloadError):
        download("file:///etc/", "/nonexistent")
