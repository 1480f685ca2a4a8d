"""The run's temporary folders in memory (tests/memory_temp.py), where they can be."""

import os
from pathlib import Path

import memory_temp
from memory_temp import memory_folder

TEST = """
from pathlib import Path

def test_records_its_folder(tmp_path):
    Path({seen!r}).write_text(str(tmp_path))
    assert {passes}
"""


def run_in(pytester, tmp_path, *, passes):
    """An inner pytest run of one test with memory_temp; the tmp_path that test was given."""
    seen = tmp_path / "seen"
    pytester.makepyfile(test_inner=TEST.format(seen=str(seen), passes=passes))
    result = pytester.inline_run("-p", "memory_temp", "-p", "no:cacheprovider")
    result.assertoutcome(passed=int(passes), failed=int(not passes))
    return Path(seen.read_text())


def test_a_run_writes_in_memory_and_removes_it_when_green_keeps_it_when_red(
    pytester, tmp_path, monkeypatch
):
    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(memory_temp, "MEMORY", memory)
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)  # as in the run's main process
    folder = memory_folder()
    assert folder.parent == memory / f"uls-sig-tests-{os.getuid()}"

    green = run_in(pytester, tmp_path, passes=True)
    assert folder in green.parents
    assert not folder.exists()  # a green run leaves nothing in memory

    red = run_in(pytester, tmp_path, passes=False)
    assert folder in red.parents
    assert red.is_dir()  # a red run's folders stay for a look, until the next run


def test_one_folder_per_checkout(tmp_path, monkeypatch):
    monkeypatch.setattr(memory_temp, "MEMORY", tmp_path)
    assert memory_folder(Path("/a/clone")) == memory_folder(Path("/a/clone"))
    assert memory_folder(Path("/a/clone")) != memory_folder(Path("/another/clone"))


def test_no_room_no_folder_or_a_planted_link_mean_pytests_own_folders(tmp_path, monkeypatch):
    monkeypatch.setattr(memory_temp, "MEMORY", tmp_path / "missing")
    assert memory_folder() is None
    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(memory_temp, "MEMORY", memory)
    monkeypatch.setattr(memory_temp, "MIN_FREE", 1 << 60)  # more than any disk has
    assert memory_folder() is None
    monkeypatch.setattr(memory_temp, "MIN_FREE", 0)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (memory / f"uls-sig-tests-{os.getuid()}").symlink_to(elsewhere)
    assert memory_folder() is None
