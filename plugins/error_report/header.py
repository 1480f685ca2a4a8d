"""The one reader of a Markdown file's metadata header, and the line of a key in it.

Every `path:line` a content error names for a metadata key comes from here: content_guard's
checks, the plugins' own errors (metadata_line: topics, members, events, feeds, output_plan)
and the tests that read the content folder. One reader, so that they all agree on what the
header is.

It reads the header the way Python-Markdown's `meta` extension (which Pelican uses) does:
`Key: value` lines up to the first blank line, continuation lines indented by four spaces, an
optional `---` first line and `---` or `...` last line. Every field keeps its line number. It is
linear in the length of the file (content is untrusted).
"""

import re
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

META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
META_BEGIN = re.compile(r"^-{3}(\s.*)?")
META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")
# Markdown splits lines at CRLF, CR and LF only. (str.splitlines also splits at form feeds,
# U+0085 and U+2028, which would cut a header short and shift the line numbers.)
LINE_BREAK = re.compile(r"\r\n|\r|\n")


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
    # (Field, key of the field it continues) for an indented `Key: value` line: Markdown reads it
    # as more of the line above (`Topics: a` then `    Tags: b` gives the topic "a Tags: b")
    indented: list = dataclass_field(default_factory=list)

    def line_of(self, *keys, default=1):
        """The line of the first of `keys` the header sets (any case), else of an indented
        `Key:` line that looks like it (Markdown read it as more of the line above), else
        `default`."""
        for key in keys:
            if key.lower() in self.fields:
                return self.fields[key.lower()].line
        for key in keys:
            for field, _ in self.indented:
                if field.name.lower() == key.lower():
                    return field.line
        return default


def markdown_lines(text):
    """The lines of a text as Markdown splits them, without their line breaks."""
    lines = LINE_BREAK.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def read_header(lines):
    """The metadata header of a Markdown file given as a list of lines."""
    fields, repeated = {}, []
    index = 1 if lines and META_BEGIN.match(lines[0]) else 0
    current, parts = None, {}  # parts: id(Field) -> its value and continuation lines
    indented = []
    while index < len(lines):
        line = lines[index]
        if not line.strip() or META_END.match(line):
            index += 1
            break
        meta = META_LINE.match(line)
        more = META_MORE.match(line)
        if meta:
            current = Field(meta["key"], meta["value"].strip(), index + 1)
            parts[id(current)] = [current.value]
            key = meta["key"].lower()
            if key in fields:
                repeated.append(current)
            else:
                fields[key] = current
        elif more and current:
            parts[id(current)].append(more["value"].strip())  # joined once: linear
            looks_like = META_LINE.match(more["value"])
            if looks_like and looks_like["key"].lower() in KNOWN_LOWER:
                indented.append((Field(looks_like["key"], "", index + 1), current.name))
        else:
            break
        index += 1
    for field in [*fields.values(), *repeated]:
        field.value = " ".join(part for part in parts[id(field)] if part)
    return Header(fields, repeated, body_line=index + 1, indented=indented)


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
