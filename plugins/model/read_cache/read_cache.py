"""What the Markdown reader (and the sanitizer) made of a source, kept for the next build while
nothing it depends on has changed.

Reading is the largest part of a build (Python-Markdown and Pygments: about a quarter of it at
1,000 posts), and a rebuild reads sources that did not change. The one Markdown reader
(plugins/guard/render_budget) asks this cache first. An entry is the reader's result (HTML and
metadata) for one source, stored under a name that is a hash of everything the result can depend
on, so that an entry is never served for anything else:

- the source's path and bytes (never its mtime);
- the build's key: the Python version, every installed distribution's name and version
  (Pelican, Markdown, Pygments...), the `plugins` package (its tests excepted) and
  every setting (plugins/model/stable_text.describe: no memory addresses), less the settings
  that only say whether to use a cache, and OUTPUT_PATH. A new version, an edited plugin or
  any other setting gives other names: nothing made before is read.

The same store keeps the results of pure functions of a text that every build computes again
for the same sources (`remembered`): the sanitizer's (plugins/guard/sanitize), keyed by the HTML
and the theme's ids, and by the code like every entry.

Entries are written to a temporary file and renamed, so builds side by side share the folder
safely; an entry that cannot be read (cut short, changed on disk: each carries a checksum of its
bytes, or from a Python that pickles otherwise) is a miss, never served. They live in
`<CACHE_PATH>/read/<key>/`; at `finalized` the entries this build did not use are removed, and so
are other keys' folders untouched for a day. Everything else (the checks, links, pages, feeds, the
search index) runs in every build.

LOAD_CONTENT_CACHE says whether entries are read: `pelican --ignore-cache` sets it to False, so
that build reads every source (and writes the entries again); `make clean` removes CACHE_PATH.
Pelican's own content cache is not used: it checks only the file, and writes its one pickle
in place, which two builds side by side would corrupt. So this plugin takes LOAD_CONTENT_CACHE
for itself at `initialized` and gives Pelican False.
"""

import hashlib
import os
import pickle
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.urlwrappers import URLWrapper

from plugins.model import build as build_object
from plugins.model.build import KEY as BUILD_KEY
from plugins.model.build import build_of
from plugins.model.defaults import cache_path, use_defaults
from plugins.model.digests import code_digest, installed_versions
from plugins.model.stable_text import describe

DEFAULTS = {
    "READ_CACHE": True,  # False: every build reads every source
    "READ_CACHE_PATH": None,  # None: <CACHE_PATH>/read
}
# Settings that say whether to use a cache or where the pages go, not what a reader makes (it
# leaves `{filename}` links for Pelican to resolve later); and the build object.
NOT_IN_KEY = {"CACHE_CONTENT", "LOAD_CONTENT_CACHE", "READ_CACHE", "OUTPUT_PATH", BUILD_KEY}
STALE_SECONDS = 24 * 3600  # another key's folder untouched this long is removed
CHECKSUM_BYTES = 32  # an entry is the SHA-256 of its pickle, then the pickle


def cache_key(settings, code=None):
    """The hash of everything but the source that a reader's result may depend on."""
    kept = {key: value for key, value in settings.items() if key not in NOT_IN_KEY}
    parts = [sys.version, installed_versions(), code or code_digest(), describe(kept)]
    return hashlib.sha256(describe(parts).encode("utf-8")).hexdigest()[:24]


class ReadCache:
    """The entries of one key: `get` and `put` by source path. Given `settings` instead of a
    folder, the key is made at the first use, once every plugin's defaults are in the settings
    (blinker calls the `initialized` receivers in no fixed order)."""

    def __init__(self, folder=None, load=True, settings=None):
        self.known_folder, self.load, self.settings = folder and Path(folder), load, settings
        self.used = set()

    @property
    def key(self):
        """The hash of the code, settings and versions (the folder's name), for other caches of
        the build (plugins/outputs/search/kept_index.py)."""
        return self.folder.name

    @property
    def folder(self):
        if self.known_folder is None:
            root = cache_path(self.settings, "READ_CACHE_PATH", "read")
            self.known_folder = Path(root, cache_key(self.settings))
        return self.known_folder

    def entry(self, source_path):
        """The file of the source's entry (its bytes read once here), or None if unreadable."""
        try:
            data = Path(source_path).read_bytes()
        except OSError:
            return None
        return self.named(os.path.abspath(source_path).encode("utf-8") + b"\0" + data)

    def named(self, identity):
        """The file of the entry for `identity` (bytes), marked as used by this build."""
        name = hashlib.sha256(identity).hexdigest()[:40] + ".pickle"
        self.used.add(name)
        return self.folder / name

    def get(self, source_path, settings):
        """The reader's result (content, metadata) for the source, or None; its tags, authors
        and category made with `settings`, this build's."""
        path = self.entry(source_path)
        found = None if path is None else self.load_entry(path)
        if found is None:
            return None
        content, metadata = found
        return content, {key: restored(value, settings) for key, value in metadata.items()}

    def put(self, source_path, result):
        path = self.entry(source_path)
        if path is not None:
            content, metadata = result
            self.store(path, (content, {key: portable(v) for key, v in metadata.items()}))

    def remembered(self, kind, text, make):
        """`make()`, kept like a read for the same `kind` and `text`: for a pure function of a
        text (the sanitizer, plugins/guard/sanitize), whose code is in the key."""
        path = self.named(f"{kind}\0{text}".encode("utf-8", "surrogatepass"))
        found = self.load_entry(path)
        if found is None:
            found = make()
            self.store(path, found)
        return found

    def load_entry(self, path):
        """The entry's value, or None: missing, cut short, changed on disk (its checksum),
        or from another Python."""
        if not self.load:
            return None
        try:
            data = Path(path).read_bytes()
            checksum, pickled = data[:CHECKSUM_BYTES], data[CHECKSUM_BYTES:]
            if hashlib.sha256(pickled).digest() != checksum:
                return None  # a damaged entry is read again from the source, never served
            return pickle.loads(pickled)
        except Exception:
            return None

    def store(self, path, result):
        try:
            pickled = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            temporary.write_bytes(hashlib.sha256(pickled).digest() + pickled)
            temporary.replace(path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass  # a build without a cache entry is only slower

    def prune(self, now=None):
        """Remove this key's entries the build did not use, and old folders of other keys."""
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.name not in self.used and not path.name.endswith(".tmp"):
                    path.unlink(missing_ok=True)
        remove_stale_folders(self.folder.parent, self.folder.name, now)


def remove_stale_folders(parent, current, now=None):
    """Remove the folders in `parent`, but `current`, untouched for STALE_SECONDS: another key's
    entries (here, and the kept search index's bundles), or what a killed build left."""
    now = time.time() if now is None else now
    try:
        others = [path for path in Path(parent).iterdir() if path.name != current]
    except OSError:  # no folder yet
        return
    for other in others:
        try:
            old = other.is_dir() and now - other.stat().st_mtime > STALE_SECONDS
        except OSError:  # removed meanwhile by a build beside this one
            continue
        if old:
            shutil.rmtree(other, ignore_errors=True)


@dataclass(frozen=True)
class Named:
    """A tag, author or category in an entry: its class and name, without the settings a
    URLWrapper holds (pickled, every entry would carry a copy of them, 1,000 copies at 1,000
    posts)."""

    kind: type
    name: str


def portable(value):
    if isinstance(value, URLWrapper):
        return Named(type(value), value.name)
    if isinstance(value, list):
        return [portable(item) for item in value]
    return value


def restored(value, settings):
    if isinstance(value, Named):
        return value.kind(value.name, settings)
    if isinstance(value, list):
        return [restored(item, settings) for item in value]
    return value


def remembered(cache, kind, text, make):
    """`make()`, kept by `cache` (a ReadCache) for the same `kind` and `text`; made every time
    when `cache` is None (a build without the read cache, a test with a plain settings dict)."""
    return make() if cache is None else cache.remembered(kind, text, make)


def read_cache_of(settings):
    """The build's ReadCache, or None when reads are not cached."""
    return build_of(settings).read_cache


def open_cache(pelican):
    """initialized: this build's cache, keyed; Pelican's own content cache off."""
    settings = pelican.settings
    load = settings.get("LOAD_CONTENT_CACHE", True)
    settings["LOAD_CONTENT_CACHE"] = settings["CACHE_CONTENT"] = False
    if settings.get("READ_CACHE", DEFAULTS["READ_CACHE"]):
        build_of(settings).read_cache = ReadCache(load=load, settings=settings)


def prune_cache(pelican):
    """finalized: entries no longer used are removed."""
    cache = read_cache_of(pelican.settings)
    if cache is not None and cache.used:
        cache.prune()


def register():
    build_object.register()
    use_defaults(DEFAULTS)
    signals.initialized.connect(open_cache)
    signals.finalized.connect(prune_cache)
