"""schema.org `Event` JSON-LD of a meeting page, as search engines read it.

The data goes in `<script type="application/ld+json">`: a data block, which the browser never
runs (so the Content-Security-Policy has nothing to allow). Everything in it comes from
content, so `script_json` escapes `<`, `>` and `&` (and U+2028/2029) as JSON `\\u` escapes:
no `</script>` or `<!--` written in a title can end the block early.
An illustrative meeting (Event-Example: yes) gets none: it is not a real event.
"""

import json
from datetime import timedelta

from markupsafe import Markup

from plugins.model.site_address import site_address

from .ics import plain

SCHEMA = "https://schema.org/"
STATUS = {"confirmed": "EventScheduled", "cancelled": "EventCancelled"}
MODE = {
    "online": "OnlineEventAttendanceMode",
    "offline": "OfflineEventAttendanceMode",
    "mixed": "MixedEventAttendanceMode",
}
ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def moment(occurrence, which):
    """ISO 8601 with the offset; the date alone for an all-day meeting (its last day as end)."""
    value = getattr(occurrence, which)
    if not occurrence.all_day:
        return value.isoformat()
    return (value.date() - timedelta(days=1 if which == "end" else 0)).isoformat()


def location(event, page):
    where = plain(event.location)
    place = {"@type": "Place", "name": where, "address": where}
    virtual = {"@type": "VirtualLocation", "url": event.url or page}
    if event.attendance == "online":
        return virtual
    if event.attendance == "mixed":
        return [place, virtual]
    return place


def event_data(article, settings):
    """The JSON-LD dict of the meeting shown on the page (the next one of a series)."""
    event = article.event
    occurrence = event.shown
    base = site_address(settings)
    page = f"{base}/{article.url}"
    status = STATUS[event.status]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": plain(article.title),
        "description": plain(article.summary),
        "url": page,
        "startDate": moment(occurrence, "start"),
        "endDate": moment(occurrence, "end"),
        "eventStatus": SCHEMA + status,
        "eventAttendanceMode": SCHEMA + MODE[event.attendance],
        "location": location(event, page),
        "organizer": {"@type": "Organization", "name": settings["SITENAME"], "url": f"{base}/"},
    }
    if occurrence.moved and not event.cancelled:
        data["eventStatus"] = SCHEMA + "EventRescheduled"
        data["previousStartDate"] = occurrence.original.isoformat()
    return data


def script_json(data):
    """JSON safe inside a <script> element of an HTML page, as Markup for the template."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    for char, escape in ESCAPES.items():
        text = text.replace(char, escape)
    return Markup(text)


def jsonld(article, settings):
    """The escaped JSON-LD of an event's page, or "" for an illustrative one."""
    if not getattr(article, "event", None) or article.event.example:
        return ""
    return script_json(event_data(article, settings))
