"""Untrusted Event-* values out of range: `path:line` errors, never an overflow, a hang or
markup in a calendar (security review). Pure: a fake post read with read_event."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from plugins.compat.dateutil import dates_made_by_rrule
from plugins.kinds.events.ics import calendar_bytes
from plugins.kinds.events.reading import EventError, read_event
from plugins.kinds.events.recurrence import parse_repeat

SETTINGS = {
    "TIMEZONE": "UTC",
    "EVENTS_SERIES_SHOWN": 6,
    "EVENTS_UID_DOMAIN": "example.org",
    "EVENTS_CALENDAR_NAME": "Illustrative meetings",
    "SITENAME": "Illustrative",
    "SITEURL": "",
}
NOW = datetime(2027, 1, 1, tzinfo=UTC)  # the build's now


def post(tmp_path, **fields):
    """A fake event post whose header has `fields` (Event_Start= for Event-Start ...)."""
    fields = {"Event-Location": "Online", **{k.replace("_", "-"): v for k, v in fields.items()}}
    header = ["Title: An example", "Date: 2026-12-01 10:00", "Category: Events", "Summary: S"]
    header += [f"{key}: {value}" for key, value in fields.items()]
    path = tmp_path / "event.md"
    path.write_text("\n".join(header) + "\n\nBody.\n", encoding="utf-8")
    return SimpleNamespace(
        source_path=str(path),
        metadata={key.lower(): value for key, value in fields.items()},
        slug="an-example",
        date=datetime(2026, 12, 1, 10, 0),
        modified=None,
        lang=None,
        save_as="events/an-example/index.html",
        title="An example",
        summary="S",
        url="events/an-example/",
        lines=header,
    )


def error_of(article):
    with pytest.raises(EventError) as caught:
        read_event(article, SETTINGS, NOW)
    return caught.value


RANGE = "outside the years 1970 to 2200"


@pytest.mark.parametrize(
    ("fields", "key", "said"),
    [
        ({"Event_Start": "2027-01-01 10:00", "Event_Duration": "99999999999d"}, "event-duration",
         "31d"),
        ({"Event_Start": "2027-01-01 10:00", "Event_Duration": "9999999d"}, "event-duration",
         "31d"),
        ({"Event_Start": "2027-01-01", "Event_Duration": "999999999d"}, "event-duration", "31"),
        ({"Event_Start": "9999-12-31 23:00", "Event_Duration": "2h"}, "event-start", RANGE),
        ({"Event_Start": "9999-12-31"}, "event-start", RANGE),
        ({"Event_Start": "2027-01-01 10:00", "Event_End": "9999-12-31 23:59",
          "Event_Timezone": "America/New_York"}, "event-end", RANGE),
        ({"Event_Start": "0001-01-01 00:30", "Event_Duration": "1h",
          "Event_Timezone": "Pacific/Kiritimati"}, "event-start", RANGE),
        ({"Event_Start": "2027-01-01 10:00", "Event_Duration": "1h", "Event_Repeat": "daily",
          "Event_Skip": "9999-01-01"}, "event-skip", RANGE),
        ({"Event_Start": "2027-01-01 10:00", "Event_Duration": "1h", "Event_Repeat": "monthly",
          "Event_Moved": "2027-02-01 -> 9999-12-31 23:30"}, "event-moved", RANGE),
        ({"Event_Start": "2027-01-01 10:00", "Event_Duration": "1h",
          "Event_Repeat": "every 2 years until 9999-12-31", "Event_Timezone": "Europe/Berlin"},
         "event-repeat", RANGE),
        ({"Event_Start": "2200-12-31 10:00", "Event_Duration": "1h",
          "Event_Repeat": "yearly, 5000 times"}, "event-repeat", "runs past 2200"),
    ],
)  # fmt: skip
def test_dates_and_durations_out_of_range_are_path_line_errors(tmp_path, fields, key, said):
    article = post(tmp_path, **fields)
    error = error_of(article)
    wanted = next(
        n for n, text in enumerate(article.lines, 1) if text.lower().startswith(key + ":")
    )
    assert error.line == wanted
    assert said in str(error)


def test_the_last_allowed_year_still_makes_a_calendar(tmp_path):
    article = post(
        tmp_path,
        Event_Start="2200-12-31 23:00",
        Event_Duration="31d",
        Event_Timezone="Europe/Berlin",
        Event_Repeat="yearly",
    )
    article.event = read_event(article, SETTINGS, NOW)
    assert b"BEGIN:VTIMEZONE" in calendar_bytes([article], SETTINGS)


@pytest.mark.parametrize(
    ("words", "reason"),
    [
        ("every 99999999999999999999 days", "interval must be from 1 to 366"),
        ("every 367 days", "interval must be from 1 to 366"),
        ("every 1000 years, 3000000000 times", "interval must be from 1 to 366"),
        ("yearly, 3000000000 times", "number of meetings must be from 1 to 5000"),
        ("daily, 5001 times", "number of meetings must be from 1 to 5000"),
    ],
)
def test_interval_and_count_stay_in_the_rfc_5545_range(words, reason):
    with pytest.raises(ValueError, match=reason):
        parse_repeat(words)


def test_many_far_skips_cost_a_pass_over_the_series_and_more_than_200_refused(tmp_path):
    """200 skipped days in 2200 of a daily series from 2027: the series is walked a few times
    (63,550 days), not once per skipped day (12.7 million). The work is counted: every date
    dateutil makes."""
    start = date(2027, 1, 1)
    days = ", ".join(str(date(2200, 1, 1) + timedelta(days=n)) for n in range(200))
    fields = {"Event_Start": f"{start} 10:00", "Event_Duration": "1h", "Event_Repeat": "daily"}
    article = post(tmp_path, **fields, Event_Skip=days)
    with dates_made_by_rrule() as made:
        event = read_event(article, SETTINGS, NOW)
    assert len(event.skipped) == 200
    series_length = (date(2200, 12, 31) - start).days + 1
    assert (date(2200, 1, 1) - start).days < len(made) <= 3 * series_length
    many = days + ", 2200-12-31"
    error = error_of(post(tmp_path, **fields, Event_Skip=many))
    assert "more than 200" in str(error)


def test_no_tag_survives_in_the_calendar_text(tmp_path):
    article = post(
        tmp_path, Event_Start="2027-01-01 10:00", Event_Duration="1h",
        Event_Location="Room <b>1</b> &lt;script&gt;, where x < y",
    )  # fmt: skip
    article.title = "Talk &lt;script&gt;alert(1)&lt;/script&gt; <<b>b>x"
    article.summary = "<p>&lt;img src=x onerror=alert(1)&gt; and x &lt; y</p>"
    article.event = read_event(article, SETTINGS, NOW)
    text = calendar_bytes([article], SETTINGS).decode()
    unfolded = text.replace("\r\n ", "")
    assert "<script" not in unfolded and "<img" not in unfolded and "<b>" not in unfolded
    assert "x < y" in unfolded
