"""Meetings as posts: Event-* metadata on articles, the events/ page and iCalendar files.

An event is a post under one of EVENTS_PATHS (default: content/events/) or any post with
Event-* metadata (README, "Meetings", has every key; reading.py reads them):

    Event-Start: 2027-01-06 18:00        (a date alone: an all-day meeting)
    Event-Duration: 1h                   (or Event-End: 2027-01-06 19:00)
    Event-Timezone: Europe/Berlin        (or an offset in the times; default: TIMEZONE)
    Event-Location: free text
    Event-Repeat: monthly on the first Wednesday    Event-Skip: 2027-04-07
    Event-Moved: 2027-02-03 -> 2027-02-10 18:00     Event-Status: cancelled
    Event-Attendance: online | in person | mixed    Event-Example: yes
    Event-Talks: Title | member-id, A Name | slides: https://...

Every event is checked once the articles are read; a mistake stops the build with an EventError
naming the file and the line, and so does an event that takes another's calendar UID
(identity.py). Templates get `article.event` (an Event, None on other posts), and the context
`events_upcoming` (soonest first), `events_past` (most recent first), `events_next` (the next
real meeting: an Occurrence that is not illustrative nor cancelled, else None),
`topic_calendars` ({topic slug: calendar URL}, also `topic.calendar_url`),
`topic.upcoming_events` (its real meetings still to come: events_upcoming with neither
illustrative nor cancelled ones), `member_talks`
({member id: [Talk]}, also `member.talks`) and `events_webcal` (webcal:// of the calendar).
EventsGenerator writes the events page, /calendar.ics, a calendar per topic with meetings and
an event.ics next to each event post.
"""

import dataclasses
import os

from pelican import signals
from pelican.generators import Generator

import plugins.guard.output_plan as output_plan
from plugins.guard.content_guard.metadata import build_now
from plugins.model.defaults import apply_defaults
from plugins.model.error_report import ContentError
from plugins.model.error_report.header import KNOWN_LOWER
from plugins.model.site_address import site_address

from .ics import calendar_files, topic_events
from .identity import uid_clashes
from .jsonld import jsonld
from .links import calendar_links, webcal
from .reading import KEYS, EventError, Source, read_event
from .talks import make_talks

DEFAULTS = {
    "EVENTS_PATHS": ["events"],
    "EVENTS_URL": "events/",
    "EVENTS_SAVE_AS": "events/index.html",
    "EVENTS_CALENDAR_SAVE_AS": "calendar.ics",
    "EVENTS_TOPIC_CALENDAR_SAVE_AS": "calendar/topic/{slug}.ics",
    "EVENTS_CALENDAR_NAME": None,  # None: "<SITENAME> meetings"
    "EVENTS_UID_DOMAIN": "uls-sig.python.org",
    "BUILD_NOW": None,  # None: the clock (content_guard.metadata.build_now; also EVENTS_NOW)
    "EVENTS_SERIES_SHOWN": 6,  # upcoming meetings of a series listed on its page
}
# Every event is checked, listed or not; article.event is None on the other posts. Drafts are
# not published: their UIDs do not count.
PUBLISHED = ("articles", "translations", "hidden_articles", "hidden_translations")
ARTICLE_LISTS = (*PUBLISHED, "drafts", "drafts_translations")

__all__ = ["EventError", "register"]


def is_event(article, settings):
    if any(key.startswith("event-") for key in article.metadata):
        return True
    relative = os.path.relpath(article.source_path, settings["PATH"]).replace(os.sep, "/")
    return any(relative.startswith(folder.strip("/") + "/") for folder in settings["EVENTS_PATHS"])


def set_defaults(pelican):
    settings = apply_defaults(pelican.settings, DEFAULTS)
    if not settings["EVENTS_CALENDAR_NAME"]:
        settings["EVENTS_CALENDAR_NAME"] = f"{settings['SITENAME']} meetings"
    # The keys this plugin reads beyond the header's known ones, for content_guard.
    extra = tuple(settings.get("CONTENT_GUARD_EXTRA_KEYS") or ())
    new = [name for key, name in KEYS.items() if key not in KNOWN_LOWER and name not in extra]
    settings["CONTENT_GUARD_EXTRA_KEYS"] = (*extra, *new)


def next_key(article):
    return (article.event.next.start_utc, article.event.uid)


def past_key(article):
    return (article.event.shown.start_utc, article.event.uid)


def collect_events(generator):
    """article_generator_finalized: check every event, set article.event and the context."""
    settings = generator.settings
    now = build_now(settings)  # the one now of the build: upcoming or past, Modified's bound
    for kind in ARTICLE_LISTS:
        for article in getattr(generator, kind):
            one = is_event(article, settings)
            article.event = read_event(article, settings, now) if one else None
    clashes = uid_clashes([a for k in PUBLISHED for a in getattr(generator, k) if a.event])
    if clashes:
        raise ContentError("\n".join(clashes))
    listed = [article for article in generator.articles if article.event]
    upcoming = sorted((a for a in listed if a.event.next), key=next_key)
    generator.context["events_upcoming"] = upcoming
    generator.context["events_past"] = sorted(
        (a for a in listed if not a.event.next), key=past_key, reverse=True
    )
    real = [
        occurrence
        for article in upcoming
        if not article.event.example and not article.event.cancelled
        for occurrence in article.event.upcoming
    ]
    generator.context["events_next"] = min(real, key=lambda o: o.start_utc, default=None)


def every_event(context):
    for kind in ARTICLE_LISTS:
        for article in context.get(kind, []):
            for item in [article, *article.translations]:
                if getattr(item, "event", None):
                    yield item


def finish_events(generators):
    """all_generators_finalized (members and topics are read): resolve the speakers of talks,
    add the calendar links and JSON-LD, and the per-topic and per-member context."""
    context = generators[0].context
    settings = generators[0].settings
    members = {member.id: member for member in context.get("members", [])}
    talks_of = {}
    for article in every_event(context):
        event = article.event
        if event.talk_specs:
            source = Source(article)

            def fail_at(index, source=source):
                def fail(problem, fix):
                    raise source.error("event-talks", problem, fix, offset=index)

                return fail

            talks = make_talks(event.talk_specs, members, article, fail_at)
            event = article.event = dataclasses.replace(event, talks=talks)
            # Member pages list real talks only: an illustrative meeting speaks for nobody.
            if article in context.get("articles", []) and not event.example:
                for talk in talks:
                    for speaker in talk.speakers:
                        if speaker.member_id:
                            talks_of.setdefault(speaker.member_id, []).append(talk)
        event.links.update(calendar_links(article, settings))
        article.event_jsonld = jsonld(article, settings)
    context["member_talks"] = talks_of
    for member_id, member in members.items():
        member.talks = talks_of.get(member_id, [])
    calendars = {}
    for slug in topic_events(context):
        calendars[slug] = settings["EVENTS_TOPIC_CALENDAR_SAVE_AS"].format(slug=slug)
    upcoming_of = {}
    for article in context.get("events_upcoming", []):
        if not article.event.example and not article.event.cancelled:
            for topic in getattr(article, "topic_list", None) or []:
                upcoming_of.setdefault(topic.slug, []).append(article)
    for topic in context.get("topics", []):
        topic.upcoming_events = upcoming_of.get(topic.slug, [])
        topic.calendar_url = calendars.get(topic.slug, "")
        topic.calendar_webcal = webcal(settings, topic.calendar_url) if topic.calendar_url else ""
    context["topic_calendars"] = calendars
    context["events_webcal"] = webcal(settings, settings["EVENTS_CALENDAR_SAVE_AS"])
    base = site_address(settings)  # the address to subscribe to, absolute even in development
    context["events_calendar_address"] = base and f"{base}/{settings['EVENTS_CALENDAR_SAVE_AS']}"


class EventsGenerator(Generator):
    """Writes the events page, the calendars and one .ics file per event post."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        writer.write_file(
            self.settings["EVENTS_SAVE_AS"],
            self.get_template("events"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["EVENTS_URL"],
        )
        # Written once, by the build process (plugins/guard/output_plan plans them like any page).
        for path, make_bytes, what in calendar_files(self.context, self.settings):
            writer.write_own_file(path, make_bytes, what)


def add_generator(pelican):
    return EventsGenerator


def register():
    output_plan.register()  # calendars are written with writer.write_own_file
    signals.initialized.connect(set_defaults)
    signals.article_generator_finalized.connect(collect_events)
    signals.all_generators_finalized.connect(finish_events)
    signals.get_generators.connect(add_generator)
