"""Add-to-calendar links of an event: its own .ics, webcal:// subscriptions (to the whole
calendar, and to the event's own file), and plain links to Google Calendar and Outlook on the
web. Only links: nothing is requested from those sites on page load.

A one-off meeting: both services get that meeting. A series:

- Google's template link takes `recur=`: undocumented by Google, but long used and described
  as one RFC 5545 RRULE (or RDATE) line (InteractionDesignFoundation/add-event-to-calendar-docs,
  services/google.md; add2cal/add-to-calendar-button, src/generators/google.ts). So the link
  adds the series as the .ics has it: `dates` is the first meeting (the .ics's DTSTART, not the
  next meeting) and `recur` the RRULE exactly as the .ics writes it. EXDATE is left out: no
  source shows the template link accepting it (add2cal/add-to-calendar-button issue #661 asks
  for it, still open; in #707 a recurrence with an EXDATE added no series at all), and a moved
  meeting (RECURRENCE-ID) needs a second event that one link cannot carry. The details say
  so and give the calendar file; the template offers the subscription beside the link.
- Outlook on the web's compose deeplink has no recurrence: it adds the next meeting only. The
  template says so and offers the subscription to the series beside it; the body says so too.

The join link (Event-URL) is in the details of both, and is the location of an online meeting.
"""

from urllib.parse import urlencode

import icalendar

from plugins.model.site_address import site_address

from .ics import no_tags, plain, until_value

GOOGLE = "https://calendar.google.com/calendar/render?"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose?"


def webcal(settings, path):
    base = site_address(settings)
    if not base:
        return ""
    return "webcal://" + base.split("://", 1)[1] + "/" + path


def series_file(article, settings):
    """The address of the event's own .ics (absolute, as the page's in `details`); its page
    when it has no file of its own."""
    return f"{site_address(settings)}/{article.event.ics_url or article.url}"


def details(article, settings, notes=()):
    """The text both services show: summary, join link, `notes`, the meeting's page."""
    event = article.event
    parts = [plain(article.summary)]
    if event.url:
        parts.append(f"Join: {event.url}")
    parts += [*notes, f"{site_address(settings)}/{article.url}"]
    return no_tags("\n\n".join(part for part in parts if part)).strip()


def where(event):
    """The location; the join link for a meeting with no physical place (Event-Attendance
    online), which both services then show as a link."""
    if event.url and event.attendance == "online":
        return no_tags(event.url)
    return plain(event.location)


def rrule_line(event):
    """`RRULE:...` as ics.vevents writes it (same UNTIL or COUNT, BYDAY ...)."""
    until = until_value(event) if event.rule.until else None
    return "RRULE:" + icalendar.vRecur(event.rule.ical(until)).to_ical().decode()


def google_notes(article, settings):
    event = article.event
    if not (event.skipped or event.moves):
        return ()
    changed = "Skipped and moved meetings are not in this calendar entry"
    return (
        f"{changed}; the calendar file of the series has them: {series_file(article, settings)}",
    )


def outlook_notes(article, settings, meeting):
    event = article.event
    day = f"{meeting.start.day} {meeting.start:%B %Y}"
    return (
        f"This calendar entry is the meeting of {day} only, one of a series ({event.schedule}). "
        f"Every meeting of the series: {series_file(article, settings)}",
    )


def google_link(article, meeting, settings, recur="", notes=()):
    """`meeting`: the one-off, or the first meeting of a series with its `recur` line."""
    if meeting.all_day:
        dates = f"{meeting.start:%Y%m%d}/{meeting.end:%Y%m%d}"  # end: the day after
    else:
        dates = f"{meeting.start_utc:%Y%m%dT%H%M%SZ}/{meeting.end_utc:%Y%m%dT%H%M%SZ}"
    query = {
        "action": "TEMPLATE",
        "text": plain(article.title),
        "dates": dates,
        "details": details(article, settings, notes),
        "location": where(article.event),
    }
    if recur:
        query["recur"] = recur
    if not meeting.timezone.startswith("UTC"):
        query["ctz"] = meeting.timezone
    return GOOGLE + urlencode(query)


def outlook_link(article, occurrence, settings, notes=()):
    query = {"path": "/calendar/action/compose", "rru": "addevent", "subject": plain(article.title)}
    if occurrence.all_day:
        query |= {
            "startdt": occurrence.start.date().isoformat(),
            "enddt": occurrence.end.date().isoformat(),
            "allday": "true",
        }
    else:
        query |= {
            "startdt": f"{occurrence.start_utc:%Y-%m-%dT%H:%M:%SZ}",
            "enddt": f"{occurrence.end_utc:%Y-%m-%dT%H:%M:%SZ}",
        }
    query |= {"body": details(article, settings, notes), "location": where(article.event)}
    return OUTLOOK + urlencode(query)


def calendar_links(article, settings):
    """{"ics", "webcal", "series", "google", "outlook"}: site-relative .ics, absolute others
    ("" when there is no absolute site address, when the meeting is over, or, for "series"
    (the webcal:// of the event's own file), when it is not a series)."""
    event = article.event
    occurrence = event.next
    series = event.is_series and event.ics_url
    links = {
        "ics": event.ics_url,
        "webcal": webcal(settings, settings["EVENTS_CALENDAR_SAVE_AS"]),
        "series": webcal(settings, event.ics_url) if series else "",
        "google": "",
        "outlook": "",
    }
    if not occurrence:
        return links
    if event.is_series:
        notes = google_notes(article, settings)
        links["google"] = google_link(article, event.first, settings, rrule_line(event), notes)
        notes = outlook_notes(article, settings, occurrence)
        links["outlook"] = outlook_link(article, occurrence, settings, notes)
    else:
        links["google"] = google_link(article, occurrence, settings)
        links["outlook"] = outlook_link(article, occurrence, settings)
    return links
