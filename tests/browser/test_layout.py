"""Layout, keyboard and media checks in the browser: skip link, headings, colour scheme, motion,
print."""

import pytest

pytestmark = pytest.mark.browser

# Overflow at every width and scheme is checked with axe (test_axe.py); the screenshots are
# `make screenshots` (test_screenshots.py).


def test_exactly_one_h1_and_the_skip_link_is_first_and_focuses_main(open_named, page_name):
    """Both on one load: the headings are counted before any key is pressed."""
    page = open_named(page_name, width=375).page
    headings = page.locator("h1").all_inner_texts()
    assert len(headings) == 1, f"{len(headings)} h1 elements: {headings}"
    page.keyboard.press("Tab")
    first = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.getAttribute('href')]"
    )
    assert first == ["skip-link", "#content"], f"the first focusable element is {first}"
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, f"the focused skip link is hidden: {box}"
    page.keyboard.press("Enter")
    focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.id]")
    assert focused == ["MAIN", "content"], f"the skip link moved focus to {focused}"


def test_dark_scheme_changes_colours(open_named):
    script = "() => getComputedStyle(document.body).backgroundColor"
    light = open_named("home", color_scheme="light").page.evaluate(script)
    dark = open_named("home", color_scheme="dark").page.evaluate(script)
    assert light != dark, f"the dark scheme keeps the light background {light}"


MOTION = """() => [getComputedStyle(document.documentElement).scrollBehavior,
    getComputedStyle(document.querySelector('main a')).transitionDuration]"""


def test_reduced_motion_css(open_named):
    page = open_named("post", reduced_motion="reduce").page
    rules = page.evaluate(
        """() => [...document.styleSheets].flatMap(s => [...s.cssRules])
            .filter(r => r.media && r.media.mediaText.includes('prefers-reduced-motion')).length"""
    )
    assert rules > 0, "the stylesheets have no @media (prefers-reduced-motion) rule"
    assert page.evaluate(MOTION) == ["auto", "0s"], "motion is not reduced"
    moving = open_named("post", reduced_motion="no-preference").page.evaluate(MOTION)
    assert moving != ["auto", "0s"], "no motion to reduce: the test would prove nothing"


def test_print_css_hides_navigation(open_named):
    page = open_named("post").page
    page.emulate_media(media="print")
    assert page.locator(".site-nav").count() == 1
    shown = page.evaluate(
        """() => [...document.querySelectorAll(
                '.site-nav, .skip-link, .footer-links, .mailing-list-box, .post-nav, .copy-slot')]
            .filter(e => getComputedStyle(e).display !== 'none').map(e => e.className)"""
    )
    assert not shown, f"printed pages still show {shown}"
    assert page.locator("h1").is_visible(), "printed pages lose their heading"
