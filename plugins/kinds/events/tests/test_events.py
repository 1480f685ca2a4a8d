"""The events plugin on a tiny site: events page, event box, calendars, errors in content."""

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import lxml.html
import pytest

from conftest import build_ok, run_pelican
from plugins.kinds.events.ics import without_controls
from plugins.kinds.events.tests.helpers import broken_site

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
DOMAIN = "uls-sig.python.org"

# What test_data/content/events/ says, in UTC.
EXPECTED = {
    "Spring sprint": (  # 14:00 America/New_York (EDT), Event-Duration: 1h30m
        datetime(2027, 5, 15, 18, 0, tzinfo=UTC),
        datetime(2027, 5, 15, 19, 30, tzinfo=UTC),
        f"spring-sprint-2026-12-01@{DOMAIN}",
    ),
    "Online call": (  # 09:00+05:30, no Event-Timezone
        datetime(2027, 3, 2, 3, 30, tzinfo=UTC),
        datetime(2027, 3, 2, 4, 30, tzinfo=UTC),
        f"online-call-2026-11-20@{DOMAIN}",
    ),
    "A past meetup in Berlin": (  # 18:00 Europe/Berlin (CET)
        datetime(2026, 3, 10, 17, 0, tzinfo=UTC),
        datetime(2026, 3, 10, 19, 0, tzinfo=UTC),
        f"past-meetup-2026-02-01@{DOMAIN}",
    ),
    "Monthly call": (  # 18:00 Europe/Berlin (CET), the first of the series
        datetime(2027, 1, 6, 17, 0, tzinfo=UTC),
        datetime(2027, 1, 6, 18, 0, tzinfo=UTC),
        f"monthly-call-2026-12-10@{DOMAIN}",
    ),
    "Cancelled workshop": (  # 10:00 America/Los_Angeles (PST)
        datetime(2027, 2, 20, 18, 0, tzinfo=UTC),
        datetime(2027, 2, 20, 21, 0, tzinfo=UTC),
        f"cancelled-workshop-2026-12-01@{DOMAIN}",
    ),
    "A day in history": (  # all day: dates, not times
        date(2026, 1, 5),
        date(2026, 1, 6),
        f"history-day-2026-01-05@{DOMAIN}",
    ),
}


def build(output, *extra):
    build_ok(SETTINGS, output, *extra, cwd=TEST_DATA)
    return output


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Built with BUILD_NOW = 2027-01-01 (test_data/pelicanconf.py)."""
    return build(tmp_path_factory.mktemp("events") / "output")


def html(path):
    return lxml.html.fromstring(path.read_bytes())


def section_titles(page, section_id):
    cards = page.xpath(f"//section[@aria-labelledby='{section_id}']//article//h3/a")
    return [a.text_content().strip() for a in cards]


def vevents(path):
    """{summary: VEVENT} of the masters (a moved meeting's override has a RECURRENCE-ID)."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found = calendar.walk("VEVENT")
    return {str(event["summary"]): event for event in found if "recurrence-id" not in event}


def test_events_page_lists_upcoming_soonest_first_and_past(site):
    page = html(site / "events/index.html")
    assert section_titles(page, "events-upcoming") == [
        "Monthly call",  # its next meeting, 6 January 2027
        "Cancelled workshop",  # listed, with its banner
        "Online call",
        "Spring sprint",
    ]
    assert section_titles(page, "events-past") == ["A past meetup in Berlin", "A day in history"]
    sprint = page.xpath("//article[.//a[text()='Spring sprint']]")[0]
    text = " ".join(sprint.text_content().split())
    assert "15 May 2027, 14:00–15:30 EDT (America/New_York)" in text
    assert "Where: Room 101, Convention Center" in text
    times = [t.get("datetime") for t in sprint.iter("time")]
    assert times == ["2027-05-15T14:00:00-04:00", "2027-05-15T15:30:00-04:00"]
    call = page.xpath("//article[.//a[text()='Online call']]")[0]
    assert "2 March 2027, 09:00–10:00 UTC+05:30" in " ".join(call.text_content().split())
    assert page.xpath("//a[@href='/calendar.ics']")
    assert "/posts/2026/spring-sprint/" in [a.get("href") for a in sprint.iter("a")]


def test_past_is_newest_first_and_decided_by_the_utc_day(tmp_path):
    output = build(tmp_path / "later", 'BUILD_NOW="2028-01-01"')
    page = html(output / "events/index.html")
    assert section_titles(page, "events-upcoming") == []
    assert section_titles(page, "events-past") == [
        "Monthly call",  # its last meeting: 1 December 2027
        "Spring sprint",
        "Online call",
        "Cancelled workshop",
        "A past meetup in Berlin",
        "A day in history",
    ]
    # The online call ends at 04:30 UTC: it stays upcoming for the rest of that UTC day.
    output = build(tmp_path / "same-day", 'BUILD_NOW="2027-03-02T23:59Z"')
    page = html(output / "events/index.html")
    assert section_titles(page, "events-upcoming") == [
        "Online call",
        "Monthly call",
        "Spring sprint",
    ]


def test_event_post_shows_when_where_and_add_to_calendar(site):
    page = html(site / "posts/2026/spring-sprint/index.html")
    box = page.cssselect("aside.event-details")[0]
    text = " ".join(box.text_content().split())
    assert "15 May 2027, 14:00–15:30 EDT (America/New_York)" in text
    assert "15 May 2027, 18:00–19:30 UTC" in text
    assert "Room 101, Convention Center" in text
    links = {a.text_content(): a.get("href") for a in box.iter("a")}
    assert links["https://example.org/sprint"] == "https://example.org/sprint"
    assert links["Add to calendar"] == "/posts/2026/spring-sprint/event.ics"
    assert links["All meetings"] == "/events/"
    single = vevents(site / "posts/2026/spring-sprint/event.ics")
    assert list(single) == ["Spring sprint"]
    assert str(single["Spring sprint"]["uid"]) == EXPECTED["Spring sprint"][2]
    ordinary = html(site / "posts/2026/hello/index.html")
    assert not ordinary.cssselect("aside.event-details")
    footer = html(site / "index.html").cssselect("footer")[0]
    assert "/calendar.ics" in [a.get("href") for a in footer.iter("a")]


def test_calendar_round_trips_every_event(site):
    raw = (site / "calendar.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) and str(calendar["calscale"]) == "GREGORIAN"
    assert str(calendar["x-wr-calname"]) == "ULS-SIG meetings"
    events = vevents(site / "calendar.ics")
    # every event once, and the moved meeting of the monthly call as its own VEVENT
    assert len(calendar.walk("VEVENT")) == len(EXPECTED) + 1
    assert len(events) == len(EXPECTED)
    for title, (start, end, uid) in EXPECTED.items():
        event = events[title]
        assert event.decoded("dtstart") == start and event.decoded("dtend") == end
        assert str(event["uid"]) == uid
    # A named zone keeps the local time (with a VTIMEZONE); an offset alone is written in UTC.
    assert "DTSTART;TZID=America/New_York:20270515T140000" in raw.decode()
    assert "DTSTART:20270302T033000Z" in raw.decode()
    assert events["Online call"].decoded("dtstart").utcoffset() == timedelta(0)
    zones = sorted(str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE"))
    assert zones == ["America/Los_Angeles", "America/New_York", "Europe/Berlin"]
    sprint = events["Spring sprint"]
    assert sprint.decoded("dtstamp") == datetime(2026, 12, 5, 17, 30, tzinfo=UTC)  # Modified
    assert str(sprint["location"]) == "Room 101, Convention Center"
    assert str(sprint["url"]) == "/posts/2026/spring-sprint/"
    assert "A sprint on the follow-up sketch." in str(sprint["description"])
    meetup = str(events["A past meetup in Berlin"]["description"])
    assert meetup.startswith("We met in Berlin & talked about queues.")


def test_calendar_is_byte_identical_across_builds_and_urls_absolute(site, tmp_path):
    again = build(tmp_path / "again")
    for name in ("calendar.ics", "posts/2026/spring-sprint/event.ics", "events/index.html"):
        assert (again / name).read_bytes() == (site / name).read_bytes(), name
    published = build(tmp_path / "published", 'SITEURL="https://uls.example.org"')
    sprint = vevents(published / "calendar.ics")["Spring sprint"]
    assert str(sprint["url"]) == "https://uls.example.org/posts/2026/spring-sprint/"
    assert str(sprint["uid"]) == EXPECTED["Spring sprint"][2]  # not from SITEURL


@pytest.mark.parametrize(
    ("name", "old", "new", "key", "problem"),
    [
        (
            "spring-sprint.md",
            "2027-05-15 14:00",
            "2027-05-32 14:00",
            "Event-Start",
            "Event-Start '2027-05-32 14:00' is not a date and time",
        ),
        (
            "online-call.md",
            "Event-End: 2027-03-02T10:00",
            "Event-End: 2027-03-02T08:00",
            "Event-End",
            "Event-End 2027-03-02T08:00+05:30 is not after Event-Start",
        ),
        (
            "past-meetup.md",
            "Europe/Berlin",
            "Europe/Atlantis",
            "Event-Timezone",
            "unknown time zone 'Europe/Atlantis' in Event-Timezone",
        ),
        (
            "spring-sprint.md",
            "Event-Duration: 1h30m",
            "Event-End: 2027-05-15 16:00\nEvent-Duration: 1h30m",
            "Event-Duration",
            "both Event-End and Event-Duration are set",
        ),
        (
            "past-meetup.md",
            "Event-Start: 2026-03-10 18:00\n",
            "",
            "Event-End",  # no Event-Start line: the first Event- line is named
            "missing Event-Start",
        ),
    ],
)
def test_bad_event_fails_the_build_with_path_and_line(tmp_path, name, old, new, key, problem):
    content, lines = broken_site(tmp_path, name, old, new)
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith(f"{key}:"))
    result = run_pelican(SETTINGS, tmp_path / "output", content=content, cwd=tmp_path)
    assert result.returncode != 0
    output = " ".join((result.stdout + result.stderr).split())
    assert "EventError" in output
    assert f"content/events/{name}:{line}: {problem}" in output
    assert not (tmp_path / "output" / "calendar.ics").exists()


EVENT = """Title: {title}
{guid}Date: {date}
{extra}Category: Events
Event-Start: 2027-06-01 10:00
Event-Duration: 1h
Event-Location: Somewhere else

Text.
"""


def test_an_event_cannot_take_the_calendar_uid_of_another(tmp_path):
    """An event that copies another's Guid and Date stops the build at its Guid: line; a
    translation (same slug and date, its own -<lang> UID) and a draft do not count."""
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    events = {
        "thief.md": ("Thief", "Guid: spring-sprint\n", "2026-12-01 10:00", ""),
        "sprint-fr.md": ("Sprint", "", "2026-12-01 09:00", "Slug: spring-sprint\nLang: fr\n"),
        "draft.md": ("Draft", "Guid: online-call\n", "2026-11-20", "Status: draft\n"),
    }
    for name, (title, guid, published, extra) in events.items():
        text = EVENT.format(title=title, guid=guid, date=published, extra=extra)
        (content / "events" / name).write_text(text, encoding="utf-8")
    plugins = 'PLUGINS=["plugins.model.error_report", "plugins.kinds.events"]'
    result = run_pelican(SETTINGS, tmp_path / "output", plugins, content=content, cwd=tmp_path)
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    assert "Traceback" not in printed, printed
    found = [line for line in printed.splitlines() if "calendar UID" in line]
    assert found == [
        f"content/events/thief.md:2: its calendar UID spring-sprint-2026-12-01@{DOMAIN} is "
        "already the UID of content/events/spring-sprint.md (remove the Guid: line; Guid is "
        "only for keeping the ID of a renamed post)"
    ]
    assert not (tmp_path / "output" / "calendar.ics").exists()


def test_no_calendar_carries_a_control_character():
    raw = "SUMMARY:Bell\x07 form\x0cfeed\x85 nul\x00 \ufffe bare\rCR\r\nLOCATION:Tab\tok\r\n"
    assert without_controls(raw.encode()) == b"SUMMARY:Bell formfeed nul  bareCR\r\n" + (
        b"LOCATION:Tab\tok\r\n"
    )
