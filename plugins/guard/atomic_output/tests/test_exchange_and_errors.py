"""The exchange really swaps two folders on Linux, and a folder that cannot be written gives
one line, `output: cannot publish (reason; how to fix)`, with the previous output untouched.

Tests run as root, which ignores permission bits: the failures are a file where a folder should
be (real), or an errno raised by a patched step (to check the message and the rollback)."""

import errno
import os
import sys
from pathlib import Path

import pytest

from plugins.guard.atomic_output import folders
from plugins.guard.atomic_output.atomic_output import PublishError, StagedOutput, cannot_publish
from plugins.guard.atomic_output.tests.helpers import (
    DEAD,
    NEW,
    OLD,
    leftovers,
    site_of,
    write_site,
)
from plugins.model.error_report import ContentError

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2")


@linux_only
def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    one, other = tmp_path / "one", tmp_path / "other"
    write_site(one, {"x": "from one"})
    write_site(other, {"y": "from other", "sub/z": "deep"})
    inodes = one.stat().st_ino, other.stat().st_ino
    folders.exchange(str(one), str(other))
    assert site_of(one) == {"y": "from other", "sub/z": "deep"}
    assert site_of(other) == {"x": "from one"}
    assert (one.stat().st_ino, other.stat().st_ino) == inodes[::-1]


@linux_only
def test_exchange_of_a_missing_folder_is_an_os_error_not_a_fallback(tmp_path):
    (tmp_path / "one").mkdir()
    with pytest.raises(FileNotFoundError):
        folders.exchange(str(tmp_path / "one"), str(tmp_path / "missing"))


@linux_only
def test_publishing_over_an_existing_site_uses_the_exchange(tmp_path, monkeypatch):
    output = tmp_path / "output"
    write_site(output, OLD)
    old_inode = output.stat().st_ino
    staged = StagedOutput(output, pid=DEAD)
    staged.prepare([])
    write_site(Path(staged.staging), NEW)
    new_inode = Path(staged.staging).stat().st_ino
    exchanged, removed = [], []
    real_exchange = folders.exchange

    def spy(*paths):
        exchanged.append(paths)
        real_exchange(*paths)

    monkeypatch.setattr(folders, "exchange", spy)
    monkeypatch.setattr(folders, "remove_in_background", removed.append)
    staged.swap_in()
    assert exchanged == [(staged.complete, staged.final)]
    assert output.stat().st_ino == new_inode and site_of(output) == NEW
    retired = Path(staged.retired + folders.REMOVING)
    assert removed == [str(retired)]
    assert retired.stat().st_ino == old_inode and site_of(retired) == OLD


def test_the_two_renames_are_the_fallback_where_exchange_is_unavailable(tmp_path, monkeypatch):
    output = tmp_path / "output"
    write_site(output, OLD)
    staged = StagedOutput(output, pid=DEAD)
    staged.prepare([])
    write_site(Path(staged.staging), NEW)

    def unavailable(*paths):
        raise folders.ExchangeUnsupported("simulated")

    monkeypatch.setattr(folders, "exchange", unavailable)
    monkeypatch.setattr(folders, "remove_in_background", folders.remove_now)
    staged.swap_in()
    assert site_of(output) == NEW
    assert leftovers(output) == []


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        (errno.EACCES, "make the folder writable or build into another with -o"),
        (errno.EROFS, "the file system is read-only: remount it read-write or build into "),
        (errno.ENOSPC, "the disk is full: free some space or build into another folder with -o"),
        (errno.EEXIST, "a file stands where a folder should be: move it away or build into "),
        (errno.EIO, "check that it and its parent folder can be written, or build into "),
    ],
)
def test_the_message_names_the_output_the_reason_and_the_fix(code, fix):
    error = cannot_publish(OSError(code, "ignored", "/x/.output-staging-12"), "/x/output")
    shown = errno.ENOTDIR if code == errno.EEXIST else code
    assert str(error).startswith(f"output: cannot publish ({os.strerror(shown)}: '/x/output'; ")
    assert fix in str(error) and str(error).endswith(")") and "\n" not in str(error)
    assert isinstance(error, ContentError) and error.content_error


@pytest.mark.parametrize("where", ["output is a file", "its parent is a file"])
def test_a_file_in_the_way_stops_the_build_before_anything_changes(tmp_path, where):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder\n", encoding="utf-8")
    output = blocker if where == "output is a file" else blocker / "output"
    with pytest.raises(PublishError, match=r"^output: cannot publish \(Not a directory: '"):
        StagedOutput(output, pid=DEAD).prepare([])
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


def test_a_full_disk_while_publishing_leaves_the_previous_site(tmp_path, monkeypatch):
    output = tmp_path / "output"
    write_site(output, OLD)
    staged = StagedOutput(output, pid=DEAD)
    staged.prepare([])
    write_site(Path(staged.staging), NEW)

    def full(*paths):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), paths[1])

    monkeypatch.setattr(folders, "exchange", full)
    with pytest.raises(PublishError, match=r"\(No space left on device: '.*output'; the disk is"):
        staged.swap_in()
    staged.discard()  # what atexit does
    assert site_of(output) == OLD
    assert leftovers(output) == []


def test_a_failed_second_rename_puts_the_previous_site_back(tmp_path, monkeypatch):
    output = tmp_path / "output"
    write_site(output, OLD)
    staged = StagedOutput(output, pid=DEAD)
    staged.prepare([])
    write_site(Path(staged.staging), NEW)
    real_rename = os.rename

    def rename(source, target):
        if source == staged.complete and target == staged.final:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), target)
        real_rename(source, target)

    def unavailable(*paths):
        raise folders.ExchangeUnsupported("simulated")

    monkeypatch.setattr(folders, "exchange", unavailable)
    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(PublishError, match=r"\(Permission denied: '.*output'; make the folder"):
        staged.swap_in()
    staged.discard()
    assert site_of(output) == OLD
    assert leftovers(output) == []
