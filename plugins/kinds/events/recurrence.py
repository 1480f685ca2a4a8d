"""Event-Repeat in plain words, as an RFC 5545 RRULE and as dates (python-dateutil's rrule).

    monthly on the first Wednesday          FREQ=MONTHLY;BYDAY=1WE
    monthly on the last Friday until 2027-12-31
    monthly on day 15                       FREQ=MONTHLY;BYMONTHDAY=15
    weekly on Thursday                      FREQ=WEEKLY;BYDAY=TH
    weekly on Monday and Thursday, 10 times FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10
    every 2 weeks                           FREQ=WEEKLY;INTERVAL=2
    every other week on Tuesday, every Thursday, every first Wednesday, daily, yearly

`parse_repeat` raises ValueError with what it could not read; the caller turns it into a
`path:line` error with these examples.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from dateutil import rrule as du

from .bounds import LAST_MOMENT, MAX_INTERVAL, MAX_MEETINGS, YEARS, in_range

EXAMPLES = (
    'write it like "monthly on the first Wednesday", "weekly on Thursday", '
    '"every 2 weeks until 2027-06-30" or "weekly on Monday, 10 times"'
)
FREQUENCIES = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY, "YEARLY": du.YEARLY}
ADVERBS = {
    "daily": ("DAILY", 1),
    "weekly": ("WEEKLY", 1),
    "fortnightly": ("WEEKLY", 2),
    "monthly": ("MONTHLY", 1),
    "yearly": ("YEARLY", 1),
    "annually": ("YEARLY", 1),
}
UNITS = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
}  # fmt: skip
NAMES = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
ORDINAL = "|".join(ORDINALS)

BASE = re.compile(
    rf"^(?:(?P<adverb>{'|'.join(ADVERBS)})"
    r"|every\s+(?:(?P<other>other)\s+|(?P<interval>\d+)\s+)?(?P<unit>day|week|month|year)s?"
    rf"|every\s+(?:the\s+)?(?P<every_nth>{ORDINAL})\s+(?P<every_nth_day>{DAY})"
    rf"|every\s+(?P<every_days>{DAY}(?:\s*(?:,|and)\s*{DAY})*))\b"
)
ON_NTH = re.compile(rf"^on\s+the\s+(?P<nth>{ORDINAL})\s+(?P<day>{DAY})\b")
ON_DAYS = re.compile(rf"^on\s+(?P<days>{DAY}(?:\s*(?:,|and)\s*{DAY})*)\b")
ON_MONTHDAY = re.compile(r"^on\s+(?:day\s+(?P<n>\d{1,2})|the\s+(?P<nth>\d{1,2})(?:st|nd|rd|th))\b")
UNTIL = re.compile(r"^,?\s*until\s+(?P<until>\d{4}-\d{2}-\d{2})\b")
COUNT = re.compile(
    r"^,?\s*(?:for\s+|count\s+)?(?P<count>\d+)(?:\s+(?:times|occurrences|meetings))?$"
)


@dataclass(frozen=True)
class Rule:
    freq: str  # DAILY, WEEKLY, MONTHLY, YEARLY
    interval: int = 1
    byday: tuple = ()  # (ordinal or 0, weekday index 0=Monday)
    bymonthday: int | None = None
    until: date | None = None  # the last day a meeting may fall on (local)
    count: int | None = None

    def describe(self):
        unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
        if self.interval == 1:
            words = {"DAILY": "Daily", "WEEKLY": "Weekly", "MONTHLY": "Monthly", "YEARLY": "Yearly"}
            text = words[self.freq]
        else:
            text = f"Every {self.interval} {unit[self.freq]}s"
        if self.byday:
            names = [
                (f"the {NAMES[n]} " if n else "") + WEEKDAYS[day].capitalize()
                for n, day in self.byday
            ]
            text += " on " + " and ".join(names)
        if self.bymonthday:
            text += f" on day {self.bymonthday}"
        if self.until:
            text += f", until {self.until.day} {self.until:%B %Y}"
        if self.count:
            text += f", {self.count} times"
        return text

    def ical(self, until_value=None):
        """The RRULE as icalendar's vRecur dict; `until_value` is UNTIL in DTSTART's form."""
        value = {"FREQ": self.freq}
        if self.interval != 1:
            value["INTERVAL"] = self.interval
        if self.byday:
            value["BYDAY"] = [(f"{n}" if n else "") + CODES[day] for n, day in self.byday]
        if self.bymonthday:
            value["BYMONTHDAY"] = self.bymonthday
        if self.until:
            value["UNTIL"] = until_value
        if self.count:
            value["COUNT"] = self.count
        return value

    def last_moment(self):
        """UNTIL of the expansion: a series without an end stops in the last allowed year, so
        no date of it overflows (one with a count: series.py refuses one running past it)."""
        if self.until:
            return datetime.combine(self.until, time.max)
        return None if self.count else LAST_MOMENT

    def dates(self, dtstart):
        """The starts of the series from naive local `dtstart`, lazily (dateutil rrule)."""
        weekdays = [du.weekday(day, n) if n else du.weekday(day) for n, day in self.byday]
        return du.rrule(
            FREQUENCIES[self.freq],
            dtstart=dtstart,
            interval=self.interval,
            byweekday=weekdays or None,
            bymonthday=self.bymonthday,
            until=self.last_moment(),
            count=self.count,
            cache=False,
        )


def weekday_index(word):
    return WEEKDAYS.index(word.rstrip("s") if word.endswith("days") else word)


def day_list(text):
    return tuple((0, weekday_index(w)) for w in re.findall(DAY, text))


def number(digits):
    """The number, or 0 past nine digits (refused as out of range by the caller)."""
    return int(digits) if len(digits) <= 9 else 0


def parse_repeat(text):
    """A Rule from the words of Event-Repeat; ValueError naming what is not understood."""
    rest = " ".join(text.lower().replace(",", " , ").split()).replace(" ,", ",")
    match = BASE.match(rest)
    if not match:
        raise ValueError("it does not start with how often (daily, weekly, monthly, every ...)")
    parts = match.groupdict()
    interval, byday, bymonthday = 1, (), None
    if parts["adverb"]:
        freq, interval = ADVERBS[parts["adverb"]]
    elif parts["unit"]:
        freq = UNITS[parts["unit"]]
        interval = 2 if parts["other"] else number(parts["interval"] or "1")
    elif parts["every_nth"]:
        freq = "MONTHLY"
        byday = ((ORDINALS[parts["every_nth"]], weekday_index(parts["every_nth_day"])),)
    else:
        freq, byday = "WEEKLY", day_list(parts["every_days"])
    rest = rest[match.end() :].strip(" ,")
    if not byday and (on := ON_NTH.match(rest)):
        if freq != "MONTHLY":
            raise ValueError(f"'the {on['nth']} {on['day']}' needs a monthly series")
        byday = ((ORDINALS[on["nth"]], weekday_index(on["day"])),)
        rest = rest[on.end() :].strip(" ,")
    elif not byday and (on := ON_MONTHDAY.match(rest)):
        if freq != "MONTHLY":
            raise ValueError("a day of the month needs a monthly series")
        bymonthday = int(on["n"] or on["nth"])
        if not 1 <= bymonthday <= 31:
            raise ValueError(f"there is no day {bymonthday} in a month")
        rest = rest[on.end() :].strip(" ,")
    elif not byday and (on := ON_DAYS.match(rest)):
        if freq != "WEEKLY":
            raise ValueError("weekdays without 'the first', 'the last' ... need a weekly series")
        byday = day_list(on["days"])
        rest = rest[on.end() :].strip(" ,")
    if not 1 <= interval <= MAX_INTERVAL:
        raise ValueError(f"the interval must be from 1 to {MAX_INTERVAL}")
    until = count = None
    if end := UNTIL.match(rest):
        try:
            until = date.fromisoformat(end["until"])
        except ValueError:
            raise ValueError(f"{end['until']} is not a date") from None
        if not in_range(until):
            raise ValueError(f"until {end['until']} is outside {YEARS}")
        rest = rest[end.end() :].strip(" ,")
    elif end := COUNT.match(rest):
        count = number(end["count"])
        if not 1 <= count <= MAX_MEETINGS:
            raise ValueError(f"the number of meetings must be from 1 to {MAX_MEETINGS}")
        rest = ""
    if rest:
        raise ValueError(f"'{rest}' is not understood")
    return Rule(freq, interval, tuple(sorted(set(byday))), bymonthday, until, count)
