"""The search index in parts (plugins/outputs/search, SEARCH_PAGES_PER_PART) in the browser: the
built site's pages indexed again in parts of a few pages each and served beside the built site,
whose index is one part. A search and a topic filter find the same pages in both; the other parts
are merged by Pagefind's mergeIndex and fetch no loader or WebAssembly of their own."""

import os
import shutil
from collections import Counter
from urllib.parse import quote, urlsplit

import pytest
from browser.serving import serving
from browser.test_search import (
    READY,
    WORD,
    all_result_urls,
    corpus,  # noqa: F401 (the fixture: the built site's indexed pages)
    wait_for_status,
)

from plugins.outputs.search.search import build_index, bundles

pytestmark = pytest.mark.browser

PAGES_PER_PART = 8


@pytest.fixture(scope="module")
def parted(built_site, tmp_path_factory):
    """(base URL, number of parts) of a copy of the built site (hard links) indexed in parts."""
    copy = tmp_path_factory.mktemp("parted") / "site"
    top = ["pagefind"]
    shutil.copytree(
        built_site,
        copy,
        copy_function=os.link,
        ignore=lambda folder, names: top if os.path.samefile(folder, built_site) else [],
    )
    build_index(copy, sorted(copy.rglob("*.html")), "pagefind", per_part=PAGES_PER_PART)
    assert len(bundles(built_site / "pagefind")) == 1, "the site itself is small: one part"
    with serving(copy) as base:
        yield base, len(bundles(copy / "pagefind"))


def search(tab_on, base, query):
    """Paths of every result of /search/?`query`, all "more" pages shown, and the tab."""
    opened = tab_on(base, f"/search/?{query}")
    opened.page.wait_for_selector(READY)
    wait_for_status(opened.page)
    return all_result_urls(opened.page), opened


def test_a_search_over_parts_finds_what_the_one_index_finds(tab_on, server, parted, corpus):  # noqa: F811
    base, count = parted
    assert count >= 4, f"{len(corpus)} pages in parts of {PAGES_PER_PART}: {count} parts"
    counts = Counter(w for _, text, _ in corpus.values() for w in set(WORD.findall(text)))
    word = max(sorted(counts), key=counts.get)  # on most pages, so in every part
    whole, _ = search(tab_on, server, f"q={word}")
    found, opened = search(tab_on, base, f"q={word}")
    assert len(whole) > PAGES_PER_PART, f"“{word}” finds too little: {whole}"
    assert Counter(found) == Counter(whole)
    (worker,) = opened.page.workers  # Pagefind's: it fetches the index
    names = worker.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    fetched = [urlsplit(name).path for name in names]
    entries = [url for url in fetched if url.endswith("/pagefind-entry.json")]
    assert len(entries) == count, f"one entry file a part: {fetched}"
    loaders = [url for url in fetched if "/part-" in url and url.endswith((".js", "pagefind"))]
    assert not loaders, f"the parts share the first part's loader and WebAssembly: {loaders}"
    # The topic filter lists the topics of all parts, and narrows the same way.
    options = opened.page.eval_on_selector_all(
        "#search-filter-topic option", "os => os.map(o => o.value).filter(Boolean)"
    )
    assert len(options) > 1, options
    query = f"q={word}&topic={quote(options[0])}"
    narrowed_whole, _ = search(tab_on, server, query)
    narrowed, _ = search(tab_on, base, query)
    assert 0 < len(narrowed) < len(found)
    assert Counter(narrowed) == Counter(narrowed_whole)
