"""iCalendar (RFC 5545) files of events, made with `icalendar`.

Nothing in them depends on the moment of the build: DTSTAMP is the post's Modified (else Date),
UIDs come from the post's slug (or Guid) and publication date, so two builds give the same bytes.
Times are written in UTC, which every calendar application understands without a VTIMEZONE.
"""

import os
from datetime import UTC

import icalendar
from markupsafe import Markup
from pelican.utils import sanitised_join


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


def order(article):
    return (article.event.start_utc, article.event.end_utc, article.event.uid)


def write_bytes(output_path, path, data):
    full_path = sanitised_join(output_path, path)
    os.makedirs(os.path.dirname(full_path), exist_ok=True)
    with open(full_path, "wb") as output:
        output.write(data)


def write_calendars(output_path, context, settings):
    """The site calendar (every event, in order) and one .ics file per event post."""
    listed = context.get("events_upcoming", []) + context.get("events_past", [])
    calendar = calendar_bytes(sorted(listed, key=order), settings)
    write_bytes(output_path, settings["EVENTS_CALENDAR_SAVE_AS"], calendar)
    for article in context.get("articles", []) + context.get("hidden_articles", []):
        for item in [article, *article.translations]:
            if getattr(item, "event", None) and item.event.ics_url:
                write_bytes(output_path, item.event.ics_url, calendar_bytes([item], settings))
