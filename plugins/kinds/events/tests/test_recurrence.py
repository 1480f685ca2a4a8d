"""Event-Repeat in plain words, and the `path:line` errors of a series written wrong."""

from datetime import date, datetime
from itertools import islice
from pathlib import Path

import pytest

from conftest import run_pelican
from plugins.kinds.events.recurrence import parse_repeat
from plugins.kinds.events.tests.helpers import broken_site

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
WITH_REPORT = (
    'PLUGINS=["plugins.model.error_report", "plugins.kinds.events"]'  # errors without a traceback
)


@pytest.mark.parametrize(
    ("words", "rrule", "described"),
    [
        ("monthly on the first Wednesday", {"FREQ": "MONTHLY", "BYDAY": ["1WE"]}, None),
        ("Every first Wednesday", {"FREQ": "MONTHLY", "BYDAY": ["1WE"]}, None),
        ("monthly on the last Friday", {"FREQ": "MONTHLY", "BYDAY": ["-1FR"]}, None),
        ("monthly on day 15", {"FREQ": "MONTHLY", "BYMONTHDAY": 15}, None),
        ("weekly on Thursday", {"FREQ": "WEEKLY", "BYDAY": ["TH"]}, "Weekly on Thursday"),
        ("every Thursday", {"FREQ": "WEEKLY", "BYDAY": ["TH"]}, "Weekly on Thursday"),
        ("every 2 weeks", {"FREQ": "WEEKLY", "INTERVAL": 2}, "Every 2 weeks"),
        ("every other week on Tuesday", {"FREQ": "WEEKLY", "INTERVAL": 2, "BYDAY": ["TU"]}, None),
        (
            "weekly on Monday and Thursday, 10 times",
            {"FREQ": "WEEKLY", "BYDAY": ["MO", "TH"], "COUNT": 10},
            "Weekly on Monday and Thursday, 10 times",
        ),
        (
            "every 2 weeks until 2027-06-30",
            {"FREQ": "WEEKLY", "INTERVAL": 2, "UNTIL": "U"},
            "Every 2 weeks, until 30 June 2027",
        ),
        ("daily for 5 meetings", {"FREQ": "DAILY", "COUNT": 5}, "Daily, 5 times"),
    ],
)
def test_plain_words_map_to_an_rrule(words, rrule, described):
    rule = parse_repeat(words)
    assert rule.ical("U") == rrule
    if described:
        assert rule.describe() == described


def test_the_dates_follow_the_rule():
    rule = parse_repeat("monthly on the first Wednesday until 2027-03-31")
    found = [d.date() for d in rule.dates(datetime(2027, 1, 6, 18, 0))]
    assert found == [date(2027, 1, 6), date(2027, 2, 3), date(2027, 3, 3)]
    weekly = parse_repeat("weekly on Monday and Thursday, 3 times")
    found = [d.date() for d in islice(weekly.dates(datetime(2027, 1, 4, 9)), 5)]
    assert found == [date(2027, 1, 4), date(2027, 1, 7), date(2027, 1, 11)]


@pytest.mark.parametrize(
    ("words", "reason"),
    [
        ("sometimes", "it does not start with how often"),
        ("weekly on the first Monday", "'the first monday' needs a monthly series"),
        ("monthly on Wednesday", "need a weekly series"),
        ("weekly on Thursday until 2027-13-01", "2027-13-01 is not a date"),
        ("monthly on day 40", "there is no day 40 in a month"),
        ("every 0 weeks", "the interval must be from 1 to 366"),
        ("weekly on Thursday at noon", "'at noon' is not understood"),
    ],
)
def test_words_it_cannot_read_say_why(words, reason):
    with pytest.raises(ValueError, match=reason):
        parse_repeat(words)


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        (
            "monthly on the first Wednesday until 2027-12-31",
            "now and then",
            "Event-Repeat",
            "Event-Repeat 'now and then': it does not start with how often (daily, weekly, "
            'monthly, every ...) (write it like "monthly on the first Wednesday", "weekly on '
            'Thursday", "every 2 weeks until 2027-06-30" or "weekly on Monday, 10 times")',
        ),
        (
            "2027-01-06 18:00",
            "2027-01-07 18:00",
            "Event-Start",
            "Event-Start 2027-01-07 is not a date of the series (Monthly on the first "
            "Wednesday, until 31 December 2027) (start the series on its first meeting, "
            "2027-02-03)",
        ),
        (
            "Event-Skip: 2027-05-05",
            "Event-Skip: 2027-05-06",
            "Event-Skip",
            "Event-Skip 2027-05-06 is not a date of the series (Monthly on the first "
            "Wednesday, until 31 December 2027) (the nearest meetings are on 2027-05-05 and "
            "2027-06-02)",
        ),
        (
            "Event-Skip: 2027-05-05",
            "Event-Skip: 9999-05-05",
            "Event-Skip",
            "Event-Skip 9999-05-05 is outside the years 1970 to 2200 (give a date in the years "
            "1970 to 2200)",
        ),
        (
            "2027-02-03 -> 2027-02-10 18:30",
            "2027-02-03 to 2027-02-10",
            "Event-Moved",
            "Event-Moved '2027-02-03 to 2027-02-10' has no -> (write it like 2027-02-03 -> "
            "2027-02-10 18:00 (the original date, then the new time))",
        ),
    ],
)
def test_a_series_written_wrong_is_a_path_line_error(tmp_path, old, new, key, problem):
    content, lines = broken_site(tmp_path, "monthly-call.md", old, new)
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith(f"{key}:"))
    result = run_pelican(SETTINGS, tmp_path / "output", WITH_REPORT, content=content, cwd=tmp_path)
    printed = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert f"content/events/monthly-call.md:{line}: {problem}" in printed


def test_a_bad_talk_line_is_named_by_its_own_line(tmp_path):
    content, lines = broken_site(
        tmp_path, "monthly-call.md", "Grace Example, Alan Example", "Grace | notes"
    )
    line = next(n for n, text in enumerate(lines, start=1) if "Sockets by the million" in text)
    result = run_pelican(SETTINGS, tmp_path / "output", WITH_REPORT, content=content, cwd=tmp_path)
    printed = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert (
        f"content/events/monthly-call.md:{line}: 'notes' in talk 'Sockets by the million' is "
        "not a link like 'slides: https://...'"
    ) in printed


def test_an_unknown_speaker_id_is_an_error(tmp_path):
    content, lines = broken_site(tmp_path, "monthly-call.md", "Ada Example", "ada-exampel")
    (content / "members.toml").write_text(
        '[ada-example]\nname = "Ada Example"\nrole = "member"\nbio = "Illustrative."\n'
    )
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("Event-Talks:"))
    plugins = (
        'PLUGINS=["plugins.model.error_report", "plugins.kinds.members", "plugins.kinds.events"]'
    )
    result = run_pelican(SETTINGS, tmp_path / "output", plugins, content=content, cwd=tmp_path)
    printed = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert (
        f"content/events/monthly-call.md:{line}: unknown member id 'ada-exampel' as a speaker "
        "(known ids: ada-example)"
    ) in printed
