"""What templates and calendars get: an Event (one post), its Occurrences, its Talks.

Times are aware datetimes in the event's own zone (an IANA zone, or a fixed offset when the
organiser only gave an offset); `*_utc` are the same instants in UTC. An all-day event starts
at midnight of its first day and ends at midnight after its last day, and shows dates only.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

STATUSES = {
    "confirmed": "confirmed",
    "scheduled": "confirmed",
    "cancelled": "cancelled",
    "canceled": "cancelled",
}
ATTENDANCE = {
    "online": "online",
    "in person": "offline",
    "in-person": "offline",
    "offline": "offline",
    "mixed": "mixed",
    "hybrid": "mixed",
}


def zone_label(moment, timezone):
    """Like "EDT (America/New_York)"; just the name when it is its own abbreviation."""
    abbreviation = moment.strftime("%Z")
    if abbreviation in ("", timezone):
        return timezone
    return f"{abbreviation} ({timezone})"


class Timed:
    """start, end (aware datetimes) and timezone (its name) seen in UTC and as a label."""

    @property
    def start_utc(self):
        return self.start.astimezone(UTC)

    @property
    def end_utc(self):
        return self.end.astimezone(UTC)

    @property
    def zone_label(self):
        return zone_label(self.start, self.timezone)


@dataclass(frozen=True)
class Occurrence(Timed):
    """One meeting of an event: the only one of a one-off, one date of a series."""

    start: datetime
    end: datetime
    timezone: str
    all_day: bool = False
    original: datetime | None = None  # the start it was moved from (Event-Moved)
    cancelled: bool = False
    article: object = field(default=None, compare=False, repr=False)

    @property
    def moved(self):
        return self.original is not None

    @property
    def event(self):
        return self.article.event if self.article is not None else None


@dataclass(frozen=True)
class Speaker:
    name: str
    url: str | None = None  # site-relative URL of the member page, for members
    member_id: str | None = None


@dataclass(frozen=True)
class Talk:
    title: str
    speakers: tuple  # Speaker
    links: tuple  # (label, https URL)
    article: object = field(default=None, compare=False, repr=False)

    @property
    def speaker_names(self):
        return ", ".join(speaker.name for speaker in self.speakers)


@dataclass(frozen=True)
class Event(Timed):
    """When and where a meeting, or a series of meetings, is; set on the post as `event`."""

    start: datetime  # first occurrence
    end: datetime
    timezone: str  # IANA name, or "UTC+05:30" when the times only carry an offset
    location: str
    url: str | None
    is_past: bool  # every occurrence ended before the UTC day of the build's now
    uid: str
    ics_url: str  # site-relative like article.url, "posts/2027/<slug>/event.ics"; "" if unsaved
    all_day: bool = False
    zone: object = None  # tzinfo: ZoneInfo, or a fixed offset
    status: str = "confirmed"  # or "cancelled"
    attendance: str = "offline"  # "online", "offline" or "mixed"
    example: bool = False  # Event-Example: an illustration, never shown as a real date
    sequence: int = 0
    rule: object = None  # recurrence.Rule of a series, else None
    skipped: tuple = ()  # dates of a series without a meeting (EXDATE)
    moves: tuple = ()  # Occurrence of a series that moved (RECURRENCE-ID overrides)
    upcoming: tuple = ()  # the next occurrences (at most EVENTS_SERIES_SHOWN)
    last: Occurrence | None = None  # the last occurrence that took place, of a past event
    talks: tuple = ()  # Talk, once the members are known (events.resolve_talks)
    talk_specs: tuple = ()  # (title, [speaker words], [(label, href)]) as written
    skipped_upcoming: tuple = ()  # skipped dates from today to the last listed occurrence
    links: dict = field(default_factory=dict, compare=False)  # add-to-calendar, see links.py

    @property
    def cancelled(self):
        return self.status == "cancelled"

    @property
    def is_series(self):
        return self.rule is not None

    @property
    def schedule(self):
        """The series in words ("Monthly on the first Wednesday"), "" for a one-off."""
        return self.rule.describe() if self.rule else ""

    @property
    def next(self):
        """The next occurrence, else None."""
        return self.upcoming[0] if self.upcoming else None

    @property
    def shown(self):
        """The occurrence a card shows: the next one, else the last one."""
        return self.next or self.last or self.first

    @property
    def first(self):
        return Occurrence(self.start, self.end, self.timezone, self.all_day)


def in_utc(moment):
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
