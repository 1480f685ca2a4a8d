"""`make newevent`'s values are read by the events plugin's own functions before anything is
written: a refused value leaves content/ as it was and says what to write instead. (The docs'
commands, run as printed and built, are in tests/test_docs_examples.py.)"""

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pelican.settings import read_settings

from plugins.guard.content_guard.tests.helpers import SETTINGS, TEST_DATA
from plugins.model.error_report.header import read_header_of
from plugins.tools.newevent import Refused, new_event

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path):
    shutil.copytree(TEST_DATA / "content", tmp_path / "content")
    return read_settings(str(SETTINGS), override={"PATH": str(tmp_path / "content")})


def header_of(path):
    return {key: field.value for key, field in read_header_of(path).fields.items()}


def test_a_series_is_written_with_its_fields_and_a_sentence_of_them(settings):
    path = new_event(
        settings, "Monthly evening call", "2027-01-06 18:00", timezone="Europe/Berlin",
        repeat="monthly  on the first Wednesday", author="ada-lovelace", topics="scale", now=NOW,
    )  # fmt: skip
    assert path.relative_to(settings["PATH"]).as_posix() == "events/monthly-evening-call.md"
    header = header_of(path)
    assert header["date"] == "2026-12-01 09:30" and header["category"] == "Events"
    assert header["event-start"] == "2027-01-06 18:00" and header["event-duration"] == "1h"
    assert header["event-timezone"] == "Europe/Berlin"
    assert header["event-repeat"] == "monthly on the first Wednesday"
    assert header["summary"] == (
        "Monthly evening call: monthly on the first Wednesday, from Wednesday 6 January 2027 "
        "at 18:00 (Europe/Berlin)."
    )
    assert "\nWhen: monthly on the first Wednesday, from Wednesday" in path.read_text("utf-8")


def test_a_date_alone_is_an_all_day_meeting(settings):
    path = new_event(settings, "Sprint day", "2027-03-12", author="ada-lovelace", now=NOW)
    header = header_of(path)
    assert header["event-start"] == "2027-03-12" and header["event-duration"] == "1d"
    assert header["event-timezone"] == "UTC" and "event-repeat" not in header
    assert header["summary"] == "Sprint day: Friday 12 March 2027."


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        (
            {"timezone": "Berlin"},
            "unknown time zone 'Berlin' in TIMEZONE (did you mean Europe/Berlin?",
        ),
        ({"timezone": "new york"}, "did you mean America/New_York?"),
        ({"timezone": "Europe/Atlantis"}, "(use an IANA name such as UTC"),
        ({"start": "15 May 2027"}, "START '15 May 2027' is not a date and time (write it as"),
        ({"start": "2027-05-15T14:00+02:00"}, "has an offset: give its zone as TIMEZONE="),
        ({"start": ""}, "give the first (or only) meeting's start: make newevent TITLE=\""),
        ({"repeat": "every full moon"}, "REPEAT 'every full moon': "),
        ({"duration": "two hours"}, "DURATION 'two hours' is not a length like 2h"),
        ({"author": "ada"}, "unknown author 'ada'"),
        ({"title": "First post"}, "the slug 'first-post' is already used by"),
    ],
)
def test_a_wrong_value_is_refused_and_nothing_is_written(settings, fields, said):
    before = sorted(Path(settings["PATH"]).rglob("*"))
    arguments = {"title": "An evening call", "start": "2027-01-06 18:00", **fields}
    with pytest.raises(Refused) as refused:
        new_event(settings, now=NOW, **arguments)
    assert said in str(refused.value)
    assert sorted(Path(settings["PATH"]).rglob("*")) == before
