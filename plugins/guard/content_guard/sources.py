"""The content source files of a build, read straight from disk before Pelican reads them."""

import os
from dataclasses import dataclass, field
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from plugins.model.error_report.header import markdown_lines
from plugins.model.kinds import kinds

from .metadata import Header, read_header
from .problems import Problem

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")
UNREAD_FORMATS = (".html", ".htm", ".rst", ".rest", ".txt")
SLUG_SUBSTITUTIONS = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]


@dataclass
class Source:
    path: str  # absolute
    relative: str  # relative to the content folder, with forward slashes
    kind: str  # "post", "page" or "topic"
    size: int
    lines: list = field(default_factory=list)
    header: Header | None = None  # None: not Markdown, or not readable

    def field(self, key):
        return self.header.fields.get(key) if self.header else None

    def value(self, key):
        found = self.field(key)
        return found.value if found else ""

    def line_of(self, key):
        found = self.field(key)
        return found.line if found else 1

    @property
    def status(self):
        return (self.value("status") or "published").strip().lower()

    @property
    def slug(self):
        """`Slug:`, else the file name slugified as Pelican does (SLUGIFY_SOURCE = "basename")."""
        return self.value("slug") or slugify(Path(self.path).stem, regex_subs=SLUG_SUBSTITUTIONS)


def read_source(path, relative, kind):
    """A Source and the problems found while decoding it (not UTF-8)."""
    raw = Path(path).read_bytes()
    source = Source(path=path, relative=relative, kind=kind, size=len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        message = f"the file is not valid UTF-8 (byte 0x{byte} at column {column})"
        fix = "save it as UTF-8 in your editor; Pelican reads every content file as UTF-8"
        return source, [Problem(path, line, message, fix, blocking=True)]
    source.lines = markdown_lines(text)
    if path.endswith(MARKDOWN_EXTENSIONS):
        source.header = read_header(source.lines)
    return source, []


def source_folders(settings, kind):
    """The folders of a kind's sources: its `sources` setting (a folder or a list of them)."""
    folders = settings.get(kind.sources) if kind.sources else None
    return [folders] if isinstance(folders, str) else list(folders or [])


def source_paths(generator, settings):
    """(relative path, kind) of every file the build reads, as Pelican's generators list them:
    the sources of every kind (plugins/model/kinds.py), the first kind to list a file keeping it."""
    found = {}
    for kind in kinds(settings):
        excluded = settings.get(f"{kind.setting}_EXCLUDES") or []
        for path in generator.get_files(source_folders(settings, kind), exclude=excluded):
            found.setdefault(path.replace(os.sep, "/"), kind.name)
    return sorted(found.items())


def read_sources(generator, settings):
    """Every Source of the build and the decoding problems."""
    sources, problems = [], []
    for relative, kind in source_paths(generator, settings):
        path = os.path.join(settings["PATH"], relative)
        source, found = read_source(path, relative, kind)
        sources.append(source)
        problems += found
    return sources, problems


def stray_files(settings):
    """Posts and pages written in a format the build does not read (HTML, reST, text), which it
    would otherwise skip without a word. (Editor files and images beside a post are fine.)"""
    folders = [folder for kind in kinds(settings) for folder in source_folders(settings, kind)]
    problems = []
    for folder in folders:
        for path in sorted(Path(settings["PATH"], folder).rglob("*")):
            suffix = path.suffix
            # UP.MD: Pelican reads only lowercase Markdown extensions
            miscased = suffix not in MARKDOWN_EXTENSIONS and suffix.lower() in MARKDOWN_EXTENSIONS
            if (suffix.lower() in UNREAD_FORMATS or miscased) and path.is_file():
                fix = f"rename it to {path.stem}{suffix.lower()}" if miscased else "write it as .md"
                message = f"a {suffix} file is not read: every content source is Markdown"
                problems.append(Problem(str(path), 1, message, fix))
    return problems
