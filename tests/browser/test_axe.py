"""axe-core finds no WCAG 2.2 AA or best-practice violation on any kind of page, and nothing is
wider than the screen, at every width the theme is tested at (320, 375, 768 and 1280 px), in the
light and the dark colour scheme: both checks on the same load, at each width and scheme in turn
(in the dark scheme axe's rules about colour, which are all that scheme changes: axe.py).

The search page is checked as a reader sees it: its results and filters shown
(search.js has finished its first search), so no other test runs axe on it again."""

import pytest
from browser.axe import format_violations, run_axe_each
from browser.conftest import SCHEMES, WIDTHS
from browser.fits import overflow_of

pytestmark = pytest.mark.browser

SEARCH_DONE = "#search[data-state]"  # search.js has shown its first search (or failed)


def test_no_axe_violations_and_no_overflow(open_named, page_paths, axe_path, page_name):
    """One load per page, axe and the overflow check at every width x scheme; every failing
    one is reported."""
    page = open_named(page_name, width=WIDTHS[0], color_scheme=SCHEMES[0]).page
    if page_name == "search":
        page.wait_for_selector(SEARCH_DONE)
        assert page.get_attribute("#search", "data-state") == "ready", "the search failed"
        assert page.locator("#search-results > li").count() > 1, "too few results to check"
        # On a phone the filters are folded (pages.css, search.js): open them for axe to check.
        assert not page.is_visible("#search-filters"), "the filters are open on a phone"
        page.click("#search-narrow > summary")
        assert page.is_visible("#search-filters"), "the filters are not shown"
    path = page_paths[page_name]
    failures = []
    for width, scheme, violations in run_axe_each(page, axe_path, WIDTHS, SCHEMES):
        if violations:
            failures.append(
                f"axe found {len(violations)} violation(s) on {path} at {width}px, "
                f"{scheme} scheme:\n{format_violations(violations)}"
            )
        too_wide = overflow_of(page)
        if too_wide:
            failures.append(f"{path} overflows at {width}px, {scheme} scheme: {too_wide}")
    runs = len(WIDTHS) * len(SCHEMES)
    assert not failures, f"{len(failures)} problem(s) in {runs} runs:\n" + "\n".join(failures)
