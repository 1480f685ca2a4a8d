"""The fast build writes exactly what a plain build writes.

The speed work (the read cache of plugins/model/read_cache, the unchanged-file links of
plugins/guard/atomic_output) must not change a byte. This builds a small generated corpus
(bench/corpus.py, the benchmark's own generator) in a plain way, no read cache into an empty
output folder, and compares every file of the other ways of building it.
How fast they are is measured by `make bench`, not here.
"""

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_ok, snapshot

# bench/ holds scripts, not a package: its corpus generator is loaded by path.
_spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)
generate = corpus.generate

SETTINGS = ROOT / "pelicanconf.py"
CACHED = ("LOAD_CONTENT_CACHE=true", "READ_CACHE=true")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """24 generated posts next to a copy of the real content, built the plain way into `plain/`
    (the build that also writes the corpus's urls.lock, which the other builds then read)."""
    work = tmp_path_factory.mktemp("corpus")
    generate(str(work), 24, 2009)
    build(work, work / "plain", "URL_LOCK_UPDATE=true", "READ_CACHE=false")
    return work


def lock_setting(lock):
    return f'URL_LOCK_FILE="{lock}"'


def build(corpus, output, *extra):
    """The corpus built into `output`; without the search index, which Pagefind makes from the
    pages (the same pages make the same index: test_build.py builds the site twice with it)."""
    build_ok(
        SETTINGS,
        output,
        lock_setting(corpus / "urls.lock"),
        "SEARCH_INDEX=false",
        *extra,
        content=corpus / "content",
    )
    return snapshot(output)


@pytest.fixture(scope="module")
def plain(corpus):
    return snapshot(corpus / "plain")


def test_the_corpus_is_a_real_site(plain):
    posts = [path for path in plain if path.startswith("posts/") and path.endswith("index.html")]
    assert len(posts) >= 24
    assert "sitemap.xml" in plain and "feeds/all.atom.xml" in plain


def test_an_incremental_build_from_the_read_cache_writes_the_same_bytes(corpus, plain, tmp_path):
    cache = f'CACHE_PATH="{tmp_path / "cache"}"'
    output = tmp_path / "output"
    assert build(corpus, output, *CACHED, cache) == plain  # fills the cache
    assert build(corpus, output, *CACHED, cache) == plain  # reads it


def test_an_edit_is_a_handful_of_new_files_and_the_rest_keep_their_inode(corpus, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(corpus / "content", content)
    output = tmp_path / "output"
    lock = lock_setting(corpus / "urls.lock")
    build_ok(SETTINGS, output, lock, content=content)
    before = snapshot(output)
    inodes = {path: os.stat(output / path).st_ino for path in before}

    post = sorted((content / "posts").rglob("*.md"))[-1]
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more paragraph.\n", "utf-8")
    build_ok(SETTINGS, output, lock, content=content)

    after = snapshot(output)
    rewritten = sorted(
        path
        for path in after
        if path not in inodes or os.stat(output / path).st_ino != inodes[path]
    )
    edited_page = next(path for path in rewritten if path.endswith(f"/{post.stem}/index.html"))
    assert "One more paragraph." in (output / edited_page).read_text(encoding="utf-8")
    # The post, the lists and feeds that show it, its search index fragment: not the whole site.
    assert 1 <= len(rewritten) < len(after) / 4, rewritten
    assert len(rewritten) < 100, rewritten
    assert not any(path.startswith(("topics/", "members/")) for path in rewritten)
    assert Path(output / "index.html").stat().st_ino == inodes["index.html"]
