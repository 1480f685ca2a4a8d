"""The one reader of a Markdown file's metadata header, and the line of a key in it.

Every `path:line` a content error names for a metadata key comes from here: content_guard's
checks, the plugins' own errors (metadata_line: topics, members, events, feeds, output_plan)
and the tests that read the content folder. One reader, so that they all agree on what the
header is.

It reads the header the way Python-Markdown's `meta` extension (which Pelican uses) does:
`Key: value` lines up to the first blank line, an optional `---` first line and `---` or `...`
last line. Every field keeps its line number. It is linear in the length of the file (content
is untrusted).

A header line means one thing. Markdown reads an indented line in ways nobody can see: a tab
becomes four spaces and the line more of the field above (`Summary: ...` then a tabbed
`Tags: asyncio` is a longer Summary and no tags), a line indented by a non-breaking space ends
the header, a tabbed first line leaves no header at all. So every header line starts at
column 0 and holds no tab; the one exception is a continuation line of a key the site reads as
several lines (MULTI_LINE_KEYS, the agenda of a meeting), indented by four spaces or more.
Anything else is kept in `Header.layout`, one (line, what, fix) per line, which content_guard
refuses; the fields are read as the contributor meant them (an indented `Tags:` line is Tags,
not more of Summary), so no other check reports the same mistake in other words.

A list-valued field (Tags, Authors, Topics, Aliases, Event-Skip, Event-Moved) is split by
`split_list`, Pelican's own rule for Tags and Authors: on semicolons if there are any, else on
commas. The check of a field and the code that builds from it both call it, so they never
disagree on what the items are (`Aliases: /a/;/b/` is two aliases for both).
"""

import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dataclass_field

# Display spelling of every metadata key the site understands (keys are case-insensitive).
KNOWN_KEYS = (
    *("Title", "Date", "Modified", "Authors", "Author", "Topics", "Tags", "Category"),
    *("Summary", "Slug", "Status", "Guid", "Aliases", "Template", "Save_as", "URL", "Lang"),
    *("Translation", "Order", "Event-Start", "Event-End", "Event-Duration", "Event-Timezone"),
    *("Event-Location", "Event-URL"),
)
KNOWN_LOWER = {key.lower() for key in KNOWN_KEYS}
# The keys a plugin reads as several lines (plugins/kinds/events/reading.py: LISTS and Event-Talks):
# the only ones that may go on over continuation lines.
# How a yes/no field of a header is read (Event-Example): any other value is an error.
YES, NO = ("yes", "true", "1"), ("no", "false", "0", "")
MULTI_LINE_KEYS = ("Event-Talks", "Event-Location", "Event-Skip", "Event-Moved")
MULTI_LINE_LOWER = {key.lower() for key in MULTI_LINE_KEYS}

META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
META_BEGIN = re.compile(r"^-{3}(\s.*)?")
META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")
# What a line can be indented by: spaces, tabs, other Unicode spaces, and the invisible
# zero-width characters (which Markdown does not take for spaces either).
INDENT = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]*")
# Markdown splits lines at CRLF, CR and LF only. (str.splitlines also splits at form feeds,
# U+0085 and U+2028, which would cut a header short and shift the line numbers.)
LINE_BREAK = re.compile(r"\r\n|\r|\n")

AT_COLUMN_0 = (
    "start every header line at the beginning of the line, with no spaces or tabs before the key"
)
SHOWN_LENGTH = 60


@dataclass
class Field:
    name: str  # as written
    value: str
    line: int


@dataclass
class Header:
    fields: dict  # lowercased key -> Field (the first definition, as Pelican keeps it)
    repeated: list  # Fields defined a second time
    body_line: int  # line number of the first body line
    # (line, what is wrong, how to fix it) for each header line that does not start at column 0,
    # holds a tab, or continues a key that takes one line
    layout: list = dataclass_field(default_factory=list)

    def line_of(self, *keys, default=1):
        """The line of the first of `keys` the header sets (any case), else `default`."""
        for key in keys:
            if key.lower() in self.fields:
                return self.fields[key.lower()].line
        return default


def split_list(value):
    """The items of a list-valued metadata value, stripped, empty ones dropped, in order:
    split on semicolons if there are any, else on commas (pelican.readers.ensure_metadata_list,
    which reads Tags and Authors). A list (Pelican's value of a field with continuation lines)
    is its lines, each split by the same rule."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [item for line in value for item in split_list(line)]
    value = str(value)
    parts = value.split(";") if ";" in value else value.split(",")
    return [part.strip() for part in parts if part.strip()]


def markdown_lines(text):
    """The lines of a text as Markdown splits them, without their line breaks."""
    lines = LINE_BREAK.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def shown(text):
    """A header line for a message: unprintable characters escaped (a tab as \\t), cut short."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text.strip())
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH] + "…"


def indented_by(indent):
    """'by 2 spaces', 'by a tab', 'by spaces and tabs', 'by U+00A0 (no-break space)'."""
    odd = [c for c in indent if c not in " \t"]
    if odd:
        name = unicodedata.name(odd[0], "").lower() or "an invisible character"
        return f"by U+{ord(odd[0]):04X} ({name})"
    if "\t" in indent and " " in indent:
        return "by spaces and tabs"
    count, what = len(indent), "tab" if "\t" in indent else "space"
    return f"by a {what}" if count == 1 else f"by {count} {what}s"


class MarkdownView:
    """How Python-Markdown's meta extension reads the header, line by line (it expands tabs to
    four columns first), to say what an indented line does there."""

    def __init__(self):
        self.key = None  # the field it adds continuation lines to
        self.reading = True  # False once its header has ended

    def read(self, line):
        """('key', None), ('more', name of the field) or ('end', name or None): this line's
        reading; None after the header has ended."""
        if not self.reading:
            return None
        expanded = line.expandtabs(4)
        meta = META_LINE.match(expanded)
        if meta:
            self.key = meta["key"]
            return ("key", None)
        if META_MORE.match(expanded) and self.key:
            return ("more", self.key)
        self.reading = False
        return ("end", self.key)


def effect(reading, meant):
    """', so Markdown ...' for a refused line Markdown reads otherwise than `meant`."""
    if reading is None or reading == meant:
        return ""
    kind, key = reading
    if kind == "key":
        return ", so Markdown reads it as a header line of its own"
    if kind == "more":
        return f", so Markdown reads it as more of '{key}'"
    if kind == "end" and key is None:
        return ", so Markdown reads no header at all"
    return ", so Markdown ends the header there and shows it and the lines below as text"


def layout_problem(text, indent, key_line, current, reading):
    """(what, fix) for a header line that is not as it should be, or None when it is fine."""
    if key_line:
        if indent:
            what = f"the header line '{shown(text)}' is indented {indented_by(indent)}"
            return what + effect(reading, ("key", None)), AT_COLUMN_0
    elif current.name.lower() not in MULTI_LINE_LOWER:
        what = f"the indented line '{shown(text)}' continues '{current.name}', which takes one line"
        multi = ", ".join(MULTI_LINE_KEYS[:-1]) + " and " + MULTI_LINE_KEYS[-1]
        fix = (
            f"write {current.name} on one line; only {multi} go on over lines indented by 4 spaces"
        )
        return what + effect(reading, ("more", current.name)), fix
    elif set(indent) != {" "} or len(indent) < 4:
        what = f"the continuation line '{shown(text)}' of {current.name}"
        what += f" is indented {indented_by(indent)}"
        fix = f"indent a continuation line of {current.name} by 4 spaces, not tabs or other spaces"
        return what + effect(reading, ("more", current.name)), fix
    if "\t" in text:
        return f"the header line '{shown(text)}' has a tab", "replace the tab with a space"
    return None


def starts_a_field(text, indent, current):
    """Whether `text` (a line without its indent) is meant as a `Key: value` line: at column 0,
    or indented with a key the site knows (or first in the header). An indented `Python: the
    language` under Summary, or `Keynote: ... | a-speaker` under Event-Talks, is meant as more
    of the field above."""
    meta = META_LINE.match(text)
    if not meta or not indent or current is None:
        return bool(meta)
    key = meta["key"].lower()
    return key in KNOWN_LOWER or key.startswith("event-")


def read_header(lines):
    """The metadata header of a Markdown file given as a list of lines."""
    fields, repeated, layout = {}, [], []
    index = 1 if lines and META_BEGIN.match(lines[0]) else 0
    current, parts = None, {}  # parts: id(Field) -> its value and continuation lines
    markdown = MarkdownView()
    while index < len(lines):
        line = lines[index]
        if not line.strip() or META_END.match(line):
            index += 1
            break
        indent = INDENT.match(line)[0]
        text = line[len(indent) :]
        key_line = starts_a_field(text, indent, current)
        if not key_line and not (indent and text and current):
            break  # the body starts (no blank line after the header), or there is no header
        reading = markdown.read(line)
        problem = layout_problem(text, indent, key_line, current, reading)
        if problem:
            layout.append((index + 1, *problem))
        if key_line:
            meta = META_LINE.match(text)
            current = Field(meta["key"], meta["value"].strip(), index + 1)
            parts[id(current)] = [current.value]
            key = meta["key"].lower()
            if key in fields:
                repeated.append(current)
            else:
                fields[key] = current
        else:
            parts[id(current)].append(text.strip())  # joined once: linear
        index += 1
    for field in [*fields.values(), *repeated]:
        field.value = " ".join(part for part in parts[id(field)] if part)
    return Header(fields, repeated, body_line=index + 1, layout=layout)


def read_header_of(path):
    """The header of the Markdown file at `path`; an empty one when it cannot be read."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as source:
            return read_header(markdown_lines(source.read()))
    except (OSError, UnicodeDecodeError):
        return read_header([])


def metadata_line(path, key):
    """Line number of the `Key:` metadata line in the header of the file at `path`, else 1."""
    return read_header_of(path).line_of(key)
