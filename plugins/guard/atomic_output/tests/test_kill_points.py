"""A build killed outright (SIGKILL: no cleanup) at any step of publishing, then the next
builds: output/ is always the old complete site or the new one, never missing for good.

The kill is simulated in-process: every rename and exchange counts as a step, and the build
stops dead (an exception no code of the plugin catches) before step N, for every N, leaving its
folders under a pid that cannot exist. A new StagedOutput with another dead pid is the next
build; it is refused (prepare, then discard), as a build of bad content would be.
"""

import os
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from plugins.guard.atomic_output import folders
from plugins.guard.atomic_output.atomic_output import StagedOutput
from plugins.guard.atomic_output.tests.helpers import DEAD, NEW, OLD, leftovers, site_of, write_site


class Killed(BaseException):
    """The process is gone: nothing after this point runs, no handler, no atexit."""


@contextmanager
def killed_before_step(monkeypatch, step, exchange=True):
    """Run the block; the `step`-th rename or exchange (from 0) kills it. Yields a dict whose
    "killed" says whether the block got that far. `exchange=False`: renameat2 unavailable."""
    state = {"killed": False, "steps": 0}
    real_rename, real_exchange = os.rename, folders.exchange

    def count():
        if state["steps"] == step:
            state["killed"] = True
            raise Killed
        state["steps"] += 1

    def rename(*args, **kwargs):
        count()
        return real_rename(*args, **kwargs)

    def exchange_or_not(one, other):
        if not exchange:
            raise folders.ExchangeUnsupported("simulated")
        count()
        return real_exchange(one, other)

    with monkeypatch.context() as patch:
        patch.setattr(os, "rename", rename)
        patch.setattr(folders, "exchange", exchange_or_not)
        patch.setattr(folders, "remove_in_background", lambda path: None)  # never got to run
        with suppress(Killed):
            yield state


def build_killed_while_publishing(output: Path, monkeypatch, step, exchange, pid=DEAD):
    """A build that staged NEW and was killed before its `step`-th publishing step."""
    staged = StagedOutput(output, pid=pid)
    staged.prepare([])
    write_site(Path(staged.staging), NEW)
    with killed_before_step(monkeypatch, step, exchange) as state:
        staged.swap_in()
    return state["killed"]


def refused_build(output: Path, pid):
    staged = StagedOutput(output, pid=pid)
    staged.prepare([])
    staged.discard()


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two renames"])
@pytest.mark.parametrize("first", [False, True], ids=["replace", "first publication"])
def test_every_kill_point_leaves_the_old_or_the_new_site(tmp_path, monkeypatch, exchange, first):
    allowed = [NEW, None] if first else [OLD, NEW]
    missing_at = []
    for step in range(10):
        output = tmp_path / str(step) / "output"
        output.parent.mkdir()
        if not first:
            write_site(output, OLD)
        killed = build_killed_while_publishing(output, monkeypatch, step, exchange)
        if site_of(output) is None:
            missing_at.append(step)
        else:
            assert site_of(output) in allowed, step
        refused_build(output, DEAD + 1)
        assert site_of(output) in allowed, step
        assert leftovers(output) == [], step
        if not killed:
            assert site_of(output) == NEW  # the build got through: the new site is out
            break
    else:
        pytest.fail("publishing never finished")
    assert step >= 2  # there were steps to be killed at
    if exchange and not first:
        assert missing_at == []  # the exchange never leaves a moment without output/
    if not exchange and not first:
        assert missing_at == [2]  # between the two renames: restored by the next build


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two renames"])
def test_a_recovery_killed_at_any_point_is_finished_by_the_build_after(
    tmp_path, monkeypatch, exchange
):
    for step in range(8):
        for recovery_step in range(6):
            output = tmp_path / f"{step}-{recovery_step}" / "output"
            output.parent.mkdir()
            write_site(output, OLD)
            build_killed_while_publishing(output, monkeypatch, step, exchange)
            with killed_before_step(monkeypatch, recovery_step):
                refused_build(output, DEAD + 1)
            assert site_of(output) in (OLD, NEW, None)
            refused_build(output, DEAD + 2)
            assert site_of(output) in (OLD, NEW), (step, recovery_step)
            assert leftovers(output) == []


def test_the_last_good_site_wins_over_a_half_deleted_copy(tmp_path):
    """Only `-removing` folders are ever partial: the complete retired site is restored."""
    output = tmp_path / "output"
    write_site(tmp_path / f".output-retired-{DEAD}", OLD)
    write_site(tmp_path / f".output-retired-{DEAD + 1}-removing", {"index.html": "half"})
    write_site(tmp_path / f".output-staging-{DEAD + 2}", {"index.html": "half written"})
    refused_build(output, DEAD + 3)
    assert site_of(output) == OLD
    assert leftovers(output) == []


def test_a_live_builds_folders_are_left_alone(tmp_path):
    output = tmp_path / "output"
    write_site(output, OLD)
    live = tmp_path / f".output-staging-{os.getppid()}"
    write_site(live, {"index.html": "being written"})
    refused_build(output, DEAD)
    assert site_of(live) == {"index.html": "being written"}
    assert site_of(output) == OLD


def test_hard_linked_unchanged_files_survive_the_removal_of_the_old_site(tmp_path, monkeypatch):
    output = tmp_path / "output"
    write_site(output, OLD)
    inode = (output / "posts/a/index.html").stat().st_ino
    staged = StagedOutput(output, pid=DEAD)
    staged.prepare(["CNAME"])
    write_site(Path(staged.staging), NEW)
    monkeypatch.setattr(folders, "remove_in_background", folders.remove_now)
    assert staged.swap_in() == 2  # index.html and posts/b/index.html
    assert site_of(output) == {**NEW, "CNAME": "old.example\n"}
    assert (output / "posts/a/index.html").stat().st_ino == inode
    assert leftovers(output) == []
