"""Meetings as posts: Event-* metadata on articles, the events/ page and iCalendar files.

An event is a post under one of EVENTS_PATHS (default: content/events/) or any post with
Event-* metadata:

    Event-Start: 2027-05-15 14:00
    Event-End: 2027-05-15 16:00          (or Event-Duration: 2h, 90m, 1h30m, 1d)
    Event-Timezone: America/New_York     (or an offset in the times; default: TIMEZONE)
    Event-Location: free text
    Event-URL: https://...               (optional)

Every event is checked once the articles are read; a mistake stops the build with an EventError
naming the file and the line, and so does an event that takes another's calendar UID
(identity.py). Templates get `article.event` (an Event, None on other posts) and the context
lists `events_upcoming` (soonest first) and `events_past` (most recent first).
EventsGenerator writes the events page, /calendar.ics and an event.ics next to each event post.
"""

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pelican import signals
from pelican.generators import Generator

import plugins.output_plan as output_plan
from plugins.error_report import ContentError, display_path
from plugins.error_report.header import read_header_of

from .ics import calendar_files, order
from .identity import event_uid, ics_path, uid_clashes

KEYS = {
    "event-start": "Event-Start",
    "event-end": "Event-End",
    "event-duration": "Event-Duration",
    "event-timezone": "Event-Timezone",
    "event-location": "Event-Location",
    "event-url": "Event-URL",
}
DEFAULTS = {
    "EVENTS_PATHS": ["events"],
    "EVENTS_URL": "events/",
    "EVENTS_SAVE_AS": "events/index.html",
    "EVENTS_CALENDAR_SAVE_AS": "calendar.ics",
    "EVENTS_CALENDAR_NAME": None,  # None: "<SITENAME> meetings"
    "EVENTS_UID_DOMAIN": "uls-sig.python.org",
    "EVENTS_NOW": None,  # None: the day of the build
}
# Every event is checked, listed or not; article.event is None on the other posts. Drafts are
# not published: their UIDs do not count.
PUBLISHED = ("articles", "translations", "hidden_articles", "hidden_translations")
ARTICLE_LISTS = (*PUBLISHED, "drafts", "drafts_translations")
TIME_FIX = "write it as YYYY-MM-DD HH:MM, or with an offset like 2027-05-15T14:00-04:00"
DURATION = re.compile(r"(?:(?P<days>\d+)d)?(?:(?P<hours>\d+)h)?(?:(?P<minutes>\d+)m(?:in)?)?")


class EventError(ContentError):
    """A mistake in an event's metadata: `<path>:<line>: <what is wrong> (<how to fix it>)`."""

    def __init__(self, path, line, problem, fix):
        super().__init__(f"{path}:{line}: {problem} ({fix})")
        self.path, self.line, self.problem, self.fix = path, line, problem, fix


@dataclass(frozen=True)
class Event:
    """When and where a meeting is; `start` and `end` are aware, in the event's time zone."""

    start: datetime
    end: datetime
    timezone: str  # IANA name, or "UTC-04:00" when the times only carry an offset
    location: str
    url: str | None
    is_past: bool  # ended before the UTC day of EVENTS_NOW
    uid: str
    ics_url: str  # site-relative like article.url, "posts/2027/<slug>/event.ics"; "" if unsaved

    @property
    def start_utc(self):
        return self.start.astimezone(UTC)

    @property
    def end_utc(self):
        return self.end.astimezone(UTC)

    @property
    def zone_label(self):
        """Like "EDT (America/New_York)"; just the name when it is its own abbreviation."""
        abbreviation = self.start.strftime("%Z")
        if abbreviation in ("", self.timezone):
            return self.timezone
        return f"{abbreviation} ({self.timezone})"


class Source:
    """The file of a post, to point error messages at the line of a metadata key."""

    def __init__(self, article):
        self.article = article

    def path(self):
        return display_path(self.article.source_path)

    def line(self, key):
        """Line number of `key` in the header, else of its first Event- key, else 1."""
        header = read_header_of(self.article.source_path)
        events = [f.line for name, f in header.fields.items() if name.startswith("event-")]
        return header.line_of(key, default=None) or min(events, default=1)

    def error(self, key, problem, fix):
        return EventError(self.path(), self.line(key), problem, fix)


def is_event(article, settings):
    if any(key.startswith("event-") for key in article.metadata):
        return True
    relative = os.path.relpath(article.source_path, settings["PATH"]).replace(os.sep, "/")
    return any(relative.startswith(folder.strip("/") + "/") for folder in settings["EVENTS_PATHS"])


def read_fields(article, source):
    """The Event-* metadata of `article` as stripped strings; empty values are left out."""
    fields = {}
    for key, value in article.metadata.items():
        if not key.startswith("event-"):
            continue
        if key not in KEYS:
            fix = "known: " + ", ".join(KEYS.values())
            raise source.error(key, f"unknown metadata key {key!r}", fix)
        if isinstance(value, list | tuple):
            if key != "event-location" and len(value) > 1:
                raise source.error(key, f"{KEYS[key]} is given more than once", "keep one line")
            value = " ".join(str(part).strip() for part in value)
        if str(value).strip():
            fields[key] = str(value).strip()
    return fields


def zone_named(name, source, key):
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        fix = "use an IANA name such as UTC, Europe/Berlin or America/New_York"
        raise source.error(key, f"unknown time zone {name!r} in {KEYS[key]}", fix) from None


def parse_time(fields, key, zone, explicit_zone, source):
    """The value of `key` as an aware datetime: naive times are taken to be in `zone`."""
    text = fields[key]
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise source.error(key, f"{KEYS[key]} {text!r} is not a date and time", TIME_FIX) from None
    if value.tzinfo is None:
        local = value.replace(tzinfo=zone)
        if local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != value:
            problem = f"{KEYS[key]} {text} does not exist in {zone}: the clocks skip it"
            raise source.error(key, problem, "pick a time outside the change")
        return local
    if explicit_zone and value.utcoffset() != value.astimezone(explicit_zone).utcoffset():
        offset = value.astimezone(explicit_zone).strftime("%z")
        problem = (
            f"the offset of {KEYS[key]} {text} does not match {explicit_zone}, at {offset} then"
        )
        raise source.error(key, problem, "fix the offset or leave it out")
    return value


def parse_duration(text):
    match = DURATION.fullmatch(text.replace(" ", "").lower())
    if not match or not any(match.groups()):
        return None
    return timedelta(**{unit: int(number) for unit, number in match.groupdict().items() if number})


def read_event(article, settings, today):
    source = Source(article)
    fields = read_fields(article, source)
    if "event-start" not in fields:
        fix = "add e.g. Event-Start: 2027-05-15 14:00"
        raise source.error("event-start", "missing Event-Start", fix)
    if "event-end" in fields and "event-duration" in fields:
        fix = "keep only one of them"
        raise source.error("event-duration", "both Event-End and Event-Duration are set", fix)
    if "event-end" not in fields and "event-duration" not in fields:
        fix = "add Event-End: 2027-05-15 16:00 or Event-Duration: 2h"
        raise source.error("event-start", "neither Event-End nor Event-Duration is set", fix)
    if "event-location" not in fields:
        fix = "say where, e.g. Event-Location: Online (link on the mailing list)"
        raise source.error("event-start", "missing Event-Location", fix)

    explicit_zone = None
    if "event-timezone" in fields:
        explicit_zone = zone_named(fields["event-timezone"], source, "event-timezone")
    default_zone = explicit_zone or ZoneInfo(settings.get("TIMEZONE") or "UTC")
    start = parse_time(fields, "event-start", default_zone, explicit_zone, source)
    # Without Event-Timezone, an offset in Event-Start is the event's "time zone".
    zone = explicit_zone or start.tzinfo
    start = start.astimezone(zone)
    if "event-duration" in fields:
        duration = parse_duration(fields["event-duration"])
        if not duration:
            problem = f"Event-Duration {fields['event-duration']!r} is not a duration above zero"
            raise source.error("event-duration", problem, "write it like 2h, 90m, 1h30m or 1d")
        end = (start.astimezone(UTC) + duration).astimezone(zone)
    else:
        end = parse_time(fields, "event-end", zone, explicit_zone, source).astimezone(zone)
        if end <= start:
            problem = f"Event-End {fields['event-end']} is not after Event-Start"
            raise source.error("event-end", problem, "the meeting must end after it starts")

    url = fields.get("event-url")
    if url and not re.match(r"https?://[^\s/]+", url):
        fix = "write the full https://... address"
        raise source.error("event-url", f"Event-URL {url!r} is not an http(s) address", fix)
    return Event(
        start=start,
        end=end,
        timezone=str(getattr(zone, "key", None) or start.tzname()),
        location=fields["event-location"],
        url=url,
        is_past=end.astimezone(UTC).date() < today,
        uid=event_uid(article, settings),
        ics_url=ics_path(article),
    )


def build_day(settings):
    """The UTC day that splits upcoming from past: EVENTS_NOW, else the day of the build."""
    now = settings.get("EVENTS_NOW")
    if not now:
        return datetime.now(UTC).date()
    try:
        moment = now if isinstance(now, datetime) else datetime.fromisoformat(str(now))
    except ValueError:
        raise ValueError(f"EVENTS_NOW {now!r} is not an ISO date like 2027-01-01") from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).date()


def set_defaults(pelican):
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    if not pelican.settings["EVENTS_CALENDAR_NAME"]:
        pelican.settings["EVENTS_CALENDAR_NAME"] = f"{pelican.settings['SITENAME']} meetings"


def collect_events(generator):
    """article_generator_finalized: check every event, set article.event and the context."""
    settings = generator.settings
    today = build_day(settings)
    for kind in ARTICLE_LISTS:
        for article in getattr(generator, kind):
            one = is_event(article, settings)
            article.event = read_event(article, settings, today) if one else None
    clashes = uid_clashes([a for k in PUBLISHED for a in getattr(generator, k) if a.event])
    if clashes:
        raise ContentError("\n".join(clashes))
    listed = [article for article in generator.articles if article.event]
    upcoming = [article for article in listed if not article.event.is_past]
    past = [article for article in listed if article.event.is_past]
    generator.context["events_upcoming"] = sorted(upcoming, key=order)
    generator.context["events_past"] = sorted(past, key=order, reverse=True)


class EventsGenerator(Generator):
    """Writes the events page, the site calendar and one .ics file per event post."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        writer.write_file(
            self.settings["EVENTS_SAVE_AS"],
            self.get_template("events"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["EVENTS_URL"],
        )
        # Written once, by the build process (plugins/output_plan plans them like any page).
        for path, make_bytes, what in calendar_files(self.context, self.settings):
            writer.write_own_file(path, make_bytes, what)


def add_generator(pelican):
    return EventsGenerator


def register():
    output_plan.register()  # calendars are written with writer.write_own_file
    signals.initialized.connect(set_defaults)
    signals.article_generator_finalized.connect(collect_events)
    signals.get_generators.connect(add_generator)
