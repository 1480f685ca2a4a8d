"""Hostile text in a post, a topic and a member, on a copy of the golden site: every field of
every feed (Atom, RSS, JSON Feed, OPML, the /feeds/ page) is escaped for its own reader.

Read as a reader would: feedparser for the parsed fields and, since feedparser sanitizes, the
raw XML too (an RSS title, description, author or category is rendered as HTML: its
XML-decoded text holds no `<` from the content; Atom's text fields may)."""

import json
import shutil
import xml.etree.ElementTree as ET

import feedparser
import lxml.html
import pytest

from conftest import ROOT, build_ok, run_pelican

GOLDEN = ROOT / "tests" / "golden"
SETTINGS = GOLDEN / "pelicanconf.py"
# Markup written as references, twice-escaped references, a CDATA end and an XML end tag.
HOSTILE = "&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt; ]]> </title> Q&amp;A"
SHOWN = "<script>alert(1)</script> &lt;b&gt; ]]> Q&A"  # the decoded text a reader shows
POST = f"""Title: Post {HOSTILE} x
Date: 2025-03-05 10:00
Authors: eve-example
Topics: hostile
Tags: tag ]]> </title> <b>x</b>, &ltimg src=x onerror=alert(1)&gt
Category: Essays
Summary: Sum {HOSTILE} [go](javascript:alert(1)) <img src=x onerror=alert(1)> x

Body {HOSTILE} [go](javascript:alert(1)).
"""
TOPIC = f"Title: Topic {HOSTILE} x\nSummary: About {HOSTILE} x\nOrder: 3\n\nAbout.\n"
MEMBER = f'\n[eve-example]\nname = "Eve {HOSTILE} x"\nrole = "member"\nbio = "Bio {HOSTILE} x"\n'
TITLES = {
    "post": f"Post {SHOWN} x",
    "topic": f"Topic {SHOWN} x",
    "member": f"Eve {SHOWN} x",
}
FEEDS = ("all", "topic/hostile", "member/eve-example", "category/essays")
DC = "{http://purl.org/dc/elements/1.1/}"


def site_with(tmp_path, files, members=""):
    content = tmp_path / "content"
    shutil.copytree(GOLDEN / "content", content)
    for relative, text in files.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")
    with open(content / "members.toml", "a", encoding="utf-8") as members_file:
        members_file.write(members)
    return content


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-feeds")
    files = {"posts/2025/hostile.md": POST, "topics/hostile.md": TOPIC}
    content = site_with(folder, files, MEMBER)
    build_ok(SETTINGS, folder / "output", content=content, cwd=folder)
    return folder / "output"


def assert_inert_html(html):
    """Sanitized HTML: no script, no event handler, no javascript: link."""
    root = lxml.html.fragment_fromstring(html or "", create_parent="div")
    assert not root.xpath("//script|//iframe|//object|//embed"), html
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), html
            assert not value.strip().lower().startswith("javascript:"), html


def assert_html_text(raw, expected=None):
    """An RSS field read as HTML: no markup at all, and it reads as `expected`."""
    assert "<" not in raw, raw
    if expected is not None:
        assert lxml.html.fragment_fromstring(raw, create_parent="div").text_content() == expected


def hostile_items(channel):
    return [item for item in channel.iter("item") if "/hostile/" in item.findtext("link")]


@pytest.mark.parametrize("name", FEEDS)
def test_rss_text_fields_are_html_escaped_text(output, name):
    channel = ET.parse(output / f"feeds/{name}.rss.xml").getroot().find("channel")
    assert_html_text(channel.findtext("title"))
    assert_html_text(channel.findtext("description"))
    if name == "topic/hostile":
        assert_html_text(channel.findtext("title"), f"ULS-SIG - {TITLES['topic']}")
    (item,) = hostile_items(channel)
    assert_html_text(item.findtext("title"), TITLES["post"])
    assert_html_text(item.findtext(f"{DC}creator"), TITLES["member"])
    for category in item.iter("category"):
        assert_html_text(category.text)
    assert_inert_html(item.findtext("description"))


@pytest.mark.parametrize("name", FEEDS)
def test_atom_text_fields_are_text_and_html_fields_sanitized(output, name):
    feed = ET.parse(output / f"feeds/{name}.atom.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    for title in feed.iter(f"{atom}title"):
        assert title.get("type", "text") == "text"
    (entry,) = [e for e in feed.iter(f"{atom}entry") if "hostile" in e.findtext(f"{atom}id")]
    assert entry.findtext(f"{atom}title") == TITLES["post"]
    assert entry.findtext(f"{atom}author/{atom}name") == TITLES["member"]
    for field in ("summary", "content"):
        element = entry.find(f"{atom}{field}")
        if element is not None:
            assert element.get("type") == "html"
            assert_inert_html(element.text)
    # Terms are text: the tags written as markup are dropped, those written as references read
    # as the characters.
    terms = {category.get("term") for category in entry.iter(f"{atom}category")}
    assert terms == {"Essays", "tag ]]> x", "<img src=x onerror=alert(1)>"}


def as_shown(kind, value):
    """What a reader shows of a text field feedparser parsed: Atom's as it is, RSS's (which
    feedparser hands over undecoded) as the text it renders as HTML, with no element in it."""
    if kind == "atom":
        return value
    fragment = lxml.html.fragment_fromstring(value, create_parent="div")
    assert len(fragment) == 0, value
    return fragment.text_content()


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_feedparser_reads_the_text_a_contributor_wrote(output, kind):
    for name in FEEDS:
        parsed = feedparser.parse((output / f"feeds/{name}.{kind}.xml").read_bytes())
        assert not parsed.bozo, parsed.bozo_exception
        (entry,) = [e for e in parsed.entries if "/hostile/" in e.link]
        assert as_shown(kind, entry.title) == TITLES["post"]
        assert as_shown(kind, entry.author) == TITLES["member"]
        for value in [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]:
            assert_inert_html(value)
        if name == "topic/hostile":
            assert as_shown(kind, parsed.feed.title) == f"ULS-SIG - {TITLES['topic']}"


def test_json_feed_text_is_plain_and_html_sanitized(output):
    document = json.loads((output / "feeds/all.json").read_text(encoding="utf-8"))
    (item,) = [item for item in document["items"] if "/hostile/" in item["url"]]
    assert item["title"] == TITLES["post"]
    assert [author["name"] for author in item["authors"]] == [TITLES["member"]]
    assert "tag ]]> x" in item["tags"]
    assert all("</" not in tag and "<b>" not in tag for tag in item["tags"])
    # Text: the references read as characters, the raw <img> was sanitized away.
    assert item["summary"].startswith("Sum <script>alert(1)</script> &lt;b&gt; ]]>")
    assert "<img" not in item["summary"]
    assert_inert_html(item["content_html"])


def test_opml_and_feeds_page_carry_the_text_escaped(output):
    outlines = ET.parse(output / "feeds/feeds.opml").getroot().iter("outline")
    texts = {outline.get("text") for outline in outlines}
    assert {TITLES["topic"], TITLES["member"]} <= texts
    page = lxml.html.parse(output / "feeds/index.html").getroot()
    assert not page.xpath("//main//script|//b")
    names = {link.text_content() for link in page.xpath("//span[@class='feed-name']/a")}
    assert {TITLES["topic"], TITLES["member"]} <= names


def test_a_category_with_markup_is_refused_at_its_line(tmp_path):
    post = POST.replace("Category: Essays", "Category: Essays &lt;b&gt;")
    content = site_with(tmp_path, {"posts/2025/hostile.md": post}, MEMBER)
    output = tmp_path / "output"
    result = run_pelican(SETTINGS, output, content=content, cwd=tmp_path)
    printed = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in printed
    assert "content/posts/2025/hostile.md:6: " in printed, printed
    assert not (output / "feeds").exists()
