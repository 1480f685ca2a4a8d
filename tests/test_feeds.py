"""Feeds subscribers can trust: valid, absolute, stable, readable in a browser."""

import email.utils
import json
import re
import shutil
from pathlib import Path

import feedparser
import lxml.etree as etree
import lxml.html
import pytest
import rnc2rng
import site_content

from conftest import ROOT, build_ok

SCHEMA = Path(__file__).parent / "schemas" / "atom.rnc"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEURL = "https://uls-sig.example.org"


@pytest.fixture(scope="session")
def atom_schema():
    # rnc2rng declares the empty "local" namespace as a prefix, which XML 1.0 forbids.
    rng = rnc2rng.dumps(rnc2rng.load(str(SCHEMA))).replace(' xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode()))


def feeds(site: Path, suffix: str):
    found = sorted(site.rglob(f"*{suffix}"))
    assert found, f"no {suffix} feeds in {site}"
    return found


@pytest.mark.content_pr
def test_every_kind_of_feed_is_written(published_site):
    for path in ["feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/all.json", "feeds/feeds.opml"]:
        assert (published_site / path).is_file(), path
    for topic in site_content.topics():
        assert (published_site / f"feeds/topic/{topic.path.stem}.atom.xml").is_file()
    for member in site_content.member_ids():
        assert (published_site / f"feeds/member/{member}.rss.xml").is_file()
    assert list((published_site / "feeds/tag").glob("*.atom.xml"))
    assert list((published_site / "feeds/category").glob("*.rss.xml"))


@pytest.mark.content_pr
def test_atom_feeds_are_valid_rfc4287(published_site, atom_schema):
    for path in feeds(published_site, ".atom.xml"):
        document = etree.parse(str(path))
        assert atom_schema.validate(document), f"{path.name}: {atom_schema.error_log}"
        # The Schematron rules of RFC 4287 that RELAX NG cannot express:
        for entry in document.getroot().iter(f"{ATOM}entry"):
            assert entry.find(f"{ATOM}author/{ATOM}name") is not None, path
            assert entry.find(f"{ATOM}link[@rel='alternate']") is not None, path


@pytest.mark.content_pr
def test_rss_feeds_have_what_readers_need(published_site):
    for path in feeds(published_site, ".rss.xml"):
        channel = etree.parse(str(path)).getroot().find("channel")
        for field in ("title", "link", "description"):
            assert channel.findtext(field), f"{path.name}: channel has no {field}"
        for item in channel.iter("item"):
            for field in ("title", "link", "guid", "pubDate"):
                assert item.findtext(field), f"{path.name}: item without {field}"
            assert item.find("guid").get("isPermaLink") == "false"
            assert email.utils.parsedate_to_datetime(item.findtext("pubDate")).tzinfo


@pytest.mark.content_pr
def test_feedparser_reads_every_feed_without_complaint(published_site):
    for path in feeds(published_site, ".xml"):
        if path.name == "sitemap.xml":
            continue
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, f"{path.name}: {parsed.get('bozo_exception')}"


@pytest.mark.content_pr
def test_feeds_carry_full_content_with_only_absolute_urls(published_site):
    for path in feeds(published_site, ".xml"):
        for entry in feedparser.parse(path.read_bytes()).entries:
            html = " ".join(c.value for c in entry.get("content", [])) or entry.get("summary", "")
            fragment = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
            for _, _attribute, link, _ in fragment.iterlinks():
                assert link.startswith(("https://", "http://", "mailto:")), (path.name, link)
    entries = feedparser.parse((published_site / "feeds/all.atom.xml").read_bytes()).entries
    longest = max(len(e.content[0].value) for e in entries)
    assert longest > 1500, "the site feed carries full posts, not only summaries"


@pytest.mark.content_pr
def test_atom_dates_are_rfc3339_and_updated_follows_modified(published_site):
    document = etree.parse(str(published_site / "feeds/all.atom.xml"))
    by_title = {e.findtext(f"{ATOM}title"): e for e in document.getroot().iter(f"{ATOM}entry")}
    for post in site_content.posts():
        entry = by_title[post.meta["title"]]
        published = entry.findtext(f"{ATOM}published")
        assert published.startswith(post.meta["date"][:10]) and published.endswith("+00:00")
        expected_updated = post.meta.get("modified", post.meta["date"])[:10]
        assert entry.findtext(f"{ATOM}updated").startswith(expected_updated)


@pytest.mark.content_pr
def test_json_feed_has_the_required_fields(published_site):
    feed = json.loads((published_site / "feeds/all.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"].startswith(SITEURL)
    assert len(feed["items"]) == len(site_content.posts())
    for item in feed["items"]:
        assert item["id"].startswith("tag:") and item["url"].startswith(SITEURL)
        assert item["content_html"] and item["date_published"]


@pytest.mark.content_pr
def test_feeds_page_and_opml_list_every_feed(published_site):
    written = {str(p.relative_to(published_site)) for p in feeds(published_site, ".atom.xml")}
    opml = etree.parse(str(published_site / "feeds/feeds.opml"))
    listed = {
        o.get("xmlUrl").removeprefix(SITEURL + "/") for o in opml.iter("outline") if o.get("xmlUrl")
    }
    assert listed == written
    page = lxml.html.parse(str(published_site / "feeds/index.html")).getroot()
    linked = {a.get("href").removeprefix(SITEURL + "/") for a in page.iter("a")}
    assert written <= linked


STYLESHEET = re.compile(r'<\?xml-stylesheet type="text/css" href="([^"?]+)\?v=[0-9a-f]{12}"\?>')


@pytest.mark.content_pr
def test_every_feed_links_css_the_site_publishes_and_no_xslt(published_site):
    """Opened in a browser, a feed is styled with CSS: XSLT is going away from browsers."""
    for path in feeds(published_site, ".xml"):
        if path.name != "sitemap.xml":
            text = path.read_text(encoding="utf-8")
            linked = STYLESHEET.findall(text[:500])
            assert linked == [f"{SITEURL}/theme/css/site.css", f"{SITEURL}/theme/feed.css"], path
            assert "text/xsl" not in text, path
    for url in linked:
        assert (published_site / url.removeprefix(SITEURL + "/")).is_file(), url
    assert not list(published_site.rglob("*.xsl"))


def entry_ids(site: Path):
    return {
        str(path.relative_to(site)): sorted(
            e.id for e in feedparser.parse(path.read_bytes()).entries
        )
        for path in feeds(site, ".xml")
        if path.name != "sitemap.xml"
    }


def test_entry_ids_survive_a_new_siteurl_and_a_renamed_post(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    post = content / "posts/2009/announcing-uls-sig.md"
    original = post.read_text(encoding="utf-8")
    post.write_text("Guid: announcing-uls-sig\n" + original, encoding="utf-8")
    before = tmp_path / "before"
    no_index = "SEARCH_INDEX=false"  # only the feeds are read: Pagefind would add its time only
    build_ok(ROOT / "publishconf.py", before, no_index, content=content, env={"SITEURL": SITEURL})

    # A renamed post keeps its feed ID with Guid: and its old address with Aliases:.
    renamed = "Guid: announcing-uls-sig\nSlug: uls-sig-is-born\n"
    renamed += "Aliases: /posts/2009/announcing-uls-sig/\n"
    post.write_text(renamed + original, "utf-8")
    after = tmp_path / "after"
    build_ok(
        ROOT / "publishconf.py",
        after,
        no_index,
        content=content,
        env={"SITEURL": "http://mirror.example.net/uls"},
    )

    assert (after / "posts/2009/uls-sig-is-born/index.html").is_file()
    assert entry_ids(after) == entry_ids(before)
