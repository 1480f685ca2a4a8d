"""The occurrences of an event: the one of a one-off, or the dates of a series (Event-Repeat)
with Event-Skip (no meeting that day) and Event-Moved (that day's meeting happens elsewhen).

Dates are expanded in the event's local wall-clock time, as calendar applications expand an
RRULE with a TZID: a meeting at 18:00 Europe/Berlin stays at 18:00 across daylight saving.
"""

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice, takewhile

from plugins.model.error_report import split_list

from .bounds import LAST_MOMENT, MAX_LISTED, MAX_MEETINGS, in_range, out_of_range
from .model import Occurrence

MOVE_FIX = "write it like 2027-02-03 -> 2027-02-10 18:00 (the original date, then the new time)"


@dataclass(frozen=True)
class Series:
    is_past: bool
    upcoming: tuple
    last: Occurrence | None
    skipped: tuple = ()
    moves: tuple = ()
    skipped_upcoming: tuple = ()


def is_upcoming(occurrence, today):
    """Upcoming until the end of the UTC day it ends on (`today`: the build's now, in UTC)."""
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
    if rule.until and rule.until < local_start.date():
        problem = f"the series ends on {rule.until} (until), before Event-Start"
        raise source.error("event-repeat", problem, "give the day of its last meeting")
    if first != local_start:
        fix = f"start the series on its first meeting, {first:%Y-%m-%d}" if first else "check it"
        problem = f"Event-Start {local_start:%Y-%m-%d} is not a date of the series"
        problem += f" ({rule.describe()})"
        raise source.error("event-start", problem, fix)

    skips = listed(fields, "event-skip", "Event-Skip", source)
    moved_texts = listed(fields, "event-moved", "Event-Moved", source)
    named = [parse_day(text, source, "event-skip", "Event-Skip") for text in skips]
    for text in moved_texts:
        old, arrow, _new = text.partition("->")
        if not arrow:
            raise source.error("event-moved", f"Event-Moved {text!r} has no ->", MOVE_FIX)
        named.append(parse_day(old.strip(), source, "event-moved", "Event-Moved"))
    # The meetings up to the last day named, once: {day: start} and the sorted days.
    until = datetime.combine(max(named, default=local_start.date()), time.max)
    known = {d.date(): d for d in takewhile(lambda d: d <= until, dates)}
    days = sorted(known)

    def meeting_on(day, key, text):
        if day not in known:
            index = bisect_left(days, day)
            before = days[index - 1] if index else None
            after = days[index] if index < len(days) else dates.after(until)
            near = " and ".join(f"{d:%Y-%m-%d}" for d in (before, after) if d)
            problem = f"{text} is not a date of the series ({rule.describe()})"
            raise source.error(key, problem, f"the nearest meetings are on {near}")
        return known[day]

    skipped = set()
    for text, day in zip(skips, named, strict=False):
        meeting_on(day, "event-skip", f"Event-Skip {text}")
        if day in skipped:
            raise source.error("event-skip", f"Event-Skip gives {day} twice", "keep it once")
        skipped.add(day)
    moves = {}
    for text, day in zip(moved_texts, named[len(skips) :], strict=True):
        old, _arrow, new = text.partition("->")
        original = meeting_on(day, "event-moved", f"Event-Moved {old.strip()}")
        if day in skipped or day in moves:
            problem = f"the meeting of {day} is skipped or moved twice"
            raise source.error("event-moved", problem, "keep one Event-Skip or Event-Moved for it")
        moved = parse_target(new.strip(), original, all_day, source)
        if moved.replace(tzinfo=zone).astimezone(zone).replace(tzinfo=None) != moved:
            problem = f"{new.strip()} does not exist in {label}: the clocks skip it"
            raise source.error("event-moved", problem, "pick another time")
        moves[day] = occurrence(moved, original.replace(tzinfo=zone))
    gone = skipped | set(moves)
    landing = {move.start.replace(tzinfo=None): move for move in moves.values()}
    if len(landing) < len(moves):
        problem = "two moved meetings of the series start at the same time"
        raise source.error("event-moved", problem, "move them to different times")
    latest = max(landing, default=until)
    if latest > until:  # the meetings of the series up to the latest new time, once
        known.update((d.date(), d) for d in takewhile(lambda d: d <= latest, dates))
    for start, move in landing.items():
        if known.get(start.date()) == start and start.date() not in gone:
            problem = f"Event-Moved {move.original:%Y-%m-%d} lands on the meeting at "
            problem += f"{start:%Y-%m-%d %H:%M}"
            raise source.error("event-moved", problem, "move it to a free time, or skip that one")

    def regular(items):
        return (occurrence(local) for local in items if local.date() not in gone)

    threshold = datetime.combine(today - timedelta(days=2), time.min)
    later = takewhile(lambda d: d <= LAST_MOMENT, dates.xafter(threshold, inc=True))
    wanted = (o for o in regular(later) if is_upcoming(o, today))
    candidates = list(islice(wanted, shown)) + [o for o in moves.values() if is_upcoming(o, today)]
    upcoming = tuple(sorted(candidates, key=lambda o: o.start_utc)[:shown])
    last = None
    if rule.count or rule.until:
        every = list(islice(dates, MAX_MEETINGS + 1))
        if len(every) > MAX_MEETINGS or every[-1] > LAST_MOMENT:
            problem = f"the series has more than {MAX_MEETINGS} meetings or runs past 2200"
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


def listed(fields, key, name, source):
    """The entries of Event-Skip or Event-Moved (the metadata value as Pelican gives it: a
    string, or a list of its lines), at most MAX_LISTED: split by error_report.split_list, the
    rule of every list field (semicolons if a line has any, else commas)."""
    entries = split_list(fields.get(key))
    if len(entries) > MAX_LISTED:
        problem = f"{name} lists {len(entries)} dates, more than {MAX_LISTED}"
        raise source.error(key, problem, "end the series and start a new one instead")
    return entries


def parse_day(text, source, key, name):
    try:
        day = date.fromisoformat(text)
    except ValueError:
        fix = "write dates as YYYY-MM-DD, separated by commas or by semicolons, not both"
        raise source.error(key, f"{name} {text!r} is not a date", fix) from None
    if not in_range(day):
        raise source.error(key, *out_of_range(name, text))
    return day


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
    if not in_range(moved):
        raise source.error("event-moved", *out_of_range("Event-Moved target", text))
    return moved
