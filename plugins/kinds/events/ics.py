"""iCalendar (RFC 5545) files of events, made with `icalendar`.

Nothing in them depends on the moment of the build: DTSTAMP is the post's Modified (else Date),
SEQUENCE comes from Date, Modified and Event-Status (identity.sequence_of), UIDs from the post's
slug (or Guid) and publication date, so two builds give the same bytes.

An event with an IANA time zone keeps its local wall-clock time (`DTSTART;TZID=Europe/Berlin:`)
and the calendar carries a VTIMEZONE for it, generated from the tz database for the years the
event spans, so a series across a daylight-saving change stays at its local time. An event
whose times only carry an offset (or are in UTC) is written in UTC. A series is one VEVENT with
RRULE and EXDATE (Event-Skip), plus one VEVENT with RECURRENCE-ID per moved meeting.
icalendar folds lines at 75 octets and ends them with CRLF. No control character (other than
the line breaks of the format) gets into a file: content_guard refuses them in sources, and
`without_controls` strips what comes from anywhere else.
"""

import re
from datetime import UTC, datetime, time, timedelta

import icalendar

from plugins.model.plain_text import plain_line

from .model import in_utc

# C0 controls but tab and the CRLF line ends of the format; DEL; C1 controls; U+FFFE, U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]|\r(?!\n)")
TAG = re.compile(r"<[^<>]*>")  # what a reader could take for markup; "x < y" is not
OPEN_ENDED_YEARS = 10  # VTIMEZONE of a series without an end covers this many years


def plain(html):
    """One plain line of text from content (a title, a summary, a location, a talk): tags
    dropped and references decoded as the content check decodes them, control characters as
    spaces (plugins.model.plain_text.plain_line), nothing tag-like left."""
    return no_tags(plain_line(html))


def no_tags(text):
    """`text` without anything tag-like, such as the `<script>` a decoder makes of
    `&lt;script&gt;`: removed until none is left (`<<b>b>` leaves no `<b>`)."""
    while (stripped := TAG.sub("", text)) != text:
        text = stripped
    return text


def has_tzid(event):
    return not event.all_day and getattr(event.zone, "key", "UTC") != "UTC"


def value(event, moment):
    """A start or end in the form of the event: a date, a local time with TZID, or UTC."""
    if event.all_day:
        return moment.date()
    return moment if has_tzid(event) else moment.astimezone(UTC)


def agenda(event):
    lines = []
    for talk in event.talks:
        links = ", ".join(f"{label}: {href}" for label, href in talk.links)
        line = f"- {plain(talk.title)} ({plain(talk.speaker_names)})"
        lines.append(line + (f" {links}" if links else ""))
    return "Agenda:\n" + "\n".join(lines) if lines else ""


def common(component, article, settings):
    event = article.event
    link = f"{settings.get('SITEURL', '')}/{article.url}"
    description = [plain(article.summary), agenda(event)]
    if event.url:
        description.append(f"Link: {event.url}")
    description.append(link)
    component.add("uid", event.uid)
    component.add("dtstamp", in_utc(getattr(article, "modified", None) or article.date))
    component.add("sequence", event.sequence)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    component.add("summary", plain(article.title))
    component.add("location", plain(event.location))
    component.add("description", no_tags("\n\n".join(part for part in description if part)))
    component.add("url", link)


def until_value(event):
    until = event.rule.until
    if event.all_day:
        return until
    return datetime.combine(until, time(23, 59, 59), event.zone).astimezone(UTC)


def vevents(article, settings):
    """The VEVENT of an event (the master of a series), then one per moved meeting."""
    event = article.event
    master = icalendar.Event()
    common(master, article, settings)
    master.add("dtstart", value(event, event.start))
    master.add("dtend", value(event, event.end))
    components = [master]
    if event.rule:
        master.add("rrule", event.rule.ical(until_value(event) if event.rule.until else None))
        if event.skipped:
            skipped = [datetime.combine(day, event.start.timetz()) for day in event.skipped]
            master.add("exdate", [value(event, moment) for moment in skipped])
        for moved in event.moves:
            override = icalendar.Event()
            common(override, article, settings)
            override.add("recurrence-id", value(event, moved.original))
            override.add("dtstart", value(event, moved.start))
            override.add("dtend", value(event, moved.end))
            components.append(override)
    return components


def zone_spans(articles):
    """{zone: (first day, last day)} of the time zones the events use, for their VTIMEZONEs."""
    spans = {}
    for article in articles:
        event = article.event
        if not has_tzid(event):
            continue
        first, last = event.start.date(), event.end.date()
        if event.rule:
            last = event.rule.until or first + timedelta(days=366 * OPEN_ENDED_YEARS)
        last = max([last, *(moved.end.date() for moved in event.moves)])
        if event.zone.key in spans:
            old_first, old_last, _ = spans[event.zone.key]
            first, last = min(old_first, first), max(old_last, last)
        spans[event.zone.key] = (first, last, event.zone)
    return spans


def vtimezones(articles):
    components = []
    for _key, (first, last, zone) in sorted(zone_spans(articles).items()):
        component = icalendar.Timezone.from_tzinfo(
            zone, first_date=first - timedelta(days=1), last_date=last + timedelta(days=1)
        )
        components.append(component)
    return components


def calendar_bytes(articles, settings, name=None):
    """A VCALENDAR with the VEVENTs of the articles (which must have `.event`), in the given
    order, and the VTIMEZONEs they need."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings['SITENAME']}//Pelican events plugin//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name or settings["EVENTS_CALENDAR_NAME"])
    for component in vtimezones(articles):
        calendar.add_component(component)
    for article in articles:
        for component in vevents(article, settings):
            calendar.add_component(component)
    return without_controls(calendar.to_ical())


def without_controls(data):
    """The iCalendar bytes without control characters: icalendar escapes line feeds in text
    values and nothing else."""
    return CONTROL.sub("", data.decode("utf-8")).encode("utf-8")


def order(article):
    return (article.event.start_utc, article.event.end_utc, article.event.uid)


def in_calendars(context):
    """The events of the site and topic calendars: listed, and not illustrative."""
    listed = context.get("events_upcoming", []) + context.get("events_past", [])
    return sorted((a for a in listed if not a.event.example), key=order)


def topic_events(context):
    """{topic slug: (topic, [articles])} of every topic with a meeting in the calendar."""
    found = {}
    for article in in_calendars(context):
        for topic in getattr(article, "topic_list", None) or []:
            found.setdefault(topic.slug, (topic, []))[1].append(article)
    return found


def calendar_files(context, settings):
    """(path, make_bytes, what) of the site calendar, the topic calendars and one .ics file
    per event post; the bytes are made only when the file is written."""
    listed = in_calendars(context)
    files = [
        (
            settings["EVENTS_CALENDAR_SAVE_AS"],
            lambda: calendar_bytes(listed, settings),
            "calendar of every meeting",
        )
    ]
    for slug, (topic, articles) in sorted(topic_events(context).items()):
        name = f"{settings['EVENTS_CALENDAR_NAME']}: {plain(topic.title)}"
        files.append(
            (
                settings["EVENTS_TOPIC_CALENDAR_SAVE_AS"].format(slug=slug),
                lambda articles=articles, name=name: calendar_bytes(articles, settings, name),
                f"calendar of the topic {slug}",
            )
        )
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
