"""Add-to-calendar links: Google gets a series as its .ics has it (recur = the RRULE, dates = the
first meeting), Outlook the next meeting and says so, both get the join link; the texts beside
them tell a reader what each adds. The URLs are parsed, the .ics read with icalendar."""

import shutil
from datetime import UTC
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import lxml.html
import pytest

from conftest import build_ok

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
NOW = 'BUILD_NOW="2027-02-08T00:00Z"'  # after the first meeting of the monthly call
JOIN = "https://meet.example.org/uls?room=monthly&pin=42"
CLUB = """Title: Reading club
Date: 2026-12-01 09:00
Category: Events
Summary: A day of reading, every Thursday.
Event-Start: 2027-01-07
Event-Repeat: weekly on Thursday, 10 times
Event-Location: Room 3, Library

No skips, no moves, all day.
"""


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    """The events test site a month into the monthly call (which gets a join link and a summary
    with references that decode to tags), an online call with a join link and an all-day
    weekly series with a count."""
    root = tmp_path_factory.mktemp("links")
    content = root / "content"
    shutil.copytree(TEST_DATA / "content", content)
    call = content / "events" / "monthly-call.md"
    text = call.read_text(encoding="utf-8").replace(
        "Summary: The first", "Summary: &lt;b&gt;Q&amp;A&lt;/b&gt; The first"
    )
    call.write_text(text.replace("Event-Location:", f"Event-URL: {JOIN}\nEvent-Location:"))
    online = content / "events" / "online-call.md"
    text = online.read_text(encoding="utf-8")
    online.write_text(text.replace("Event-Location:", f"Event-URL: {JOIN}\nEvent-Location:"))
    (content / "events" / "reading-club.md").write_text(CLUB, encoding="utf-8")
    build_ok(SETTINGS, root / "output", NOW, content=content, cwd=root)
    return root / "output"


def calendar_list(output, slug):
    page = lxml.html.fromstring((output / f"posts/2026/{slug}/index.html").read_bytes())
    return page.cssselect("ul.add-to-calendar")[0]


def service_query(output, slug, host):
    """The query of the page's link to `host`, {name: value}; no name is given twice."""
    href = calendar_list(output, slug).xpath(f".//a[contains(@href, '{host}')]/@href")[0]
    query = parse_qs(urlsplit(href).query, keep_blank_values=True)
    assert all(len(values) == 1 for values in query.values()), query
    return {name: values[0] for name, values in query.items()}


def master(output, slug):
    """The VEVENT of the event's own .ics that is not a moved meeting."""
    calendar = icalendar.Calendar.from_ical((output / f"posts/2026/{slug}/event.ics").read_bytes())
    (event,) = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e]
    return event


def utc(moment):
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def test_google_adds_the_series_as_its_calendar_file_has_it(output):
    query = service_query(output, "monthly-call", "calendar.google.com")
    event = master(output, "monthly-call")
    assert query["recur"] == "RRULE:" + event["rrule"].to_ical().decode()
    assert query["recur"] == "RRULE:FREQ=MONTHLY;UNTIL=20271231T225959Z;BYDAY=1WE"
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert query["dates"] == f"{utc(start)}/{utc(end)}" == "20270106T170000Z/20270106T180000Z"
    assert query["ctz"] == "Europe/Berlin"
    # Skipped and moved meetings: not in the link, said in its details, with the file.
    assert "EXDATE" not in query["recur"] and "RDATE" not in query["recur"]
    details = query["details"]
    assert "Skipped and moved meetings are not in this calendar entry" in details
    assert "/posts/2026/monthly-call/event.ics" in details
    assert f"Join: {JOIN}" in details
    assert query["location"] == JOIN  # an online meeting: the join link is where it is
    # The summary is plain text: references decoded, nothing tag-like left.
    assert details.startswith("Q&A The first Wednesday") and "<" not in details


def test_google_adds_an_all_day_series_with_a_count_and_no_exceptions(output):
    query = service_query(output, "reading-club", "calendar.google.com")
    event = master(output, "reading-club")
    assert query["recur"] == "RRULE:" + event["rrule"].to_ical().decode()
    assert query["recur"] == "RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=TH"
    assert query["dates"] == "20270107/20270108" and "ctz" not in query
    assert "Skipped" not in query["details"] and "Join:" not in query["details"]
    assert query["location"] == "Room 3, Library"


def test_outlook_adds_the_next_meeting_of_a_series_and_says_so(output):
    query = service_query(output, "monthly-call", "outlook.live.com")
    assert "recur" not in query
    # The next meeting is the moved one, 10 February 2027 at 18:30 in Berlin.
    assert (query["startdt"], query["enddt"]) == ("2027-02-10T17:30:00Z", "2027-02-10T18:30:00Z")
    body = query["body"]
    assert "This calendar entry is the meeting of 10 February 2027 only, one of a series" in body
    assert "(Monthly on the first Wednesday, until 31 December 2027)" in body
    assert "Every meeting of the series: http" in body and "/monthly-call/event.ics" in body
    assert f"Join: {JOIN}" in body and query["location"] == JOIN


def test_a_one_off_meeting_gets_no_recur_and_its_join_link(output):
    for host in ("calendar.google.com", "outlook.live.com"):
        query = service_query(output, "spring-sprint", host)
        assert "recur" not in query
        text = query.get("details") or query["body"]
        assert "Join: https://example.org/sprint" in text and "series" not in text
        assert query["location"] == "Room 101, Convention Center"  # in person: the room
    google = service_query(output, "spring-sprint", "calendar.google.com")
    assert google["dates"] == "20270515T180000Z/20270515T193000Z"
    online = service_query(output, "online-call", "calendar.google.com")
    assert "recur" not in online and online["location"] == JOIN


def items(output, slug):
    """[(text of the item, [hrefs of its links])] of the add-to-calendar list."""
    return [
        (" ".join(li.text_content().split()), li.xpath(".//a/@href"))
        for li in calendar_list(output, slug).xpath("./li")
    ]


def test_the_texts_say_what_each_link_adds(output):
    series = items(output, "monthly-call")
    assert [text for text, _hrefs in series] == [
        "Add to calendar (iCalendar file, every meeting of the series)",
        "Subscribe to all meetings",
        "Google Calendar (every meeting of the series; for skipped and moved meetings, "
        "subscribe to the series)",
        "Outlook: next meeting only (for every meeting, subscribe to the series)",
    ]
    subscription = series[2][1][1]
    assert subscription.startswith("webcal://")
    assert subscription.endswith("/posts/2026/monthly-call/event.ics")
    assert series[3][1][1] == subscription
    club = [text for text, _hrefs in items(output, "reading-club")]
    assert club[2:] == [
        "Google Calendar (every meeting of the series)",
        "Outlook: next meeting only (for every meeting, subscribe to the series)",
    ]
    assert [text for text, _hrefs in items(output, "spring-sprint")] == [
        "Add to calendar (iCalendar file)",
        "Subscribe to all meetings",
        "Google Calendar",
        "Outlook",
    ]
