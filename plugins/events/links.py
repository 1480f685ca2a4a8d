"""Add-to-calendar links of an event: its own .ics, a webcal:// subscription to the whole
calendar, and plain links to Google Calendar and Outlook on the web for the meeting shown
(the next one of a series). Only links: nothing is requested from those sites on page load.
"""

from urllib.parse import urlencode

from plugins.site_address import site_address

from .ics import plain

GOOGLE = "https://calendar.google.com/calendar/render?"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose?"


def webcal(settings, path):
    base = site_address(settings)
    if not base:
        return ""
    return "webcal://" + base.split("://", 1)[1] + "/" + path


def details(article, settings):
    link = f"{site_address(settings)}/{article.url}"
    return f"{plain(article.summary)}\n\n{link}".strip()


def google_link(article, occurrence, settings):
    if occurrence.all_day:
        dates = f"{occurrence.start:%Y%m%d}/{occurrence.end:%Y%m%d}"  # end: the day after
    else:
        dates = f"{occurrence.start_utc:%Y%m%dT%H%M%SZ}/{occurrence.end_utc:%Y%m%dT%H%M%SZ}"
    query = {
        "action": "TEMPLATE",
        "text": plain(article.title),
        "dates": dates,
        "details": details(article, settings),
        "location": plain(article.event.location),
    }
    if not occurrence.timezone.startswith("UTC"):
        query["ctz"] = occurrence.timezone
    return GOOGLE + urlencode(query)


def outlook_link(article, occurrence, settings):
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
    query |= {"body": details(article, settings), "location": plain(article.event.location)}
    return OUTLOOK + urlencode(query)


def calendar_links(article, settings):
    """{"ics", "webcal", "google", "outlook"}: site-relative .ics, absolute others ("" when
    there is no absolute site address or the meeting is over)."""
    event = article.event
    occurrence = event.next
    return {
        "ics": event.ics_url,
        "webcal": webcal(settings, settings["EVENTS_CALENDAR_SAVE_AS"]),
        "google": google_link(article, occurrence, settings) if occurrence else "",
        "outlook": outlook_link(article, occurrence, settings) if occurrence else "",
    }
