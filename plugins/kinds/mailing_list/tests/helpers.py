"""What the mailing list's hostile tests share: messages written as an attacker sends them, a
fixture site with an archive of our own, and a count of the work a call does (never a clock)."""

import cProfile
import gzip
import pstats
import shutil
from pathlib import Path

from conftest import run_pelican

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
# The fixture's plugins and, as on the real site, atomic_output: a refused build leaves the
# previous output as it was.
ATOMIC = (
    'PLUGINS=["plugins.outputs.template_cache", "plugins.model.error_report", '
    '"plugins.guard.sanitize", "plugins.kinds.members", "plugins.kinds.mailing_list", '
    '"plugins.outputs.feeds", "plugins.guard.output_plan", "plugins.outputs.search", '
    '"plugins.guard.atomic_output"]'
)


def message(number, subject="Hello", headers="", body="Hello.\n", message_id=None, day=14):
    """One mbox message (its From_ line first) as text; `message_id` "" for none."""
    message_id = f"<{number}.list@mail.example.org>" if message_id is None else message_id
    id_line = f"Message-ID: {message_id}\n" if message_id else ""
    return (
        f"From sender{number} at example.org  Sat Mar {day} 10:00:00 2009\n"
        f"From: Sender {number} <sender{number}@example.org>\n"
        f"Date: Sat, {day} Mar 2009 10:{number % 60:02d}:00 +0000\n"
        f"Subject: {subject}\n{id_line}{headers}\n{body}\n"
    )


def site(folder, archives):
    """A copy of test_data/content whose list/ holds `archives` ({file name: text or bytes})."""
    content = folder / "content"
    shutil.copytree(TEST_DATA / "content", content)
    for path in (content / "list").iterdir():
        path.unlink()
    for name, data in archives.items():
        data = data.encode("utf-8") if isinstance(data, str) else data
        (content / "list" / name).write_bytes(data)
    return content


def build(folder, content, *extra, output="output"):
    """run_pelican on `content` into folder/output (with the list's cache in folder/cache)."""
    cache = f'MAILING_LIST_CACHE_PATH="{folder / "cache"}"'
    return run_pelican(SETTINGS, folder / output, cache, *extra, content=content, cwd=TEST_DATA)


def refused(result, *expected):
    """The build failed with each of `expected` in its output, and no traceback."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for text in expected:
        assert text in output, output
    return output


def work(function, *args):
    """(result, Python function calls `function(*args)` made): a count of its steps that the
    machine's load cannot change. A generator's steps count too (each resumption is a call)."""
    profile = cProfile.Profile()
    result = profile.runcall(function, *args)
    return result, pstats.Stats(profile).total_calls


def fixture_content(folder):
    """A copy of test_data/content with April as pipermail's gzip'd download."""
    content = folder / "content"
    shutil.copytree(TEST_DATA / "content", content)
    april = content / "list" / "2009-April.txt"
    (content / "list" / "2009-April.txt.gz").write_bytes(gzip.compress(april.read_bytes(), mtime=0))
    april.unlink()
    return content
