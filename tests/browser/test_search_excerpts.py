"""Search results show a page's words as the page shows them: Pagefind's excerpt escapes only < and
>, so an excerpt parsed as HTML would turn `&#64;` into a real address and `&lt;b&gt;` into
`<b>`. search.js never parses it: the results must show the page's text, with no element made
from content (only the <mark>s of the hits)."""

import shutil
from pathlib import Path

import lxml.html
import pytest
from browser.serving import serving

from conftest import build_ok, build_once

pytestmark = pytest.mark.browser

SEARCH_TEST_DATA = (
    Path(__file__).resolve().parents[2] / "plugins" / "outputs" / "search" / "tests" / "test_data"
)
READY = "#search[data-state=ready]"
HOSTILE_POST = """Title: Quokka &#64; notes &lt;i&gt;x&lt;/i&gt;
Date: 2024-02-01 10:00
Authors: Ada Lovelace
Summary: Hostile text.

Write to quokka&amp;#64;example.org about the quokka census.

The quokka tag &lt;img src=x onerror=window.quokkaPwned=1&gt; is shown as text.

A quokka writes &amp;lt;b&amp;gt;quokkabold&amp;lt;/b&amp;gt; literally, and &amp;amp; too.
"""


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """The search plugin's fixture site with a post whose text spells markup and references,
    built once for the run (with pytest-xdist, by the first worker that needs it)."""

    def build(output):
        content = output.parent / "content"
        shutil.rmtree(content, ignore_errors=True)  # left by a build cut short
        shutil.copytree(SEARCH_TEST_DATA / "content", content)
        (content / "posts" / "quokka.md").write_text(HOSTILE_POST, encoding="utf-8")
        settings = SEARCH_TEST_DATA / "pelicanconf.py"
        # Served from loopback: root-relative links, as the development site has.
        build_ok(settings, output, 'SITEURL=""', content=content, cwd=SEARCH_TEST_DATA)

    return build_once(tmp_path_factory, "search-excerpts", build)


@pytest.fixture(scope="session")
def hostile_server(hostile_site):
    with serving(hostile_site) as base:
        yield base


def page_text(site):
    """(title, title and text) of the post as its page shows them to a reader."""
    root = lxml.html.parse(str(site / "posts/2024/quokka/index.html")).getroot()
    title = root.cssselect("article h1")[0].text_content().strip()
    return title, " ".join([title, *root.cssselect(".post-body")[0].text_content().split()])


def search(tab_on, base, term):
    """The search page of the site at `base` for `term`, in a reused tab, once its results
    are shown."""
    page = tab_on(base, f"/search/?q={term}").page
    page.wait_for_selector(READY)
    page.wait_for_selector("#search-results > li")
    return page


def result_of(page):
    """(title, excerpt text, marked words, tags of every element inside the result)."""
    return page.eval_on_selector(
        "#search-results > li",
        """li => [
            li.querySelector('h2 a').textContent,
            li.querySelector('.search-excerpt').textContent,
            [...li.querySelectorAll('.search-excerpt mark')].map(m => m.textContent),
            [...li.querySelectorAll('*')].map(e => e.tagName.toLowerCase()),
        ]""",
    )


# term searched -> what the excerpt must show, as the page shows it
SHOWN = {
    "census": "quokka&#64;example.org",
    "onerror": "<img src=x onerror=window.quokkaPwned=1>",
    "quokkabold": "&lt;b&gt;quokkabold&lt;/b&gt;",
}


@pytest.mark.parametrize("term", sorted(SHOWN))
def test_excerpts_show_the_page_text_and_make_no_element(
    tab_on, hostile_server, hostile_site, term
):
    page = search(tab_on, hostile_server, term)
    title, excerpt, marked, tags = result_of(page)
    page_title, shown = page_text(hostile_site)
    assert SHOWN[term] in shown  # the page shows it so...
    assert SHOWN[term] in excerpt  # ...and so does the result
    assert excerpt in shown, f"the excerpt {excerpt!r} is not the page's text"
    assert title == page_title == "Quokka &#64; notes &lt;i&gt;x&lt;/i&gt;"
    assert marked and all(term in word.lower() for word in marked)
    assert set(tags) <= {"h2", "a", "p", "mark"}, tags
    assert "quokka@example.org" not in excerpt
    assert page.evaluate("window.quokkaPwned") is None
    assert not page.query_selector("#search-results img, #search-results b, #search-results i")
