"""The real site builds, every promised URL exists, links resolve, drafts stay out."""

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.html
import pytest
import site_content

from conftest import ROOT, build_ok, snapshot


def page_file(site: Path, url_path: str) -> Path:
    path = site / url_path.lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def test_the_content_is_there():
    """Guards the tests below against passing on an empty content folder."""
    assert len(site_content.posts()) >= 5
    assert len(site_content.topics()) == 6
    assert {"about", "mailing-list", "members", "contributing"} <= {
        p.slug for p in site_content.pages()
    }
    assert {"duncan-mcgreggor", "steve-holden", "jim-baker"} <= set(site_content.member_ids())
    assert site_content.drafts(), "a draft post keeps the 'drafts are not published' test honest"


def test_every_post_page_topic_and_member_url_exists(site):
    expected = [f"posts/{p.year}/{p.slug}/" for p in site_content.posts()]
    expected += [f"{p.slug}/" for p in site_content.pages()]
    expected += [f"topics/{t.path.stem}/" for t in site_content.topics()] + ["topics/"]
    expected += [f"members/{member}/" for member in site_content.member_ids()] + ["members/"]
    expected += ["", "archives/", "tags/", "category/", "404.html"]
    missing = [url for url in expected if not page_file(site, url).is_file()]
    assert not missing, f"not built: {missing}"


def test_the_first_post_is_the_announcement(site):
    first = min(site_content.posts(), key=lambda p: p.meta["date"])
    assert first.path.name == "announcing-uls-sig.md"
    assert first.meta["date"].startswith("2009-04-17")
    html = page_file(site, "posts/2009/announcing-uls-sig/").read_text(encoding="utf-8")
    assert 'datetime="2009-04-17' in html


def test_nav_links_resolve(site):
    home = lxml.html.parse(str(site / "index.html")).getroot()
    nav = home.cssselect("nav[aria-label=Main] a")
    labels = [a.text_content().strip() for a in nav]
    assert labels[:6] == ["Home", "Topics", "Meetings", "Members", "Mailing list", "About"]
    for link in nav:
        assert page_file(site, link.get("href")).is_file(), link.get("href")


def internal_links(site: Path):
    for html_file in sorted(site.rglob("*.html")):
        tree = lxml.html.parse(str(html_file)).getroot()
        for element, attribute, link, _ in tree.iterlinks():
            if (
                element.tag == "a"
                or (element.tag == "link" and attribute == "href")
                or (attribute == "src")
            ):
                parts = urlsplit(link)
                if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
                    yield html_file.relative_to(site), parts.path


def test_every_internal_link_resolves(site):
    broken = sorted(
        {(str(f), url) for f, url in internal_links(site) if not page_file(site, url).exists()}
    )
    assert not broken, f"{len(broken)} broken links, first ones: {broken[:10]}"


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "feeds/all.rss.xml"])
def test_site_feeds_list_every_published_post(site, feed):
    parsed = feedparser.parse((site / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    titles = sorted(entry.title for entry in parsed.entries)
    assert titles == sorted(p.meta["title"] for p in site_content.posts())


def test_drafts_are_not_published(site):
    for draft in site_content.drafts():
        assert not list(site.rglob(f"*{draft.slug}*")), f"{draft.slug} was written"
        for built in list(site.rglob("*.html")) + list(site.rglob("*.xml")):
            assert draft.meta["title"] not in built.read_text(encoding="utf-8"), built


def test_building_twice_gives_byte_identical_output(site, tmp_path):
    """The same build again, over a copy of the session's first build (`site`, made with these
    very arguments in another folder): not a byte changes, wherever the output is."""
    output = tmp_path / "output"
    shutil.copytree(site, output)
    first = snapshot(output)
    build_ok(ROOT / "pelicanconf.py", output, content=ROOT / "content")
    assert snapshot(output) == first
