"""What the site knows about content metadata; shared by the guard and `make newpost`.

The header of a Markdown file is read the way Python-Markdown's `meta` extension (which Pelican
uses) reads it: `Key: value` lines up to the first blank line, continuation lines indented by
four spaces, an optional `---` first line. Here every field also keeps its line number.
"""

import difflib
import re
import tomllib
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

# Display spelling of every metadata key the site understands (keys are case-insensitive).
KNOWN_KEYS = (
    *("Title", "Date", "Modified", "Authors", "Author", "Topics", "Tags", "Category"),
    *("Summary", "Slug", "Status", "Guid", "Aliases", "Template", "Save_as", "URL", "Lang"),
    *("Translation", "Order", "Event-Start", "Event-End", "Event-Duration", "Event-Timezone"),
    *("Event-Location", "Event-URL"),
)
KNOWN_LOWER = {key.lower() for key in KNOWN_KEYS}
REQUIRED_FOR_POSTS = ("title", "date", "authors", "summary")
REQUIRED_FOR_PAGES = ("title",)
STATUSES = ("published", "draft", "hidden")
DEFAULT_CATEGORIES = ("Announcements", "Essays", "Events")
DATE_FIX = "write it as YYYY-MM-DD HH:MM, for example 2026-12-01 10:00, or 2026-12-01T10:00+01:00"
# `make newpost` writes these; a post that still contains them is not finished.
PLACEHOLDER_SUMMARY = "One or two plain sentences for lists, feeds and search results."
PLACEHOLDER_BODY = "Replace this paragraph with your post."

META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
META_BEGIN = re.compile(r"^-{3}(\s.*)?")
META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")
ISO_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Every tag, topic and member of a post gets pages and feeds of its own: a post names a few.
MAX_ITEMS = {"tags": 20, "topics": 10, "authors": 10, "author": 10}
MAX_TAG_LENGTH = 60  # characters; a tag is a word or a few, shown in lists and in its address


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


def display_key(key):
    """'authors' -> 'Authors', 'event-start' -> 'Event-Start'."""
    return next((known for known in KNOWN_KEYS if known.lower() == key.lower()), key)


def closest(word, choices):
    """The choice closest to word (difflib), else the only one that starts with it, or None."""
    lowered = {choice.lower(): choice for choice in choices}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    if not found:
        found = [choice for choice in lowered if word and choice.startswith(word.lower())]
    return lowered[found[0]] if len(found) == 1 else None


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


def split_list(value):
    """Pelican's list rule: split on semicolons if there are any, else on commas."""
    parts = value.split(";") if ";" in value else value.split(",")
    return [part.strip() for part in parts if part.strip()]


def parse_date(value, timezone):
    """An aware datetime from an ISO 8601 value; ValueError with a readable reason."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError as error:
        reason = str(error)
        if ISO_SHAPE.match(value.strip()) and not reason.startswith("Invalid isoformat"):
            raise ValueError(f"'{value}' is not a real date or time: {reason}") from None
        raise ValueError(f"'{value}' is not an ISO 8601 date") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(timezone or "UTC"))
    return parsed


def member_ids(members_file):
    """The table keys of members.toml (None when the file does not exist)."""
    path = Path(members_file)
    if not path.is_file():
        return None
    with path.open("rb") as source:
        return sorted(tomllib.load(source))


def topic_ids(topics_folder):
    """Topic slugs: the Markdown file names in the topics folder (None when it is missing)."""
    folder = Path(topics_folder)
    if not folder.is_dir():
        return None
    return sorted(path.stem for path in folder.glob("*.md"))
