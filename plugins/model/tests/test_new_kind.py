"""A content kind the site does not have, declared once in a plugin of its own outside the
`plugins` package (new_kind/plugins/talks: sources, header schema, template, outputs): the
plugins that read the kinds registry take it in with no edit. Its pages get social cards, the
sitemap lists them, the feeds index and the OPML list its feed, and its sources get the content
checks and the output plan's address check, each problem one `path:line`."""

from pathlib import Path

import feedparser
import pytest
from refused_builds import refused_change

from conftest import build_ok, page

SITE_DATA = Path(__file__).parent / "new_kind"
SETTINGS = SITE_DATA / "pelicanconf.py"
SITE = "https://talks.example.org/"
TALKS = ("many-workers", "scaling-servers")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    output = tmp_path_factory.mktemp("new_kind") / "output"
    build_ok(SETTINGS, output, cwd=SITE_DATA)
    return output


def test_its_pages_get_cards_the_sitemap_and_a_feed_in_the_index(built):
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    for slug in TALKS:
        root = page(built, f"talks/{slug}")
        assert root.xpath("//h1/text()")[0].endswith("example talk")
        card = f"social/talks/{slug}.png"
        assert root.xpath("//meta[@property='og:image']/@content") == [SITE + card]
        assert (built / card).read_bytes().startswith(b"\x89PNG")
        assert f"<loc>{SITE}talks/{slug}/</loc>" in sitemap
    feed = feedparser.parse((built / "feeds/talks.atom.xml").read_bytes())
    assert [entry.link for entry in feed.entries] == [f"{SITE}talks/{slug}/" for slug in TALKS]
    assert feed.entries[0].id == "tag:uls-sig.python.org,2026-03-01:many-workers"
    index = page(built, "feeds")
    assert f"{SITE}feeds/talks.atom.xml" in index.xpath("//a/@href")
    assert f'xmlUrl="{SITE}feeds/talks.atom.xml"' in (built / "feeds/feeds.opml").read_text()


BAD = {
    "talks/unsigned.md": "Title: A talk without a speaker\nDate: 2026-04-01\nTemplate: article\n",
    "talks/again.md": "Title: Scaling servers, an example talk\nDate: 2026-05-01\nSpeaker: Ada\n",
}


def test_its_header_schema_is_checked_with_one_line_each(tmp_path, built):
    changes = {relative: header + "\nText.\n" for relative, header in BAD.items()}
    printed = refused_change(tmp_path, SITE_DATA, changes, built)
    expected = [
        "talks/unsigned.md:1: missing Speaker (add a `Speaker:` line)",
        "talks/unsigned.md:3: a talk cannot use Template 'article'",
        "talks/again.md has the same Title (Scaling servers, an example talk): the same talk twice",
    ]
    missing = [line for line in expected if line not in printed]
    assert not missing, printed


def test_two_talks_on_one_address_are_named_by_the_output_plan(tmp_path):
    text = (SITE_DATA / "content/talks/scaling-servers.md").read_text(encoding="utf-8")
    changes = {"talks/more/scaling-servers.md": text.replace("servers", "clients")}
    printed = refused_change(tmp_path, SITE_DATA, changes)
    claim = "talks/more/scaling-servers.md:1: /talks/scaling-servers/ is already the address "
    assert claim + "of the talk " in printed, printed
