"""Meeting times: the organiser's, and the reader's own (theme/static/js/localtime.js) only
where the reader's zone gives another wall-clock time; without JavaScript a meeting's page shows
the organiser's time and UTC (the home page's next meeting: tests/browser/test_events_page.py).
The page is the illustrative monthly call of the real site: 18:00 in Berlin, whatever day the
site is built on, so the expected local times are computed from the exact instants the page
carries."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from browser.axe import format_violations, run_axe_each
from browser.conftest import SCHEMES, WIDTHS
from browser.fits import overflow_of

pytestmark = pytest.mark.browser

MEETING = "/posts/2026/monthly-call-example/"
# localtime.js has shown every local time of the page (a page of a past meeting has none).
LOCAL_TIMES_SHOWN = "() => [...document.querySelectorAll('span.event-local')].every(s => !s.hidden)"


def expected(span, zone):
    """'<day month year>, HH:MM–HH:MM' of a span.event-local's instants in `zone`."""
    start = datetime.fromisoformat(span.get_attribute("data-event-start")).astimezone(zone)
    end = datetime.fromisoformat(span.get_attribute("data-event-end")).astimezone(zone)
    day = f"{start.day} {start:%B %Y}"
    end_text = (
        f"{end:%H:%M}" if end.date() == start.date() else f"{end.day} {end:%B %Y}, {end:%H:%M}"
    )
    return f"{day}, {start:%H:%M}–{end_text}"


@pytest.mark.parametrize("zone_name", ["Asia/Tokyo", "America/Los_Angeles"])
def test_the_meeting_shows_in_the_readers_time_zone(tab, zone_name):
    view = tab(MEETING, timezone_id=zone_name)
    page = view.page
    page.wait_for_selector("dd.event-when span.event-local:not([hidden])")
    spans = page.locator("span.event-local").all()
    assert len(spans) >= 2  # the next meeting, and each of the next meetings listed
    zone = ZoneInfo(zone_name)
    for span in spans:
        text = span.inner_text()
        assert span.is_visible(), text
        assert text.startswith("Your time: " + expected(span, zone)), (zone_name, text)
        assert text.endswith(f"({zone_name})"), text
    # The organiser's time is still there, in Berlin; UTC, a third time, is not.
    when = page.locator("dd.event-when").inner_text()
    assert "18:00–19:00 CET (Europe/Berlin)" in when or "18:00–19:00 CEST" in when
    assert " UTC" not in when, when
    assert not view.foreign_requests()


def test_a_reader_whose_clock_reads_the_same_gets_no_second_time(tab):
    """Paris and Berlin share their wall-clock time: the organiser's time is the reader's."""
    page = tab(MEETING, timezone_id="Europe/Paris").page
    page.wait_for_selector("dd.event-when span.event-local[data-local-time]", state="attached")
    spans = page.locator("span.event-local").all()
    assert len(spans) >= 2
    for span in spans:
        assert span.get_attribute("data-local-time") == "same"
        assert span.is_hidden()
    assert "Your time" not in page.locator("main").inner_text()


def test_without_javascript_the_organisers_time_and_utc_show(tab):
    view = tab(MEETING, timezone_id="Asia/Tokyo", java_script_enabled=False)
    page = view.page
    when = page.locator("dd.event-when")
    text = when.inner_text()
    assert "18:00–19:00" in text and "(Europe/Berlin)" in text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert len(lines) == 2 and lines[1].endswith("UTC"), lines
    assert "Your time" not in text
    assert page.locator("span.event-local").first.is_hidden()
    times = when.locator("time").all()
    assert [t.get_attribute("datetime")[-6:] for t in times][2:] == ["+00:00", "+00:00"]


# /events/ is one of test_axe.py's pages (every width, both schemes, the local times shown as in
# any time zone: localtime.js shows them in every zone, only their text differs).
@pytest.mark.parametrize("path", [MEETING, "/posts/2026/meta-sig-proposal/"])
def test_meeting_pages_have_no_axe_violations_and_fit(tab, axe_path, path):
    """With the reader's local times shown, where the page has any (they make the box longer)."""
    page = tab(path, width=WIDTHS[0], timezone_id="Asia/Tokyo").page
    page.wait_for_function(LOCAL_TIMES_SHOWN)
    failures = []
    for width, scheme, violations in run_axe_each(page, axe_path, WIDTHS, SCHEMES):
        if violations:
            failures.append(f"axe at {width}px, {scheme}:\n{format_violations(violations)}")
        too_wide = overflow_of(page)
        if too_wide:
            failures.append(f"overflow at {width}px, {scheme}: {too_wide}")
    assert not failures, "\n".join(failures)
