"""The read cache: an entry is served only for the same source, code and settings, never a
broken one; the site's own builds with it write what builds without it write
(tests/test_incremental.py tries random edits)."""

import os
import pickle
import shutil

from pelican.urlwrappers import Category, Tag

from plugins.model import digests
from plugins.model.digests import code_digest, installed_versions
from plugins.model.read_cache.read_cache import STALE_SECONDS, ReadCache, cache_key

SETTINGS = {"MARKDOWN": {"extension_configs": {"toc": {"permalink": True}}}, "PATH": "/site"}


def test_the_key_is_the_same_in_every_process_and_changes_with_what_a_read_depends_on():
    key = cache_key(SETTINGS, code="c1")
    assert cache_key(dict(reversed(SETTINGS.items())), code="c1") == key
    assert cache_key({**SETTINGS, "PATH": "/other"}, code="c1") != key
    other_markdown = {"MARKDOWN": {"extension_configs": {"toc": {"permalink": False}}}}
    assert cache_key({**SETTINGS, **other_markdown}, code="c1") != key
    assert cache_key(SETTINGS, code="c2") != key  # an edited plugin
    # Whether to use a cache, and where the pages go, change nothing a reader makes.
    same = {"LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": True, "OUTPUT_PATH": "/elsewhere"}
    assert cache_key({**SETTINGS, **same}, code="c1") == key
    # An object without a repr of its own is described without its memory address.
    assert cache_key({**SETTINGS, "X": object()}) == cache_key({**SETTINGS, "X": object()})


def test_the_code_digest_follows_the_plugins_sources_not_their_tests(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "tests").mkdir()
    (tmp_path / "a" / "code.py").write_text("X = 1\n")
    (tmp_path / "a" / "tests" / "test_code.py").write_text("def test(): pass\n")
    before = code_digest(tmp_path)
    (tmp_path / "a" / "tests" / "test_code.py").write_text("def test(): assert 1\n")
    assert code_digest(tmp_path) == before
    (tmp_path / "a" / "code.py").write_text("X = 2\n")
    assert code_digest(tmp_path) != before
    assert any(line.startswith("Markdown ") for line in installed_versions())


def test_an_entry_is_served_for_the_same_path_and_bytes_only(tmp_path):
    source = tmp_path / "post.md"
    source.write_text("Title: A\n\nBody.\n")
    cache = ReadCache(tmp_path / "cache" / "key")
    assert cache.get(source, {}) is None
    cache.put(source, ("<p>Body.</p>", {"title": "A"}))
    assert cache.get(source, {}) == ("<p>Body.</p>", {"title": "A"})
    assert (
        ReadCache(tmp_path / "cache" / "key", load=False).get(source, {}) is None
    )  # --ignore-cache
    source.write_text("Title: A\n\nBody!\n")  # same mtime or not: the bytes decide
    assert cache.get(source, {}) is None
    copy = tmp_path / "copy.md"
    copy.write_text("Title: A\n\nBody.\n")
    assert cache.get(copy, {}) is None  # same bytes, another path
    assert not list((tmp_path / "cache" / "key").glob("*.tmp"))  # written whole, then renamed


def test_a_broken_entry_is_a_miss_not_an_error(tmp_path):
    source = tmp_path / "post.md"
    source.write_text("Body.\n")
    cache = ReadCache(tmp_path / "key")
    cache.put(source, ("<p>Body.</p>", {}))
    (entry,) = (tmp_path / "key").iterdir()
    whole = entry.read_bytes()
    flipped = whole.replace(b"Body.", b"Bodx.")  # still a pickle, of other text
    assert pickle.loads(flipped[32:]) == ("<p>Bodx.</p>", {})
    for broken in (whole[: len(whole) // 2], b"", b"not a pickle", whole[:-1], flipped):
        entry.write_bytes(broken)
        assert cache.get(source, {}) is None
    assert cache.get(tmp_path / "missing.md", {}) is None


def test_prune_keeps_what_the_build_used_and_recent_folders_of_other_keys(tmp_path):
    kept, edited = tmp_path / "kept.md", tmp_path / "edited.md"
    kept.write_text("One.\n")
    edited.write_text("Two.\n")
    first = ReadCache(tmp_path / "read" / "key")
    first.put(kept, ("one", {}))
    first.put(edited, ("two", {}))
    recent, old = tmp_path / "read" / "recent", tmp_path / "read" / "old"
    recent.mkdir()
    old.mkdir()
    now = os.stat(recent).st_mtime
    os.utime(old, (now - STALE_SECONDS - 60, now - STALE_SECONDS - 60))

    edited.write_text("Two, edited.\n")
    second = ReadCache(tmp_path / "read" / "key")
    assert second.get(kept, {}) == ("one", {}) and second.get(edited, {}) is None
    second.put(edited, ("two, edited", {}))
    second.prune(now=now)
    assert len(list((tmp_path / "read" / "key").iterdir())) == 2  # the old "two" is gone
    assert ReadCache(tmp_path / "read" / "key").get(edited, {}) == ("two, edited", {})
    assert recent.is_dir() and not old.exists()


def test_tags_authors_and_categories_are_made_again_with_the_build_settings(tmp_path):
    source = tmp_path / "post.md"
    source.write_text("Body.\n")
    old = {"TAG_URL": "old/{slug}/", "SLUGIFY_SOURCE": "title"}
    metadata = {
        "tags": [Tag("Asyncio", old), Tag("Scale Out", old)],
        "category": Category("A", old),
    }
    cache = ReadCache(tmp_path / "key")
    cache.put(source, ("<p>Body.</p>", {**metadata, "title": "T"}))
    (entry,) = (tmp_path / "key").iterdir()
    assert b"old/{slug}/" not in entry.read_bytes()  # no settings in the entry
    new = {**old, "TAG_URL": "tags/{slug}/"}
    _, found = cache.get(source, new)
    assert [tag.name for tag in found["tags"]] == ["Asyncio", "Scale Out"]
    assert all(tag.settings is new for tag in found["tags"]) and found["category"].settings is new
    assert found["tags"] == metadata["tags"] and found["title"] == "T"


def add_distribution(folder, name, version):
    info = folder / f"{name}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    return info


def test_installed_versions_are_read_again_when_a_folder_of_sys_path_changes(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    reads = []
    read = digests.importlib.metadata.distributions
    monkeypatch.setattr(
        digests.importlib.metadata, "distributions", lambda: reads.append(1) or read()
    )
    add_distribution(tmp_path, "uls_fake", "1.0")
    assert "uls_fake 1.0" in installed_versions()
    assert "uls_fake 1.0" in installed_versions() and len(reads) == 1  # kept, not read again

    # An upgrade: the old .dist-info goes, a new one comes (the folder's time is set a second
    # on, as a later install would leave it, rather than waiting for the clock).
    shutil.rmtree(tmp_path / "uls_fake-1.0.dist-info")
    add_distribution(tmp_path, "uls_fake", "2.0")
    later = tmp_path.stat().st_mtime_ns + 1_000_000_000
    os.utime(tmp_path, ns=(later, later))
    versions = installed_versions()
    assert "uls_fake 2.0" in versions and "uls_fake 1.0" not in versions and len(reads) == 2
