"""The search index in parts (search.py, SEARCH_PAGES_PER_PART): each page in exactly one part,
an edit indexes one part again, the loader only in the first. In the browser:
tests/browser/test_search_parts.py."""

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from plugins.compat import pagefind
from plugins.outputs.search.search import (
    PARTS_FILE,
    build_index,
    bundles,
    has_search_body,
    split_pages,
)
from plugins.outputs.search.tests.test_search_plugin import PAGES, POSTS, build, tree_bytes

SITE = Path("/site")


def pages(count, start=0):
    return [SITE / f"posts/p{number}/index.html" for number in range(start, start + count)]


@pytest.mark.parametrize(
    ("html", "indexed"),
    [
        ('<article class="post" data-pagefind-body>', True),
        ('<div data-pagefind-body="">', True),
        ("<a title='a > b' data-pagefind-body>", True),
        ("<main\n  data-pagefind-body\n>", True),
        ("<p>data-pagefind-body</p>", False),  # words in the text
        ('<a title="x data-pagefind-body">', False),  # words in a value
        ('<a title="x > y" href=data-pagefind-body>', False),
        ("&lt;article data-pagefind-body&gt;", False),  # markup shown as text
        ("<article data-pagefind-bodyx>", False),
    ],
)
def test_a_page_is_given_to_pagefind_when_an_element_carries_the_attribute(tmp_path, html, indexed):
    page = tmp_path / "index.html"
    page.write_text(f"<html><body><header>Menu</header>{html}</body></html>", encoding="utf-8")
    assert has_search_body(page) is indexed


def test_pages_are_split_evenly_and_each_page_is_in_one_part():
    parts = split_pages(SITE, pages(1000), 300)
    assert len(parts) == 4  # ceil(1000 / 300)
    assert Counter(page for part in parts for page in part) == Counter(pages(1000))
    assert all(150 < len(part) <= 350 for part in parts), [len(part) for part in parts]
    assert split_pages(SITE, pages(10), 300) == [sorted(pages(10))]
    assert split_pages(SITE, [], 300) == [[]]  # Pagefind then says it indexed nothing
    few = split_pages(SITE, pages(3), 1)  # three parts by count; any a page fell in is kept
    assert all(few) and sorted(page for part in few for page in part) == sorted(pages(3))


def test_a_page_added_or_removed_changes_one_part_only():
    before = split_pages(SITE, pages(1000), 300)
    for after in (
        split_pages(SITE, pages(1001), 300),  # one page more
        split_pages(SITE, pages(999, start=1), 300),  # the first page removed
    ):
        assert len(after) == len(before)
        assert sum(old != new for old, new in zip(before, after, strict=True)) == 1


def test_a_site_in_parts_indexes_every_page_once(tmp_path):
    site = build(tmp_path, "SEARCH_PAGES_PER_PART=1")
    folder = site / "pagefind"
    parts = bundles(folder)
    others = json.loads((folder / PARTS_FILE).read_text(encoding="utf-8"))["parts"]
    assert len(parts) == 1 + len(others) > 1, "four pages, one a part: more than one part"
    urls = [fragment["url"] for part in parts for fragment in pagefind.page_fragments(part)]
    assert Counter(urls) == Counter(POSTS + PAGES)
    counts = [pagefind.read_entry(part)["languages"]["en"]["page_count"] for part in parts]
    assert sum(counts) == len(POSTS + PAGES) and all(counts)
    # The first part's loader, worker and WebAssembly serve the others (Pagefind's mergeIndex).
    assert (folder / "pagefind.js").is_file() and (folder / "wasm.en.pagefind").is_file()
    for part in parts[1:]:
        assert not [path.name for path in part.glob("*.js")] + list(part.glob("wasm.*"))


def write_site(folder, texts):
    for number, text in enumerate(texts):
        page = folder / f"posts/p{number}/index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f'<html lang="en"><body><main data-pagefind-body><h1>Post {number}</h1>'
            f"<p>{text}</p></main></body></html>",
            encoding="utf-8",
        )
    return sorted(folder.rglob("index.html"))


def test_an_edited_page_indexes_its_part_again_and_nothing_else(tmp_path):
    texts = [f"Notes on queue number {number} and its consumers" for number in range(12)]
    kept = tmp_path / "kept"
    site = tmp_path / "site"
    build_index(site, write_site(site, texts), cache=kept, build_key="k", per_part=3)
    first = os.listdir(kept)
    assert len(first) == len(bundles(site / "pagefind")) == 4
    texts[5] = "A paragraph about backpressure, added to post five"
    edited = write_site(site, texts)
    build_index(site, edited, cache=kept, build_key="k", per_part=3)
    assert len(set(os.listdir(kept)) - set(first)) == 1, "one part is indexed again"
    # The same as a build that keeps nothing, byte for byte.
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("pagefind"))
    build_index(clean, write_site(clean, texts), per_part=3)
    assert tree_bytes(clean / "pagefind") == tree_bytes(site / "pagefind")
    found = {
        u: f for part in bundles(site / "pagefind") for u, f in pagefind.fragments(part).items()
    }
    assert "backpressure" in found["/posts/p5/"]["content"]
