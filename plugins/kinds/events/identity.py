"""Where an event's own .ics file goes, and its calendar UID: stable, and one event per UID.

A calendar application that imports a VEVENT whose UID it already knows replaces the old event
with the new one. A post that copies another event's `Guid:` and `Date:` would move or rename
someone else's meeting in every calendar that imported it, so two events with one UID stop the
build (`uid_clashes`), naming each post that takes a UID already in use.
"""

import posixpath

from plugins.guard.content_guard.metadata import date_problem
from plugins.model.error_report.header import read_header_of
from plugins.model.error_report.identities import identity_clashes


def ics_path(article):
    """event.ics next to a post saved as .../index.html, else <name>.ics beside it."""
    save_as = article.save_as
    if not save_as:
        return ""
    if posixpath.basename(save_as) == "index.html":
        return posixpath.join(posixpath.dirname(save_as), "event.ics")
    return posixpath.splitext(save_as)[0] + ".ics"


def event_uid(article, settings):
    """<Guid, else slug>-<publication date>[-<lang>]@EVENTS_UID_DOMAIN.

    An event in another language than DEFAULT_LANG ends in -<lang>: a translation shares the
    slug of its original (that is how Pelican pairs them) and often its date.
    """
    guid = str(article.metadata.get("guid") or article.slug).strip()
    lang = getattr(article, "lang", None)
    suffix = f"-{lang}" if lang and lang != settings.get("DEFAULT_LANG") else ""
    return f"{guid}-{article.date:%Y-%m-%d}{suffix}@{settings['EVENTS_UID_DOMAIN']}"


def uid_clashes(articles):
    """One `path:line: ...` line per event whose calendar UID another event already has."""
    return identity_clashes(articles, lambda a: a.event.uid, "calendar UID", "UID")


def sequence_of(article, cancelled):
    """SEQUENCE: twice the minutes from Date to Modified, plus one when cancelled. It rises
    with every change that sets Modified, and with a cancellation even when it does not."""
    modified = getattr(article, "modified", None)
    minutes = int((modified - article.date).total_seconds() // 60) if modified else 0
    return 2 * max(minutes, 0) + (1 if cancelled else 0)


def check_dates(article, now, source):
    """Date and Modified, which make the UID, DTSTAMP and SEQUENCE, in the site's years, and
    Modified not after the build's `now` (content_guard refuses them first where it runs)."""
    header = read_header_of(article.source_path)
    for key in ("date", "modified"):
        moment = getattr(article, key, None)
        if moment is not None:
            field = header.fields.get(key)
            wrong = date_problem(key, field.value if field else str(moment), moment, now)
            if wrong:
                raise source.error(key, *wrong)
