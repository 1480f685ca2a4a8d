"""iCalendar (RFC 5545) files of events, made with `icalendar`.

Nothing in them depends on the moment of the build: DTSTAMP is the post's Modified (else Date),
UIDs come from the post's slug (or Guid) and publication date, so two builds give the same bytes.
Times are written in UTC, which every calendar application understands without a VTIMEZONE.
"""

from datetime import UTC

import icalendar
from markupsafe import Markup


def plain(html):
    """Text of an HTML fragment (titles and summaries), without tags and entities."""
    return Markup(str(html or "")).striptags()


def in_utc(moment):
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def vevent(article, settings):
    event = article.event
    link = f"{settings.get('SITEURL', '')}/{article.url}"
    description = [plain(article.summary)]
    if event.url:
        description.append(f"Link: {event.url}")
    description.append(link)
    component = icalendar.Event()
    component.add("uid", event.uid)
    component.add("dtstamp", in_utc(getattr(article, "modified", None) or article.date))
    component.add("dtstart", event.start_utc)
    component.add("dtend", event.end_utc)
    component.add("summary", plain(article.title))
    component.add("location", event.location)
    component.add("description", "\n\n".join(part for part in description if part))
    component.add("url", link)
    return component


def calendar_bytes(articles, settings):
    """A VCALENDAR with one VEVENT per article (which must have `.event`), in the given order."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings['SITENAME']}//Pelican events plugin//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", settings["EVENTS_CALENDAR_NAME"])
    for article in articles:
        calendar.add_component(vevent(article, settings))
    return calendar.to_ical()
