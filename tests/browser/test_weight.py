"""Every page stays small (HTML + CSS + JS <= 25 KB gzip) and loads nothing from other hosts."""

from urllib.parse import urlsplit

import lxml.html
import pytest

pytestmark = pytest.mark.browser

BUDGET = 25 * 1024  # bytes of gzip -9 over the HTML, CSS and JS a page loads
# The search index, Pagefind's bundle (its loader pagefind.js included), is outside the budget
# (issue 14); only the search page may load it.
SEARCH_BUNDLE = "/pagefind/"
SEARCH_PAGE = "/search/"


def problems_of(opened):
    """(gzip total, problems) of one loaded page: foreign requests, weight over budget, and the
    search bundle anywhere but on the search page."""
    problems = [f"request to another host: {url}" for url in opened.foreign_requests()]
    weights = opened.weights()
    bundle = [url for url in weights if urlsplit(url).path.startswith(SEARCH_BUNDLE)]
    if bundle and urlsplit(opened.page.url).path != SEARCH_PAGE:
        problems.append(f"the search bundle is loaded outside {SEARCH_PAGE}: {bundle}")
    total = sum(size for url, size in weights.items() if url not in bundle)
    if total > BUDGET:
        listing = ", ".join(f"{url} {size} B" for url, size in weights.items())
        problems.append(f"{total} B gzip > budget {BUDGET} B: {listing}")
    return total, problems


def test_page_weight_and_hosts(open_named, page_name):
    opened = open_named(page_name)
    total, problems = problems_of(opened)
    print(f"{page_name}: {total} B gzip")
    assert total > 0, "no HTML response was seen"
    assert not problems, "\n".join(problems)


def inline_code(html):
    """Inline scripts, <style> elements and style attributes (JSON-LD is data, not script)."""
    root = lxml.html.fromstring(html)
    found = root.xpath("//script[not(@src)][not(@type='application/ld+json')] | //style")
    found += root.xpath("//*[@style]")
    return [lxml.html.tostring(node, encoding="unicode")[:120] for node in found]


SHARDS = 2  # the pages are split so that pytest-xdist can check them on two cores at once


@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda shard: f"share{shard + 1}of{SHARDS}")
def test_every_built_page(tab, built_site, shard):
    """Every HTML file of the build (each in one share): the same budget and host rule, one h1,
    no inline code."""
    failures, totals = [], {}
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= SHARDS, f"only {len(pages)} HTML files were built"
    opened = tab("/")
    for path in pages[shard::SHARDS]:
        url = "/" + str(path.relative_to(built_site)).removesuffix("index.html")
        html = path.read_bytes()
        if b'http-equiv="refresh"' in html:
            # A redirect stub (an alias, a page that moved): it leaves at once and loads no CSS
            # or JS, so it is checked as a file.
            problems = [f"inline code: {code}" for code in inline_code(html)]
            headings = len(lxml.html.fromstring(html).xpath("//h1"))
            problems += [f"{headings} h1 elements"] if headings != 1 else []
            failures += [f"{url} (redirect): {problem}" for problem in problems]
            continue
        opened.goto(url)
        total, problems = problems_of(opened)
        totals[url] = total
        headings = opened.page.locator("h1").count()
        if headings != 1:
            problems.append(f"{headings} h1 elements")
        problems += [f"inline code: {code}" for code in inline_code(opened.response.body())]
        failures += [f"{url} ({total} B gzip): {problem}" for problem in problems]
    heaviest = max(totals, key=totals.get)
    print(f"{len(totals)} pages, heaviest {heaviest}: {totals[heaviest]} B gzip")
    assert not failures, "\n".join(failures)
