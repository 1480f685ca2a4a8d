"""Every Date and Modified within its domain: the site's years (FIRST_YEAR to LAST_YEAR), and a
Modified not after the build's one now (BUILD_NOW, pinned here), which feeds the sitemap's
lastmod, the feeds and the calendars' SEQUENCE and DTSTAMP. Values as a contributor would send
them; each is a `path:line` error, never a traceback, and the previous output stays."""

from datetime import UTC, date, datetime, timedelta

import pytest

from conftest import build_ok, run_pelican, snapshot
from plugins.guard.content_guard.metadata import (
    FIRST_YEAR,
    LAST_YEAR,
    MODIFIED_SLACK,
    build_now,
    date_problem,
)
from plugins.guard.content_guard.tests.helpers import (
    SETTINGS,
    TEST_DATA,
    copy_of_build,
    post,
    write,
)

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
PINNED = f'BUILD_NOW="{NOW:%Y-%m-%dT%H:%MZ}"'
YEARS = f"is outside the years {FIRST_YEAR} to {LAST_YEAR} (give the real date, from 2008"
AFTER = "is after the time of the build, 2025-06-01 12:00 UTC (Modified is the time of the last"


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"BUILD_NOW": "2025-06-01"}, datetime(2025, 6, 1, tzinfo=UTC)),
        ({"BUILD_NOW": "2025-06-01T14:00+02:00"}, datetime(2025, 6, 1, 12, tzinfo=UTC)),
        ({"BUILD_NOW": datetime(2025, 6, 1, 12)}, datetime(2025, 6, 1, 12, tzinfo=UTC)),
        ({"BUILD_NOW": date(2025, 6, 1)}, datetime(2025, 6, 1, tzinfo=UTC)),
        ({"EVENTS_NOW": "2025-06-01"}, datetime(2025, 6, 1, tzinfo=UTC)),  # its former name
        ({"BUILD_NOW": "2025-06-01", "EVENTS_NOW": "2025-06-01T00:00Z"},
         datetime(2025, 6, 1, tzinfo=UTC)),
        ({"BUILD_NOW": None, "EVENTS_NOW": "2025-06-01"}, datetime(2025, 6, 1, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_the_build_now_is_one_setting_in_utc(settings, expected):
    assert build_now(settings) == expected
    assert build_now(settings).utcoffset() == timedelta(0)


def test_without_a_setting_the_build_now_is_the_clock():
    before = datetime.now(UTC)
    now = build_now({"BUILD_NOW": None, "EVENTS_NOW": None})
    assert before <= now <= datetime.now(UTC)


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        ({"BUILD_NOW": "tomorrow"}, "BUILD_NOW 'tomorrow' is not an ISO date"),
        ({"EVENTS_NOW": "2025-13-01"}, "EVENTS_NOW '2025-13-01' is not an ISO date"),
        ({"BUILD_NOW": "2025-06-01", "EVENTS_NOW": "2026-01-01"}, "set BUILD_NOW only"),
    ],
)
def test_a_build_now_that_is_not_one_moment_is_a_settings_error(settings, said):
    with pytest.raises(ValueError, match=said):
        build_now(settings)


@pytest.mark.parametrize(
    ("key", "written"),
    [
        ("date", "2007-12-31T23:59+00:00"),
        ("date", "1970-01-01T00:00+00:00"),
        ("date", "0001-01-01T00:00+14:00"),  # one step from OverflowError in UTC
        ("date", "2201-01-01T00:00+00:00"),
        ("date", "9999-12-31T23:59-14:00"),
        ("modified", "0001-01-01T00:00+00:00"),
        ("modified", "2199-01-01T10:00+00:00"),  # in the years, but after the build
        ("modified", "2025-06-02T12:01+00:00"),  # just past the slack
        ("modified", "2025-06-03T00:30+12:00"),  # the same instant, written elsewhere
    ],
)
def test_dates_outside_their_domain_are_problems(key, written):
    problem, fix = date_problem(key, written, datetime.fromisoformat(written), NOW)
    assert written in problem and fix


@pytest.mark.parametrize(
    ("key", "moment"),
    [
        ("date", datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)),
        ("date", datetime(LAST_YEAR, 12, 31, 23, 59, tzinfo=UTC)),  # a draft may be dated ahead
        ("modified", NOW + MODIFIED_SLACK),
        ("modified", datetime(2025, 6, 2, 10, 0)),  # naive: read in UTC
        ("modified", datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)),
    ],
)
def test_dates_inside_their_domain_are_fine(key, moment):
    assert date_problem(key, str(moment), moment, NOW) is None


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    output = tmp_path_factory.mktemp("good") / "output"
    build_ok(SETTINGS, output, PINNED, content=TEST_DATA / "content")
    return output


@pytest.fixture
def site(tmp_path, good_build):
    return copy_of_build(tmp_path, TEST_DATA / "content", good_build)


def build(site, files, *settings):
    """Add files and build with the pinned now; (exit code, everything printed), and the
    previous output untouched when the build failed."""
    content, output = site
    before = snapshot(output)
    write(content, files)
    result = run_pelican(SETTINGS, output, PINNED, *settings, content=content)
    printed = result.stdout + result.stderr
    assert "Traceback" not in printed, printed
    if result.returncode:
        assert snapshot(output) == before, "a failed build changed the previous output"
    return result.returncode, printed


# (what a contributor sends, the post's fields, its line, the problem): all found before Pelican
# reads a file
# fmt: off
HOSTILE = [
    ("a date before the group", {"Date": "1999-12-31 10:00"}, 2, f"Date 1999-12-31 10:00 {YEARS}"),
    ("year one, east of UTC", {"Date": "0001-01-01T00:00+14:00"}, 2,
     f"Date 0001-01-01T00:00+14:00 {YEARS}"),
    ("year 9999, west of UTC, as a draft", {"Date": "9999-12-31T23:59-14:00", "Status": "draft"},
     2, f"Date 9999-12-31T23:59-14:00 {YEARS}"),
    ("a draft past the last year", {"Date": "2201-01-01", "Status": "draft"}, 2,
     f"Date 2201-01-01 {YEARS}"),
    ("modified in 2199", {"Modified": "2199-01-01 10:00"}, 7, f"Modified 2199-01-01 10:00 {AFTER}"),
    ("modified two days ahead", {"Modified": "2025-06-03 12:00"}, 7,
     f"Modified 2025-06-03 12:00 {AFTER}"),
    ("modified ahead by its offset", {"Modified": "2025-06-03T01:00+00:00"}, 7,
     f"Modified 2025-06-03T01:00+00:00 {AFTER}"),
    ("modified in year one", {"Modified": "0001-01-01"}, 7, f"Modified 0001-01-01 {YEARS}"),
    ("modified at the end of time", {"Modified": "9999-12-31T23:59:59-14:00"}, 7,
     f"Modified 9999-12-31T23:59:59-14:00 {YEARS}"),
]
# fmt: on


def test_a_date_outside_its_domain_stops_the_build_at_its_line(site):
    """Every case in one build, each a post of its own: the guard stops the build before Pelican
    reads a file and lists every problem it found there."""
    files = {f"posts/2025/case-{number}.md": post(**case[1]) for number, case in enumerate(HOSTILE)}
    code, printed = build(site, files)
    assert code != 0
    flat = " ".join(printed.split())
    missing = [
        name
        for number, (name, _, line, problem) in enumerate(HOSTILE)
        if f"posts/2025/case-{number}.md:{line}: {problem}" not in flat
    ]
    assert not missing, f"no line for {missing}:\n{printed}"


def test_a_modified_within_the_slack_of_the_build_now_is_fine(site):
    code, printed = build(site, {"posts/2025/new.md": post(Modified="2025-06-02 11:00")})
    assert code == 0, printed


def test_the_future_is_decided_by_the_one_build_now(site):
    """The same post is in the future for one pinned now and published for a later one."""
    files = {"posts/2025/new.md": post(Date="2025-06-10 10:00")}
    code, printed = build(site, files)
    assert code != 0 and "posts/2025/new.md:2: Date 2025-06-10 10:00 is in the future" in printed
    code, printed = build(site, files, 'BUILD_NOW="2025-06-11"')
    assert code == 0, printed
