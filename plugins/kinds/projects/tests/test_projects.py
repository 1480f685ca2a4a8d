"""The projects plugin on a tiny site (test_data: two illustrative projects, two topics): the
directory and its filter pages, a page per project, each topic's projects, the feed of new
projects, social cards; and the content checks a project's header gets, one `path:line` each."""

from pathlib import Path

import feedparser
import pytest
from refused_builds import refused_change

from conftest import build_ok, page, texts
from plugins.kinds.projects.fields import licence, state, web_address

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
SITE = "https://projects.example.org/"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    output = tmp_path_factory.mktemp("projects") / "output"
    build_ok(SETTINGS, output, cwd=TEST_DATA)
    return output


def card_titles(root):
    return texts(root, "//ul[contains(@class, 'project-list')]/li/a[@class='card-link']")


def test_the_directory_lists_every_project_with_links_to_its_filters(built):
    root = page(built, "projects")
    assert texts(root, "//h1") == ["Projects"]
    assert card_titles(root) == ["Example Engine", "Example Loom"]
    filters = root.xpath("//nav[contains(@class, 'project-filters')]//a")
    assert [(a.text_content().strip(), a.get("href")) for a in filters] == [
        ("All", f"{SITE}projects/"),
        ("Active", f"{SITE}projects/state/active/"),
        ("Historical", f"{SITE}projects/state/historical/"),
        ("Alpha systems", f"{SITE}projects/topic/alpha/"),
        ("Beta networks", f"{SITE}projects/topic/beta/"),
    ]
    assert root.xpath("//nav//a[@aria-current='page']/text()") == ["All"]


def test_each_filter_is_a_page_of_its_own(built):
    assert card_titles(page(built, "projects/state/historical")) == ["Example Loom"]
    assert card_titles(page(built, "projects/topic/alpha")) == ["Example Engine"]
    beta = page(built, "projects/topic/beta")
    assert card_titles(beta) == ["Example Engine", "Example Loom"]
    assert texts(beta, "//h1") == ["Projects: Beta networks"]
    assert not (built / "projects/state/maintained").exists(), "a state without projects"


def test_a_project_page_shows_its_facts_and_its_text(built):
    root = page(built, "projects/engine")
    assert texts(root, "//h1") == ["Example Engine"]
    facts = dict(zip(texts(root, "//dl/dt"), texts(root, "//dl/dd"), strict=True))
    assert facts["Licence"] == "MIT"
    assert facts["State"].startswith("Active")
    assert facts["Homepage"] == "https://engine.example.org/"
    assert facts["In the directory since"] == "2 November 2026"
    assert root.xpath("//dl//a[text()='Alpha systems']/@href") == [f"{SITE}topics/alpha/"]
    body = root.xpath("//div[@class='project-body']")[0]
    assert body.xpath(".//a/@href") == [f"{SITE}posts/2024/one/"]  # {filename} resolved
    og = root.xpath("//meta[@property='og:image']/@content")
    assert og == [f"{SITE}social/projects/engine.png"]
    assert (built / "social/projects/engine.png").read_bytes().startswith(b"\x89PNG")


def test_the_feed_of_new_projects_lists_them_newest_first_with_ids_of_their_own(built):
    feed = feedparser.parse((built / "feeds/projects.atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == ["Example Engine", "Example Loom"]
    assert [entry.id for entry in feed.entries] == [
        "tag:uls-sig.python.org,2026-11-02:projects/engine",
        "tag:uls-sig.python.org,2026-10-01:projects/loom",
    ]
    assert feed.entries[0].link == f"{SITE}projects/engine/"
    listed = page(built, "feeds").xpath("//a[contains(@href, 'feeds/projects')]/@href")
    assert f"{SITE}feeds/projects.atom.xml" in listed


def test_the_field_checks():
    assert web_address("https://example.org/x") is None
    for wrong in ("javascript:alert(1)", "example.org", "https://x", "https://a.org/<b>"):
        assert web_address(wrong), wrong
    assert web_address("ftp://a.org/")
    for right in ("MIT", "MIT AND PSF-2.0", "(MIT OR Apache-2.0) AND PSF-2.0", "GPL-2.0 WITH x"):
        assert licence(right) is None, right
    for wrong in ("the usual one", "MIT <b>", "(MIT", "MIT)", "MIT AND", "AND MIT", "", "()"):
        assert licence(wrong), wrong
    assert state("historical") is None and state("Active") and state("dead")


BAD = {
    "projects/bad.md": """Title: Bad example
Summary: Every field wrong.
Date: 2026-11-03
Homepage: javascript:alert(1)
Repository: https://code.example.org/bad
Licence: the usual one
State: alive
Topics: alpha, gamma

Text.
""",
    "projects/twice.md": """Title: Example engine
Summary: The engine again, under another file name.
Date: 2026-11-04
Homepage: https://engine.example.org
Repository: https://code.example.org/twice
Licence: MIT
State: active
Topics: alpha

Text.
""",
    "projects/short.md": """Title: Short example
Summary: Without a repository.
Date: 2026-11-05
Homepage: https://short.example.org/
Licence: MIT
State: maintained
Topics: beta

Text.
""",
}


def test_bad_projects_stop_the_build_with_one_line_each(tmp_path, built):
    printed = refused_change(tmp_path, TEST_DATA, BAD, built)
    expected = [
        "projects/bad.md:4: 'javascript:alert(1)' is not a web address",
        "projects/bad.md:6: Licence 'the usual one' is not an SPDX licence expression",
        "projects/bad.md:7: State 'alive' is not one of the states",
        "projects/bad.md:8: unknown topic 'gamma' in Topics",
        "projects/twice.md:1: ",
        "projects/engine.md has the same Title (Example engine): the same project twice",
        "projects/twice.md:4: ",
        "projects/engine.md has the same Homepage (https://engine.example.org)",
        "projects/short.md:1: missing Repository (add a `Repository:` line)",
    ]
    missing = [line for line in expected if line not in printed]
    assert not missing, printed


def test_two_projects_on_one_address_are_named_by_the_output_plan(tmp_path):
    """A second engine.md in a subfolder: another project, the same address. The output plan
    names both files (the project kind's owner, plugins/model/kinds.py), never a traceback."""
    text = (TEST_DATA / "content/projects/engine.md").read_text(encoding="utf-8")
    text = text.replace("Example Engine", "Another Engine").replace("engine.example", "other")
    changes = {"projects/more/engine.md": text.replace("/engine", "/other")}
    printed = refused_change(tmp_path, TEST_DATA, changes)
    assert "/projects/engine/ is already the address of the project " in printed, printed
    assert "the project " in printed and "projects/more/engine.md:1" in printed, printed
