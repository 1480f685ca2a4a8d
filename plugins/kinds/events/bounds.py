"""The range of dates and durations an event may give, so no date arithmetic can overflow.

Every date and time written in the content (Event-Start, Event-End, both sides of
Event-Moved, Event-Skip, `until` of Event-Repeat) lies in the years FIRST_YEAR to LAST_YEAR,
and a meeting lasts at most MAX_DURATION, given as Event-Duration or as Event-End: far from
the limits of `datetime` (years 1 to 9999), so adding a duration, a day or a time zone offset
to them stays in range, and no calendar spans more years than its meetings take place in.
"""

import re
from datetime import datetime, time, timedelta

FIRST_YEAR, LAST_YEAR = 1970, 2200
YEARS = f"the years {FIRST_YEAR} to {LAST_YEAR}"
LAST_MOMENT = datetime.combine(datetime(LAST_YEAR, 12, 31), time.max)
MAX_DURATION = timedelta(days=31)
DURATION = re.compile(r"(?:(?P<days>\d+)d)?(?:(?P<hours>\d+)h)?(?:(?P<minutes>\d+)m(?:in)?)?")
MAX_INTERVAL = 366  # Event-Repeat "every N ...": N at most this
MAX_MEETINGS = 5000  # a bounded series (until or a count) has at most this many meetings
MAX_LISTED = 200  # Event-Skip and Event-Moved: at most this many dates each


def in_range(moment):
    """True when the date or datetime `moment` is in the allowed years."""
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def out_of_range(name, text):
    """(problem, fix) of a date outside the allowed years."""
    what = " ".join(part for part in (name, text) if part)
    return f"{what} is outside {YEARS}", f"give a date in {YEARS}"


def too_long(start, end):
    """(problem, fix) when a meeting from `start` to `end` lasts more than MAX_DURATION."""
    if end - start <= MAX_DURATION:
        return None
    problem = f"the meeting lasts {(end - start).days:,} days, more than {MAX_DURATION.days}"
    return problem, "give the end of this meeting; a series is written with Event-Repeat"


def parse_duration(text):
    """A timedelta from words like 2h, 90m, 1h30m or 1d; None if not one, or above
    MAX_DURATION (the caller says what is allowed)."""
    match = DURATION.fullmatch(text.replace(" ", "").lower())
    if not match or not any(match.groups()):
        return None
    numbers = {unit: int(number) for unit, number in match.groupdict().items() if number}
    if any(len(str(number)) > 6 for number in numbers.values()):
        return None  # no timedelta arithmetic on absurd numbers
    duration = timedelta(**numbers)
    return duration if duration <= MAX_DURATION else None
