"""content_guard: lint the content in every build and stop it with one list of every problem.

Each problem is one line, `path:line: what is wrong (how to fix it)`. The checks run at three
points of a build, and the build stops at the first point where a problem would otherwise let
Pelican or another plugin fail first with a less helpful message:

1. `article_generator_init`, before Pelican reads any file: first the content tree itself
   (content_tree.py: no symbolic links, pipes or devices anywhere), then every source file
   under ARTICLE_PATHS, PAGE_PATHS and the topics folder, read straight from disk (UTF-8, size,
   header lines that Markdown would read otherwise (error_report/header.py), metadata keys,
   required fields, dates, author and topic ids, drafts, a post's body, alt text, control
   characters (text_checks.py), the address rule (addresses.py), `{filename}`/`{static}` links).
   Files Pelican could not read (not UTF-8, a bad Date, no Title), unknown ids and anything
   that touches where a file is written stop the build here; the rest waits for the others.
2. `static_generator_finalized`: every file Pelican is about to copy from content/ is an inert
   type by its bytes, named by the address rule, within the size limit (content_tree.py).
   `all_generators_finalized`: two sources with the same address (also differing only in case)
   stop the build here, before the writer would fail on them.
3. `finalized` (before plugins/guard/atomic_output swaps the build in): root (`/posts/...`) and
   relative links are checked against the files the build wrote; then every problem found is
   raised in one ContentGuardError. The exception leaves output/ untouched.

Drafts (held back when their Date is in the future) and what plugins/guard/sanitize removed are
notes,
not errors: with CONTENT_GUARD_REPORT (set by `make check`) they are printed, one per line.
"""

import logging
import os
import re
import tomllib
from pathlib import Path

from pelican import signals

from plugins.model import build as build_object
from plugins.model.build import build_of
from plugins.model.defaults import use_defaults
from plugins.model.finishing import CHECK, add_step
from plugins.model.kinds import kinds

from .addresses import check_addresses, check_member_ids
from .content_tree import check_content_tree, check_static_files
from .link_checks import check_links, check_output_links
from .metadata import KNOWN_KEYS, build_now, member_ids, topic_ids
from .problems import ContentGuardError, Problem
from .settings import DEFAULTS, setting
from .site_checks import content_objects, sanitized_notes, url_collisions, urls_by_source
from .source_checks import Rules, check_source, shared_values
from .sources import read_sources, stray_files
from .text_checks import check_text

logger = logging.getLogger(__name__)

TOML_LINE = re.compile(r"at line (\d+)")


class GuardRun:
    """What the guard found so far in the current build (the build object's `guard`)."""

    def __init__(self, settings):
        self.settings = settings
        self.sources = []
        self.problems = []
        self.notes = []
        self.pending_links = []  # (source, link) to check against the output
        self.urls_by_source = {}

    def stop_if(self, condition):
        if condition:
            self.report()
            raise ContentGuardError(self.problems)

    def report(self):
        """The check's output: notes, then a summary line (only with CONTENT_GUARD_REPORT)."""
        for note in sorted(set(self.notes), key=lambda n: (n.path, n.kind, n.text)):
            logger.info("%s", note)
            if setting(self.settings, "CONTENT_GUARD_REPORT"):
                print(note, flush=True)
        if setting(self.settings, "CONTENT_GUARD_REPORT"):
            # The problems follow under their own count (ContentGuardError): not counted here.
            found = "" if self.problems else ": no problems"
            print(f"content_guard: checked {counted(self.sources)}{found}", flush=True)


def plural(count, what):
    return f"{count} {what}" if count == 1 else f"{count} {what}s"


KINDS_COUNTED = ("post", "page")  # by Pelican's "Processed ..." line


def counted(sources):
    """'10 articles (posts and meetings), 1 draft, 4 pages, 6 topics and 15 projects': what
    Pelican's "Processed ..." line counts (drafts and hidden ones apart), and the sources of
    every other kind there are."""
    parts = []
    for kind, name in (("post", "article"), ("page", "page")):
        statuses = [source.status for source in sources if source.kind == kind]
        drafts, hidden = statuses.count("draft"), statuses.count("hidden")
        parts.append(plural(len(statuses) - drafts - hidden, name))
        if kind == "post":
            parts[-1] += " (posts and meetings)"
        parts += [plural(drafts, "draft" if kind == "post" else "draft page")] if drafts else []
        parts += [plural(hidden, "hidden " + name)] if hidden else []
    others = dict.fromkeys(source.kind for source in sources if source.kind not in KINDS_COUNTED)
    parts += [plural(sum(source.kind == kind for source in sources), kind) for kind in others]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def rules_for(settings, problems):
    path = settings["PATH"]
    members_file = os.path.join(path, setting(settings, "MEMBERS_FILE") or "members.toml")
    topics_folder = os.path.join(path, setting(settings, "TOPICS_PATH"))
    max_bytes = setting(settings, "CONTENT_GUARD_MAX_BYTES")
    try:
        if os.path.isfile(members_file) and os.path.getsize(members_file) > max_bytes:
            size = os.path.getsize(members_file)
            problems.append(
                Problem(
                    members_file,
                    1,
                    f"the file is {size:,} bytes, over the limit of {max_bytes:,}",
                    "keep one short table per member; CONTENT_GUARD_MAX_BYTES sets the limit",
                    blocking=True,
                )
            )
            members = None
        else:
            members = member_ids(members_file)
    except tomllib.TOMLDecodeError as error:
        line = TOML_LINE.search(str(error))
        problems.append(
            Problem(
                members_file,
                int(line[1]) if line else 1,
                f"not valid TOML: {error}",
                "see https://toml.io; every member is a [member-id] table",
                blocking=True,
            )
        )
        members = None
    except UnicodeDecodeError as error:
        problems.append(
            Problem(
                members_file,
                1,
                f"the file is not valid UTF-8 (byte 0x{error.object[error.start]:02x})",
                "save it as UTF-8 in your editor",
                blocking=True,
            )
        )
        members = None
    return Rules(
        members=members,
        members_file=members_file,
        topics=topic_ids(topics_folder),
        topics_folder=topics_folder,
        categories=tuple(setting(settings, "CONTENT_GUARD_CATEGORIES")),
        known_keys=(*KNOWN_KEYS, *setting(settings, "CONTENT_GUARD_EXTRA_KEYS")),
        timezone=settings.get("TIMEZONE") or "UTC",
        max_bytes=setting(settings, "CONTENT_GUARD_MAX_BYTES"),
        now=build_now(settings),  # the build's one now (BUILD_NOW pins it)
        allow_placeholders=setting(settings, "CONTENT_GUARD_ALLOW_PLACEHOLDERS"),
        kinds={kind.name: kind for kind in kinds(settings)},
    )


def content_files(path):
    """Every file under the content folder, relative, with forward slashes."""
    return {
        Path(folder, name).relative_to(path).as_posix()
        for folder, _, names in os.walk(path)
        for name in names
    }


def check_sources(generator):
    """article_generator_init: the source files, before Pelican reads any of them."""
    settings = generator.settings
    build = build_of(settings).guard = GuardRun(settings)
    # Nothing from outside the repository: the tree is checked before any file is read.
    build.problems += check_content_tree(settings)
    build.stop_if(build.problems)
    build.sources, problems = read_sources(generator, settings)
    problems += stray_files(settings)
    rules = rules_for(settings, problems)
    if rules.members:
        members_text = Path(rules.members_file).read_text(encoding="utf-8", errors="replace")
        problems += check_member_ids(rules.members_file, rules.members, members_text)
    by_relative = {source.relative: source for source in build.sources}
    files = content_files(settings["PATH"])
    for source in build.sources:
        found, notes = check_source(source, rules)
        problems += found + check_text(source) + check_addresses(source, settings)
        build.notes += notes
        found, later = check_links(source, by_relative, files, build_of(settings).read_cache)
        problems += found
        build.pending_links += later
    problems += shared_values(build.sources, rules.kinds)
    build.problems += problems
    build.stop_if(any(problem.blocking for problem in problems))


def check_site(generators):
    """all_generators_finalized: addresses shared by two sources; what was sanitized."""
    build = build_of(generators[0].settings).guard if generators else None
    if build is None:
        return
    objects = content_objects(generators)
    build.urls_by_source = urls_by_source(objects)
    sources_by_path = {os.path.abspath(source.path): source for source in build.sources}
    collisions = url_collisions(objects, sources_by_path)
    build.problems += collisions
    build.notes += sanitized_notes(objects)
    build.stop_if(any(problem.blocking for problem in collisions))


def check_output(pelican):
    """finalized: root and relative links against what was written; then report everything."""
    build = build_of(pelican.settings).guard
    if build is None:
        return
    build.problems += check_output_links(
        build.pending_links, pelican.output_path, build.urls_by_source, build.settings["SITEURL"]
    )
    build.stop_if(build.problems)
    build.report()


def register():
    build_object.register()
    use_defaults(DEFAULTS)
    signals.article_generator_init.connect(check_sources)
    signals.static_generator_finalized.connect(check_static_files)
    signals.all_generators_finalized.connect(check_site)
    add_step(check_output, CHECK)
