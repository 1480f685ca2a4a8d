"""One message per identity, whatever the archive files are named.

A message is known by its Message-ID (by the hash of its bytes when it has none): its place in
a thread, its anchor, its thread's page and its feed entry ID all come from it. A file of the
archive cannot take the identity of a message in another one:

- the same message in two files (a month downloaded twice, as .txt and as .txt.gz): the same
  bytes, headers and body (the mbox `From ` line and line endings aside), is kept once;
- two different messages with one Message-ID stop the build, naming both places: which one is
  the list's is for an editor to decide, never the order of the file names;
- two messages whose identities share the 12 characters of hash that name a thread page and an
  anchor (`list/threads/<12>/`, `#m-<12>`) stop the build too: only a made-up Message-ID does.
"""

from plugins.model.error_report import display_path

from .limits import ListArchiveError

SHORT = 12  # characters of a message's key in its anchor and its thread's id (threads.py)


def identity(record):
    return record["message_id"] or f"key:{record['key']}"


def shown(record):
    return f"Message-ID <{record['message_id']}>" if record["message_id"] else "message"


def clash(record, other, what, fix):
    return ListArchiveError(f"{record['where']}: {what} {other['where']} ({fix})")


def unique_records(files):
    """Every record of `files` ([(path, records)]) once, each with `where` (path:line), oldest
    first; a ListArchiveError for a stolen or clashing identity. Of two copies of a message, the
    older is kept (their dates differ only when guessed from the file's month)."""
    records, order = [], {}
    for path, file_records in files:
        shown_path = display_path(path)
        for record in file_records:
            record["where"] = f"{shown_path}:{record.get('line', 1)}"
            order[id(record)] = (record["date"], shown_path, record.get("line", 1))
            records.append(record)
    kept, by_identity, by_short = [], {}, {}
    for record in sorted(records, key=lambda r: order[id(r)]):
        first = by_identity.setdefault(identity(record), record)
        if first is not record:
            if first["digest"] != record["digest"]:
                raise clash(
                    record, first, f"{shown(record)} is already the one of another message at",
                    "two messages cannot share one; remove the one that is not the list's",
                )  # fmt: skip
            continue  # the same message twice: kept once
        other = by_short.setdefault(record["key"][:SHORT], record)
        if other is not record:
            raise clash(
                record, other, f"{shown(record)} names the same thread page and anchor as",
                "a made-up Message-ID: remove the message that is not the list's",
            )  # fmt: skip
        kept.append(record)
    return kept
