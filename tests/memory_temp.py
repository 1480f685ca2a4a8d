"""The run's temporary folders in memory (/dev/shm) where the machine has room for them.

The tests write about 200 MB in some 30,000 files (every build's output, cache and copy of its
content) and pytest later deletes them. On a disk that is a tenth of a run's time (mostly the
kernel's: creating, renaming and removing files): `make test` took 118-120 s with its folders on
disk and 109-110 s in /dev/shm, alternating runs of the same tree on the 2-core machine.

Without `--basetemp`, the run's base folder is /dev/shm/uls-sig-tests-<uid>/<checkout>, one per
checkout, made afresh by pytest at the start of each run (it empties a `--basetemp` first); a
green run removes it at the end, a red one leaves it for a look (until the next run). Two runs
at once in one checkout would share it: give the second its own `--basetemp`. Where
/dev/shm is missing, not writable, not ours, or has under MIN_FREE left (a container's 64 MB),
pytest's own default folders are used, as is any `--basetemp` given.
"""

import hashlib
import os
import shutil
import stat
from pathlib import Path

import pytest

MEMORY = Path("/dev/shm")
MIN_FREE = 1 << 30  # bytes: five times what a run writes
CHECKOUT = Path(__file__).resolve().parents[1]
CHOSEN = pytest.StashKey()  # the folder this run chose, when it chose one


def memory_folder(checkout=CHECKOUT):
    """The base folder of a run of `checkout`'s tests in MEMORY, or None when it cannot be used."""
    memory = MEMORY
    try:
        if shutil.disk_usage(memory).free < MIN_FREE or not os.access(memory, os.W_OK):
            return None
        mine = memory / f"uls-sig-tests-{os.getuid()}"
        mine.mkdir(mode=0o700, exist_ok=True)
        status = mine.lstat()  # a link or another user's folder is not used
    except OSError:
        return None
    if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid():
        return None
    return mine / hashlib.sha256(str(checkout).encode()).hexdigest()[:16]


@pytest.hookimpl(tryfirst=True)  # before pytest's own, which reads --basetemp
def pytest_configure(config):
    if config.option.basetemp is None and not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = memory_folder()
        if folder is not None:
            config.option.basetemp = str(folder)
            config.stash[CHOSEN] = folder


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    folder = session.config.stash.get(CHOSEN, None)
    if folder is not None and exitstatus == 0:
        shutil.rmtree(folder, ignore_errors=True)
