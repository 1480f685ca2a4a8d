"""split_list, the one parser of list-valued metadata fields (issue 24, class 8)."""

from pelican.readers import ensure_metadata_list

from plugins.guard.content_guard import metadata
from plugins.model.error_report import split_list

VALUES = [
    "a, b, c",
    "a; b, c",
    "Doe, Jane; Doe, John",
    "/a/;/b/",
    ";;a;,;",
    " a ,, b ",
    "",
    ",",
    "a",
    "a;",
]


def test_it_is_pelicans_rule_for_tags_and_authors():
    """Pelican splits Tags and Authors itself (ensure_metadata_list, which also drops repeats):
    the site's other list fields and every check split the same way."""
    for value in VALUES:
        assert list(dict.fromkeys(split_list(value))) == ensure_metadata_list(value), value


def test_the_guard_uses_the_same_function():
    assert metadata.split_list is split_list


def test_continuation_lines_are_items_split_by_the_same_rule():
    assert split_list(["2027-01-01, 2027-01-08", "2027-02-01;2027-03-01", ""]) == [
        "2027-01-01",
        "2027-01-08",
        "2027-02-01",
        "2027-03-01",
    ]
    assert split_list(None) == [] and split_list(()) == []
