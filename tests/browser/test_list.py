"""The mailing list's pages (list index, a month, a thread) in the browser: axe finds nothing at
every width the theme is tested at, light and dark, and nothing overflows. The real site has no
list archive committed, so these pages come from the list plugin's fixture archives
(`list_site` in conftest.py), served like the real site."""

from urllib.parse import urlsplit

import lxml.html
import pytest
from browser.axe import format_violations, run_axe_each
from browser.conftest import SCHEMES, WIDTHS
from browser.fits import overflow_of
from browser.serving import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def list_server(list_site):
    with serving(list_site) as base:
        yield base


def list_paths(list_site):
    """/list/, its first month and its first thread, as linked from /list/."""
    index = lxml.html.parse(str(list_site / "list" / "index.html")).getroot()
    links = [urlsplit(href).path for href in index.xpath("//main//a/@href")]
    month = next(path for path in links if path.startswith("/list/20"))
    thread = next(path for path in links if path.startswith("/list/threads/"))
    return ["/list/", month, thread]


def test_list_pages_pass_axe_and_do_not_overflow(tab_on, list_server, list_site, axe_path):
    """The three pages one after the other in one tab, each loaded at the narrowest width."""
    failures = []
    first, *others = list_paths(list_site)
    opened = tab_on(list_server, first, width=WIDTHS[0])
    for path in [first, *others]:
        if path != first:
            opened.load(path, width=WIDTHS[0])
        assert opened.response.status == 200, path
        for width, scheme, violations in run_axe_each(opened.page, axe_path, WIDTHS, SCHEMES):
            if violations:
                failures.append(
                    f"axe on {path} at {width}px, {scheme}:\n{format_violations(violations)}"
                )
            too_wide = overflow_of(opened.page)
            if too_wide:
                failures.append(f"{path} overflows at {width}px, {scheme}: {too_wide}")
    assert not failures, "\n".join(failures)
