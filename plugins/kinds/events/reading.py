"""Reading an event's Event-* metadata into an Event; every mistake is a `path:line` EventError.

The keys (README, "Meetings"): Event-Start, Event-End or Event-Duration, Event-Timezone,
Event-Location, Event-URL, Event-Repeat, Event-Skip, Event-Moved, Event-Status,
Event-Attendance, Event-Example and Event-Talks. The series itself (dates, skips, moves) is
expanded in series.py.
"""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from plugins.model.error_report import ContentError, display_path, split_list
from plugins.model.error_report.header import NO, YES, read_header_of

from .bounds import in_range, out_of_range, parse_duration, too_long
from .identity import check_dates, event_uid, ics_path, sequence_of
from .model import ATTENDANCE, STATUSES, Event
from .recurrence import EXAMPLES, parse_repeat
from .series import expand
from .talks import parse_talks
from .zones import zone_named

KEYS = {  # lowercased (as Pelican keeps metadata) -> as written in the README
    name.lower(): name
    for name in (
        *("Event-Start", "Event-End", "Event-Duration", "Event-Timezone", "Event-Location"),
        *("Event-URL", "Event-Repeat", "Event-Skip", "Event-Moved", "Event-Status"),
        *("Event-Attendance", "Event-Example", "Event-Talks"),
    )
}
# Continuation lines (Pelican's list of lines): Event-Location's are one text; Event-Skip's and
# Event-Moved's are kept for error_report.split_list (series.listed), the rule of every list.
LISTS, SPLIT = {"event-location", "event-skip", "event-moved"}, {"event-skip", "event-moved"}
TIME_FIX = "write it as YYYY-MM-DD HH:MM, or with an offset like 2027-05-15T14:00-04:00"
DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EventError(ContentError):
    """A mistake in an event's metadata: `<path>:<line>: <what is wrong> (<how to fix it>)`."""

    def __init__(self, path, line, problem, fix):
        super().__init__(f"{path}:{line}: {problem} ({fix})")
        self.path, self.line, self.problem, self.fix = path, line, problem, fix


class Source:
    """The file of a post, to point error messages at the line of a metadata key."""

    def __init__(self, article):
        self.article = article

    def path(self):
        return display_path(self.article.source_path)

    def line(self, key, offset=0):
        """Line number of `key` in the header (+ `offset` continuation lines), else of its
        first Event- key, else 1."""
        header = read_header_of(self.article.source_path)
        events = [f.line for name, f in header.fields.items() if name.startswith("event-")]
        found = header.line_of(key, default=None)
        return found + offset if found else min(events, default=1)

    def error(self, key, problem, fix, offset=0):
        return EventError(self.path(), self.line(key, offset), problem, fix)


def read_fields(article, source):
    """The Event-* metadata of `article` as stripped strings (Event-Talks, Event-Skip and
    Event-Moved: as Pelican gives them, a string or a list of lines); empty ones left out."""
    fields = {}
    for key, value in article.metadata.items():
        if not key.startswith("event-"):
            continue
        if key not in KEYS:
            known = "known: " + ", ".join(KEYS.values())
            raise source.error(key, f"unknown metadata key {key!r}", known)
        if key == "event-talks" or key in SPLIT:
            if key == "event-talks" or split_list(value):
                fields[key] = value
            continue
        if isinstance(value, list | tuple):
            if key not in LISTS and len(value) > 1:
                raise source.error(key, f"{KEYS[key]} is given more than once", "keep one line")
            value = " ".join(str(part).strip() for part in value)
        if str(value).strip():
            fields[key] = str(value).strip()
    return fields


def local_time(value, zone, what, source, key):
    """A naive local time in `zone`, refused when the clocks skip it."""
    local = value.replace(tzinfo=zone)
    try:
        wall = local.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    except (OverflowError, ValueError):
        raise source.error(key, *out_of_range(what, "")) from None
    if wall != value:
        problem = f"{what} does not exist in {zone}: the clocks skip it"
        raise source.error(key, problem, "pick a time outside the change")
    return local


def parse_time(text, key, zone, explicit_zone, source):
    """`text` as an aware datetime: naive times are taken to be in `zone`."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise source.error(key, f"{KEYS[key]} {text!r} is not a date and time", TIME_FIX) from None
    if not in_range(value):
        raise source.error(key, *out_of_range(KEYS[key], text))
    if value.tzinfo is None:
        return local_time(value, zone, f"{KEYS[key]} {text}", source, key)
    if explicit_zone and value.utcoffset() != value.astimezone(explicit_zone).utcoffset():
        offset = value.astimezone(explicit_zone).strftime("%z")
        problem = (
            f"the offset of {KEYS[key]} {text} does not match {explicit_zone}, at {offset} then"
        )
        raise source.error(key, problem, "fix the offset or leave it out")
    return value


def require(fields, source):
    """The keys every event needs; True for an all-day event (Event-Start is a date)."""
    if "event-start" not in fields:
        fix = "add e.g. Event-Start: 2027-05-15 14:00"
        raise source.error("event-start", "missing Event-Start", fix)
    if "event-end" in fields and "event-duration" in fields:
        fix = "keep only one of them"
        raise source.error("event-duration", "both Event-End and Event-Duration are set", fix)
    all_day = bool(DATE_ONLY.match(fields["event-start"]))
    if not all_day and "event-end" not in fields and "event-duration" not in fields:
        fix = "add Event-End: 2027-05-15 16:00 or Event-Duration: 2h"
        raise source.error("event-start", "neither Event-End nor Event-Duration is set", fix)
    if "event-location" not in fields:
        fix = "say where, e.g. Event-Location: Online (link on the mailing list)"
        raise source.error("event-start", "missing Event-Location", fix)
    return all_day


def all_day_times(fields, zone, source):
    """Midnight of the first day, midnight after the last: Event-End is the last day."""
    try:
        first = date.fromisoformat(fields["event-start"])
    except ValueError:
        problem = f"Event-Start {fields['event-start']!r} is not a date"
        raise source.error("event-start", problem, TIME_FIX) from None
    if not in_range(first):
        raise source.error("event-start", *out_of_range("Event-Start", fields["event-start"]))
    last = first
    if "event-end" in fields:
        try:
            last = date.fromisoformat(fields["event-end"])
        except ValueError:
            fix = "an all-day meeting ends on a day: write Event-End: YYYY-MM-DD (its last day)"
            problem = f"Event-End {fields['event-end']!r} is not a date"
            raise source.error("event-end", problem, fix) from None
        if not in_range(last):
            raise source.error("event-end", *out_of_range("Event-End", fields["event-end"]))
        if last < first:
            fix = "give the last day of the meeting"
            raise source.error("event-end", "Event-End is before Event-Start", fix)
        if wrong := too_long(first, last + timedelta(days=1)):
            raise source.error("event-end", *wrong)
    elif "event-duration" in fields:
        duration = parse_duration(fields["event-duration"])
        if not duration or duration.seconds or duration.days < 1:
            fix = "an all-day meeting lasts whole days: write 1d, 2d ... up to 31d"
            problem = f"Event-Duration {fields['event-duration']!r} is not 1 to 31 whole days"
            raise source.error("event-duration", problem, fix)
        last = first + timedelta(days=duration.days - 1)
    after = last + timedelta(days=1)
    return datetime.combine(first, time(), zone), datetime.combine(after, time(), zone)


def timed_times(fields, default_zone, explicit_zone, source):
    start = parse_time(fields["event-start"], "event-start", default_zone, explicit_zone, source)
    # Without Event-Timezone, an offset in Event-Start is the event's "time zone".
    zone = explicit_zone or start.tzinfo
    start = start.astimezone(zone)
    if "event-duration" in fields:
        duration = parse_duration(fields["event-duration"])
        if not duration:
            text = fields["event-duration"]
            problem = f"Event-Duration {text!r} is not a duration from 1m to 31d"
            fix = "write it like 2h, 90m, 1h30m or 1d, at most 31d"
            raise source.error("event-duration", problem, fix)
        try:
            return start, (start.astimezone(UTC) + duration).astimezone(zone)
        except (OverflowError, ValueError):
            raise source.error("event-duration", *out_of_range("the end", "")) from None
    end = parse_time(fields["event-end"], "event-end", zone, explicit_zone, source)
    end = end.astimezone(zone)
    if end <= start:
        problem = f"Event-End {fields['event-end']} is not after Event-Start"
        raise source.error("event-end", problem, "the meeting must end after it starts")
    if wrong := too_long(start, end):
        raise source.error("event-end", *wrong)
    return start, end


def zone_text(zone, start):
    """The IANA name of the zone, else "UTC" or "UTC+05:30" for a fixed offset."""
    name = getattr(zone, "key", None)
    if name:
        return name
    return "UTC" if not start.utcoffset() else start.strftime("UTC%:z")


def choice(fields, key, table, default, source):
    text = " ".join(fields.get(key, "").lower().split())
    if not text:
        return default
    if text not in table:
        known = ", ".join(dict.fromkeys(table))
        raise source.error(key, f"{KEYS[key]} {fields[key]!r} is not known", f"use one of: {known}")
    return table[text]


def read_event(article, settings, now):
    """The Event of `article`; `now` is the build's (content_guard.metadata.build_now)."""
    source = Source(article)
    check_dates(article, now, source)
    fields = read_fields(article, source)
    all_day = require(fields, source)
    explicit_zone = None
    if "event-timezone" in fields:
        try:
            explicit_zone = zone_named(fields["event-timezone"])
        except ValueError as error:
            raise source.error("event-timezone", *error.args) from None
    default_zone = explicit_zone or ZoneInfo(settings.get("TIMEZONE") or "UTC")
    if all_day:
        start, end = all_day_times(fields, default_zone, source)
    else:
        start, end = timed_times(fields, default_zone, explicit_zone, source)
    zone = start.tzinfo
    url = fields.get("event-url")
    if url and not re.match(r"https?://[^\s/]+", url):
        fix = "write the full https://... address"
        raise source.error("event-url", f"Event-URL {url!r} is not an http(s) address", fix)
    status = choice(fields, "event-status", STATUSES, "confirmed", source)
    location = fields["event-location"]
    guessed = "online" if "online" in location.lower() else "offline"
    attendance = choice(fields, "event-attendance", ATTENDANCE, guessed, source)
    example = fields.get("event-example", "no").lower()
    if example not in YES + NO:
        problem = f"Event-Example {example!r} is not yes or no"
        raise source.error("event-example", problem, "write yes or no")
    rule = None
    if "event-repeat" in fields:
        try:
            rule = parse_repeat(fields["event-repeat"])
        except ValueError as error:
            problem = f"Event-Repeat {fields['event-repeat']!r}: {error}"
            raise source.error("event-repeat", problem, EXAMPLES) from None
    for key in ("event-skip", "event-moved"):
        if key in fields and not rule:
            fix = "add Event-Repeat, e.g. monthly on the first Wednesday"
            raise source.error(key, f"{KEYS[key]} needs a series", fix)
    talk_specs = ()
    if "event-talks" in fields:

        def fail(index, problem, fix):
            raise source.error("event-talks", problem, fix, offset=index)

        talk_specs = tuple(parse_talks(fields["event-talks"], fail))
    timezone_text = zone_text(zone, start)
    series = expand(
        start, end, zone, timezone_text, all_day, rule, fields, source, now.astimezone(UTC).date(),
        settings["EVENTS_SERIES_SHOWN"], status == "cancelled", article,
    )  # fmt: skip
    return Event(
        start=start,
        end=end,
        timezone=timezone_text,
        location=location,
        url=url,
        is_past=series.is_past,
        uid=event_uid(article, settings),
        ics_url=ics_path(article),
        all_day=all_day,
        zone=zone,
        status=status,
        attendance=attendance,
        example=example in YES,
        sequence=sequence_of(article, status == "cancelled"),
        rule=rule,
        skipped=series.skipped,
        moves=series.moves,
        upcoming=series.upcoming,
        last=series.last,
        talk_specs=talk_specs,
        skipped_upcoming=series.skipped_upcoming,
    )
