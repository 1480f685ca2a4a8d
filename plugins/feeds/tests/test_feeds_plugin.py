"""The feeds plugin on a tiny site: absolute URLs, stable IDs, stylesheet, JSON Feed, OPML."""

import json
import shutil
from pathlib import Path

import feedparser
import lxml.html

from conftest import build_ok

TEST_DATA = Path(__file__).parent / "test_data"
SITE = "https://feeds.example.org/site/"


def build(tmp_path, *extra):
    output = tmp_path / "output"
    build_ok(TEST_DATA / "pelicanconf.py", output, *extra, cwd=TEST_DATA)
    return output


def links_in(html):
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    return [(attribute, link) for _, attribute, link, _ in fragment.iterlinks()]


def test_every_url_in_feed_content_is_absolute(tmp_path):
    output = build(tmp_path)
    for name in ("all.atom.xml", "all.rss.xml"):
        feed = feedparser.parse((output / "feeds" / name).read_bytes())
        entry = next(e for e in feed.entries if e.title == "A post full of relative links")
        html = entry.content[0].value if "content" in entry else entry.summary
        found = [link for _, link in links_in(html)]
        assert f"{SITE}posts/2024/second-post/" in found
        assert "https://feeds.example.org/about/" in found
        assert f"{SITE}posts/2024/elsewhere/" in found
        assert f"{SITE}posts/2024/relative-links/#part-two" in found
        assert "https://www.python.org/" in found
        assert all(link.startswith("https://") for link in found), found
    # feedparser drops srcset when it sanitizes, so read it from the raw feed.
    raw = (output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    srcset = "https://feeds.example.org/images/diagram.png 1x, "
    srcset += f"{SITE}posts/2024/images/diagram-2x.png 2x"
    assert f'srcset="{srcset}"' in raw.replace("&quot;", '"')


def test_entry_ids_are_tag_uris_independent_of_the_url(tmp_path):
    output = build(tmp_path)
    atom = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    ids = {e.title: e.id for e in atom.entries}
    assert (
        ids["A post full of relative links"] == "tag:uls-sig.python.org,2024-03-01:relative-links"
    )
    rss = feedparser.parse((output / "feeds/all.rss.xml").read_bytes())
    assert {e.title: e.id for e in rss.entries} == ids
    assert all(e.guidislink is False for e in rss.entries)


def test_a_guid_keeps_the_id_when_the_slug_changes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    post = content / "posts/second-post.md"
    post.write_text("Guid: second-post\nSlug: renamed\n" + post.read_text(), encoding="utf-8")
    output = tmp_path / "output"
    build_ok(TEST_DATA / "pelicanconf.py", output, content=content, cwd=TEST_DATA)
    atom = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    renamed = next(e for e in atom.entries if e.title == "The second post")
    assert renamed.link == f"{SITE}posts/2024/renamed/"
    assert renamed.id == "tag:uls-sig.python.org,2024-04-01:second-post"


def test_updated_follows_modified(tmp_path):
    output = build(tmp_path)
    atom = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    entry = next(e for e in atom.entries if e.title == "A post full of relative links")
    assert entry.published == "2024-03-01T09:30:00+00:00"
    assert entry.updated == "2024-03-05T18:00:00+00:00"


def test_stylesheet_json_feed_and_opml(tmp_path):
    output = build(tmp_path)
    head = (output / "feeds/all.atom.xml").read_text(encoding="utf-8").splitlines()[:2]
    assert head[1] == f'<?xml-stylesheet type="text/xsl" href="{SITE}theme/feed.xsl"?>'
    feed = json.loads((output / "feeds/all.json").read_text(encoding="utf-8"))
    assert [item["title"] for item in feed["items"]] == [
        "The second post",
        "A post full of relative links",
    ]
    assert feed["items"][1]["date_modified"] == "2024-03-05T18:00:00+00:00"
    opml = (output / "feeds/feeds.opml").read_text(encoding="utf-8")
    assert f'xmlUrl="{SITE}feeds/all.atom.xml"' in opml
    assert f'xmlUrl="{SITE}feeds/tag/links.atom.xml"' in opml
