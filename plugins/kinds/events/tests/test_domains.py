"""Every Event-* value within its domain, written as a contributor would send it: a time zone is
a key of the tz database (never a file opened by its name), a meeting's dates relate to each
other, and Date and Modified (UID, SEQUENCE, DTSTAMP) stay in the site's years and before the
build's one now. Each is a `path:line` EventError, never a traceback."""

import zoneinfo
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

import plugins.kinds.events.zones as zones
from conftest import build_ok, run_pelican
from plugins.kinds.events.reading import read_event
from plugins.kinds.events.tests.helpers import broken_site
from plugins.kinds.events.tests.test_bounds import NOW, SETTINGS, error_of, post

TEST_DATA = Path(__file__).parent / "test_data"
SITE_SETTINGS = TEST_DATA / "pelicanconf.py"
TIMED = {"Event_Start": "2027-01-06 18:00", "Event_Duration": "1h"}
SERIES = {**TIMED, "Event_Repeat": "weekly on Wednesday"}


def line_of(article, key):
    return next(n for n, text in enumerate(article.lines, 1) if text.lower().startswith(key))


@pytest.mark.parametrize(
    ("written", "guess"),
    [
        ("Europe", None),  # a folder of the tz database
        ("E" * 300, None),  # longer than a file name may be
        ("../../etc/passwd", None),
        ("Etc/../../../../etc/passwd", None),
        ("/etc/localtime", None),
        ("/usr/share/zoneinfo/Europe/Berlin", "Europe/Berlin"),
        ("Europe/Berlin\x00", "Europe/Berlin"),
        ("Europe/Berlin\u202e", "Europe/Berlin"),  # right-to-left override
        ("Europe/Berlin\u200b", "Europe/Berlin"),  # zero-width space
        ("posixrules", None),
        ("Factory", None),
        ("localtime", None),
        ("zone.tab", None),
        ("tzdata.zi", None),
        ("europe/berlin", "Europe/Berlin"),
        ("EUROPE/BERLIN", "Europe/Berlin"),
        ("Berlin", "Europe/Berlin"),
        ("berlin", "Europe/Berlin"),
        ("Europe/Berln", "Europe/Berlin"),
        ("New York", "America/New_York"),
        ("Europe/Atlantis", None),  # no near city in Europe: no far-fetched guess
    ],
)
def test_a_zone_is_a_key_of_the_tz_database_never_a_file_named_by_content(
    tmp_path, monkeypatch, written, guess
):
    opened = []
    real = zones.ZoneInfo
    monkeypatch.setattr(zones, "ZoneInfo", lambda key: opened.append(key) or real(key))
    article = post(tmp_path, **TIMED, Event_Timezone=written)
    error = error_of(article)
    assert error.line == line_of(article, "event-timezone:")
    assert error.problem.startswith("unknown time zone '") and "in Event-Timezone" in error.problem
    assert len(error.problem) < 100  # a long name is cut
    assert not any(ord(c) < 32 or c in "\u202e\u200b" for c in str(error))  # shown escaped
    assert (
        ("did you mean " + guess + "?" in error.fix) if guess else "did you mean" not in error.fix
    )
    assert opened == []  # nothing was looked up by the name as written


def test_every_key_of_the_tz_database_but_placeholders_is_a_zone(tmp_path):
    keys = zones.zone_keys()
    assert keys == zoneinfo.available_timezones() - {"Factory", "localtime", "posixrules"}
    article = post(tmp_path, **TIMED, Event_Timezone="America/Argentina/ComodRivadavia")
    assert str(read_event(article, SETTINGS, NOW).zone) == "America/Argentina/ComodRivadavia"


# (what a contributor sends, the fields, the key of the line named, what the error says)
# fmt: off
RELATIONS = [
    ("an end 170 years after the start",
     {"Event_Start": "2027-01-06 18:00", "Event_End": "2199-01-06 18:00"},
     "event-end", "the meeting lasts 62,822 days, more than 31"),
    ("an end 32 days after the start, with an offset",
     {"Event_Start": "2027-01-06T18:00+01:00", "Event_End": "2027-02-07T18:00+01:00"},
     "event-end", "more than 31"),
    ("an all-day meeting of 32 days",
     {"Event_Start": "2027-01-06", "Event_End": "2027-02-06"}, "event-end", "32 days"),
    ("an all-day meeting to 2200",
     {"Event_Start": "2027-01-06", "Event_End": "2200-12-31"}, "event-end", "more than 31"),
    ("a series that ends before it starts", {**SERIES, "Event_Repeat": "weekly until 2026-12-31"},
     "event-repeat", "the series ends on 2026-12-31 (until), before Event-Start"),
    ("a skipped date given twice", {**SERIES, "Event_Skip": "2027-01-13, 2027-01-20, 2027-01-13"},
     "event-skip", "Event-Skip gives 2027-01-13 twice"),
    ("a skipped date not in the series", {**SERIES, "Event_Skip": "2027-01-14"},
     "event-skip", "Event-Skip 2027-01-14 is not a date of the series"),
    ("a moved date not in the series", {**SERIES, "Event_Moved": "2027-01-14 -> 2027-01-15"},
     "event-moved", "Event-Moved 2027-01-14 is not a date of the series"),
    ("a move onto the next meeting", {**SERIES, "Event_Moved": "2027-01-13 -> 2027-01-20"},
     "event-moved", "Event-Moved 2027-01-13 lands on the meeting at 2027-01-20 18:00"),
    ("a move onto a meeting years later",
     {**SERIES, "Event_Moved": "2027-01-13 -> 2031-01-01 18:00"},
     "event-moved", "lands on the meeting at 2031-01-01 18:00"),
    ("two moves to one time",
     {**SERIES, "Event_Moved": "2027-01-13 -> 2027-01-14, 2027-01-20 -> 2027-01-14 18:00"},
     "event-moved", "two moved meetings of the series start at the same time"),
    ("a move onto a skipped date and a skip", {**SERIES, "Event_Skip": "2027-01-20",
     "Event_Moved": "2027-01-20 -> 2027-01-21"}, "event-moved", "skipped or moved twice"),
]
# fmt: on


@pytest.mark.parametrize(
    ("fields", "key", "said"), [c[1:] for c in RELATIONS], ids=[c[0] for c in RELATIONS]
)
def test_dates_of_a_meeting_that_contradict_each_other_are_refused(tmp_path, fields, key, said):
    article = post(tmp_path, **fields)
    error = error_of(article)
    assert said in str(error)
    assert error.line == line_of(article, key + ":")


@pytest.mark.parametrize(
    "fields",
    [
        {"Event_Start": "2027-01-06 18:00", "Event_End": "2027-02-06 18:00"},  # 31 days
        {"Event_Start": "2027-01-06", "Event_End": "2027-02-05"},  # 31 days
        {**SERIES, "Event_Moved": "2027-01-13 -> 2027-01-20 19:00"},  # same day, another hour
        {**SERIES, "Event_Skip": "2027-01-20", "Event_Moved": "2027-01-13 -> 2027-01-20"},
        {**SERIES, "Event_Moved": "2027-01-13 -> 2027-01-20, 2027-01-20 -> 2027-01-13"},  # swap
    ],
)
def test_dates_of_a_meeting_that_agree_are_read(tmp_path, fields):
    assert read_event(post(tmp_path, **fields), SETTINGS, NOW)


@pytest.mark.parametrize(
    ("key", "moment", "said"),
    [
        ("modified", datetime(2199, 1, 1, 10, tzinfo=UTC), "is after the time of the build"),
        ("modified", NOW + timedelta(days=1, minutes=1), "is after the time of the build"),
        ("modified", datetime(1, 1, 1, tzinfo=UTC), "is outside the years 2008 to 2200"),
        ("modified", datetime(9999, 12, 31, 23, 59), "is outside the years 2008 to 2200"),
        ("date", datetime(1970, 1, 1, tzinfo=UTC), "is outside the years 2008 to 2200"),
        ("date", datetime(2201, 1, 1, tzinfo=UTC), "is outside the years 2008 to 2200"),
    ],
)
def test_date_and_modified_out_of_their_domain_never_reach_the_calendar(
    tmp_path, key, moment, said
):
    article = post(tmp_path, **TIMED, Modified="2026-12-02 10:00")
    line = f"{key.capitalize()}: {moment.isoformat()}"
    article.lines[line_of(article, key + ":") - 1] = line
    Path(article.source_path).write_text("\n".join(article.lines) + "\n\nBody.\n")
    setattr(article, key, moment)  # as Pelican read it
    error = error_of(article)
    assert said in str(error) and error.line == line_of(article, key + ":")


def test_a_modified_up_to_a_day_after_the_build_is_the_sequence(tmp_path):
    article = post(tmp_path, **TIMED, Modified="2027-01-02 00:00")
    article.date = datetime(2026, 12, 1, 10, tzinfo=UTC)  # as Pelican reads it: aware
    article.modified = datetime(2027, 1, 2, tzinfo=UTC)  # NOW plus the slack
    event = read_event(article, SETTINGS, NOW)
    minutes = (article.modified - article.date).total_seconds() // 60
    assert event.sequence == 2 * minutes


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ("Modified: 2026-12-05 17:30", "Modified: 2199-12-05 17:30", "Modified",
         "Modified 2199-12-05 17:30 is after the time of the build, 2027-01-01 00:00 UTC"),
        ("America/New_York", "../../../../etc/passwd", "Event-Timezone",
         "unknown time zone '../../../../etc/passwd' in Event-Timezone"),
        ("America/New_York", "Europe", "Event-Timezone", "unknown time zone 'Europe'"),
        ("America/New_York", "new_york", "Event-Timezone",
         "unknown time zone 'new_york' in Event-Timezone (did you mean America/New_York?"),
    ],
)  # fmt: skip
def test_a_build_stops_at_the_line_and_writes_no_calendar(tmp_path, old, new, key, problem):
    content, lines = broken_site(tmp_path, "spring-sprint.md", old, new)
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith(f"{key}:"))
    plugins = 'PLUGINS=["plugins.model.error_report", "plugins.kinds.events"]'
    output = tmp_path / "output"
    result = run_pelican(SITE_SETTINGS, output, plugins, content=content, cwd=tmp_path)
    printed = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in printed, printed
    assert f"content/events/spring-sprint.md:{line}: {problem}" in " ".join(printed.split())
    assert not (output / "calendar.ics").exists()


def test_the_one_build_now_splits_the_meetings_and_bounds_modified(tmp_path):
    """BUILD_NOW on 6 December 2026: the sprint's Modified (5 December) is fine, the
    workshop's (20 December) is after the build; on 20 December both build, the same now
    deciding what is upcoming."""
    output = tmp_path / "early"
    result = run_pelican(SITE_SETTINGS, output, 'BUILD_NOW="2026-12-06"', cwd=TEST_DATA)
    printed = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "content/events/cancelled-workshop.md:3: Modified 2026-12-20 10:00 is after" in printed
    later = tmp_path / "later"
    build_ok(SITE_SETTINGS, later, 'BUILD_NOW="2026-12-20T09:00Z"', cwd=TEST_DATA)
    calendar = icalendar.Calendar.from_ical((later / "calendar.ics").read_bytes())
    stamps = {str(e["summary"]): e.decoded("dtstamp") for e in calendar.walk("VEVENT")}
    assert stamps["Cancelled workshop"] == datetime(2026, 12, 20, 10, tzinfo=UTC)
