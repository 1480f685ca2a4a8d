"""Content cannot reuse the ids of the theme's own elements (in-process)."""

from pathlib import Path

from plugins.sanitize.theme_ids import rename_theme_ids, theme_ids

THEME = Path(__file__).resolve().parents[3] / "theme"


def test_the_theme_ids_are_read_from_the_templates():
    ids = theme_ids(str(THEME))
    assert {"content", "search-term", "related-title"} <= ids
    assert not any("{" in name for name in ids)


def test_a_heading_or_attribute_id_of_the_theme_is_renamed_with_its_links():
    html = (
        '<h2 id="content">Content</h2><p id="search-term">x</p><h2 id="content-1">Again</h2>'
        '<p><a href="#content">up</a> <a href="#other">other</a></p>'
    )
    renamed = rename_theme_ids(html, frozenset({"content", "search-term"}))
    assert renamed == (
        '<h2 id="content-2">Content</h2><p id="search-term-1">x</p><h2 id="content-1">Again</h2>'
        '<p><a href="#content-2">up</a> <a href="#other">other</a></p>'
    )


def test_other_ids_are_left_as_written():
    html = '<h2 id="what-the-area-is">What</h2><sup id="fnref:1">1</sup>'
    assert rename_theme_ids(html, theme_ids(str(THEME))) == html
