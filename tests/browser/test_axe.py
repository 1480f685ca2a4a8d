"""axe-core finds no WCAG 2.2 AA or best-practice violation on any kind of page."""

import pytest
from browser.axe import format_violations, run_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280], ids=lambda width: f"{width}px")
def test_no_axe_violations(open_named, page_paths, axe_path, page_name, width, scheme):
    page = open_named(page_name, width=width, color_scheme=scheme).page
    violations = run_axe(page, axe_path)
    assert not violations, (
        f"axe found {len(violations)} violation(s) on {page_paths[page_name]} at {width}px, "
        f"{scheme} scheme:\n{format_violations(violations)}"
    )
