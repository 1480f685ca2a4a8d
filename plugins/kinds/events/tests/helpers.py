"""Shared by the events tests: a copy of the fixture site with one meeting broken, and the
fixture site with members, a topic and an illustrative meeting (the meeting pages' tests and
tests/browser/test_events_page.py)."""

import shutil
from pathlib import Path

from conftest import build_ok

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
PLUGINS = (
    'PLUGINS=["plugins.model.error_report", "plugins.kinds.topics", "plugins.kinds.members", '
    '"plugins.kinds.events"]'
)
MEMBERS = """[ada-example]
name = "Ada Example"
role = "member"
bio = "An illustrative member of the test site."
"""
TOPIC = "Title: Alpha\nSummary: The first topic.\nOrder: 1\n\nAbout alpha.\n"
EXAMPLE = """Title: Illustrative call
Date: 2026-12-02 09:00
Category: Events
Summary: Not a real meeting.
Topics: alpha
Event-Example: yes
Event-Start: 2027-01-02 10:00
Event-Duration: 1h
Event-Location: Online

Illustrative.
"""


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


def build_meetings_site(output):
    """Build into `output` (its content beside it) the events test site with members, the topic
    alpha (the monthly call and the illustrative call), an illustrative meeting that comes before
    every real one, and a title that tries to end the JSON-LD block; returns `output`."""
    root = output.parent
    content = root / "content"
    shutil.copytree(TEST_DATA / "content", content)
    (content / "members.toml").write_text(MEMBERS, encoding="utf-8")
    (content / "topics").mkdir()
    (content / "topics" / "alpha.md").write_text(TOPIC, encoding="utf-8")
    (content / "events" / "example.md").write_text(EXAMPLE, encoding="utf-8")
    call = content / "events" / "monthly-call.md"
    text = call.read_text(encoding="utf-8").replace("Ada Example", "ada-example")
    call.write_text(text.replace("Category: Events", "Category: Events\nTopics: alpha"))
    sprint = content / "events" / "spring-sprint.md"
    text = sprint.read_text(encoding="utf-8")
    sprint.write_text(text.replace("Title: Spring sprint", "Title: Sprint </script><!-- x"))
    build_ok(SETTINGS, output, PLUGINS, content=content, cwd=root)
    return output
