"""How readers and crawlers find content: sitemap.xml, robots.txt, archives, tags, categories."""

import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import urlsplit

import lxml.html
import pytest
import site_content

from conftest import ROOT, build_ok, build_once
from plugins.compat import pagefind
from plugins.outputs.search.search import bundles

SITEURL = "https://uls-sig.example.org"  # what the published_site fixture builds with
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def post_url(post):
    return f"/posts/{post.year}/{post.slug}/"


def aliases():
    """Old URLs declared with `Aliases:`: plugins/outputs/addresses writes redirect pages there."""
    found = []
    for source in site_content.posts() + site_content.pages():
        found += [a.strip() for a in source.meta.get("aliases", "").split(",") if a.strip()]
    return found


def page_file(site, path):
    return site / path.lstrip("/") / "index.html"


def parse(site, path):
    file = page_file(site, path)
    assert file.is_file(), f"{path} was not built"
    return lxml.html.parse(str(file)).getroot()


def follow_pages(site, first):
    """[(path, parsed page)] of a paginated list, from `first` along its rel=next links."""
    pages, path = [], first
    while path:
        root = parse(site, path)
        pages.append((path, root))
        following = root.cssselect("nav.pagination a[rel=next]")
        path = urlsplit(following[0].get("href")).path if following else None
        assert len(pages) < 100, f"pagination of {first} does not end"
    return pages


def listed_posts(site, first):
    """Every post link of a paginated list, across its pages, in order."""
    return [
        urlsplit(link.get("href")).path
        for _, root in follow_pages(site, first)
        for link in root.cssselect("main .post-card-title a")
    ]


def terms(site, index_path):
    """{name: path} of the terms an index page (/tags/, /category/) links to."""
    root = parse(site, index_path)
    return {
        link.text_content().strip(): urlsplit(link.get("href")).path
        for link in root.cssselect("main .term-list a")
    }


# --- sitemap.xml and robots.txt ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sitemap(published_site):
    root = ET.parse(published_site / "sitemap.xml").getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    entries = {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("s:url", SITEMAP_NS)
    }
    assert len(entries) == len(root.findall("s:url", SITEMAP_NS)), "a URL is listed twice"
    return entries


def test_sitemap_lists_every_published_post_page_topic_and_member(sitemap):
    expected = [post_url(p) for p in site_content.posts()]
    expected += [f"/{p.slug}/" for p in site_content.pages()]
    expected += [f"/topics/{t.path.stem}/" for t in site_content.topics()] + ["/topics/"]
    expected += [f"/members/{m}/" for m in site_content.member_ids()] + ["/members/"]
    expected += ["/", "/archives/", "/tags/", "/category/"]
    missing = [path for path in expected if SITEURL + path not in sitemap]
    assert not missing, f"not in sitemap.xml: {missing}"


def test_sitemap_urls_are_absolute_and_built(sitemap, published_site):
    for url in sitemap:
        assert url.startswith(SITEURL + "/"), url
        assert page_file(published_site, url[len(SITEURL) :]).is_file(), url


def test_sitemap_has_no_draft_no_redirect_and_no_noindex_page(sitemap, published_site):
    assert site_content.drafts()
    unwanted = [post_url(d) for d in site_content.drafts()] + aliases() + ["/404.html"]
    listed = [path for path in unwanted if SITEURL + path in sitemap]
    assert not listed, f"should not be in sitemap.xml: {listed}"
    for url in sitemap:
        root = parse(published_site, url[len(SITEURL) :])
        robots = " ".join(root.xpath("//meta[@name='robots']/@content"))
        assert "noindex" not in robots, url
        assert "/page/" not in url, f"pagination pages are left out: {url}"


def test_sitemap_lastmod_is_the_posts_modified_or_date(sitemap):
    for post in site_content.posts():
        lastmod = sitemap[SITEURL + post_url(post)]
        changed = post.meta.get("modified") or post.meta["date"]
        assert lastmod[:10] == changed[:10], (post.path.name, lastmod, changed)


def test_robots_txt_names_the_sitemap(published_site):
    robots = (published_site / "robots.txt").read_text(encoding="utf-8")
    lines = robots.splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITEURL}/sitemap.xml" in lines
    assert "Disallow: /" not in lines


# --- archives, tags and categories: every published post exactly once -------------------------


@pytest.fixture(scope="session")
def site_in_pages_of_two(tmp_path_factory):
    """The real content with two posts a page, so that every list really paginates; built once
    for the run, without the search index (only its lists are read)."""
    return build_once(
        tmp_path_factory,
        "paginated",
        lambda output: build_ok(
            ROOT / "pelicanconf.py",
            output,
            "DEFAULT_PAGINATION=2",
            "SEARCH_INDEX=false",
            content=ROOT / "content",
        ),
    )


@pytest.fixture(params=["default", "two-a-page"])
def any_site(request):
    return request.getfixturevalue("site" if request.param == "default" else "site_in_pages_of_two")


def test_pagination_really_happens_with_two_a_page(site_in_pages_of_two):
    assert len(follow_pages(site_in_pages_of_two, "/archives/")) > 2
    assert len(site_content.posts()) > 2


def test_archives_list_every_published_post_once(any_site):
    listed = listed_posts(any_site, "/archives/")
    assert Counter(listed) == Counter(post_url(p) for p in site_content.posts())


def test_archives_are_grouped_by_year_and_month(any_site):
    for path, root in follow_pages(any_site, "/archives/"):
        for year in root.cssselect("main section.archive-year"):
            heading = year.cssselect("h2")[0].text_content().strip()
            for month in year.cssselect("section.archive-month"):
                assert month.cssselect("h3")[0].text_content().strip().endswith(heading), path
                for time in month.cssselect(".post-card time"):
                    assert time.get("datetime").startswith(heading), path


def test_every_list_entry_shows_reading_time_and_an_excerpt(any_site):
    first_tag = next(iter(terms(any_site, "/tags/").values()))
    first_category = next(iter(terms(any_site, "/category/").values()))
    for start in ("/archives/", first_tag, first_category):
        for path, root in follow_pages(any_site, start):
            cards = root.cssselect("main .post-card")
            assert cards, path
            for card in cards:
                assert "min read" in card.cssselect(".meta")[0].text_content(), path
                assert card.cssselect(".post-card-summary")[0].text_content().strip(), path


def test_tag_pages_list_each_tagged_post_once(any_site):
    tags = terms(any_site, "/tags/")
    assert tags, "/tags/ lists no tag"
    for name, path in tags.items():
        expected = [
            post_url(p)
            for p in site_content.posts()
            if name.lower() in [t.strip().lower() for t in p.meta.get("tags", "").split(",")]
        ]
        assert Counter(listed_posts(any_site, path)) == Counter(expected), name


def test_the_tag_index_shows_counts(site):
    root = parse(site, "/tags/")
    for item in root.cssselect("main .term-list li"):
        link = item.cssselect("a")[0]
        count = int(item.cssselect(".count")[0].text_content().strip("()").split()[0])
        assert count == len(listed_posts(site, urlsplit(link.get("href")).path)), link.text


def test_category_pages_list_every_published_post_once(any_site):
    categories = terms(any_site, "/category/")
    listed = []
    for name, path in categories.items():
        on_page = listed_posts(any_site, path)
        expected = [
            post_url(p)
            for p in site_content.posts()
            if p.meta.get("category", "Announcements").lower() == name.lower()
        ]
        assert Counter(on_page) == Counter(expected), name
        listed += on_page
    assert Counter(listed) == Counter(post_url(p) for p in site_content.posts())


# --- the search index ----------------------------------------------------------------------------


def indexed_urls(site):
    """URL paths of the pages in the Pagefind index (its fragments are gzip'd JSON)."""
    parts = bundles(site / "pagefind")
    return [fragment["url"] for part in parts for fragment in pagefind.page_fragments(part)]


def test_the_search_index_covers_posts_pages_topics_members_and_projects_only(site):
    expected = [post_url(p) for p in site_content.posts()]
    expected += [f"/{p.slug}/" for p in site_content.pages()]
    expected += [f"/topics/{t.path.stem}/" for t in site_content.topics()]
    expected += [f"/members/{m}/" for m in site_content.member_ids()]
    expected += [f"/projects/{p.path.stem}/" for p in site_content.sources("projects")]
    assert Counter(indexed_urls(site)) == Counter(expected)


def test_search_excerpts_are_the_text_not_the_chrome(site):
    """A post is indexed as its title, then its text: not its date, reading time, topic chips or
    tags (issue 14: excerpts began with the chips)."""
    found = {
        u: f for part in bundles(site / "pagefind") for u, f in pagefind.fragments(part).items()
    }
    for post in site_content.posts():
        content = found[post_url(post)]["content"]
        assert content.startswith(post.meta["title"].strip()), content[:120]
        assert "min read" not in content, content[:120]
        tags = [t.strip() for t in post.meta.get("tags", "").split(",") if t.strip()]
        assert not [tag for tag in tags if f"#{tag}" in content], content[:120]


def test_two_builds_of_the_same_commit_are_byte_identical(site, tmp_path):
    again = tmp_path / "output"
    build_ok(ROOT / "pelicanconf.py", again, content=ROOT / "content")
    first = {p.relative_to(site): p for p in sorted(site.rglob("*")) if p.is_file()}
    second = {p.relative_to(again): p for p in sorted(again.rglob("*")) if p.is_file()}
    assert sorted(first) == sorted(second)
    different = [
        str(name) for name in first if first[name].read_bytes() != second[name].read_bytes()
    ]
    assert not different, f"differ between two builds: {different}"
