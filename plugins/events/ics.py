"""iCalendar (RFC 5545) files of events, made with `icalendar`.

Nothing in them depends on the moment of the build: DTSTAMP is the post's Modified (else Date),
UIDs come from the post's slug (or Guid) and publication date, so two builds give the same bytes.
Times are written in UTC, which every calendar application understands without a VTIMEZONE.
No control character (other than the line breaks of the format) gets into a file: content_guard
refuses them in sources, and `calendar_bytes` strips what comes from anywhere else.
"""

import re
from datetime import UTC

import icalendar
from markupsafe import Markup

# C0 controls but tab and the CRLF line ends of the format; DEL; C1 controls; U+FFFE, U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]|\r(?!\n)")


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
    return without_controls(calendar.to_ical())


def without_controls(data):
    """The iCalendar bytes without control characters: icalendar escapes line feeds in text
    values and nothing else."""
    return CONTROL.sub("", data.decode("utf-8")).encode("utf-8")


def order(article):
    return (article.event.start_utc, article.event.end_utc, article.event.uid)


def calendar_files(context, settings):
    """(path, make_bytes, what) of the site calendar (every event, in order) and of one .ics
    file per event post; the bytes are made only when the file is written."""
    listed = context.get("events_upcoming", []) + context.get("events_past", [])
    files = [
        (
            settings["EVENTS_CALENDAR_SAVE_AS"],
            lambda: calendar_bytes(sorted(listed, key=order), settings),
            "calendar of every meeting",
        )
    ]
    for article in context.get("articles", []) + context.get("hidden_articles", []):
        for item in [article, *article.translations]:
            if getattr(item, "event", None) and item.event.ics_url:
                files.append(
                    (
                        item.event.ics_url,
                        lambda item=item: calendar_bytes([item], settings),
                        f"calendar of {item.source_path}",
                    )
                )
    return files
