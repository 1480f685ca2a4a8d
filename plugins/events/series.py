"""The occurrences of an event: the one of a one-off, or the dates of a series (Event-Repeat)
with Event-Skip (no meeting that day) and Event-Moved (that day's meeting happens elsewhen).

Dates are expanded in the event's local wall-clock time, as calendar applications expand an
RRULE with a TZID: a meeting at 18:00 Europe/Berlin stays at 18:00 across daylight saving.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice

from .model import Occurrence

MOVE_FIX = "write it like 2027-02-03 -> 2027-02-10 18:00 (the original date, then the new time)"
MAX_MEETINGS = 5000  # a bounded series may have this many meetings at most


@dataclass(frozen=True)
class Series:
    is_past: bool
    upcoming: tuple
    last: Occurrence | None
    skipped: tuple = ()
    moves: tuple = ()
    skipped_upcoming: tuple = ()


def is_upcoming(occurrence, today):
    """Upcoming until the end of the UTC day it ends on (EVENTS_NOW's day splits them)."""
    return occurrence.end_utc.date() >= today


def expand(
    start, end, zone, label, all_day, rule, fields, source, today, shown, cancelled, article
):
    """The Series of an event, from its first occurrence (`start`, `end`) and its `rule`."""

    def occurrence(local, original=None):
        begin, finish = local.replace(tzinfo=zone), (local + length).replace(tzinfo=zone)
        return Occurrence(begin, finish, label, all_day, original, cancelled, article)

    local_start = start.replace(tzinfo=None)
    length = end.replace(tzinfo=None) - local_start
    if rule is None:
        only = Occurrence(start, end, label, all_day, None, cancelled, article)
        past = not is_upcoming(only, today)
        return Series(past, () if past else (only,), only if past else None)

    dates = rule.dates(local_start)
    first = next(iter(dates), None)
    if first != local_start:
        fix = f"start the series on its first meeting, {first:%Y-%m-%d}" if first else "check it"
        problem = f"Event-Start {local_start:%Y-%m-%d} is not a date of the series"
        problem += f" ({rule.describe()})"
        raise source.error("event-start", problem, fix)

    def meeting_on(day, key, text):
        begin, finish = datetime.combine(day, time.min), datetime.combine(day, time.max)
        found = dates.between(begin, finish, inc=True)
        if not found:
            before, after = dates.before(begin), dates.after(finish)
            near = " and ".join(f"{d:%Y-%m-%d}" for d in (before, after) if d)
            problem = f"{text} is not a date of the series ({rule.describe()})"
            raise source.error(key, problem, f"the nearest meetings are on {near}")
        return found[0]

    skipped = []
    for text in split(fields.get("event-skip", "")):
        day = parse_day(text, source, "event-skip", "Event-Skip")
        meeting_on(day, "event-skip", f"Event-Skip {text}")
        skipped.append(day)
    moves = {}
    for text in split(fields.get("event-moved", "")):
        old, arrow, new = text.partition("->")
        if not arrow:
            raise source.error("event-moved", f"Event-Moved {text!r} has no ->", MOVE_FIX)
        day = parse_day(old.strip(), source, "event-moved", "Event-Moved")
        original = meeting_on(day, "event-moved", f"Event-Moved {old.strip()}")
        if day in skipped or day in moves:
            problem = f"the meeting of {day} is skipped or moved twice"
            raise source.error("event-moved", problem, "keep one Event-Skip or Event-Moved for it")
        moved = parse_target(new.strip(), original, all_day, source)
        if moved.replace(tzinfo=zone).astimezone(zone).replace(tzinfo=None) != moved:
            problem = f"{new.strip()} does not exist in {label}: the clocks skip it"
            raise source.error("event-moved", problem, "pick another time")
        moves[day] = occurrence(moved, original.replace(tzinfo=zone))
    gone = set(skipped) | set(moves)

    def regular(items):
        return (occurrence(local) for local in items if local.date() not in gone)

    threshold = datetime.combine(today - timedelta(days=2), time.min)
    wanted = (o for o in regular(dates.xafter(threshold, inc=True)) if is_upcoming(o, today))
    candidates = list(islice(wanted, shown)) + [o for o in moves.values() if is_upcoming(o, today)]
    upcoming = tuple(sorted(candidates, key=lambda o: o.start_utc)[:shown])
    last = None
    if rule.count or rule.until:
        every = list(islice(dates, MAX_MEETINGS + 1))
        if len(every) > MAX_MEETINGS:
            problem = f"the series has more than {MAX_MEETINGS} meetings"
            raise source.error("event-repeat", problem, "end it sooner with until or a count")
        held = sorted([*regular(every), *moves.values()], key=lambda o: o.start_utc)
        if not held:
            problem = "every meeting of the series is skipped"
            raise source.error("event-skip", problem, "remove the series")
        last = held[-1] if not is_upcoming(held[-1], today) else None
    horizon = upcoming[-1].start.date() if upcoming else today
    return Series(
        is_past=last is not None,
        upcoming=upcoming,
        last=last,
        skipped=tuple(sorted(skipped)),
        moves=tuple(sorted(moves.values(), key=lambda o: o.original)),
        skipped_upcoming=tuple(day for day in sorted(skipped) if today <= day <= horizon),
    )


def split(text):
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def parse_day(text, source, key, name):
    try:
        return date.fromisoformat(text)
    except ValueError:
        fix = "write dates as YYYY-MM-DD, comma separated"
        raise source.error(key, f"{name} {text!r} is not a date", fix) from None


def parse_target(text, original, all_day, source):
    """The new local start of a moved meeting: a day (same time) or a day and a time."""
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), original.time())
        if all_day:
            raise ValueError
        moved = datetime.fromisoformat(text)
    except ValueError:
        problem = f"Event-Moved target {text!r} is not a date and time"
        raise source.error("event-moved", problem, MOVE_FIX) from None
    if moved.tzinfo is not None:
        problem = f"Event-Moved target {text!r} has an offset"
        raise source.error("event-moved", problem, "give the local time, in Event-Timezone")
    return moved
