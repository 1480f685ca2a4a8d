"""Event-Timezone: a key of the tz database, looked up in the set of keys, never opened as a file.

`zoneinfo.ZoneInfo(name)` opens the file `name` under the tz folders: a value like `Europe` (a
folder), `../../etc/passwd`, a 300-character name or one with a NUL byte fails with an OSError
or a ValueError of its own, and `posixrules` or `localtime` open files that are no place. So a
name is a zone only when it is one of `zoneinfo.available_timezones()` (read once), minus the
keys that name no place; anything else is refused, with the closest key when there is one
(`berlin` -> Europe/Berlin: the case, then the city part, then a near spelling).
"""

import difflib
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

# Factory is a placeholder; localtime and posixrules are the machine's own settings.
NOT_PLACES = frozenset({"Factory", "localtime", "posixrules"})
LONGEST_GUESSED = 64  # the longest key has 32 characters: a longer name gets no suggestion
SHOWN = 40  # characters of a refused name shown in the error


@cache
def zone_keys():
    """Every key a meeting may use."""
    return frozenset(available_timezones()) - NOT_PLACES


@cache
def keys_by_lowercase():
    """({lowercased key: key}, {lowercased city part: the keys ending in it, sorted})."""
    whole, cities = {}, {}
    for key in sorted(zone_keys()):
        whole[key.lower()] = key
        cities.setdefault(key.rsplit("/", 1)[-1].lower(), []).append(key)
    return whole, cities


def closest_zone(name):
    """The key `name` most likely means, or None."""
    wanted = "_".join(name.strip().lower().split())
    if not wanted or len(wanted) > LONGEST_GUESSED:
        return None
    whole, cities = keys_by_lowercase()
    if wanted in whole:
        return whole[wanted]
    area, _, city = wanted.rpartition("/")
    near = cities.get(city)
    if not near:  # a near spelling of a city, in the area the name gives if it gives one
        pool = [key for key in whole if key.startswith(area + "/")] if area else list(whole)
        spelled = {key.rsplit("/", 1)[-1]: whole[key] for key in pool}
        found = difflib.get_close_matches(city, list(spelled), n=1, cutoff=0.8)
        near = [spelled[found[0]]] if found else None
    # Of Canada/Eastern and US/Eastern, say the first; of Asia/Kolkata and Kolkata, the area one.
    return min(near, key=lambda key: ("/" not in key, key)) if near else None


def shown(name):
    """The name as written, quoted with its odd characters escaped, cut at SHOWN characters."""
    return repr(name[:SHOWN]) + ("…" if len(name) > SHOWN else "")


def zone_named(name):
    """The ZoneInfo of a key; ValueError((problem, fix)) for anything else."""
    if name in zone_keys():
        return ZoneInfo(name)
    guess = closest_zone(name)
    fix = "use an IANA name such as UTC, Europe/Berlin or America/New_York"
    raise ValueError(
        f"unknown time zone {shown(name)} in Event-Timezone",
        f"did you mean {guess}? {fix}" if guess else fix,
    )
