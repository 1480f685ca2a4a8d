"""Content ids and theme ids live in separate namespaces; renaming is linear (in-process)."""

from pathlib import Path

import lxml.html
import pytest

from plugins.guard.sanitize.sanitize import sanitize_html
from plugins.guard.sanitize.theme_ids import (
    RENAMED_PREFIX,
    TEMPLATE_ID,
    ThemeIds,
    fresh_ids,
    rename_theme_ids,
    theme_ids,
)

THEME = Path(__file__).resolve().parents[4] / "theme"
NAMESPACE = theme_ids(str(THEME))


def ids_and_links(html):
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    return ids, [link.get("href") for link in root.iter("a")]


def test_the_namespace_holds_every_literal_and_built_id_of_the_templates_and_scripts():
    assert {"content", "search-term", "related-title", "search-more"} <= NAMESPACE.literal
    assert {"members-", "archive-", "feeds-", "search-filter-", "from-"} <= set(NAMESPACE.prefixes)
    assert not any("{" in name or "$" in name for name in NAMESPACE.literal)


def test_every_id_a_template_writes_is_in_the_namespace_or_a_content_value():
    """A new template id is covered by construction: rendered with any value, it is claimed."""
    for template in sorted((THEME / "templates").rglob("*.html")):
        for _, value in TEMPLATE_ID.findall(template.read_text(encoding="utf-8")):
            if value.startswith("{{") and value.endswith("}}"):
                continue  # a content id written as it is: the list's message anchors
            rendered = value.split("{")[0] + "2009" if "{" in value else value
            assert rendered in NAMESPACE, (template.name, value)


def test_list_message_anchors_and_renamed_ids_are_outside_the_namespace():
    assert "m-0123456789ab" not in NAMESPACE
    assert RENAMED_PREFIX + "members-1" not in NAMESPACE


@pytest.mark.parametrize(
    "theme_id",
    ["content", "search-term", "members-1", "members-2", "archive-2009", "archive-2009-03",
     "feeds-topics", "search-filter-topic", "search-more", "from-m-0123456789ab",
     "related-title", "event-details-title"],
)  # fmt: skip
def test_every_way_content_makes_an_id_is_renamed_out_of_the_namespace(theme_id):
    variants = [
        f'<h2 id="{theme_id}">Heading</h2><p><a href="#{theme_id}">up</a></p>',  # toc, [TOC]
        f'<p id="{theme_id}">attr_list</p><p><a href="#{theme_id}">to it</a></p>',
        f'<div><span id="{theme_id}">raw</span></div><p><a href="#{theme_id}">to it</a></p>',
        f'<table><tr><th id="{theme_id}">h</th><td headers="x {theme_id}">c</td></tr></table>'
        f'<p><a href="#{theme_id}">to it</a></p>',
    ]
    for html in variants:
        clean, _ = sanitize_html(html, NAMESPACE)
        ids, links = ids_and_links(clean)
        assert ids == [RENAMED_PREFIX + theme_id], (html, clean)
        assert "#" + RENAMED_PREFIX + theme_id in links
        assert f'headers="x {theme_id}"' not in clean


def test_a_renamed_id_is_numbered_past_ids_the_body_already_has():
    html = (
        '<h2 id="content">A</h2><p id="content-content">taken</p><h2 id="content">B</h2>'
        '<p id="search-term">x</p><p><a href="#content">up</a> <a href="#other">other</a></p>'
    )
    renamed = rename_theme_ids(html, ThemeIds({"content", "search-term"}))
    assert renamed == (
        '<h2 id="content-content-1">A</h2><p id="content-content">taken</p>'
        '<h2 id="content-content-2">B</h2><p id="content-search-term">x</p>'
        '<p><a href="#content-content-1">up</a> <a href="#other">other</a></p>'
    )


def test_other_ids_are_left_as_written():
    html = '<h2 id="what-the-area-is">What</h2><sup id="fnref:1">1</sup><p id="archive">a</p>'
    assert rename_theme_ids(html, NAMESPACE) == html


def test_a_template_id_that_starts_with_a_value_is_refused(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "x.html").write_text('<h2 id="{{ x }}-title">', encoding="utf-8")
    with pytest.raises(ValueError, match="give it a fixed start"):
        theme_ids(str(tmp_path))


class CountingSet(set):
    """A set that counts membership tests: the work of fresh_ids."""

    probes = 0

    def __contains__(self, value):
        CountingSet.probes += 1
        return super().__contains__(value)


@pytest.mark.parametrize("clashing", [1_000, 20_000])
def test_renaming_is_linear_in_the_ids(clashing):
    """The worst case of numbering: every clashing id the same, and the numbers it would take
    already taken. Quadratic numbering would probe ~clashing² / 2 times."""
    taken = CountingSet(f"{RENAMED_PREFIX}search-{n}" for n in range(1, clashing))
    taken.add(RENAMED_PREFIX + "search")
    CountingSet.probes = 0
    new = fresh_ids(["search"] * clashing, taken)
    assert len(set(new)) == clashing
    assert CountingSet.probes <= 3 * (clashing + clashing)


def test_a_body_far_over_any_sensible_number_of_ids_is_renamed_whole():
    count = 30_000
    html = "".join(f'<h2 id="members-{n % 7}">x</h2><p id="search">y</p>' for n in range(count))
    ids, _ = ids_and_links(rename_theme_ids(html, NAMESPACE))
    assert len(ids) == len(set(ids)) == 2 * count
    assert not any(name in NAMESPACE for name in ids)
