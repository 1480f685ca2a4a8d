"""The members plugin on a tiny site: member pages, the members page, feeds, bylines, errors."""

import shutil
import tomllib
from pathlib import Path

import feedparser
import pytest

from conftest import build_ok, page, post_titles, run_pelican, texts
from plugins.kinds.members.fields import control_character_problems, table_lines

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
SITE = "https://members.example.org/"
POSTS_BY = {
    "zed": ["Post four", "Post two", "Post one"],
    "amy": [],
    "cora": ["Post four", "Post two"],
    "editors": ["Post three"],
    "quiet": [],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    output = tmp_path_factory.mktemp("members") / "output"
    build_ok(SETTINGS, output, cwd=TEST_DATA)
    return output


def test_a_member_page_has_role_bio_links_and_posts(built):
    root = page(built, "members/zed")
    assert texts(root, "//h1") == ["Zed Founder"]
    meta = texts(root, "//header[@class='member-header']/p[@class='meta']")[0]
    assert meta.startswith("Founder · Example & Co · joined 17 April 2009")
    assert root.xpath("//header//time/@datetime") == ["2009-04-17"]
    assert root.xpath("//div[@class='member-bio']//em/text()") == ["first"]
    links = root.xpath("//ul[contains(@class, 'member-links')]/li/a")
    assert [(a.text, a.get("href"), a.get("rel")) for a in links] == [
        ("Website", "https://zed.example.org/", "me noopener"),
        ("GitHub profile", "https://github.com/zed-gh", "me noopener"),
        ("Mastodon profile", "https://social.example/@zed", "me noopener"),
    ]
    assert texts(root, "//main//h2") == ["Posts by Zed Founder"]
    assert post_titles(root) == POSTS_BY["zed"]


def test_every_member_has_a_page_and_feeds_with_exactly_their_posts(built):
    for member_id, titles in POSTS_BY.items():
        assert post_titles(page(built, f"members/{member_id}")) == titles
        for kind in ("atom", "rss"):
            feed = feedparser.parse((built / f"feeds/member/{member_id}.{kind}.xml").read_bytes())
            assert not feed.bozo, (member_id, kind, feed.bozo_exception)
            assert [entry.title for entry in feed.entries] == titles


def test_the_member_page_links_its_feeds(built):
    root = page(built, "members/cora")
    atom = f"{SITE}feeds/member/cora.atom.xml"
    rss = f"{SITE}feeds/member/cora.rss.xml"
    assert atom in root.xpath("//head/link[@type='application/atom+xml']/@href")
    assert rss in root.xpath("//head/link[@type='application/rss+xml']/@href")
    assert root.xpath("//p[@class='hub-feeds']/a/@href") == [atom, rss]


def test_links_in_a_bio_resolve_like_in_content(built):
    root = page(built, "members/cora")
    assert root.xpath("//div[@class='member-bio']//a/@href") == [f"{SITE}members/"]


def test_the_members_page_groups_members_by_role(built):
    root = page(built, "members")
    assert texts(root, "//h1") == ["Members"]
    assert "The people behind the posts." in root.xpath("string(//main)")
    groups = root.xpath("//section[@class='member-group']")
    assert [group.xpath("string(h2)") for group in groups] == [
        "Founders",
        "Coordinators",
        "Editors",
        "Members",
    ]
    founders = groups[0].xpath(".//li/a")
    assert [(a.text, a.get("href")) for a in founders] == [
        ("Amy Founder", f"{SITE}members/amy/"),
        ("Zed Founder", f"{SITE}members/zed/"),
    ]
    zed = groups[0].xpath(".//li")[1].text_content()
    assert "Founder" in zed
    assert "Zed started the group." in zed
    assert "Then he wrote" not in zed  # the first sentence of the bio only


def test_bylines_list_the_members_in_the_order_of_authors(built):
    def byline(slug):
        return texts(page(built, f"posts/2024/{slug}"), "//a[@rel='author']")

    assert byline("two") == ["Zed Founder", "Cora Coordinator"]
    assert byline("four") == ["Cora Coordinator", "Zed Founder"]


def test_a_member_with_many_posts_is_paginated(tmp_path):
    output = tmp_path / "output"
    build_ok(SETTINGS, output, "DEFAULT_PAGINATION=2", cwd=TEST_DATA)
    assert post_titles(page(output, "members/zed")) == ["Post four", "Post two"]
    assert post_titles(page(output, "members/zed/page/2")) == ["Post one"]
    assert not (output / "members/cora/page/2").exists()


def copy_content(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    return content


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def failed_build(tmp_path, content):
    result = run_pelican(SETTINGS, tmp_path / "output", content=content, cwd=TEST_DATA)
    assert result.returncode != 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_without_members_md_the_plugin_writes_the_members_page(tmp_path):
    content = copy_content(tmp_path)
    (content / "pages/members.md").unlink()
    output = tmp_path / "output"
    build_ok(SETTINGS, output, content=content, cwd=TEST_DATA)
    root = page(output, "members")
    assert texts(root, "//h1") == ["Members"]
    assert texts(root, "//section[@class='member-group']/h2")[0] == "Founders"


def test_an_unknown_author_stops_the_build_naming_the_closest_id(tmp_path):
    content = copy_content(tmp_path)
    post = content / "posts/2024/three.md"
    edit(post, "Authors: editors", "Authors: editor")
    output = failed_build(tmp_path, content)
    expected = f"{post}:3: unknown author 'editor' in Authors (closest known ids: editors)"
    assert expected in output


def test_a_malformed_members_file_stops_the_build_with_its_line(tmp_path):
    content = copy_content(tmp_path)
    edit(content / "members.toml", 'name = "Amy Founder"', 'name = "Amy Founder')
    output = failed_build(tmp_path, content)
    assert f"{content / 'members.toml'}:14: invalid TOML" in output


def test_an_unknown_role_stops_the_build_at_the_table(tmp_path):
    content = copy_content(tmp_path)
    edit(content / "members.toml", 'role = "coordinator"', 'role = "coordinater"')
    output = failed_build(tmp_path, content)
    expected = f"{content / 'members.toml'}:23: member 'cora' has unknown role 'coordinater'"
    assert expected in output


def test_a_member_without_name_stops_the_build_at_the_table(tmp_path):
    content = copy_content(tmp_path)
    edit(content / "members.toml", 'name = "Quiet Member"\n', "")
    output = failed_build(tmp_path, content)
    assert f"{content / 'members.toml'}:29: member 'quiet' has no name" in output


MEMBERS_WITH_CONTROLS = """# Escapes TOML allows in strings, and references Markdown passes through.
[zed]
name = "Zed\\u000cFounder"
role = "founder"
bio = \"\"\"First line.
A bell &#7; rings.\"\"\"
links = [{ label = "x\\by" }]

["a\\u0085b"]
name = "Tab\\tis fine"
role = "member"
"odd\\u001bkey" = "ok"
"""


def test_control_characters_anywhere_in_members_toml_are_found_with_their_line():
    data = tomllib.loads(MEMBERS_WITH_CONTROLS)
    fix = "(remove it; it is invisible to readers and feeds cannot carry it)"
    assert control_character_problems(data, MEMBERS_WITH_CONTROLS, "m.toml") == [
        f"m.toml:3: name of member 'zed' contains the control character U+000C (form feed) {fix}",
        "m.toml:5: bio of member 'zed' contains &#7;, a reference to the control character "
        "U+0007 (bell) (remove it; to show the text &#7; write it as &amp;#7;)",
        f"m.toml:7: links[0].label of member 'zed' contains the control character U+0008 "
        f"(backspace) {fix}",
        f"m.toml:9: ['odd\\x1bkey'] of member 'a\\x85b' contains the control character U+001B "
        f"(escape) {fix}",
        f"m.toml:9: the member id 'a\\x85b' contains the control character U+0085 (a C1 control) "
        f"{fix}",
    ]
    assert table_lines("[a]\nx = 'U+0085 \x85 is no line break in TOML'\n[b]\n")["b"] == 3


def test_a_control_character_in_members_toml_stops_the_build_at_its_line(tmp_path):
    content = copy_content(tmp_path)
    members = content / "members.toml"
    edit(members, 'name = "Amy Founder"', 'name = "Amy\\u000cFounder"')
    edit(members, "Cora keeps things moving.", "Cora keeps &#x1B; things moving.")
    output = failed_build(tmp_path, content)
    assert "Traceback" not in output
    assert f"{members}:14: name of member 'amy' contains the control character U+000C" in output
    assert (
        f"{members}:26: bio of member 'cora' contains &#x1B;, a reference to the control "
        "character U+001B (escape)"
    ) in output
