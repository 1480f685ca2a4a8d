"""The output memo: a writer call made from the same inputs as in the last build is not rendered
again; the files it wrote then are linked from the published site into the staging folder.

Every writer call of the plan (a page, a paginated list, a feed, a file a generator makes
itself) gets a key: a hash of
- what every output can show, the same for all calls of the build (plugins/model/site_state):
  the Python version, every installed distribution's version, the `plugins` package's code, the
  template folders of every generator and the theme folder (its assets, their fingerprints),
  and the whole context (every setting, every content object and every attribute a plugin gave
  it, the lists and maps made of them) but the stored bodies;
- the call's own arguments (the template, the objects passed to it, the paths);
and, apart from the key, the bodies the call read when it last rendered (plugins/compat
`body_reads`: `content`, `get_content`, a summary made from the body, `body_html`), each by
the hash of its bytes. A call is reused when its key is the one recorded, every body it read has
the recorded hash, and every file it wrote is in the published site with the recorded hash.
Anything else renders, as in a clean build. So a post's body edited renders that post's page
and the outputs that showed that body (its feeds); a title, a date, a tag or a template renders
everything.

The record is written at the end of a build that published (RECORD), in
`<CACHE_PATH>/outputs/<hash of the output folder>/record.pickle`: a failed build keeps the
record that matches the site still published. Beside it, `files/` holds a hard link to every
file the record names, by the hash of its bytes (no copy: the same inodes as the published
files), so that an output folder removed with the cache kept is made again without rendering;
a file is taken from there, as from the published site, only with the recorded hash. A record
that cannot be read, or one of another output folder, is no record. `--ignore-cache` (and
OUTPUT_MEMO = False) render every call.
"""

import hashlib
import os
import pickle
import sys
from pathlib import Path

from plugins.compat import body_html, body_reads
from plugins.model.build import build_of
from plugins.model.defaults import cache_path
from plugins.model.digests import code_digest, file_digest, installed_versions, tree_digest
from plugins.model.site_state import BODY, SiteState

DEFAULTS = {"OUTPUT_MEMO": True, "OUTPUT_MEMO_PATH": None}  # None: <CACHE_PATH>/outputs
FORMAT = 2  # the record's layout; another value is no record
RECORD, FILES = "record.pickle", "files"


def template_folders(generators):
    """Every folder a generator's Jinja loader reads templates from."""
    folders, loaders = [], [getattr(g, "env", None) for g in generators]
    loaders = [env.loader for env in loaders if env is not None]
    while loaders:
        loader = loaders.pop()
        loaders += list(getattr(loader, "loaders", ())) + list(
            getattr(loader, "mapping", {}).values()
        )
        for folder in getattr(loader, "searchpath", ()):
            if folder not in folders:
                folders.append(folder)
    return sorted(folders)


def site_state(settings, context, generators):
    folders = {*template_folders(generators), settings.get("THEME") or ""}
    # a folder inside another (the theme's templates/ in the theme) is hashed with it
    folders = sorted(f for f in folders if not any(f.startswith(o + os.sep) for o in folders if o))
    trees = [(folder, os.path.isdir(folder) and tree_digest(folder)) for folder in folders]
    state = SiteState().add([FORMAT, sys.version, installed_versions(), code_digest(), trees])
    return state.add(context)


class OutputMemo:
    """The record of one build's writer calls, and the last build's record to reuse."""

    def __init__(self, settings, context, generators, staging, final, load=True):
        self.staging, self.final = staging, final
        self.folder = self.folder_of(settings, final)
        self.previous = self.read_record() if load else {}
        self.state = site_state(settings, context, generators)
        # The objects with a body, by their number in the state: a key that matches was made
        # from the same state, so the same number is the same object of the same site.
        self.bodies = {
            number: value for number, value in self.state.numbers.values() if hasattr(value, BODY)
        }
        self.body_digests = {}
        self.entries = {}  # name -> (key, bodies, files) of this build's calls
        self.reused, self.rendered = 0, []  # how many calls were reused; the names rendered

    @staticmethod
    def folder_of(settings, final):
        """The memo of the builds into `final`: record.pickle, and files/ (the files the record
        names, by their hash: hard links of the published ones, for an output folder removed)."""
        name = hashlib.sha256(os.path.abspath(final).encode()).hexdigest()[:24]
        return Path(cache_path(settings, "OUTPUT_MEMO_PATH", "outputs"), name)

    def read_record(self):
        try:
            record = pickle.loads((self.folder / RECORD).read_bytes())
        except Exception:  # missing, cut short, from another Python: no record
            return {}
        ok = isinstance(record, dict) and record.get("format") == (FORMAT, self.final)
        return record.get("entries", {}) if ok else {}

    def save(self):
        """Write the record, then keep exactly its files in files/."""
        record = {"format": (FORMAT, self.final), "entries": self.entries}
        record["rendered"] = self.rendered  # for people (and tests) asking what was rendered
        record["reused"] = self.reused
        temporary = self.folder / f"{RECORD}.{os.getpid()}.tmp"
        try:
            (self.folder / FILES).mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
            temporary.replace(self.folder / RECORD)
            self.keep_files()
        except OSError:
            (self.folder / RECORD).unlink(missing_ok=True)  # no record is safe; stale is too

    def keep_files(self):
        wanted = {
            digest.hex(): path for *_, files in self.entries.values() for path, digest in files
        }
        kept = self.folder / FILES
        present = set(os.listdir(kept))
        for name in present - wanted.keys():
            (kept / name).unlink(missing_ok=True)
        for name in wanted.keys() - present:
            try:
                os.link(os.path.join(self.final, wanted[name]), kept / name)
            except OSError:  # another file system: an output folder removed renders again
                return

    def body_digest(self, number):
        if number not in self.body_digests:
            body = body_html(self.bodies[number])
            data = b"" if body is None else body.encode("utf-8", "surrogatepass")
            self.body_digests[number] = hashlib.sha256(data).digest()
        return self.body_digests[number]

    def number_of(self, item):
        """The number of a content object in the state, or None if the state does not hold it."""
        known = self.state.numbers.get(id(item))
        return known[0] if known is not None and known[1] is item else None

    def key(self, arguments):
        call = self.state.fork()
        try:
            return call.add(arguments).digest()
        finally:
            call.forget_added()

    def write(self, name, paths, arguments, render, replay):
        """Render the call (`render()`), or link its files from the last build and `replay(path)`
        for each: what a render would have told the other plugins."""
        key = self.key(arguments)
        old = self.previous.get(name)
        if old is not None and old[0] == key and self.reuse(old):
            self.entries[name] = old
            self.reused += 1
            for path, _ in old[2]:
                replay(path)
            return
        self.rendered.append(name)
        with body_reads() as read:
            render()
        numbers = {self.number_of(item) for item in read}
        if None in numbers:  # a body the state does not hold: the call is not recorded
            return
        bodies = tuple((number, self.body_digest(number)) for number in sorted(numbers))
        files = []
        for path in paths:
            staged = os.path.join(self.staging, path)
            if os.path.isfile(staged):
                files.append((path, file_digest(staged)))
        self.entries[name] = (key, bodies, tuple(files))

    def reuse(self, old):
        """Whether the bodies are unchanged, and then the files linked into the staging folder
        (from the published site, or from files/ when the output folder was removed)."""
        if any(self.body_digest(number) != digest for number, digest in old[1]):
            return False
        found = [(path, self.copy_of(path, digest)) for path, digest in old[2]]
        if any(source is None for _, source in found):
            return False
        linked = []
        try:
            for path, source in found:
                staged = os.path.join(self.staging, path)
                os.makedirs(os.path.dirname(staged), exist_ok=True)
                os.link(source, staged)
                linked.append(staged)
        except OSError:  # (a file system without hard links) rendered instead; a render must
            for staged in linked:  # never write through a link into the published site
                os.unlink(staged)
            return False
        return True

    def copy_of(self, path, digest):
        """The published file at `path`, or the kept one, with these bytes; else None."""
        for candidate in (os.path.join(self.final, path), self.folder / FILES / digest.hex()):
            try:
                if os.path.isfile(candidate) and file_digest(candidate) == digest:
                    return candidate
            except OSError:
                continue
        return None


def last_record(settings, output):
    """The record of the last build into `output` ("rendered": the names of the writer calls
    it rendered, "reused": how many it reused), or None."""
    folder = OutputMemo.folder_of(settings, output)
    try:
        return pickle.loads((folder / RECORD).read_bytes())
    except Exception:
        return None


def open_memo(pelican, context, generators):
    """The build's memo, or None (OUTPUT_MEMO off, or no staged output: plugins/guard/
    atomic_output keeps the published site apart from the one being written)."""
    settings = pelican.settings
    staged = getattr(pelican, "staged_output", None)
    if staged is None or not settings.get("OUTPUT_MEMO", DEFAULTS["OUTPUT_MEMO"]):
        return None
    read_cache = build_of(settings).read_cache
    load = read_cache is None or read_cache.load  # --ignore-cache: render everything
    return OutputMemo(settings, context, generators, staged.staging, staged.final, load)
