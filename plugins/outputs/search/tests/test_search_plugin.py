"""The search plugin on a tiny site: the Pagefind index, its determinism, sitemap and robots."""

import gzip
import random
import xml.etree.ElementTree as ET
from pathlib import Path

import cbor2
import pytest

from conftest import build_ok
from plugins.compat import pagefind as deterministic  # the format code search.py uses
from plugins.outputs.search.search import bundles

TEST_DATA = Path(__file__).parent / "test_data"
SITE = "https://search.example.org/site"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
POSTS = ["/posts/2023/reactor-notes/", "/posts/2024/kickoff/", "/posts/2024/messaging/"]
PAGES = ["/about/"]


def build(tmp_path, *extra, name="output"):
    output = tmp_path / name
    build_ok(TEST_DATA / "pelicanconf.py", output, *extra, cwd=TEST_DATA)
    return output


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("search"))


def fragments(site):
    """{url: fragment} of every page in the index, all parts (fragments are gzip'd JSON)."""
    return {
        url: fragment
        for bundle in bundles(site / "pagefind")
        for url, fragment in deterministic.fragments(bundle).items()
    }


def tree_bytes(folder):
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_index_is_built_without_the_unused_ui(site):
    bundle = site / "pagefind"
    entry = deterministic.read_entry(bundle)
    assert entry["languages"]["en"]["page_count"] == len(POSTS + PAGES)
    meta_hash = entry["languages"]["en"]["hash"]
    assert deterministic.meta_file(bundle, meta_hash).is_file()
    assert (bundle / "pagefind.js").is_file()
    assert (bundle / "wasm.en.pagefind").is_file()
    assert not list(bundle.glob("pagefind-*ui*")), "pagefind-ui is not used"


def test_the_index_covers_posts_and_pages_only(site):
    indexed = fragments(site)
    # Not lists, archives, tags, categories, the search page, the 404 page, the redirect page
    # written for `Aliases: /posts/2024/first-meeting/`, nor the draft.
    assert sorted(indexed) == sorted(POSTS + PAGES)
    assert (site / "posts/2024/first-meeting/index.html").is_file()
    text = " ".join(fragment["content"] for fragment in indexed.values())
    assert "flibbertigibbet" in text
    assert "zygomorphic" not in text
    assert "Edit this page" not in text, "the edit link is marked data-pagefind-ignore"


def test_results_carry_title_and_author_and_year_filters(site):
    indexed = fragments(site)
    kickoff = indexed["/posts/2024/kickoff/"]
    assert kickoff["meta"]["title"] == "The kickoff"
    assert kickoff["filters"]["year"] == ["2024"]
    assert sorted(kickoff["filters"]["author"]) == ["Ada Lovelace", "Grace Hopper"]
    assert indexed["/about/"]["filters"] == {}


def test_filter_files_are_in_canonical_order(site):
    for _, values in deterministic.filters(site / "pagefind").values():
        assert [value for value, _ in values] == sorted(value for value, _ in values)
        assert all(pages == sorted(pages) for _, pages in values)


def test_two_builds_are_byte_identical(tmp_path):
    """Pagefind alone writes its filter index in a random order; the plugin fixes that. (Each
    build keeps its bundles apart, so that Pagefind runs twice: test_kept_index.py.)"""
    first = tree_bytes(build(tmp_path, f'SEARCH_INDEX_CACHE_PATH="{tmp_path}/1"', name="first"))
    second = tree_bytes(build(tmp_path, f'SEARCH_INDEX_CACHE_PATH="{tmp_path}/2"', name="second"))
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different, f"differ between two builds: {different}"


def test_canonical_filter_does_not_depend_on_the_order_pagefind_wrote():
    values = [[f"value {n}", [n, n + 5, n + 1]] for n in range(30)]
    canonical = deterministic.pf_bytes(deterministic.canonical_filter(["topic", values], "x"))
    for seed in range(5):
        shuffled = [[value, random.Random(seed).sample(pages, 3)] for value, pages in values]
        random.Random(seed).shuffle(shuffled)
        filter_value = deterministic.canonical_filter(["topic", shuffled], "x")
        assert deterministic.pf_bytes(filter_value) == canonical


def test_an_index_file_round_trips_and_refuses_what_pagefind_does_not_write(tmp_path):
    value = ["1.5.2", [["en_abc1234", 302], ["en_def5678", 70000]], [], ["title"], "é" * 30]
    index_file = tmp_path / "x.pf_meta"
    index_file.write_bytes(deterministic.pf_bytes(value))
    assert deterministic.read_pf(index_file) == value
    for foreign in (cbor2.dumps({"a": 1}), cbor2.dumps([1.5]), cbor2.dumps(-3), b"\x01\x02"):
        index_file.write_bytes(gzip.compress(deterministic.SIGNATURE + foreign))
        with pytest.raises(deterministic.PagefindFormatError):
            deterministic.read_pf(index_file)


def test_sitemap_lists_published_content_with_lastmod(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    entries = {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("s:url", SITEMAP_NS)
    }
    for path in POSTS + PAGES + ["/", "/archives/", "/tags/", "/tags/twisted/", "/category/"]:
        assert SITE + path in entries, path
    assert entries[SITE + "/posts/2023/reactor-notes/"] == "2023-06-10T08:30:00+00:00"  # Modified
    assert entries[SITE + "/posts/2024/kickoff/"] == "2024-01-15T09:00:00+00:00"  # Date
    assert entries[SITE + "/tags/twisted/"] == "2024-03-20T12:00:00+00:00"  # newest post listed
    assert SITE + "/posts/2024/first-meeting/" not in entries, "redirect pages are noindex"
    assert not [url for url in entries if "/page/" in url or "404" in url or "unfinished" in url]


def test_robots_names_the_sitemap(site):
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE}/sitemap.xml" in robots.splitlines()


def test_the_index_can_be_turned_off(tmp_path):
    output = build(tmp_path, "SEARCH_INDEX=false")
    assert not (output / "pagefind").exists()
    assert (output / "sitemap.xml").is_file()
