"""The feeds plugin on a tiny site: absolute URLs, stable IDs, stylesheet, JSON Feed, OPML."""

import hashlib
import json
import re
import shutil
from pathlib import Path

import feedparser
import lxml.html

from conftest import build_ok, run_pelican
from plugins.outputs.feeds.feed_urls import without_controls

TEST_DATA = Path(__file__).parent / "test_data"
THEME_STATIC = Path(__file__).resolve().parents[4] / "theme" / "static"
SITE = "https://feeds.example.org/site/"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
TRANSLATION = """Title: Le deuxième article
Slug: renamed
Lang: fr
Date: 2024-04-01 12:00
Authors: someone

Rien de relatif ici.
"""
CONTROLS = """Title: Bell\x07 and form\x0cfeed&#12;
Date: 2024-02-01
Authors: some\x1bone
Tags: bell\x7f
Summary: A summary &#x7; with a bell.

The body\x08 &#12; with controls\u0085.
"""


def build(tmp_path, *extra):
    output = tmp_path / "output"
    build_ok(TEST_DATA / "pelicanconf.py", output, *extra, cwd=TEST_DATA)
    return output


def hash_of(static_file):
    return hashlib.sha256((THEME_STATIC / static_file).read_bytes()).hexdigest()[:12]


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
    # The site lives under /site/: each feed says where it is once (not /site/site/), and its
    # own ID is its path within the site, the same wherever the site is served from.
    for feed, name in ((atom, "all.atom.xml"), (rss, "all.rss.xml")):
        self_links = [link.href for link in feed.feed.links if link.rel == "self"]
        assert self_links == [f"{SITE}feeds/{name}"]
    assert atom.feed.id == "tag:uls-sig.python.org,2009-04-17:feeds/all.atom.xml"


def test_a_guid_keeps_the_id_when_the_slug_changes(tmp_path):
    """Also: a translation (same slug, same date) has an ID of its own, and no feed carries a
    control character even when no content_guard stopped it (this site has only feeds)."""
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    post = content / "posts/second-post.md"
    post.write_text("Guid: second-post\nSlug: renamed\n" + post.read_text(), encoding="utf-8")
    (content / "posts/renamed-fr.md").write_text(TRANSLATION, encoding="utf-8")
    (content / "posts/controls.md").write_text(CONTROLS, encoding="utf-8")
    output = tmp_path / "output"
    build_ok(TEST_DATA / "pelicanconf.py", output, content=content, cwd=TEST_DATA)
    atom = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    renamed = next(e for e in atom.entries if e.title == "The second post")
    assert renamed.link == f"{SITE}posts/2024/renamed/"
    assert renamed.id == "tag:uls-sig.python.org,2024-04-01:second-post"
    translated = next(e for e in atom.entries if e.title == "Le deuxième article")
    assert translated.id == "tag:uls-sig.python.org,2024-04-01:renamed/fr"
    for name in ("all.atom.xml", "all.rss.xml", "all.json", "feeds.opml", "tag/bell.atom.xml"):
        text = (output / "feeds" / name).read_text(encoding="utf-8")
        assert not CONTROL.search(text), name
        assert "&#12;" not in text and "&#x7;" not in text, name
    assert not feedparser.parse((output / "feeds/all.rss.xml").read_bytes()).bozo
    titles = [
        item["title"] for item in json.loads((output / "feeds/all.json").read_text())["items"]
    ]
    assert "Bell and formfeed" in titles


def test_a_post_cannot_take_the_feed_id_of_another(tmp_path):
    """A published or hidden post that copies another's Guid and Date stops the build, naming
    its Guid: line; a draft does not count; the output is not written."""
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    thief = "Title: {title}\nGuid: {guid}\nDate: {date}\nStatus: {status}\n\nText.\n"
    posts = {
        "thief.md": ("A thief", "second-post", "2024-04-01 08:00", "published"),
        "hidden-thief.md": ("Hidden", "relative-links", "2024-03-01", "hidden"),
        "draft-thief.md": ("A draft", "second-post", "2024-04-01", "draft"),
        "other-day.md": ("Another day", "second-post", "2024-04-02", "published"),
    }
    for name, (title, guid, date, status) in posts.items():
        text = thief.format(title=title, guid=guid, date=date, status=status)
        (content / "posts" / name).write_text(text, encoding="utf-8")
    output = tmp_path / "output"
    plugins = 'PLUGINS=["plugins.model.error_report", "plugins.outputs.feeds"]'
    result = run_pelican(TEST_DATA / "pelicanconf.py", output, plugins, content=content)
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    assert "Traceback" not in printed, printed
    fix = "(remove the Guid: line; Guid is only for keeping the ID of a renamed post)"
    found = [line for line in printed.splitlines() if "its feed ID" in line]
    assert found == [
        f"{content}/posts/hidden-thief.md:2: its feed ID tag:uls-sig.python.org,2024-03-01:"
        f"relative-links is already the ID of {content}/posts/relative-links.md {fix}",
        f"{content}/posts/thief.md:2: its feed ID tag:uls-sig.python.org,2024-04-01:"
        f"second-post is already the ID of {content}/posts/second-post.md {fix}",
    ]
    assert not output.exists()


def test_updated_follows_modified(tmp_path):
    output = build(tmp_path)
    atom = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    entry = next(e for e in atom.entries if e.title == "A post full of relative links")
    assert entry.published == "2024-03-01T09:30:00+00:00"
    assert entry.updated == "2024-03-05T18:00:00+00:00"


def test_stylesheets_json_feed_and_opml(tmp_path):
    """Every feed links the site's CSS and feed.css, by their hashed URLs, and no XSLT."""
    output = build(tmp_path)
    for name in ("all.atom.xml", "all.rss.xml", "tag/links.rss.xml", "category/essays.atom.xml"):
        text = (output / "feeds" / name).read_text(encoding="utf-8")
        assert text.splitlines()[1:3] == [
            f'<?xml-stylesheet type="text/css" href="{SITE}theme/{css}?v={hash_of(css)}"?>'
            for css in ("css/site.css", "feed.css")
        ], name
        assert "text/xsl" not in text, name
    for css in ("css/site.css", "feed.css"):
        assert (output / "theme" / css).read_bytes() == (THEME_STATIC / css).read_bytes()
    feed = json.loads((output / "feeds/all.json").read_text(encoding="utf-8"))
    assert [item["title"] for item in feed["items"]] == [
        "The second post",
        "A post full of relative links",
    ]
    assert feed["items"][1]["date_modified"] == "2024-03-05T18:00:00+00:00"
    opml = (output / "feeds/feeds.opml").read_text(encoding="utf-8")
    assert f'xmlUrl="{SITE}feeds/all.atom.xml"' in opml
    assert f'xmlUrl="{SITE}feeds/tag/links.atom.xml"' in opml


def test_without_controls_keeps_text_and_drops_control_characters_and_their_references():
    item = {
        "title": "Bell\x07, tab\t, line\nfeed, CR\r, C1\x85, \ufffe, &#8217; &#133; &#9; &#13;",
        "content": "<p>&#12; &#x0C; &#0012; &#x1b &#127; &#65535; &amp;#12;</p>",
        "categories": ("ok", "nul\x00"),
        "pubdate": None,
    }
    assert without_controls(item) == {
        "title": "Bell, tab\t, line\nfeed, CR\r, C1, , &#8217; &#133; &#9; &#13;",
        "content": "<p>      &amp;#12;</p>",
        "categories": ("ok", "nul"),
        "pubdate": None,
    }
