"""Where an event's own .ics file goes, and its calendar UID: stable, and one event per UID.

A calendar application that imports a VEVENT whose UID it already knows replaces the old event
with the new one. A post that copies another event's `Guid:` and `Date:` would move or rename
someone else's meeting in every calendar that imported it, so two events with one UID stop the
build (`uid_clashes`), naming each post that takes a UID already in use.
"""

import posixpath
from collections import defaultdict

from error_report import display_path, metadata_line


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


def claimed_by_guid(article):
    return bool(str(article.metadata.get("guid") or "").strip())


def where(article):
    """`path:line` of the line that makes the UID: Guid:, else Date:, else 1."""
    path = article.source_path
    key = "guid" if claimed_by_guid(article) else "date"
    return f"{display_path(path)}:{metadata_line(path, key)}"


def printable(text):
    """`text` with every unprintable character written as a Python escape, for a message."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def fix(article, owner):
    if claimed_by_guid(article):
        return "remove the Guid: line; Guid is only for keeping the ID of a renamed post"
    if claimed_by_guid(owner):
        return "that post claims it with its Guid: line; remove that line or change this Slug"
    return "give one of them another Slug"


def uid_clashes(articles):
    """One `path:line: ...` line per event whose UID another event already has.

    Of the events sharing a UID, the one that does not claim it with Guid: keeps it (else the
    first by path)."""
    by_uid = defaultdict(list)
    for article in articles:
        by_uid[article.event.uid].append(article)
    lines = []
    for uid, group in by_uid.items():
        ordered = sorted(group, key=lambda a: (claimed_by_guid(a), display_path(a.source_path)))
        owner = ordered[0]
        for article in ordered[1:]:
            lines.append(
                f"{where(article)}: its calendar UID {printable(uid)} is already the UID of "
                f"{display_path(owner.source_path)} ({fix(article, owner)})"
            )
    return sorted(lines)
