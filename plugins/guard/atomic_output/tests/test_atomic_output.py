"""A failed or interrupted build leaves the previous output byte-identical."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, build_ok, run_pelican, snapshot

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
# Seconds after which a wait counts as hung: a guard that ends a stuck test, never what a test
# asserts (each wait below ends on an event: a file appears or goes, a process exits, a page is
# served). A machine busy with other work makes the tests slower, not red.
HANG_GUARD = 600


@pytest.fixture
def site(tmp_path):
    """A copy of the fixture content and a first, good build of it in tmp_path/output."""
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    output = tmp_path / "output"
    build_ok(SETTINGS, output, content=content)
    return content, output


def leftovers(output: Path):
    """Staging folders left next to the output (the retired output is removed in the background,
    see test_the_previous_output_is_removed_soon_after_the_swap)."""
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith(".output-staging"))


def test_the_previous_output_is_removed_soon_after_the_swap(site):
    content, output = site
    add_post(content, "none")
    build_ok(SETTINGS, output, content=content)
    deadline = time.monotonic() + HANG_GUARD
    while [p for p in output.parent.iterdir() if p.name.startswith(".output-")]:
        assert time.monotonic() < deadline, "the retired output was never removed"
        time.sleep(0.05)
    assert (output / "posts/2024/third/index.html").is_file()


def add_post(content: Path, probe: str):
    (content / "posts/third.md").write_text(
        f"Title: The third post\nDate: 2024-03-01 10:00\nProbe: {probe}\n\nNew.\n",
        encoding="utf-8",
    )


def test_a_good_build_replaces_the_output_and_leaves_no_staging_folder(site):
    content, output = site
    (content / "posts/third.md").write_text(
        "Title: The third post\nDate: 2024-03-01 10:00\n\nNew.\n", encoding="utf-8"
    )
    build_ok(SETTINGS, output, content=content)
    assert (output / "posts/2024/third/index.html").is_file()
    assert leftovers(output) == []


def test_a_failed_build_leaves_the_previous_output_untouched(site):
    content, output = site
    before = snapshot(output)
    add_post(content, "fail")
    result = run_pelican(SETTINGS, output, content=content)
    assert result.returncode != 0
    assert "failing on purpose" in result.stdout + result.stderr
    assert snapshot(output) == before
    assert leftovers(output) == []


def ctrl_c_as_in_a_terminal():
    """In the build's process before it starts: SIGINT back to its default. A test run started
    in the background (`make test &`, a CI runner, nohup) ignores SIGINT, and a child inherits
    that: Python would then never raise KeyboardInterrupt, as it does for Ctrl-C in a terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_an_interrupted_build_leaves_the_previous_output_untouched(site, tmp_path):
    content, output = site
    before = snapshot(output)
    add_post(content, "stall")
    marker = tmp_path / "stalled"
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-o",
        str(output),
        "-s",
        str(SETTINGS),
        "--fatal",
        "errors",
        "-e",
        f'PROBE_MARKER="{marker}"',
    ]
    build = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    try:
        deadline = time.monotonic() + HANG_GUARD
        while not marker.exists() and build.poll() is None:  # it stalls until interrupted
            assert time.monotonic() < deadline, "the build never reached the stall point"
            time.sleep(0.05)
        assert marker.exists(), build.communicate()[0].decode()  # it ended without stalling
        # Everything is written to staging at this point; interrupt it as Ctrl-C would.
        build.send_signal(signal.SIGINT)
        printed = build.communicate(timeout=HANG_GUARD)[0].decode()
    finally:
        build.kill()  # only if a guard above gave up: the build would stall forever
        build.wait()
    assert "Keyboard interrupt received" in printed, printed  # Pelican exits 0 then
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_retained_files_survive_a_build(site):
    content, output = site
    (output / "CNAME").write_text("uls-sig.example.org\n", encoding="utf-8")
    build_ok(SETTINGS, output, content=content)
    assert (output / "CNAME").read_text(encoding="utf-8") == "uls-sig.example.org\n"
    assert os.listdir(output)


def test_a_killed_builds_staging_folder_is_cleaned_up_by_the_next_build(site):
    content, output = site
    abandoned = output.parent / ".output-staging-999999999"
    (abandoned / "posts").mkdir(parents=True)
    build_ok(SETTINGS, output, content=content)
    assert leftovers(output) == []


def test_listen_alone_serves_the_real_output(site):
    """`make serve` runs `pelican --listen` after `make html`: it must serve output/."""
    _, output = site
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "pelican",
        "--listen",
        "-o",
        str(output),
        "-s",
        str(SETTINGS),
        "-b",
        "127.0.0.1",
        "-p",
        str(port),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/posts/2024/first/"
        deadline = time.monotonic() + HANG_GUARD
        while True:
            try:
                with urllib.request.urlopen(url, timeout=HANG_GUARD) as response:
                    assert b"The first post" in response.read()
                    break
            except OSError:
                assert time.monotonic() < deadline, "pelican --listen never served the post"
                time.sleep(0.05)
    finally:
        server.terminate()
        server.wait(timeout=HANG_GUARD)
    assert leftovers(output) == []


def test_the_swap_comes_after_every_finishing_step_whatever_the_order_of_plugins(site):
    """atomic_output listed first: its PUBLISH step still runs after the failing CHECK step."""
    content, output = site
    before = snapshot(output)
    add_post(content, "fail")
    result = run_pelican(
        SETTINGS, output, 'PLUGINS=["plugins.guard.atomic_output", "build_probe"]', content=content
    )
    assert result.returncode != 0
    assert "failing on purpose" in result.stdout + result.stderr
    assert snapshot(output) == before


def test_unchanged_files_keep_their_inode_and_changed_ones_are_replaced(site):
    content, output = site
    inodes = {path: os.stat(output / path).st_ino for path in snapshot(output)}
    add_post(content, "none")
    build_ok(SETTINGS, output, content=content)
    unchanged = "posts/2024/first/index.html"  # same bytes: its neighbours did not change
    assert os.stat(output / unchanged).st_ino == inodes[unchanged]
    assert os.stat(output / "index.html").st_ino != inodes["index.html"]  # lists the new post
    assert "The third post" in (output / "index.html").read_text(encoding="utf-8")


def test_the_output_folder_and_its_parents_are_created(site, tmp_path):
    content, _ = site
    output = tmp_path / "new" / "folder" / "output"
    build_ok(SETTINGS, output, content=content)
    assert (output / "index.html").is_file()
    assert leftovers(output) == []


def test_an_output_folder_that_cannot_be_made_gives_one_line_and_no_traceback(site, tmp_path):
    """Root ignores permission bits, so the output's parent is a file: mkdir fails for anyone."""
    content, _ = site
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder\n", encoding="utf-8")
    result = run_pelican(SETTINGS, blocker / "output", content=content)
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    expected = (
        f"output: cannot publish (Not a directory: '{blocker / 'output'}'; a file stands where "
        "a folder should be: move it away or build into another folder with -o)"
    )
    assert expected in printed.splitlines(), printed
    assert "Traceback" not in printed, printed
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder\n"


def test_a_site_moved_aside_by_a_killed_build_is_restored_even_by_a_refused_build(site):
    """A build killed between its two renames (where exchange is unavailable) left no output/,
    only the old site as retired: the next build puts it back before it fails."""
    content, output = site
    before = snapshot(output)
    output.rename(output.parent / ".output-retired-999999999")
    (output.parent / ".output-staging-999999999-complete").mkdir()  # the new site, dropped
    add_post(content, "fail")
    result = run_pelican(SETTINGS, output, content=content)
    assert result.returncode != 0
    assert "failing on purpose" in result.stdout + result.stderr
    assert snapshot(output) == before
    assert [p.name for p in output.parent.iterdir() if p.name.startswith(".output-")] == []


def test_a_read_only_output_parent_gives_one_line_and_keeps_the_output(site, tmp_path):
    """Root ignores permission bits: it builds without the capabilities that let it."""
    content, output = site
    before = snapshot(output)
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("setpriv is needed to drop root's CAP_DAC_OVERRIDE")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]
    command = [*prefix, sys.executable, "-m", "pelican", str(content), "-o", str(output)]
    command += ["-s", str(SETTINGS), "--fatal", "errors"]
    tmp_path.chmod(0o555)
    try:
        result = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=HANG_GUARD, check=False
        )
    finally:
        tmp_path.chmod(0o755)
    printed = result.stdout + result.stderr
    if "setpriv" in printed and "Operation not permitted" in printed:
        pytest.skip(f"this container cannot drop capabilities: {printed}")
    assert result.returncode != 0, printed
    expected = (
        f"output: cannot publish (Permission denied: '{output}'; make the folder writable or "
        "build into another with -o)"
    )
    assert expected in printed.splitlines(), printed
    assert "Traceback" not in printed, printed
    assert snapshot(output) == before
