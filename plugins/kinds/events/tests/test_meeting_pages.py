"""Meeting pages: series, cancelled and illustrative meetings, add-to-calendar links, JSON-LD,
talks on member pages, per-topic calendars and the home page's next meeting."""

import json

import lxml.html
import pytest

from plugins.kinds.events.tests.helpers import build_meetings_site


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    return build_meetings_site(tmp_path_factory.mktemp("pages") / "output")


def html(path):
    return lxml.html.fromstring(path.read_bytes())


def jsonld_events(page):
    found = [json.loads(s.text) for s in page.xpath("//script[@type='application/ld+json']")]
    return [data for data in found if data.get("@type") == "Event"]


def test_a_series_page_lists_its_next_meetings_moves_and_skips(output):
    page = html(output / "posts/2026/monthly-call/index.html")
    box = page.cssselect("aside.event-details")[0]
    text = " ".join(box.text_content().split())
    assert "Monthly on the first Wednesday, until 31 December 2027, 18:00–19:00 Europe/Berlin" in (
        text
    )
    items = [" ".join(li.text_content().split()) for li in box.cssselect(".event-occurrences li")]
    assert items[:2] == [
        "6 January 2027, 18:00–19:00 CET (Europe/Berlin)",
        "10 February 2027, 18:30–19:30 CET (Europe/Berlin) (moved from 3 February 2027, 18:00)",
    ]
    assert items[3] == "7 April 2027, 18:00–19:00 CEST (Europe/Berlin)"
    assert len(items) == 6 and "No meeting on 5 May 2027." in text
    assert "Agenda" in text and "Queues at scale" in text
    speaker = box.xpath(".//ul[@class='event-talks']//a[text()='Ada Example']")[0]
    assert speaker.get("href") == "/members/ada-example/"


def test_add_to_calendar_links_are_plain_links(output):
    page = html(output / "posts/2026/monthly-call/index.html")
    links = {a.text_content(): a.get("href") for a in page.cssselect(".add-to-calendar a")}
    assert links["Add to calendar"] == "/posts/2026/monthly-call/event.ics"
    assert links["Subscribe to all meetings"].startswith("webcal://")
    assert links["Subscribe to all meetings"].endswith("/calendar.ics")
    google, outlook = links["Google Calendar"], links["Outlook: next meeting only"]
    assert google.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&")
    assert "dates=20270106T170000Z%2F20270106T180000Z" in google and "ctz=Europe%2FBerlin" in google
    assert outlook.startswith("https://outlook.live.com/calendar/0/deeplink/compose?")
    assert "startdt=2027-01-06T17%3A00%3A00Z" in outlook
    # Nothing is loaded from another site: no script, image or frame from elsewhere.
    sources = page.xpath(
        "//script/@src | //img/@src | //iframe/@src | //link[@rel!='alternate']/@href"
    )
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]


def test_a_cancelled_meeting_keeps_its_page_with_a_banner(output):
    page = html(output / "posts/2026/cancelled-workshop/index.html")
    banner = page.cssselect(".event-banner-cancelled")[0]
    assert banner.text_content().startswith("Cancelled.")
    (data,) = jsonld_events(page)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    events = html(output / "events/index.html")
    card = events.xpath("//article[.//a[text()='Cancelled workshop']]")[0]
    assert card.cssselect(".event-flag-cancelled")


def test_jsonld_of_each_meeting_page_has_the_event_fields(output):
    pages = sorted((output / "posts").glob("*/*/index.html"))
    checked = 0
    for path in pages:
        page = html(path)
        if not page.cssselect("aside.event-details"):
            continue
        found = jsonld_events(page)
        if page.cssselect(".event-banner-example"):
            assert found == [], "an illustrative meeting is no event for search engines"
            continue
        (data,) = found
        assert data["@context"] == "https://schema.org"
        for key in ("name", "startDate", "endDate", "eventStatus", "eventAttendanceMode"):
            assert data[key], (path, key)
        assert data["organizer"] == {
            "@type": "Organization",
            "name": "ULS-SIG",
            "url": "http://127.0.0.1:8000/",
        }
        assert data["location"]["@type"] in ("Place", "VirtualLocation")
        checked += 1
    assert checked == 6
    sprint = jsonld_events(html(output / "posts/2026/spring-sprint/index.html"))[0]
    assert sprint["startDate"] == "2027-05-15T14:00:00-04:00"
    assert sprint["endDate"] == "2027-05-15T15:30:00-04:00"
    assert sprint["location"] == {
        "@type": "Place",
        "address": "Room 101, Convention Center",
        "name": "Room 101, Convention Center",
    }
    assert sprint["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    call = jsonld_events(html(output / "posts/2026/online-call/index.html"))[0]
    assert call["location"]["@type"] == "VirtualLocation"
    day = jsonld_events(html(output / "posts/2026/history-day/index.html"))[0]
    assert (day["startDate"], day["endDate"]) == ("2026-01-05", "2026-01-05")


def test_content_cannot_end_the_jsonld_block(output):
    raw = (output / "posts/2026/spring-sprint/index.html").read_text()
    blocks = [b.split("</script>", 1)[0] for b in raw.split('<script type="application/ld+json">')]
    (block,) = [b for b in blocks[1:] if '"@type": "Event"' in b]
    assert "<" not in block and ">" not in block
    assert "\\u003c!--" in block  # escaped, and read back as written (tags are dropped)
    assert json.loads(block)["name"] == "Sprint <!-- x"


def test_member_pages_list_their_talks(output):
    page = html(output / "members/ada-example/index.html")
    section = page.cssselect("section.member-talks")[0]
    text = " ".join(section.text_content().split())
    assert "Queues at scale at Monthly call" in text
    assert section.xpath(".//a[@href='/posts/2026/monthly-call/']")
    assert section.xpath(".//a[@href='https://example.org/slides']")


def test_topic_pages_link_their_calendar(output):
    page = html(output / "topics/alpha/index.html")
    link = page.cssselect(".topic-calendar a")[0]
    assert link.get("href") == "/calendar/topic/alpha.ics"
    raw = (output / "calendar/topic/alpha.ics").read_text()
    assert "SUMMARY:Monthly call" in raw and "Spring sprint" not in raw


def section_titles(page, section_id):
    cards = page.xpath(f"//section[@aria-labelledby='{section_id}']//article//h3/a")
    return [a.text_content().strip() for a in cards]


def test_the_illustrative_meeting_is_never_the_next_meeting(output):
    """On /events/ real meetings come first; the example, sooner than all of them, is listed
    apart, last, flagged, with the same date badge as every card and no calendar links."""
    events = html(output / "events/index.html")
    upcoming = section_titles(events, "events-upcoming")
    assert upcoming[0] == "Monthly call" and "Illustrative call" not in upcoming
    assert "Illustrative call" not in section_titles(events, "events-past")
    assert section_titles(events, "events-examples") == ["Illustrative call"]
    last = events.xpath("//main//section")[-1]
    assert last.get("aria-labelledby") == "events-examples"
    card = events.xpath("//article[.//a[text()='Illustrative call']]")[0]
    assert card.cssselect(".event-flag-example")
    assert not card.cssselect(".add-to-calendar")
    for article in events.cssselect("article.event-card"):
        assert len(article.xpath("./p[@class='date-badge']")) == 1
    page = html(output / "posts/2026/example/index.html")
    assert page.cssselect(".event-banner-example")


def test_a_topic_page_lists_its_upcoming_real_meetings_near_the_top(output):
    """Alpha has the monthly call and the illustrative call: only the real one is listed, with
    its next date, and the feeds and calendar links come before the topic's text and posts."""
    page = html(output / "topics/alpha/index.html")
    (section,) = page.cssselect("section.topic-meetings")
    titles = [a.text_content().strip() for a in section.cssselect("li a")]
    assert titles == ["Monthly call"]
    assert section.xpath(".//a/@href") == ["/posts/2026/monthly-call/"]
    assert "6 January 2027, 18:00" in " ".join(section.text_content().split())
    order = [element.get("class") for element in page.iter() if element.get("class")]
    assert order.index("topic-calendar") < order.index("topic-body")
    assert order.index("hub-feeds") < order.index("topic-body")


def test_the_home_page_shows_the_next_real_meeting(output):
    card = html(output / "index.html").cssselect("section.next-meeting")[0]
    text = " ".join(card.text_content().split())
    assert "Monthly call" in text and "Illustrative" not in text
    assert "6 January 2027, 18:00–19:00 CET (Europe/Berlin)" in text
    assert card.cssselect(".date-badge")
    assert card.xpath(".//a[text()='Add to calendar']/@href") == [
        "/posts/2026/monthly-call/event.ics"
    ]


def test_the_calendar_address_is_absolute_and_breaks_only_at_punctuation(output):
    """The address to subscribe to is absolute (FEED_DOMAIN when SITEURL is relative, as in
    development), as https and webcal, each with a copy button; a narrow screen may break it
    after a / or a . only, never inside a word."""
    page = html(output / "events" / "index.html")
    addresses = page.xpath("//ul[@class='subscribe-addresses']//code[@class='address']")
    texts = [code.text_content() for code in addresses]
    assert texts[0].startswith(("http://", "https://")) and texts[1].startswith("webcal://")
    assert all(text.endswith("/calendar.ics") for text in texts)
    copies = page.xpath("//ul[@class='subscribe-addresses']//span[@class='copy-slot']/@data-copy")
    assert copies == texts
    for code in addresses:
        pieces = [code.text or ""] + [wbr.tail or "" for wbr in code.findall("wbr")]
        assert all(piece == "" or piece[-1] in "/." for piece in pieces[:-1]), pieces
