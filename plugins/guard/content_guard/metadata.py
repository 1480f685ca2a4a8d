"""What the site knows about content metadata; shared by the guard and `make newpost`.

The header itself is read by error_report.header (read_header, with every field's line), the one
reader of it that every plugin and test uses; its names are imported here for the guard.

Dates have a domain: `build_now(settings)` is the one "now" of a build (the guard's checks of Date
and Modified, and plugins/kinds/events' split of upcoming from past meetings and its own checks),
and
`date_problem` says when a Date or Modified is outside the site's years or, for Modified, after
that now (it feeds the sitemap's lastmod, the feeds and the calendars' SEQUENCE and DTSTAMP).
"""

import difflib
import re
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# The guard's modules import the header reader's names from here, and the one splitter of
# list-valued fields (Tags, Authors, Topics, Aliases), which the plugins that build them use too.
from plugins.model.error_report.header import (  # noqa: F401
    KNOWN_KEYS,
    META_BEGIN,
    META_END,
    Header,
    read_header,
    split_list,
)

REQUIRED_FOR_PAGES = (
    "title",
)  # of a source of no declared kind (the kinds: plugins/model/kinds.py)
STATUSES = ("published", "draft", "hidden")
DEFAULT_CATEGORIES = ("Announcements", "Essays", "Events")
DATE_FIX = "write it as YYYY-MM-DD HH:MM, for example 2026-12-01 10:00, or 2026-12-01T10:00+01:00"
# `make newpost` writes these; a post that still contains them is not finished.
PLACEHOLDER_SUMMARY = "One or two plain sentences for lists, feeds and search results."
PLACEHOLDER_BODY = "Replace this paragraph with your post."

ISO_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Every tag, topic and member of a post gets pages and feeds of its own: a post names a few.
MAX_ITEMS = {"tags": 20, "topics": 10, "authors": 10, "author": 10}
MAX_TAG_LENGTH = 60  # characters; a tag is a word or a few, shown in lists and in its address
# Date and Modified lie in these years: the group was proposed in September 2008, so nothing it
# published is older; a draft may be dated ahead, as far as the meetings' dates go (events).
FIRST_YEAR, LAST_YEAR = 2008, 2200
# Modified may be this far after the build's now: a time written without an offset is read in
# TIMEZONE (UTC), up to 14 hours off the writer's own clock.
MODIFIED_SLACK = timedelta(days=1)
# The setting that pins the build's now (tests, the golden site); EVENTS_NOW is its former name.
NOW_SETTINGS = ("BUILD_NOW", "EVENTS_NOW")


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


def build_now(settings):
    """The one "now" of a build, an aware datetime in UTC: BUILD_NOW when set (an ISO date, or a
    date and time, UTC without an offset), else EVENTS_NOW, its former name, else the clock.
    ValueError (a settings mistake, not content) when it does not parse or the two disagree."""
    given = {name: settings[name] for name in NOW_SETTINGS if settings.get(name)}
    moments = set()
    for name, value in given.items():
        try:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        except ValueError:
            raise ValueError(f"{name} {value!r} is not an ISO date like 2027-01-01") from None
        moments.add((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC))
    if len(moments) > 1:
        raise ValueError(f"{' and '.join(given)} differ: set BUILD_NOW only")
    return moments.pop() if moments else datetime.now(UTC)


def date_problem(key, text, moment, now):
    """(problem, fix) when the Date or Modified (`key`) written as `text` and read as `moment`
    is outside FIRST_YEAR to LAST_YEAR, or is a Modified after `now` (build_now) plus
    MODIFIED_SLACK; else None. The year is checked first, so no arithmetic can overflow."""
    name = display_key(key)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        problem = f"{name} {text} is outside the years {FIRST_YEAR} to {LAST_YEAR}"
        return problem, f"give the real date, from {FIRST_YEAR} (the group's first year) on"
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if key == "modified" and aware > now + MODIFIED_SLACK:
        problem = f"Modified {text} is after the time of the build, {now:%Y-%m-%d %H:%M} UTC"
        fix = "Modified is the time of the last real change: give when it was made"
        return problem, fix
    return None


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
