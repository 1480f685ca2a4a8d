"""Redirects, tested on the functions themselves (the builds are in plugins/outputs/addresses/tests:
test_an_alias_and_a_vanished_tag_become_redirects writes both kinds through a real build)."""

from types import SimpleNamespace

from plugins.outputs.addresses.automatic import automatic_redirects, family_feed
from plugins.outputs.addresses.redirects import alias_save_as, aliases_of
from plugins.outputs.addresses.tests.helpers import SETTINGS


def test_aliases_are_read_in_order_from_a_string_or_a_list():
    post = SimpleNamespace(metadata={"aliases": " /old/ , /older.html,, "})
    assert aliases_of(post) == ["/old/", "/older.html"]
    assert aliases_of(SimpleNamespace(metadata={"aliases": ["/a/", "/b/"]})) == ["/a/", "/b/"]
    assert aliases_of(SimpleNamespace(metadata={})) == []
    assert [alias_save_as(a) for a in ("/old/", "/older.html")] == [
        "old/index.html",
        "older.html",
    ]


def test_vanished_tag_category_and_topic_pages_redirect_to_their_index():
    tag = SimpleNamespace(url="tags/python/")
    context = {"tags": [(tag, [])], "categories": [], "topics": []}
    protected = {"/tags/python/", "/tags/gone/", "/category/old/", "/topics/jvm/", "/posts/x/"}
    protected |= {"/tags/../", "/tags/<b>/"}  # urls.lock can be edited: never such paths
    redirects = automatic_redirects(protected, context, SETTINGS)
    assert [(url, index.url, index.title) for url, index in redirects] == [
        ("/category/old/", "category/", "Categories"),
        ("/tags/gone/", "tags/", "Tags"),
        ("/topics/jvm/", "topics/", "Topics"),
    ]
    # No index written, or no plugin for the family: no redirect, the removal stays an error.
    settings = {**SETTINGS, "DIRECT_TEMPLATES": ["index"]}
    assert automatic_redirects(protected, {"tags": []}, settings) == []
    assert automatic_redirects({"/topics/jvm/"}, {"tags": []}, SETTINGS) == []


def test_only_family_feeds_may_vanish():
    assert family_feed("/feeds/tag/old.atom.xml", SETTINGS)
    assert family_feed("/feeds/member/ada.rss.xml", SETTINGS)
    assert not family_feed("/feeds/all.atom.xml", SETTINGS)
    assert not family_feed("/feeds/tag/sub/old.atom.xml", SETTINGS)
