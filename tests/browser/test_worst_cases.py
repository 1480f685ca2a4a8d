"""Every page kind on a phone with the longest values members realistically write (the
`worst_case_site` fixture: tests/worst_cases/ added to the site's content): a 120-character
video-call link, a long location, 20-word titles, long unbroken words, a 6-column table, a
60-character tag, a long topic name and a long member name. At 320 and 375 px, light and dark,
nothing is wider than the screen, and the meeting pages have no axe violation. A wide table
scrolls inside the post, shows that it does (a shadow on the side with more to see) and can be
reached and scrolled with the keyboard."""

import io

import pytest
from browser.axe import format_violations, run_axe_each
from browser.conftest import SCHEMES, VIEWPORT_HEIGHT, Visit
from browser.fits import overflow_of
from browser.serving import serving
from PIL import Image

pytestmark = pytest.mark.browser

PHONE_WIDTHS = [320, 375]
POST = "/posts/2026/worst-case-post/"
LONG_WORD = "Hyperconcurrentmicrothreadschedulingexperiments"
MEMBER_NAME = "Maximiliane Alexandra Konstantinopoulou-Wolfeschlegelsteinhausen"
TOPIC_NAME = "Distributed message passing, observability and interoperability"
EVENT_URL = "https://meet.example.org/rooms/uls-sig-monthly-call/join?meeting="
# Each page kind that shows the worst cases, and a text it must show (so that a page which
# lost them cannot pass as fitting).
PAGES = {
    "home": ("/", LONG_WORD),
    "post": (POST, "Concurrent connections"),
    "series": ("/posts/2026/worst-case-monthly-call/", EVENT_URL),
    "one-off": ("/posts/2026/worst-case-open-space/", "meet.example.org/rooms/uls-sig-open-space"),
    "events": ("/events/", "Verteilungstransparenzuntersuchungsergebnisse"),
    "topic": ("/topics/worst-case-distributed-message-passing-and-observability/", TOPIC_NAME),
    "tag": ("/tags/ultra-large-scale-systems-interoperability-and-observability/", LONG_WORD),
    "archives": ("/archives/", LONG_WORD),
    "member": ("/members/maximiliane-konstantinopoulou-wolfeschlegelsteinhausen/", MEMBER_NAME),
    "search": (f"/search/?q={LONG_WORD}", LONG_WORD),
    "feeds": ("/feeds/", TOPIC_NAME),
}
MEETINGS = {"series", "one-off"}
# A reader's zone unlike the organiser's, with a long name: the local times make the box longer.
READER_ZONE = "America/Indiana/Indianapolis"
LOCAL_TIMES_SHOWN = "() => [...document.querySelectorAll('span.event-local')].every(s => !s.hidden)"
SEARCH_DONE = "#search[data-state]"
MAX_TABS = 100  # presses of Tab from the top of the post that must reach its table
ARROW_PRESSES = 100  # a few dozen pixels each: many times what the table has to scroll
SCROLLED_TO_THE_END = "table => table.scrollLeft >= table.scrollWidth - table.clientWidth - 1"


@pytest.fixture(scope="module")
def worst_server(worst_case_site):
    """Base URL of the worst-case site, served on loopback."""
    with serving(worst_case_site) as base:
        yield base


def phone_views(page, axe_path, with_axe):
    """Yield (width, scheme, axe violations) at each phone width and scheme, switched in place on
    the loaded page; the violations are those of axe on meeting pages, else none."""
    if with_axe:
        yield from run_axe_each(page, axe_path, PHONE_WIDTHS, SCHEMES)
        return
    height = page.viewport_size["height"]
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            yield width, scheme, []


@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_kind_is_wider_than_a_phone(tab_on, worst_server, axe_path, name):
    path, shown = PAGES[name]
    view = tab_on(worst_server, path, width=PHONE_WIDTHS[0], timezone_id=READER_ZONE)
    page = view.page
    assert view.response.status == 200, f"{path} answered {view.response.status}"
    if name in MEETINGS:
        page.wait_for_function(LOCAL_TIMES_SHOWN)
    if name == "search":
        page.wait_for_selector(SEARCH_DONE)
        assert page.get_attribute("#search", "data-state") == "ready", "the search failed"
    assert shown in " ".join(page.inner_text("main").split()), f"{path} does not show {shown!r}"
    failures = []
    for width, scheme, violations in phone_views(page, axe_path, name in MEETINGS):
        if violations:
            failures.append(f"axe at {width}px, {scheme}:\n{format_violations(violations)}")
        too_wide = overflow_of(page)
        if too_wide:
            failures.append(f"{path} overflows at {width}px, {scheme}: {too_wide}")
    assert not failures, "\n".join(failures)


# The table's scroll position, its box, and the page background (an rgb() string).
TABLE_STATE = """table => ({scroll: table.scrollLeft, room: table.scrollWidth - table.clientWidth,
    box: table.getBoundingClientRect().toJSON(), focused: document.activeElement === table,
    background: getComputedStyle(document.body).backgroundColor})"""


# The whole table in the viewport (it is shorter than the screen), still: the strips are then
# pictured as painted on screen, never from the part of the page below it (a strip that ran past
# the viewport's bottom was once pictured with its shadow in part). The page may still be
# scrolling smoothly (focus moved by Tab), so the table is brought to the top again after each two
# frames until it stays where it is (frames, not a delay; at most MAX_FRAMES, a hang guard).
MAX_FRAMES = 600
WHOLE_TABLE_SHOWN = """async ([table, maxFrames]) => {
    const frame = () => new Promise(r => requestAnimationFrame(r));
    let last = null;
    for (let frames = 0; frames < maxFrames; frames += 2) {
        table.scrollIntoView({block: "start", behavior: "instant"});
        await frame(); await frame();
        const top = table.getBoundingClientRect().top;
        if (top === last) return top;
        last = top;
    }
    return last;
}"""


def show_whole(page, table):
    """Scroll the page to the table's top and wait until it stays there."""
    page.evaluate(WHOLE_TABLE_SHOWN, [table.element_handle(), MAX_FRAMES])


def untinted_pixels(page, box, background, side):
    """The share of the pixels of a strip 3 to 7 px in from the table's `side` edge that show
    the page's bare background: none where a shadow tints the strip, over half where nothing
    does (the blank padding of cells on plain rows; 1,336 of 2,480 measured at 320 px)."""
    x = box["x"] + 3 if side == "left" else box["x"] + box["width"] - 7
    clip = {"x": x, "y": box["y"] + 2, "width": 4, "height": box["height"] - 4}
    image = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    pixels = image.load()
    bare = tuple(int(part) for part in background.removeprefix("rgb(").rstrip(")").split(","))
    bare_pixels = sum(
        1
        for x in range(image.width)
        for y in range(image.height)
        if all(abs(value - wanted) <= 3 for value, wanted in zip(pixels[x, y], bare, strict=True))
    )
    return bare_pixels / (image.width * image.height)


# One limit far from both cases: a shadow leaves (almost) no bare pixel in the strip (measured 0%
# to 1.3%: 32 of 2,480 once on a CI machine's Chromium), no shadow leaves over half of them bare.
BARE_LIMIT = 0.25


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_wide_table_scrolls_in_place_shows_it_and_takes_the_keyboard(
    browser, worst_server, scheme
):
    view = Visit(browser, worst_server, POST, width=PHONE_WIDTHS[0], color_scheme=scheme)
    try:
        page = view.page
        table = page.locator(".post-body table").first
        show_whole(page, table)
        start = table.evaluate(TABLE_STATE)
        assert start["box"]["y"] + start["box"]["height"] <= VIEWPORT_HEIGHT, (
            "taller than the screen"
        )
        assert start["room"] > 100, f"the 6-column table fits a phone: {start}"
        assert overflow_of(page) is None
        # More to see on the right: a shadow there, none on the left.
        box, background = start["box"], start["background"]
        assert untinted_pixels(page, box, background, "right") < BARE_LIMIT, "no sign it scrolls"
        assert untinted_pixels(page, box, background, "left") > BARE_LIMIT, "a shadow at the start"
        # Tab reaches the table in every browser (Safari does not focus a scroller without a
        # tabindex), and the arrow keys scroll it.
        assert table.get_attribute("tabindex") == "0"
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            if table.evaluate(TABLE_STATE)["focused"]:
                break
        assert table.evaluate(TABLE_STATE)["focused"], f"{MAX_TABS} Tabs do not reach the table"
        for _ in range(ARROW_PRESSES):
            page.keyboard.press("ArrowRight")
        # Keyboard scrolling is animated: wait for it to end (a guard against a hang, no timing).
        page.wait_for_function(SCROLLED_TO_THE_END, arg=table.element_handle())
        # The shadows are painted after the scroll: frames drawn since (an event, not a delay;
        # on a busy machine the picture was once taken a frame too early).
        show_whole(page, table)
        end = table.evaluate(TABLE_STATE)
        assert end["box"]["y"] >= 0 and end["box"]["y"] + end["box"]["height"] <= VIEWPORT_HEIGHT
        assert untinted_pixels(page, end["box"], background, "left") < BARE_LIMIT, (
            "no shadow at the end"
        )
        assert untinted_pixels(page, end["box"], background, "right") > BARE_LIMIT
    finally:
        view.close()
