"""How meetings and posts are listed, as a reader sees them (issue 27, items 4, 5, 7 and 8):
/events/ (real meetings first, the illustrative examples apart and last, one card layout with a
gap between cards, a readable width), a topic's page (its feeds and calendar near the top, its
upcoming meetings, the width used), the home page's next meeting (the organiser's time, and the
reader's own only where it differs), the home page's latest posts (no empty slot) and a member's
post cards (no "by <this member>").

The real site has no real upcoming meeting, so the meetings are also checked on the events
plugin's fixture site (plugins/kinds/events/tests/helpers.py: build_meetings_site, built with
BUILD_NOW 2027-01-01): its monthly call at 18:00 in Berlin is the next meeting."""

import itertools

import pytest
from browser.conftest import WIDTHS
from browser.serving import serving

from conftest import build_once
from plugins.kinds.events.tests.helpers import build_meetings_site

pytestmark = pytest.mark.browser

NEXT_MEETING = "section.next-meeting p.meta"
# Each box: (left, top, right, bottom) of every element a selector matches.
BOXES = """selector => [...document.querySelectorAll(selector)].map(e => {
  const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""


@pytest.fixture(scope="module")
def meetings_server(tmp_path_factory):
    with serving(build_once(tmp_path_factory, "meetings-site", build_meetings_site)) as base:
        yield base


def boxes(page, selector):
    return page.evaluate(BOXES, selector)


def section_titles(page, section_id):
    cards = page.locator(f"section[aria-labelledby='{section_id}'] article h3 a")
    return [title.strip() for title in cards.all_inner_texts()]


def test_events_page_lists_real_meetings_first_and_the_examples_apart_last(tab_on, meetings_server):
    page = tab_on(meetings_server, "/events/").page
    headings = page.locator("main section > h2").evaluate_all("hs => hs.map(h => h.id)")
    assert headings[:2] == ["events-upcoming", "events-past"] and headings[-1] == "events-examples"
    upcoming = section_titles(page, "events-upcoming")
    assert upcoming[0] == "Monthly call" and "Illustrative call" not in upcoming
    assert section_titles(page, "events-examples") == ["Illustrative call"]
    example = page.locator("section[aria-labelledby='events-examples'] article")
    assert "Illustrative example, not a scheduled meeting" in example.inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_meeting_card_has_its_date_badge_beside_it_and_a_gap(open_named, width):
    page = open_named("events", width=width).page
    cards = boxes(page, "article.event-card")
    badges = boxes(page, "article.event-card > .date-badge")
    bodies = boxes(page, "article.event-card > .event-card-body")
    assert len(cards) >= 3 and len(badges) == len(bodies) == len(cards)
    for card, badge, body in zip(cards, badges, bodies, strict=True):
        assert badge[2] <= body[0] and abs(badge[1] - body[1]) < 2, (width, badge, body)
        assert card[0] <= badge[0] and body[2] <= card[2], (width, card, body)
    in_order = sorted(cards, key=lambda box: box[1])
    for above, below in itertools.pairwise(in_order):
        assert below[1] - above[3] >= 8, f"cards {above} and {below} are not apart at {width}px"
    if width == 1280:
        assert max(card[2] - card[0] for card in cards) <= 900, cards  # not the full 1216 px


def test_a_topic_page_shows_its_feeds_calendar_and_meetings_first_and_uses_the_width(
    tab_on, meetings_server
):
    page = tab_on(meetings_server, "/topics/alpha/", width=1280).page
    meetings = page.locator("section.topic-meetings")
    assert meetings.locator("li a").all_inner_texts() == ["Monthly call"]
    (body,) = boxes(page, ".topic-body")
    (aside,) = boxes(page, ".topic-meetings")
    assert aside[0] >= body[2] and aside[1] < body[3], (body, aside)  # beside the text
    for selector in (".hub-feeds", ".topic-calendar"):
        (box,) = boxes(page, selector)
        assert box[3] <= 800, f"{selector} is not on the first screen: {box}"
    page = tab_on(meetings_server, "/topics/alpha/", width=375).page
    (body,) = boxes(page, ".topic-body")
    for selector in (".hub-feeds", ".topic-calendar", ".topic-meetings"):
        (box,) = boxes(page, selector)
        assert box[3] <= body[1], f"{selector} {box} is not above the text {body} at 375px"


@pytest.mark.parametrize(
    ("zone", "local_shown"),
    [("Europe/Paris", False), ("Asia/Tokyo", True), ("America/Los_Angeles", True)],
)
def test_the_next_meeting_shows_the_readers_time_only_where_it_differs(
    tab_on, meetings_server, zone, local_shown
):
    """18:00 in Berlin is 18:00 in Paris too: no second line there, and never a UTC line."""
    page = tab_on(meetings_server, "/", timezone_id=zone).page
    page.wait_for_selector(f"{NEXT_MEETING} span.event-local[data-local-time]", state="attached")
    line = page.locator(NEXT_MEETING)
    text = line.inner_text()
    assert "6 January 2027, 18:00–19:00 CET (Europe/Berlin)" in text
    assert "UTC" not in text, text
    assert ("Your time:" in text) is local_shown, (zone, text)
    assert line.locator("span.event-local").is_visible() is local_shown


def test_without_javascript_the_next_meeting_shows_the_organisers_time_only(
    tab_on, meetings_server
):
    page = tab_on(meetings_server, "/", timezone_id="Asia/Tokyo", java_script_enabled=False).page
    text = page.locator(NEXT_MEETING).inner_text()
    assert "6 January 2027, 18:00–19:00 CET (Europe/Berlin)" in text
    assert "UTC" not in text and "Your time" not in text, text


@pytest.mark.parametrize("width", WIDTHS)
def test_the_latest_posts_leave_no_empty_slot(open_named, width):
    """Every row of cards reaches the right edge of the grid: no hole after the last card."""
    page = open_named("home", width=width).page
    (grid,) = boxes(page, ".home-post-grid")
    cards = boxes(page, ".home-post-grid > .post-card")
    assert len(cards) >= 3
    rows = {}
    for card in cards:
        rows.setdefault(round(card[1]), []).append(card)
    for top, row in rows.items():
        assert abs(max(card[2] for card in row) - grid[2]) < 2, (width, top, row, grid)


def test_a_members_post_cards_do_not_repeat_by_the_member(open_named):
    page = open_named("member").page
    name = page.locator("h1").inner_text().strip()
    cards = page.locator(".member-posts .post-card .meta").all_inner_texts()
    assert cards, "the member page lists no posts"
    assert not [text for text in cards if f"by {name}" in text], cards
