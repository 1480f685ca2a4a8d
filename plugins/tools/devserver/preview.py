"""The dev server's preview of an edited post: its page and its feeds, well under a second.

A full build of a large site takes seconds, however warm: it reads and checks every source again
and makes the search index again (only the pages do not all render again: the output memo,
plugins/guard/output_plan/memo.py). When the only change is the body of a published post (its
header is the same), what changes first is that post's page and the feeds that carry its body.
The process of the last successful build keeps that build's generators (`Preview.connect`, in
the build's child before Pelican runs); asked for a preview, it reads the edited files again
with the build's own readers (so plugins/guard/sanitize and plugins/outputs/reading_time run on
them), puts each new body into the post object every page and feed already refers to, and runs
the generators' output with a writer that writes only those posts' pages and the feeds they are
in (site, category, tags, topics, members), each written beside the output folder and moved into
it whole. Lists, the search index and the rest follow with the full build.

A preview is only a head start: the dev server runs the full build right after it, and that
build (atomic, every check) is what stays; if it fails, the preview is undone (the files and the
bodies it replaced are put back), so the server keeps showing the last good build. An edited
header (title, date, tags, topics...) changes lists everywhere, so no preview is made for it.
"""

import contextlib
import os
import shutil

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator, StaticGenerator
from pelican.writers import Writer


class PreviewWriter(Writer):
    """Writes the outputs in `wanted` (paths relative to the output folder) and nothing else."""

    is_build_process = False  # generators that write files themselves (JSON Feed, calendars) skip

    def __init__(self, output_path, settings, wanted):
        super().__init__(output_path, settings=settings)
        self.wanted = wanted
        self.written = []

    def write_file(self, name, *args, **kwargs):
        if name in self.wanted:
            self.written.append(name)
            return super().write_file(name, *args, **kwargs)
        return None

    def write_own_file(self, path, make_bytes, what="file", made_from=None):
        """The JSON Feed and calendars wait for the full build."""

    def write_feed(self, elements, context, *args, **kwargs):
        path = args[0] if args else kwargs.get("path")
        if path in self.wanted:
            self.written.append(path)
            return super().write_feed(elements, context, *args, **kwargs)
        return None


class Preview:
    """The state of the last build in this process, and previews made from it."""

    def __init__(self):
        self.pelican = None
        self.generators = []
        self.articles = None  # the ArticlesGenerator of the build
        self.undo_data = ([], {})  # what the last preview replaced: post bodies, output files

    def connect(self):
        signals.initialized.connect(self.set_pelican, weak=False)
        signals.all_generators_finalized.connect(self.set_generators, weak=False)

    def set_pelican(self, pelican):
        self.pelican = pelican

    def set_generators(self, generators):
        self.generators = list(generators)
        self.articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)

    def update(self, paths):
        """{"preview": [written paths]} or {"preview": None, "why": ...} for `paths` edited."""
        if self.pelican is None or self.articles is None:
            return {"preview": None, "why": "no build to start from"}
        generator = self.articles
        by_source = {os.path.abspath(a.source_path): a for a in generator.articles}
        edits = []
        for path in paths:
            post = by_source.get(os.path.abspath(path))
            if post is None:
                return {"preview": None, "why": f"{path} is not a published post"}
            new = generator.readers.read_file(
                base_path=generator.path,
                path=os.path.relpath(os.path.abspath(path), generator.path),
                content_class=Article,
                context=generator.context,
            )
            if new.metadata != post.metadata:
                return {"preview": None, "why": f"the header of {path} changed"}
            edits.append((post, new))
        settings = self.pelican.settings
        wanted = set().union(*(outputs_showing_the_body(post, settings) for post, _ in edits))
        output = self.pelican.output_path
        self.undo_data = (
            [(post, take_body(post, new)) for post, new in edits],
            {path: read_or_none(os.path.join(output, path)) for path in wanted},
        )
        # Written next to the output, then moved in file by file: the server never sends a
        # half-written page (the name is one the dev server's watcher and atomic_output know).
        parent, name = os.path.split(os.path.abspath(output))
        staging = os.path.join(parent, f".{name}-staging-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            writer = PreviewWriter(staging, settings, wanted)
            for other in self.generators:  # topics and members write feeds too
                if hasattr(other, "generate_output") and not isinstance(other, StaticGenerator):
                    other.generate_output(writer)
            changed = []  # a file with the bytes of the output stays as it is: no reload
            for path in writer.written:
                if read_or_none(os.path.join(staging, path)) == self.undo_data[1].get(path):
                    continue
                os.makedirs(os.path.dirname(os.path.join(output, path)), exist_ok=True)
                os.replace(os.path.join(staging, path), os.path.join(output, path))
                changed.append(path)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return {"preview": sorted(changed)}

    def undo(self):
        """The full build after the preview failed: back to the last good build's files and
        bodies, as if there had been no preview."""
        bodies, files = self.undo_data
        for post, old in bodies:
            take_body(post, old)
        for path, data in files.items():
            full_path = os.path.join(self.pelican.output_path, path)
            if data is None:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(full_path)
            else:
                with open(full_path + ".undo", "wb") as restored:
                    restored.write(data)
                os.replace(full_path + ".undo", full_path)
        self.undo_data = ([], {})
        return {"undone": sorted(files)}


def outputs_showing_the_body(post, settings):
    """The post's page and every feed it is in: the site's, its category's, tags', topics' and
    members' (a feed the post is too old for is written again with the same bytes)."""
    paths = {post.save_as, settings.get("FEED_ALL_ATOM"), settings.get("FEED_ALL_RSS")}
    for setting, items in (
        ("CATEGORY_FEED", [post.category] if getattr(post, "category", None) else []),
        ("TAG_FEED", getattr(post, "tags", None) or []),
    ):
        for kind in ("ATOM", "RSS"):
            pattern = settings.get(f"{setting}_{kind}")
            paths |= {pattern.format(slug=item.slug) for item in items} if pattern else set()
    for item in [
        *(getattr(post, "topic_list", None) or []),
        *(getattr(post, "members", None) or []),
    ]:
        paths |= {getattr(item, "feed_atom", None), getattr(item, "feed_rss", None)}
    return paths - {None, ""}


def read_or_none(path):
    try:
        with open(path, "rb") as existing:
            return existing.read()
    except FileNotFoundError:
        return None


class Body:
    """What take_body moves from one post object to another."""

    def __init__(self, post):
        from plugins.compat import (
            body_html,  # on use: builder.py imports this before plugins/ is found
        )

        self.html = body_html(post)
        self.__dict__.update(
            {name: getattr(post, name) for name in BODY_ATTRIBUTES if hasattr(post, name)}
        )


BODY_ATTRIBUTES = ("reading_minutes", "sanitized_removals")


def take_body(post, new):
    """Give `post` (the object every list, feed and neighbour refers to) the body of `new`;
    return its previous body."""
    from plugins.compat import body_html, forget_rendered, set_body_html  # see Body

    previous = Body(post)
    set_body_html(post, new.html if isinstance(new, Body) else body_html(new))
    for name in BODY_ATTRIBUTES:
        if hasattr(new, name):
            setattr(post, name, getattr(new, name))
    forget_rendered(post)  # Pelican caches the body and summary per post
    return previous
