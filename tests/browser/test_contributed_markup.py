"""Contributed markup stays inside its own box, tested by clicking (issue 24, class 4).

plugins/guard/sanitize/tests/box_data has a post whose every link goes to evil.example and tries to
take the page: the theme's stretched-link class (raw, by attr_list, on an admonition, on code),
position: fixed and absolute styles, a popover, an oversized image, a table cell a thousand
columns wide, tabindex/accesskey/autofocus, and the theme's own element ids. In Chromium, a
click on the centre of each of the theme's controls must reach that control: the page title
(no link), the previous and next posts, the related posts, the header and footer links. A
capture listener records which link each click would follow (and stops it), so every control
is clicked on the same page; one real navigation shows the browser going there.
"""

import pytest
from browser.conftest import Visit
from browser.serving import serving

pytestmark = pytest.mark.browser

POST = "/posts/2024/out-of-the-box/"
EVIL = "https://evil.example/"
# The theme's controls on a post, and the link a click on each must follow (None: no link).
CONTROLS = {
    "page title": (".post-header h1", None),
    "previous post": ("a[rel=prev]", "own"),
    "next post": ("a[rel=next]", "own"),
    "related posts": (".related a", "own"),
    "site title": (".site-title a", "own"),
    "header menu": (".site-nav .nav-links a", "own"),
    "footer links": (".site-footer a", "own"),
    "edit link": (".edit-link a", "own"),
    "topic and author links": (".post-header .meta a", "own"),
}
RECORD_CLICKS = """() => {
  window.followed = [];
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a');
    window.followed.push(link ? link.getAttribute('href') : null);
    event.preventDefault();
  }, true);
}"""
CENTRE = """(element) => {
  const box = element.getClientRects()[0] || element.getBoundingClientRect();  // a wrapped link
  const style = getComputedStyle(element);
  const shown = box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
  const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
  const hit = document.elementFromPoint(x, y);
  const mine = hit !== null && element.contains(hit);
  return {x, y, shown, hit: mine ? null : (hit ? hit.outerHTML.slice(0, 80) : 'nothing')};
}"""


@pytest.fixture(scope="session")
def box_server(box_site):
    """Base URL of the fixture site (conftest.py's box_site, built once for the run)."""
    with serving(box_site) as base:
        yield base


@pytest.fixture
def open_post(browser, box_server):
    """open_post(width) -> the hostile post in a new context (the test clicks), evil.example
    answered locally so that a click that went there would show."""
    opened = []

    def open_page(width):
        visit = Visit(browser, box_server, width=width, reduced_motion="reduce")
        visit.context.route(f"{EVIL}**", lambda route: route.fulfill(body="taken", status=200))
        visit.goto(POST)
        opened.append(visit)
        assert visit.response.status == 200, f"{POST} answered {visit.response.status}"
        return visit.page

    yield open_page
    for visit in opened:
        visit.close()


def click_centre(page, element):
    """Click the centre of `element` as a reader would: (the link the click followed or None,
    what covered the element there or None), or "hidden"."""
    if not element.is_visible():
        return "hidden"
    element.scroll_into_view_if_needed()
    centre = element.evaluate(CENTRE)
    if not centre["shown"]:
        return "hidden"
    page.mouse.click(centre["x"], centre["y"])
    return page.evaluate("() => window.followed.pop()"), centre["hit"]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_control_of_the_theme_takes_its_own_clicks(open_post, width):
    page = open_post(width)
    assert page.locator(f".post-body a[href^='{EVIL}']").count() >= 10, "the fixture changed"
    page.evaluate(RECORD_CLICKS)
    clicked = {}
    for name, (selector, expected) in CONTROLS.items():
        for element in page.locator(selector).element_handles():
            clicked_at = click_centre(page, element)
            if clicked_at == "hidden":
                continue
            followed, covered_by = clicked_at
            want = element.get_attribute("href") if expected == "own" else expected
            clicked.setdefault(name, []).append(followed)
            assert covered_by is None, f"{name} at {width}px is covered by {covered_by}"
            assert followed == want, f"{name} at {width}px: a click followed {followed!r}"
    must_click = {"page title", "previous post", "next post", "related posts", "site title"}
    assert must_click | {"footer links", "edit link"} <= set(clicked), clicked
    assert width < 600 or "header menu" in clicked, clicked


def test_a_click_on_the_next_post_goes_there(open_post):
    page = open_post(1280)
    link = page.locator("a[rel=next]")
    href = link.get_attribute("href")
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.url.endswith(href) and not page.url.startswith(EVIL), page.url


def test_the_skip_link_and_section_labels_reach_the_theme_s_elements(open_post):
    page = open_post(1280)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"
    label = page.evaluate(
        "() => document.getElementById("
        "document.querySelector('.related').getAttribute('aria-labelledby')).textContent"
    )
    assert label == "Related posts"
    assert page.evaluate("() => document.querySelectorAll('[popover], [style]').length") == 0
