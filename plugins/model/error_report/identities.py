"""Identities a post hands to readers' software (feed entry IDs, calendar UIDs): one owner each.

A feed reader takes two entries with one ID for one entry, the newer replacing the older, and a
calendar application that imports a VEVENT whose UID it knows replaces the old event. A post
that copies another's `Guid:` and `Date:` would take its place; plugins/outputs/feeds and
plugins/kinds/events
refuse that with the lines this module writes.
"""

from collections import defaultdict

from .error_report import display_path, metadata_line


def claimed_by_guid(article):
    return bool(str(article.metadata.get("guid") or "").strip())


def where(article):
    """`path:line` of the line that makes the identity: Guid:, else Date:, else 1."""
    path = article.source_path
    key = "guid" if claimed_by_guid(article) else "date"
    return f"{display_path(path)}:{metadata_line(path, key)}"


def printable(text):
    """`text` with every unprintable character written as a Python escape, for a message."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def clash_fix(article, owner):
    if claimed_by_guid(article):
        return "remove the Guid: line; Guid is only for keeping the ID of a renamed post"
    if claimed_by_guid(owner):
        return "that post claims it with its Guid: line; remove that line or change this Slug"
    return "give one of them another Slug"


def identity_clashes(articles, identity_of, kind, short):
    """One `path:line: its <kind> X is already the <short> of <file> (fix)` line per post whose
    identity another post already has. Of the posts sharing one, the one that does not claim it
    with Guid: keeps it (else the first by path); each other one is named with the line to fix."""
    by_identity = defaultdict(list)
    for article in articles:
        by_identity[identity_of(article)].append(article)
    lines = []
    for value, group in by_identity.items():
        ordered = sorted(group, key=lambda a: (claimed_by_guid(a), display_path(a.source_path)))
        owner = ordered[0]
        for article in ordered[1:]:
            lines.append(
                f"{where(article)}: its {kind} {printable(value)} is already the {short} of "
                f"{display_path(owner.source_path)} ({clash_fix(article, owner)})"
            )
    return sorted(lines)
