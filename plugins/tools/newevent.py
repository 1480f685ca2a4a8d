"""Scaffold a meeting: `make newevent TITLE="..." START="YYYY-MM-DD HH:MM" [TIMEZONE=Europe/Berlin
DURATION=1h REPEAT="monthly on the first Wednesday" LOCATION="..." AUTHOR=id TOPICS=a,b]`.

Writes content/events/<slug>.md (slug from the title, as `make newpost` makes it; Date now in
UTC) with the Event-* fields of README.md's "Meetings", and a body of one sentence made of those
facts, so that the file builds as it is written: a one-off meeting, or a series with REPEAT. The
values are read by the events plugin's own functions (a zone of the tz database, with its "did you
mean"; a duration; a series in words) before anything is written. The optional fields are listed
in a comment below the header. Refuses what `make newpost` refuses (a file or slug that exists,
unknown author or topic ids).
"""

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from pelican.settings import read_settings
from pelican.utils import slugify

from plugins.guard.content_guard.metadata import member_ids, topic_ids
from plugins.guard.content_guard.settings import setting
from plugins.kinds.events.bounds import parse_duration
from plugins.kinds.events.reading import DATE_ONLY, TIME_FIX
from plugins.kinds.events.recurrence import EXAMPLES, parse_repeat
from plugins.kinds.events.zones import zone_named
from plugins.tools.newpost import (
    REPO,
    Refused,
    checked_ids,
    common_fields,
    refuse_taken,
    write_new,
)

USAGE = 'make newevent TITLE="What the meeting is about" START="2027-05-15 14:00"'
DEFAULT_DURATION = "1h"
DEFAULT_LOCATION = "Online video call (link on the mailing list)"

TEMPLATE = """\
Title: {title}
Date: {date}
Authors: {authors}
{topics_line}Category: Events
Summary: {summary}
Event-Start: {start}
Event-Duration: {duration}
Event-Timezone: {zone}
{repeat_line}Event-Location: {location}

{sentence}

<!--
More fields, all optional (README.md, "Meetings"). To use a line, move it up into the header
above (before its blank line) and fill it in. Delete this comment when you are done.

{topics_hint}Event-URL: https://the-online-room-or-conference-page.example.org/
Event-Talks: The first talk's title | your-member-id | slides: https://example.org/slides.pdf
    The second talk's title | A. Speaker
Event-Attendance: online, in person or mixed
Event-Skip: YYYY-MM-DD
Event-Moved: YYYY-MM-DD -> YYYY-MM-DD HH:MM
Event-Status: cancelled
Modified: {date}

Event-Skip and Event-Moved are for a series (Event-Repeat). When you change a meeting's time or
place after it is published, update Modified: calendars notice the change by it. Replace the
Summary and the sentence below the header with what the meeting is about and how to join it.
-->
"""


def parsed_start(start, zone):
    """(an aware datetime, whether the meeting lasts whole days) of START; Refused if not one."""
    text = " ".join((start or "").split())
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Refused(f"START {text!r} is not a date and time ({TIME_FIX})") from None
    if moment.tzinfo is not None:
        raise Refused(f"START {text!r} has an offset: give its zone as TIMEZONE=Europe/Berlin")
    return moment.replace(tzinfo=zone), bool(DATE_ONLY.match(text))


def checked_repeat(repeat):
    """REPEAT as written, once the events plugin understands it ("" for a one-off)."""
    repeat = " ".join((repeat or "").split())
    if repeat:
        try:
            parse_repeat(repeat)
        except ValueError as error:
            raise Refused(f"REPEAT {repeat!r}: {error} ({EXAMPLES})") from None
    return repeat


def when_in_words(start, all_day, repeat, zone_name):
    """'Saturday 15 May 2027 at 14:00 (Europe/Berlin)', or the series from that day."""
    day = f"{start:%A} {start.day} {start:%B %Y}"
    moment = day if all_day else f"{day} at {start:%H:%M} ({zone_name})"
    return f"{repeat}, from {moment}" if repeat else moment


def new_event(settings, title, start, timezone="", duration="", repeat="", location="",
              author="", topics="", now=None):  # fmt: skip
    """Write the meeting and return its path; Refused says why it was not written."""
    title = " ".join((title or "").split())
    if not title:
        raise Refused(f"give the meeting a title: {USAGE}")
    if not (start or "").strip():
        raise Refused(f"give the first (or only) meeting's start: {USAGE}")
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise Refused(f"the title {title!r} gives an empty slug; use letters or digits in it")
    zone_name = (timezone or "").strip() or settings.get("TIMEZONE") or "UTC"
    try:
        zone = zone_named(zone_name)
    except ValueError as error:
        problem, fix = error.args
        raise Refused(f"{problem.replace('Event-Timezone', 'TIMEZONE')} ({fix})") from None
    begins, all_day = parsed_start(start, zone)
    duration = (duration or "").strip() or ("1d" if all_day else DEFAULT_DURATION)
    if parse_duration(duration) is None:
        raise Refused(f"DURATION {duration!r} is not a length like 2h, 90m, 1h30m or 1d")
    repeat = checked_repeat(repeat)
    location = " ".join((location or "").split()) or DEFAULT_LOCATION
    content = settings["PATH"]
    members_file = os.path.join(content, settings.get("MEMBERS_FILE") or "members.toml")
    topics_folder = os.path.join(content, setting(settings, "TOPICS_PATH"))
    known_topics = topic_ids(topics_folder)
    authors = checked_ids(author, member_ids(members_file), "author", members_file)
    topic_list = checked_ids(topics, known_topics, "topic", topics_folder)
    path = Path(content, (settings.get("EVENTS_PATHS") or ["events"])[0], f"{slug}.md")
    refuse_taken(path, slug, settings)
    now = now or datetime.now(UTC)
    when = when_in_words(begins, all_day, repeat, zone_name)
    text = TEMPLATE.format(
        **common_fields(settings, title, now, authors, topic_list, known_topics),
        summary=f"{title}: {when}.",
        start=f"{begins:%Y-%m-%d}" if all_day else f"{begins:%Y-%m-%d %H:%M}",
        duration=duration,
        zone=zone_name,
        repeat_line=f"Event-Repeat: {repeat}\n" if repeat else "",
        location=location,
        sentence=f"When: {when}. Where: {location}.",
    )
    return write_new(path, text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("title", "start", "timezone", "duration", "repeat", "location", "author"):
        parser.add_argument(f"--{name}", default="")
    parser.add_argument("--topics", default="", help="topic slugs, comma separated")
    parser.add_argument("--settings", default=str(REPO / "pelicanconf.py"))
    parser.add_argument("--content", help="the content folder (default: PATH of the settings)")
    args = parser.parse_args(argv)
    override = {"PATH": os.path.abspath(args.content)} if args.content else None
    settings = read_settings(args.settings, override=override)
    fields = vars(args).copy()
    del fields["settings"], fields["content"]
    try:
        path = new_event(settings, **fields)
    except Refused as refusal:
        print(f"newevent: {refusal}", file=sys.stderr)
        return 1
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    print(f"Created {shown}")
    print("Next: say what the meeting is about in the Summary and below the header, then")
    print("`make serve` and `make check`; `make lock` adds its addresses to urls.lock.")
    if "your-member-id" in path.read_text(encoding="utf-8").split("\n\n", 1)[0]:
        print("Put your member id from content/members.toml in Authors: (or pass AUTHOR=...).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
