"""Shared by the events tests: a copy of the fixture site with one meeting broken."""

import shutil
from pathlib import Path

TEST_DATA = Path(__file__).parent / "test_data"


def broken_site(tmp_path, name, old, new):
    """(content folder, lines of the meeting): the fixture's content with `old` replaced by `new`
    in content/events/<name>."""
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    source = content / "events" / name
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new), encoding="utf-8")
    return content, source.read_text(encoding="utf-8").splitlines()
