"""Unlisted means unlisted: a hidden post, a hidden meeting, a draft and a future-dated draft reach
no search index, sitemap, social card, related-posts list, topic or member page, nor any output
but the hidden pages' own (plugins/model/listed.py decides for all of them)."""

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import build_ok, page
from plugins.compat import pagefind
from plugins.model.build import build_of
from plugins.model.listed import is_listed, listed, record, written_pages

FIXTURE = Path(__file__).parent / "unlisted_site"
SITE = "https://unlisted.example.org"
LISTED = ["/posts/2024/listed-one/", "/posts/2024/listed-two/"]
# url -> a word only its text has
UNLISTED = {
    "/posts/2024/hidden-post/": "hiddenpostword",
    "/posts/2024/hidden-meeting/": "hiddenmeetingword",
    "/posts/2024/draft-post/": "draftpostword",
    "/posts/2099/future-draft/": "futuredraftword",
}
HIDDEN = ["/posts/2024/hidden-post/", "/posts/2024/hidden-meeting/"]  # written, never listed
SLUGS = ["hidden-post", "hidden-meeting", "draft-post", "future-draft"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("unlisted") / "output"
    build_ok(FIXTURE / "pelicanconf.py", output, cwd=FIXTURE)
    return output


def output_texts(site):
    """{relative path: text} of every output file, gzip'd index fragments unpacked."""
    found = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data.startswith(b"\x1f\x8b"):
            data = gzip.decompress(data)
        found[str(path.relative_to(site))] = data.decode("utf-8", "replace")
    return found


def test_the_hidden_pages_exist_at_their_address_and_drafts_do_not(site):
    for url in HIDDEN:
        assert (site / url.strip("/") / "index.html").is_file(), url
    assert not (site / "posts/2024/draft-post").exists()
    assert not (site / "posts/2099/future-draft").exists()


def test_the_search_index_holds_the_listed_pages_only(site):
    indexed = pagefind.fragments(site / "pagefind")
    assert set(LISTED) <= set(indexed)
    assert not set(UNLISTED) & set(indexed)
    text = " ".join(fragment["content"] for fragment in indexed.values())
    assert "listedoneword" in text
    for word in UNLISTED.values():
        assert word not in text


def test_the_sitemap_lists_no_unlisted_page(site):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = {loc.text for loc in root.findall("s:url/s:loc", namespace)}
    assert {SITE + url for url in LISTED} <= urls
    assert not {SITE + url for url in UNLISTED} & urls


def test_no_social_card_is_drawn_for_unlisted_content(site):
    cards = {path.stem for path in (site / "social").rglob("*.png")}
    assert {"listed-one", "listed-two"} <= cards
    assert not set(SLUGS) & cards
    for url in HIDDEN:
        image = page(site, url.strip("/")).xpath("//meta[@property='og:image']/@content")
        assert image == [f"{SITE}/social/site.png"], url


def test_no_listed_page_links_or_mentions_unlisted_content(site):
    """Related posts, previous/next, topic and member pages, tags, archives, feeds, calendars,
    the search index: no output but a hidden page's own names any unlisted post."""
    own = {url.strip("/") + "/" for url in HIDDEN}
    leaks = [
        (path, needle)
        for path, text in output_texts(site).items()
        if not any(path.startswith(prefix) for prefix in own)
        for needle in [*SLUGS, *UNLISTED.values(), "Hidden post", "Hidden meeting"]
        if needle in text
    ]
    assert not leaks


def test_a_hidden_post_has_no_neighbours_and_is_nobodys(site):
    for url in LISTED:
        hrefs = page(site, url.strip("/")).xpath("//a/@href")
        assert not [href for href in hrefs if any(slug in href for slug in SLUGS)], url
    topic_posts = page(site, "topics/general").xpath("//*[contains(@class,'post-card-title')]")
    assert [card.text_content().strip() for card in topic_posts] == ["Listed two", "Listed one"]
    member_posts = page(site, "members/ada").xpath("//*[contains(@class,'post-card-title')]")
    assert [card.text_content().strip() for card in member_posts] == ["Listed two", "Listed one"]


class Item:
    def __init__(self, status=None):
        if status is not None:
            self.status = status


@pytest.mark.parametrize(
    "status, expected",
    [(None, True), ("published", True), ("hidden", False), ("draft", False), ("", True)],
)
def test_is_listed_by_status(status, expected):
    assert is_listed(Item(status)) is expected


def test_listed_keeps_order_and_drops_the_rest():
    items = [Item("published"), Item("hidden"), Item(), Item("draft")]
    assert listed(items) == [items[0], items[2]]


def test_pages_showing_unlisted_content_are_never_recorded(tmp_path):
    settings = {"SITENAME": "x"}  # a page's context is a copy of the settings, build included
    build_of(settings)
    record(str(tmp_path / "hidden/index.html"), {**settings, "article": Item("hidden")})
    record(str(tmp_path / "draft/index.html"), {**settings, "page": Item("draft")})
    record(str(tmp_path / "feed.xml"), dict(settings))
    record(str(tmp_path / "tags/index.html"), {**settings, "articles": []})
    assert set(written_pages(settings)) == {str(tmp_path / "tags/index.html")}
    assert written_pages({"SITENAME": "another build"}) == {}
