"""Screenshots for people to look at, not a check: every page kind at a phone and a desktop
width, light and dark, full page, in tests/artifacts/ (JPEG: quicker than PNG).

`make screenshots` takes them; `make test` leaves them out (pyproject.toml deselects the
`screenshots` marker), since no assertion reads them."""

import pytest
from browser.axe import SETTLE
from browser.conftest import SCHEMES

pytestmark = [pytest.mark.browser, pytest.mark.screenshots]

SCREENSHOT_WIDTHS = [375, 1280]  # a phone (below 60em: the compact header) and a desktop
READY = "#search[data-state=ready]"


def test_screenshots_of_every_page_kind(open_named, artifacts, page_name):
    opened = open_named(page_name, width=SCREENSHOT_WIDTHS[0], color_scheme=SCHEMES[0])
    if page_name == "search":
        opened.page.wait_for_selector(READY)
    for width in SCREENSHOT_WIDTHS:
        for scheme in SCHEMES:
            opened.emulate(width=width, color_scheme=scheme)
            opened.page.evaluate(SETTLE)  # the colours the switch started fading, at their end
            picture = artifacts / f"{page_name}-{width}-{scheme}.jpg"
            opened.page.screenshot(path=str(picture), full_page=True, type="jpeg", quality=85)
            assert picture.stat().st_size > 0, picture
