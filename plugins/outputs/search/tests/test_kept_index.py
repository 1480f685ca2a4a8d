"""The search index is made by Pagefind only when the pages it reads changed (kept_index.py)."""

import os

from plugins.model.read_cache.read_cache import STALE_SECONDS
from plugins.outputs.search.kept_index import copy_kept, index_key, keep
from plugins.outputs.search.search import PARTS_FILE
from plugins.outputs.search.tests.test_search_plugin import build, tree_bytes


def test_the_key_follows_each_page_and_the_arguments(tmp_path):
    pages = [tmp_path / "a" / "index.html", tmp_path / "b" / "index.html"]
    for page in pages:
        page.parent.mkdir()
        page.write_text("<main data-pagefind-body>One</main>")
    key = index_key(tmp_path, pages, "pagefind", (), "k")
    assert index_key(tmp_path, list(reversed(pages)), "pagefind", (), "k") == key
    assert index_key(tmp_path, pages, "pagefind", ("--verbose",), "k") != key
    assert index_key(tmp_path, pages[:1], "pagefind", (), "k") != key
    assert index_key(tmp_path, pages, "pagefind", (), "other code") != key
    pages[1].write_text("<main data-pagefind-body>Two</main>")
    assert index_key(tmp_path, pages, "pagefind", (), "k") != key


def test_a_build_of_the_same_pages_copies_the_kept_bundle(tmp_path):
    kept = tmp_path / "kept"
    setting = f'SEARCH_INDEX_CACHE_PATH="{kept}"'
    first = tree_bytes(build(tmp_path, setting, name="first") / "pagefind")
    (bundle,) = [path for path in kept.iterdir() if not path.name.startswith(".")]
    assert {k: v for k, v in tree_bytes(bundle).items() if k != ".kept-checksum"} == {
        k: v for k, v in first.items() if k != PARTS_FILE
    }
    second = build(tmp_path, setting, name="second") / "pagefind"
    assert tree_bytes(second) == first
    # A kept file changed on disk: the bundle is not published, Pagefind indexes the pages again.
    entry = next(path for path in sorted(bundle.rglob("*.pf_fragment")))
    entry.write_bytes(entry.read_bytes()[:-1] + b"x")
    (bundle / "kept-marker").write_text("copied")
    third = build(tmp_path, setting, name="third") / "pagefind"
    assert not (third / "kept-marker").exists() and tree_bytes(third) == first
    (bundle,) = [path for path in kept.iterdir() if not path.name.startswith(".")]
    assert not (bundle / "kept-marker").exists()  # the damaged bundle was replaced
    # Other pages (another address) are another key: Pagefind indexes them.
    other = build(tmp_path, setting, 'SITEURL="https://other.example.org"', name="fourth")
    assert not (other / "pagefind" / "kept-marker").exists()
    assert len([path for path in kept.iterdir() if not path.name.startswith(".")]) == 2


def test_ignore_cache_runs_pagefind_and_keeps_nothing(tmp_path):
    kept = tmp_path / "kept"
    setting = f'SEARCH_INDEX_CACHE_PATH="{kept}"'
    build(tmp_path, setting, "LOAD_CONTENT_CACHE=false", name="first")
    assert not kept.exists()


def test_keeping_a_bundle_removes_bundles_untouched_for_a_day(tmp_path):
    bundle = tmp_path / "site" / "pagefind"
    bundle.mkdir(parents=True)
    (bundle / "pagefind-entry.json").write_text("{}")
    cache = tmp_path / "kept"
    recent, old = cache / "recent-key", cache / "old-key"
    recent.mkdir(parents=True)
    old.mkdir()
    now = os.stat(recent).st_mtime
    os.utime(old, (now - STALE_SECONDS - 60, now - STALE_SECONDS - 60))
    keep(cache, "new-key", bundle, now=now)
    assert sorted(path.name for path in cache.iterdir()) == ["new-key", "recent-key"]
    assert copy_kept(cache, "new-key", tmp_path / "copy")
    assert (tmp_path / "copy" / "pagefind-entry.json").read_text() == "{}"
