"""Every calendar the site writes, read by three independent parsers: `icalendar` (which writes
them), `ical` (strict, pydantic models) and `recurring-ical-events` (expands the series)."""

import shutil
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from ical.calendar_stream import IcsCalendarStream

from conftest import build_ok, run_pelican

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("calendars") / "output"
    build_ok(SETTINGS, output, cwd=TEST_DATA)
    return output


def every_ics(folder):
    found = sorted(Path(folder).rglob("*.ics"))
    assert found, f"no .ics file under {folder}"
    return found


def check_format(raw, name):
    """CRLF line ends only, and every line folded at 75 octets (RFC 5545, 3.1)."""
    assert raw.endswith(b"\r\n"), name
    lines = raw.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines), name
    too_long = [line for line in lines if len(line) > 75]
    assert not too_long, (name, too_long)


def check_parsers(raw, name):
    """Both parsers read the file; icalendar writes back the same bytes; `ical` reads the same
    events as icalendar, and its own output reads again."""
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar.to_ical() == raw, name
    strict = IcsCalendarStream.calendar_from_ics(raw.decode("utf-8"))
    ours = sorted((str(e["uid"]), e.decoded("dtstart")) for e in calendar.walk("VEVENT"))
    theirs = sorted((e.uid, e.dtstart) for e in strict.events)
    assert ours == theirs, name
    again = IcsCalendarStream.calendar_from_ics(IcsCalendarStream.calendar_to_ics(strict))
    assert sorted((e.uid, e.dtstart) for e in again.events) == theirs, name
    return calendar


def test_every_calendar_of_the_fixture_site_parses_strictly_and_round_trips(fixture_site):
    for path in every_ics(fixture_site):
        raw = path.read_bytes()
        check_format(raw, path.name)
        check_parsers(raw, path.name)


def test_every_calendar_of_the_real_site_parses_strictly_and_round_trips(site):
    names = [path.relative_to(site).as_posix() for path in every_ics(site)]
    assert "calendar.ics" in names
    assert "calendar/topic/uls-systems.ics" in names
    for path in every_ics(site):
        raw = path.read_bytes()
        check_format(raw, path.name)
        check_parsers(raw, path.name)
    # Illustrative meetings are not in the calendars people subscribe to.
    calendar = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries and not [s for s in summaries if "example" in s.lower()]


def starts(path, first, last):
    """Local starts of the monthly call between two days, expanded by recurring-ical-events."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found = recurring_ical_events.of(calendar).between(first, last)
    return sorted(
        event.decoded("dtstart") for event in found if str(event["summary"]) == "Monthly call"
    )


def test_a_series_keeps_its_wall_clock_time_across_daylight_saving(fixture_site):
    found = starts(fixture_site / "calendar.ics", date(2027, 1, 1), date(2028, 1, 1))
    local = [(moment.date().isoformat(), moment.strftime("%H:%M")) for moment in found]
    assert local == [
        ("2027-01-06", "18:00"),
        ("2027-02-10", "18:30"),  # Event-Moved: 2027-02-03 -> 2027-02-10 18:30
        ("2027-03-03", "18:00"),
        ("2027-04-07", "18:00"),  # summer time from 28 March: still 18:00 in Berlin
        # 2027-05-05 is skipped (Event-Skip)
        ("2027-06-02", "18:00"),
        ("2027-07-07", "18:00"),
        ("2027-08-04", "18:00"),
        ("2027-09-01", "18:00"),
        ("2027-10-06", "18:00"),
        ("2027-11-03", "18:00"),  # winter time again from 31 October
        ("2027-12-01", "18:00"),
    ]
    in_utc = {m.date().isoformat(): m.astimezone(ZoneInfo("UTC")).hour for m in found}
    assert in_utc["2027-03-03"] == 17 and in_utc["2027-04-07"] == 16
    assert in_utc["2027-11-03"] == 17
    # ical's own expansion agrees, date for date.
    strict = IcsCalendarStream.calendar_from_ics((fixture_site / "calendar.ics").read_text())
    timeline = [
        e.dtstart
        for e in strict.timeline_tz(BERLIN)
        if e.summary == "Monthly call" and e.dtstart.year == 2027
    ]
    assert [moment.replace(tzinfo=None) for moment in timeline] == [
        moment.replace(tzinfo=None) for moment in found
    ]


def test_skips_and_moves_are_exdate_and_recurrence_id(fixture_site):
    raw = (fixture_site / "posts/2026/monthly-call/event.ics").read_text()
    assert "RRULE:FREQ=MONTHLY;UNTIL=20271231T225959Z;BYDAY=1WE" in raw
    assert "EXDATE;TZID=Europe/Berlin:20270505T180000" in raw
    assert "RECURRENCE-ID;TZID=Europe/Berlin:20270203T180000" in raw
    assert "DTSTART;TZID=Europe/Berlin:20270210T183000" in raw
    vtimezone = icalendar.Calendar.from_ical(raw).walk("VTIMEZONE")
    assert [str(zone["tzid"]) for zone in vtimezone] == ["Europe/Berlin"]
    assert {c.name for c in vtimezone[0].subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_the_calendar_description_carries_the_agenda(fixture_site):
    calendar = icalendar.Calendar.from_ical((fixture_site / "calendar.ics").read_bytes())
    call = next(e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Monthly call")
    description = str(call["description"])
    assert "Agenda:\n- Queues at scale (Ada Example) slides: https://example.org/slides" in (
        description
    )
    assert "- Sockets by the million (Grace Example, Alan Example)" in description


def test_an_all_day_event_is_written_with_dates(fixture_site):
    raw = (fixture_site / "posts/2026/history-day/event.ics").read_text()
    assert "DTSTART;VALUE=DATE:20260105" in raw and "DTEND;VALUE=DATE:20260106" in raw
    assert "VTIMEZONE" not in raw


def sequence_and_status(output):
    calendar = icalendar.Calendar.from_ical(
        (output / "posts/2026/cancelled-workshop/event.ics").read_bytes()
    )
    event = calendar.walk("VEVENT")[0]
    return int(event["sequence"]), str(event["status"])


def test_a_cancelled_meeting_says_so_with_a_higher_sequence(fixture_site, tmp_path):
    cancelled = sequence_and_status(fixture_site)
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    source = content / "events" / "cancelled-workshop.md"
    source.write_text(source.read_text().replace("Event-Status: cancelled\n", ""))
    before = tmp_path / "before"
    build_ok(SETTINGS, before, content=content, cwd=tmp_path)
    planned = sequence_and_status(before)
    assert planned[1] == "CONFIRMED" and cancelled[1] == "CANCELLED"
    assert cancelled[0] > planned[0]
    # A change of place or time comes with Modified:, which raises SEQUENCE again.
    source.write_text(
        source.read_text()
        .replace("Room 2, Library", "Room 3, Library")
        .replace("Modified: 2026-12-20 10:00", "Modified: 2026-12-21 10:00")
    )
    moved = tmp_path / "moved"
    build_ok(SETTINGS, moved, content=content, cwd=tmp_path)
    assert sequence_and_status(moved)[0] > cancelled[0]
    # Deterministic: the same content gives the same bytes.
    again = tmp_path / "again"
    build_ok(SETTINGS, again, content=content, cwd=tmp_path)
    for path in moved.rglob("*.ics"):
        assert (again / path.relative_to(moved)).read_bytes() == path.read_bytes()


def test_calendar_urls_are_absolute_with_siteurl(tmp_path):
    output = tmp_path / "published"
    result = run_pelican(SETTINGS, output, 'SITEURL="https://uls.example.org"', cwd=TEST_DATA)
    assert result.returncode == 0, result.stdout + result.stderr
    raw = (output / "calendar.ics").read_text()
    assert "URL:https://uls.example.org/posts/2026/monthly-call/" in raw.replace("\r\n ", "")
