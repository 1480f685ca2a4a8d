"""The search index kept for the next build: Pagefind runs only when what it reads changed.

Pagefind reads the pages it is given and nothing else (search.py links exactly those into a folder
of their own), and its bundle is rewritten in a canonical order, so the same pages give the same
bytes. A bundle is therefore kept in `<SEARCH_INDEX_CACHE_PATH>/<key>/` (default
`<CACHE_PATH>/pagefind`), the key a hash of every page's path and bytes, the bundle folder's name,
Pagefind's arguments and the read cache's key (every installed distribution's version, Pagefind's
binary among them, the code of the plugins package, the canonical order among it, the settings). A
build whose pages hash to a kept key copies that bundle instead of running Pagefind (about 3 s and
220 MB at 1,000 posts), after checking its files against the checksum kept with them (a damaged
bundle is indexed again, never published); any other build runs it and keeps the result. A bundle
is written beside its place and renamed into it, so builds side by side share the folder; kept
bundles untouched for a day are removed.
"""

import hashlib
import os
import shutil
from pathlib import Path

from plugins.model.digests import file_digest, tree_digest
from plugins.model.read_cache.read_cache import remove_stale_folders
from plugins.model.stable_text import describe

CHECKSUM_FILE = ".kept-checksum"  # in a kept bundle: the digest of its files when kept


def index_key(site, pages, folder, extra_args, build_key):
    """The hash of everything Pagefind's bundle for `pages` depends on; `build_key` is the read
    cache's (plugins/model/read_cache: the installed versions, the code, the settings)."""
    digest = hashlib.sha256()
    for page in sorted(pages):
        digest.update(os.path.relpath(page, site).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(file_digest(page))
    parts = [digest.hexdigest(), folder, list(extra_args), build_key]
    return hashlib.sha256(describe(parts).encode("utf-8")).hexdigest()[:32]


def copy_kept(cache, key, bundle):
    """Copy the kept bundle of `key` to `bundle`; False when there is none, or when its files
    are not the bytes that were kept (CHECKSUM_FILE): then Pagefind indexes the pages."""
    kept = Path(cache, key)
    if not kept.is_dir():
        return False
    shutil.rmtree(bundle, ignore_errors=True)
    try:
        shutil.copytree(kept, bundle)
        kept_digest = (bundle / CHECKSUM_FILE).read_text(encoding="ascii")
        intact = kept_digest == tree_digest(bundle, {CHECKSUM_FILE})
    except (OSError, UnicodeDecodeError):  # removed meanwhile by another build's clean-up
        intact = False
    if not intact:  # the next bundle of these pages takes its place
        shutil.rmtree(bundle, ignore_errors=True)
        shutil.rmtree(kept, ignore_errors=True)
        return False
    (bundle / CHECKSUM_FILE).unlink()
    os.utime(kept)  # in use: not stale
    return True


def keep(cache, key, bundle, now=None):
    """Keep a copy of `bundle` as `key`'s; remove kept bundles untouched for a day."""
    cache = Path(cache)
    cache.mkdir(parents=True, exist_ok=True)
    staging = cache / f".{key}.{os.getpid()}"
    shutil.copytree(bundle, staging)
    (staging / CHECKSUM_FILE).write_text(tree_digest(staging, {CHECKSUM_FILE}), encoding="ascii")
    try:
        staging.rename(cache / key)
    except OSError:  # another build kept the same bundle first
        shutil.rmtree(staging, ignore_errors=True)
    remove_stale_folders(cache, key, now)
