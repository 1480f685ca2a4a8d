"""The output memo: a writer call made from the same inputs as in the last build is not rendered
again; the files it wrote then are linked from the published site into the staging folder.

Every writer call of the plan (a page, a paginated list, a feed, a file a generator makes
itself) gets a key: a hash of what every output depends on (the Python version, every installed
distribution's version, the `plugins` package's code, the template folders of every generator
and the theme folder, and every setting) and of the call's own arguments (the template, the
objects passed to it, the paths). When it renders, the call also records what it read
(plugins/compat), each by the hash of its state (plugins/model/site_state `LocalState`):
- the names of its context its templates and Pelican's writer looked up (`name_reads`), each
  with the state of its value: a list of posts by which posts in which order, not by what
  they say;
- the content objects it read any attribute of (`attribute_reads`), each with the state of all
  its attributes but the body: a post shown in a list is read, one passed over is not;
- the bodies it read (`body_reads`), each as Pelican resolves it (links to other posts made).
A call is reused when its key is the one recorded, every name, object and body it read has the
recorded state, and every file it wrote is in the published site with the recorded hash.
Anything else renders, as in a clean build. So a body edited renders the post's page and the
feeds that carry it; a title or tags edited the pages that show that post and the tags page; a
template or a setting everything. A file a generator makes itself (`write_own_file`) reads
what no hook sees: its key holds `made_from`, else the whole context. Content objects and hubs
are named by class, source and output path; one that shares its name is in no record.

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
from collections import Counter
from pathlib import Path

from pelican.contents import Content

from plugins.compat import attribute_reads, body_html, body_reads, name_reads, reading_context
from plugins.model.build import build_of
from plugins.model.defaults import cache_path
from plugins.model.digests import code_digest, file_digest, installed_versions, tree_digest
from plugins.model.hubs.hubs import Hub
from plugins.model.site_state import NOT_SHOWN, LocalState, SiteState

DEFAULTS = {"OUTPUT_MEMO": True, "OUTPUT_MEMO_PATH": None}  # None: <CACHE_PATH>/outputs
FORMAT = 3  # the record's layout; another value is no record
RECORD, FILES = "record.pickle", "files"
ABSENT, HIDDEN = b"absent", b"not shown"  # the state of a name not in the context, or NOT_SHOWN
# The objects each read and named on their own: what a page shows of a post or a topic is read
# from its attributes (a list of posts is which posts, a post's state is not its topic's).
NAMED = (Content, Hub)


def name_of(item):
    return f"{getattr(item, 'source_path', '')}|{item.save_as}"


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


def code_state(settings, generators):
    """What every output depends on but the settings: versions, code, templates, the theme."""
    folders = {*template_folders(generators), settings.get("THEME") or ""}
    # a folder inside another (the theme's templates/ in the theme) is hashed with it
    folders = sorted(f for f in folders if not any(f.startswith(o + os.sep) for o in folders if o))
    trees = [(folder, os.path.isdir(folder) and tree_digest(folder)) for folder in folders]
    return [FORMAT, sys.version, installed_versions(), code_digest(), trees]


def content_names(state):
    """{id: (object, name)} of every content object and hub (a topic, a member) `state` met,
    named by its class, source and output path; objects sharing a name are left out."""
    found = [item for _, item in state.numbers.values() if isinstance(item, NAMED)]
    named = [(item, f"@{type(item).__qualname__}|{name_of(item)}") for item in found]
    counts = Counter(name for _, name in named)
    return {id(item): (item, name) for item, name in named if counts[name] == 1}


class OutputMemo:
    """The record of one build's writer calls, and the last build's record to reuse."""

    def __init__(self, settings, context, generators, staging, final, load=True):
        self.staging, self.final = staging, final
        self.folder = self.folder_of(settings, final)
        self.previous = self.read_record() if load else {}
        whole = SiteState().add(context)  # all a page can show: for write_own_file's calls
        self.whole, self.names = whole.digest(), content_names(whole)  # (the walk is let go)
        self.objects = {name: item for item, name in self.names.values()}
        self.names[id(settings)] = (settings, "@settings")
        self.names[id(context)] = (context, "@context")
        base = SiteState().add(code_state(settings, generators))
        base.update(LocalState(self.names).of_object(settings).hex())
        self.base, self.site_url = base.digest(), settings.get("SITEURL", "")
        self.object_states, self.value_states, self.body_states = {}, {}, {}
        self.interned = {}  # one tuple for equal (name, state) pairs: the record stays small
        self.entries = {}  # name -> (key, names, objects, bodies, files) of this build's calls
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

    def object_state(self, name):
        """The state of the content object named `name` (all but its body), or None."""
        if name not in self.object_states:
            item = self.objects.get(name)
            state = None if item is None else LocalState(self.names).of_object(item)
            self.object_states[name] = state
        return self.object_states[name]

    def body_state(self, name):
        """The hash of the body of `name` as Pelican resolves it (its links to other posts made,
        by their addresses), or None."""
        if name not in self.body_states:
            item, state = self.objects.get(name), None
            if item is not None:
                raw = body_html(item)
                html = raw if raw is None else item.get_content(self.site_url)
                state = hashlib.sha256(repr((raw, html)).encode("utf-8", "surrogatepass")).digest()
            self.body_states[name] = state
        return self.body_states[name]

    def value_state(self, context, name):
        """The state of `context[name]`: which objects, in which order, what else it holds."""
        if not dict.__contains__(context, name):
            return ABSENT
        if name in NOT_SHOWN:
            return HIDDEN
        value = dict.__getitem__(context, name)
        known = self.value_states.get((name, id(value)))
        if known is None or known[0] is not value:
            known = (value, LocalState(self.names).of_value(value))
            self.value_states[name, id(value)] = known
        return known[1]

    def key(self, arguments, whole):
        state = LocalState(self.names)
        state.update(self.base)
        if whole:
            state.update(self.whole)
        return state.of_value(arguments).hex()

    def write(self, name, paths, arguments, render, replay, context=None, whole=False):
        """Render the call (`render(context)`, given a copy of `context` that notes what is read
        from it), or link its files from the last build and `replay(path)` for each: what a
        render would have told the other plugins. Without a `context` (a file a generator makes
        itself) nothing but the bodies is noted: the key holds the whole state when `whole`."""
        own = context is None
        key = self.key(arguments, whole)
        old = self.previous.get(name)
        if old is not None and old[0] == key and self.unchanged(old, context) and self.reuse(old):
            self.entries[name] = old
            self.reused += 1
            for path, _ in old[4]:
                replay(path)
            return
        self.rendered.append(name)
        with body_reads() as bodies, attribute_reads(Hub) as objects, name_reads() as names:
            render(None if own else reading_context(context))
        read = self.states_read(context, bodies, () if own else objects, () if own else names)
        if read is None:  # an object without a name of its own: the call is not recorded
            return
        files = []
        for path in paths:
            staged = os.path.join(self.staging, path)
            if os.path.isfile(staged):
                files.append((path, file_digest(staged)))
        self.entries[name] = (key, *read, tuple(files))

    def states_read(self, context, bodies, objects, names):
        """(names, objects, bodies) read, each a sorted tuple of (name, state); None when an
        object read has no name of its own."""
        named = {}
        for item in (*objects, *bodies):
            known = self.names.get(id(item))
            if known is None or known[0] is not item:
                return None
            named[id(item)] = known[1]
        pairs = (
            ((name, self.value_state(context, name)) for name in names),
            ((named[id(item)], self.object_state(named[id(item)])) for item in objects),
            ((named[id(item)], self.body_state(named[id(item)])) for item in bodies),
        )
        intern = self.interned.setdefault
        return tuple(tuple(sorted(intern(pair, pair) for pair in kind)) for kind in pairs)

    def unchanged(self, old, context):
        """Whether every name, object and body the call read last time is as it was."""
        _, names, objects, bodies, _ = old
        return (
            all(self.value_state(context, name) == state for name, state in names)
            and all(self.object_state(name) == state for name, state in objects)
            and all(self.body_state(name) == state for name, state in bodies)
        )

    def reuse(self, old):
        """Whether the files of the call could be linked into the staging folder (from the
        published site, or from files/ when the output folder was removed)."""
        found = [(path, self.copy_of(path, digest)) for path, digest in old[4]]
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
