"""Whether a loaded page fits its viewport: nothing wider than the screen."""

OVERFLOW = """() => ({
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
    wide: [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 5).map(e => e.outerHTML.slice(0, 160))})"""


def overflow_of(page):
    """None if the page is no wider than its viewport, else what is too wide (up to 5 elements)."""
    found = page.evaluate(OVERFLOW)
    if found["scroll"] > found["inner"]:
        return f"scrollWidth {found['scroll']} > {found['inner']}; too wide: {found['wide']}"
    return None
