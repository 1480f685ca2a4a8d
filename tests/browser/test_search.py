"""Live search in headless Chromium: the Pagefind index, search.js, filters, the header box.

The words searched for are picked from the built HTML, not guessed: a word found in exactly one
post's body (and in no other indexed page), and a word common to many pages. axe over the page
with its results and filters shown is test_axe.py's (its "search" page).
"""

import copy
import re
from collections import Counter
from urllib.parse import urlsplit

import lxml.html
import pytest

pytestmark = pytest.mark.browser

WORD = re.compile(r"[a-z]{7,}")
READY = "#search[data-state=ready]"
# Milliseconds any wait may take before the test counts as hung: a guard, never what a test
# asserts (Playwright's own default, 30 s, is a race on a busy machine). Each wait ends on what
# the page shows, so a slow machine makes these tests slower, not red.
HANG_GUARD_MS = 300_000


def page_file(site, url_path):
    return site / url_path.lstrip("/") / "index.html"


def indexed_text(root):
    """Text Pagefind indexes: the data-pagefind-body element minus data-pagefind-ignore parts
    (of a copy: `root` keeps the ignored parts, such as the topic chips)."""
    body = copy.deepcopy(root.cssselect("[data-pagefind-body]")[0])
    for ignored in body.cssselect("[data-pagefind-ignore]"):
        ignored.drop_tree()
    return body.text_content().lower()


@pytest.fixture(scope="module")
def corpus(built_site):
    """{url path: (parsed page, indexed text, post body text or None)} of every indexed page."""
    pages = {}
    for path in sorted(built_site.rglob("index.html")):
        root = lxml.html.parse(str(path)).getroot()
        if not root.cssselect("[data-pagefind-body]"):
            continue
        url = "/" + str(path.parent.relative_to(built_site)).replace("\\", "/") + "/"
        url = "/" if url == "/./" else url
        bodies = root.cssselect(".post-body")
        post_body = bodies[0].text_content().lower() if bodies else None
        pages[url] = (root, indexed_text(root), post_body)
    assert len(pages) > 10, "too few indexed pages: is data-pagefind-body in the templates?"
    return pages


@pytest.fixture(scope="module")
def unique_word(corpus):
    """(word, post URL): the word is in that post's body and no other indexed page has a word
    starting with the same five letters (Pagefind stems words and matches prefixes)."""
    prefixes_of = {
        url: set(re.findall(r"\b[a-z]{5}", text)) for url, (_, text, _) in corpus.items()
    }
    for url, (_, _, body) in sorted(corpus.items()):
        if body is None:
            continue
        for word in sorted(set(WORD.findall(body))):
            others = [other for other, found in prefixes_of.items() if word[:5] in found]
            others.remove(url)
            if not others:
                return word, url
    pytest.fail("no word appears in exactly one post: the content is too repetitive to test")


def topic_of(corpus, slug, url):
    """Is the page at `url` on the topic `slug`? (the topic page, or a post with its chip)"""
    root = corpus[url][0]
    chips = root.cssselect(".chips[aria-label=Topics] a")
    return url == f"/topics/{slug}/" or any(
        urlsplit(a.get("href")).path == f"/topics/{slug}/" for a in chips
    )


@pytest.fixture
def search_page(visit):
    """/search/ loaded with the site's Content-Security-Policy in force, Pagefind ready.

    `opened.errors` collects console errors (a CSP violation is one) and uncaught exceptions."""
    opened = visit("/")  # listeners are attached before /search/ loads, in the same tab
    opened.page.set_default_timeout(HANG_GUARD_MS)  # this test's own context: every wait
    opened.errors = []
    opened.page.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
    opened.page.on("pageerror", lambda error: opened.errors.append(str(error)))
    assert opened.goto("/search/").status == 200, "/search/ is not built"
    opened.page.wait_for_selector(READY)
    return opened


def all_result_urls(page):
    """Paths of every result, pressing "Show more results" until all are shown."""
    while page.is_visible("#search-more"):
        before = page.locator("#search-results > li").count()
        page.click("#search-more")
        page.wait_for_function(
            "before => document.querySelectorAll('#search-results > li').length > before",
            arg=before,
            timeout=HANG_GUARD_MS,
        )
    hrefs = page.eval_on_selector_all("#search-results > li h2 a", "as => as.map(a => a.href)")
    return [urlsplit(href).path for href in hrefs]


def wait_for_status(page, previous=""):
    page.wait_for_function(
        "previous => { const s = document.querySelector('#search-status').textContent;"
        " return s && s !== previous; }",
        arg=previous,
        timeout=HANG_GUARD_MS,
    )
    return page.text_content("#search-status")


def test_a_word_from_one_post_finds_that_post_first(search_page, unique_word):
    """Typed key by key, as a reader types. (How fast the result comes is not asserted: it
    depends on the machine; the search does its work in the browser from a static index.)"""
    word, url = unique_word
    page = search_page.page
    page.locator("#search-term").press_sequentially(word)
    # Done when the status names the whole word (not a prefix typed on the way) and the
    # first result is the post.
    page.wait_for_function(
        "(args) => { const [word, url] = args;"
        " const status = document.querySelector('#search-status').textContent;"
        " const a = document.querySelector('#search-results > li h2 a');"
        " return status.includes(`“${word}”`) && a && new URL(a.href).pathname === url; }",
        arg=[word, url],
    )
    assert page.text_content("#search-status").startswith("1 result for")
    excerpt = page.text_content("#search-results > li .search-excerpt").lower()
    assert word in excerpt
    assert page.eval_on_selector("#search-results mark", "m => m.textContent").lower() in word
    assert f"q={word}" in page.url, "the search is kept in the URL"
    assert not search_page.foreign_requests()
    csp = page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content") or ""
    assert "'wasm-unsafe-eval'" in csp, "Pagefind's WebAssembly needs 'wasm-unsafe-eval'"
    assert not search_page.errors, search_page.errors


def test_a_topic_filter_narrows_the_results(search_page, corpus):
    page = search_page.page
    # A word most indexed pages share, and a topic only some of them are on.
    counts = Counter(w for _, text, _ in corpus.values() for w in set(WORD.findall(text)))
    word = max(sorted(counts), key=counts.get)
    page.fill("#search-term", word)
    page.press("#search-term", "Enter")
    wait_for_status(page)
    everything = all_result_urls(page)
    assert len(everything) > 2, f"“{word}” finds too little: {everything}"

    titles = {
        root.cssselect("h1")[0].text_content().strip(): url.split("/")[2]
        for url, (root, _, _) in corpus.items()
        if re.fullmatch(r"/topics/[^/]+/", url)
    }
    options = page.eval_on_selector_all(
        "#search-filter-topic option", "os => os.map(o => o.value).filter(Boolean)"
    )
    assert sorted(options) == sorted(titles), "one option per topic, named by its title"
    title = next(
        t
        for t in sorted(options)
        if 0 < sum(topic_of(corpus, titles[t], u) for u in everything) < len(everything)
    )
    status = page.text_content("#search-status")
    page.select_option("#search-filter-topic", value=title)
    wait_for_status(page, status)
    narrowed = all_result_urls(page)
    assert narrowed, "the filter left nothing"
    assert len(narrowed) < len(everything)
    assert all(topic_of(corpus, titles[title], url) for url in narrowed), narrowed
    expected = {url for url in everything if topic_of(corpus, titles[title], url)}
    assert set(narrowed) == expected
    assert f"topic={title.split()[0]}" in page.url.replace("+", " ").replace("%20", " ")


def test_the_header_box_submits_to_the_search_page(tab, unique_word):
    word, url = unique_word
    opened = tab("/")
    page = opened.page
    page.wait_for_selector("form.search-box[role=search]", timeout=HANG_GUARD_MS)
    page.fill("input[name=q]", word)
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q="), timeout=HANG_GUARD_MS)
    page.wait_for_selector(READY, timeout=HANG_GUARD_MS)
    first = page.eval_on_selector("#search-results > li h2 a", "a => a.href")
    assert urlsplit(first).path == url


def test_without_javascript_the_box_is_a_link_and_the_page_explains(tab):
    home = tab("/", java_script_enabled=False).page
    assert home.locator("form.search-box").count() == 0
    assert urlsplit(home.get_attribute("#search-link a", "href")).path == "/search/"
    search = tab("/search/", java_script_enabled=False).page
    assert search.is_visible("#search-nojs")
    assert search.locator("form[role=search] label[for=search-term]").count() == 1
    links = {
        urlsplit(a).path for a in search.eval_on_selector_all("main a", "as => as.map(a => a.href)")
    }
    assert {"/archives/", "/tags/"} <= links


def test_the_page_is_painted_before_pagefind_loads_and_pagefind_works_in_a_worker(
    visit, unique_word
):
    """Lighthouse (mobile) scored /search/?q=… below every other page on performance: Pagefind's
    loader was preloaded with the page, competing with its CSS for the first paint, and its
    WebAssembly ran in the page's thread (long tasks: total blocking time). Nothing of the bundle
    is requested before the first contentful paint, and the search runs in Pagefind's worker."""
    word, url = unique_word
    page = visit(f"/search/?q={word}").page
    page.wait_for_selector(READY)
    first = page.eval_on_selector("#search-results > li h2 a", "a => a.href")
    assert urlsplit(first).path == url
    painted, bundle = page.evaluate(
        """() => [
            performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
            performance.getEntriesByType('resource')
                .filter(r => new URL(r.name).pathname.startsWith('/pagefind/'))
                .map(r => [new URL(r.name).pathname, r.startTime]),
        ]"""
    )
    assert painted is not None, "no first contentful paint was reported"
    assert bundle, "the page itself requested nothing of the search bundle"
    early = [path for path, start in bundle if start <= painted]
    assert not early, f"requested before the first paint ({painted:.0f} ms): {early}"
    workers = [urlsplit(worker.url).path for worker in page.workers]
    assert "/pagefind/pagefind-worker.js" in workers, f"Pagefind runs in the page: {workers}"


# For each excerpt: how many words it marks, and how many of those a reader sees (inside the
# excerpt's box, which shows all of its text).
MARKS_SEEN = """() => [...document.querySelectorAll('#search-results .search-excerpt')].map(ex => {
    const box = ex.getBoundingClientRect(), marks = [...ex.querySelectorAll('mark')];
    const seen = marks.filter(m => { const r = m.getBoundingClientRect();
        return r.top >= box.top - 1 && r.bottom <= box.bottom + 1; });
    return [marks.length, ex.scrollHeight <= ex.clientHeight + 1 ? seen.length : 0]; })"""


def test_on_a_phone_every_excerpt_shows_the_word_that_matched(tab):
    """A word found deep in long pages: a 3-line clamp once hid it in 9 of 10 excerpts at 320 px."""
    page = tab("/search/?q=stackless", width=320).page
    page.wait_for_selector(READY)
    excerpts = page.evaluate(MARKS_SEEN)
    assert len(excerpts) >= 5, f"too few results to check: {excerpts}"
    assert all(seen == marked > 0 for marked, seen in excerpts), excerpts
