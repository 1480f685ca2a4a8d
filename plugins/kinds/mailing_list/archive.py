"""The archive files under content/list/, read incrementally.

Two kinds of file are read, both mbox (RFC 4155), split as `mailbox.mbox` splits them:
- pipermail's monthly downloads as Mailman publishes them: `2009-March.txt` or
  `2009-March.txt.gz` (addresses written `ada at example.org`);
- plain mbox files: `<anything>.mbox` or `<anything>.mbox.gz`.
README.md and dot files are notes, not archives; any other file there stops the build with
`path:1: ...`, and so does a file that is not an mbox or a .gz that does not decompress.

A file is parsed only when its bytes change: the messages read from it are cached as JSON under
`<MAILING_LIST_CACHE_PATH>/<sha256 of the bytes, file name and parser version>.json`; anything
unreadable in the cache is parsed again.
"""

import calendar
import gzip
import hashlib
import json
import os
import re
import zlib
from datetime import UTC, datetime
from pathlib import Path

from plugins.model.error_report import display_path

from .limits import ListArchiveError, limit, over
from .message import parse_date, read_message, split_raw

PARSER_VERSION = "4"  # change it when read_message's output changes: the cache is read again
SUFFIXES = (".txt", ".txt.gz", ".mbox", ".mbox.gz")
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
PIPERMAIL_NAME = re.compile(r"(?P<year>\d{4})-(?P<month>[A-Za-z]+)\.txt(?:\.gz)?")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_FILE_BYTES = 200_000_000  # a month of the busiest list is a few MB


# A real mbox separator: `From <sender> <weekday> <month> <day> <hh:mm:ss> <year>`, the sender
# possibly in pipermail's spelling with spaces (`From ada at example.org  Sat Mar 14 ...`).
SEPARATOR = re.compile(
    rb"From .+ (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov"
    rb"|Dec) +\d{1,2} \d{1,2}:\d\d(?::\d\d)? (?:[A-Z]{3,4} )?\d{4}\s*"
)
BODY_FROM = re.compile(rb"^From ", re.MULTILINE)
FOLDED = re.compile(rb"\n[ \t]")  # a header line that continues the field above it


def archive_files(folder):
    """The archive files of `folder`, sorted by name; a ListArchiveError for any other file."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name == "README.md":
            continue
        if not path.is_file() or path.is_symlink():
            raise ListArchiveError(
                f"{display_path(path)}:1: not a regular file (put the archive file itself here)"
            )
        if not path.name.endswith(SUFFIXES):
            raise ListArchiveError(
                f"{display_path(path)}:1: not a list archive (content/list/ holds pipermail "
                "months such as 2009-March.txt or 2009-March.txt.gz, and .mbox files)"
            )
        found.append(path)
    return found


def file_month(path):
    """The first day of the month a pipermail file is named for, else None."""
    found = PIPERMAIL_NAME.fullmatch(path.name)
    if not found or found["month"].capitalize() not in MONTHS:
        return None
    if not 1970 <= int(found["year"]) <= 2200:
        raise ListArchiveError(
            f"{display_path(path)}:1: the year {found['year']} is not a list's year (name a "
            "pipermail month YYYY-Month.txt with a year from 1970 to 2200, e.g. 2009-March.txt)"
        )
    return datetime(int(found["year"]), MONTHS[found["month"].capitalize()], 1, tzinfo=UTC)


def too_big(path, size):
    return ListArchiveError(
        f"{display_path(path)}:1: {size:,} bytes, more than a month of a list has "
        f"(at most {MAX_FILE_BYTES:,}; split it by month)"
    )


def gunzip(path, limit=None):
    """The decompressed bytes of a .gz file, read in a stream: a gzip bomb stops the build as
    soon as it passes `limit` (MAX_FILE_BYTES) instead of filling the memory first."""
    limit = MAX_FILE_BYTES if limit is None else limit
    chunks, size = [], 0
    try:
        with gzip.open(path, "rb") as stream:
            while chunk := stream.read(1 << 20):
                size += len(chunk)
                if size > limit:
                    raise too_big(path, size)
                chunks.append(chunk)
    except (OSError, EOFError, zlib.error) as error:
        raise ListArchiveError(
            f"{display_path(path)}:1: the file does not decompress ({error}; download it "
            "again with `make list-archive`)"
        ) from None
    return b"".join(chunks)


def file_bytes(path):
    if path.name.endswith(".gz"):
        return gunzip(path)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise too_big(path, path.stat().st_size)
    return path.read_bytes()


def check_mbox(path, data):
    first = data.lstrip(b"\r\n")[:5]
    if first and first != b"From ":
        raise ListArchiveError(
            f"{display_path(path)}:1: not an mbox archive: it must start with a `From ` line "
            "(use pipermail's downloadable .txt or .txt.gz files, or an mbox export)"
        )


def escape_body_from_lines(data):
    """Pipermail does not always escape a body line starting with "From " (mboxo), which
    `mailbox` would take for the start of a message: such lines that are not a real separator
    get the usual ">"."""

    def escape(found):
        line_end = data.find(b"\n", found.start())
        line = data[found.start() : line_end if line_end >= 0 else len(data)]
        return found.group() if SEPARATOR.fullmatch(line.rstrip(b"\r")) else b">From "

    return BODY_FROM.sub(escape, data)


def message_spans(data):
    """[(line, start, stop)] of every message of an mbox whose body "From " lines are escaped,
    split as `mailbox.mbox` splits: a message starts at each line that starts with "From " (its
    line) and ends before the blank line that comes before the next one. One pass."""
    starts = [found.start() for found in BODY_FROM.finditer(data)]
    spans, line, counted = [], 1, 0
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(data)
        line += data.count(b"\n", counted, start)
        counted = start
        spans.append((line, start, end - 1 if data.endswith(b"\n\n", start, end) else end))
    return spans


def check_counts(path, lines, earlier, settings):
    """Refuse a file of more than MAX_FILE_MESSAGES messages, or one that takes the archive
    past MAX_MESSAGES (`earlier`: the messages of the files before it), at the first message
    over, before any is parsed. `lines`: the line of each message of the file."""
    for name, most, what, fix in (
        ("FILE_MESSAGES", limit(settings, "FILE_MESSAGES"), "messages in one file",
         "split the archive into months, as pipermail does"),
        ("MESSAGES", limit(settings, "MESSAGES") - earlier, "messages or more in the archive",
         "the archive holds the list's own months only"),
    ):  # fmt: skip
        if len(lines) > most:
            count = len(lines) + earlier if name == "MESSAGES" else len(lines)
            where = f"{display_path(path)}:{lines[max(most, 0)]}"
            raise over(where, what, count, settings, name, fix)


def check_message(where, raw, settings):
    """Refuse a message over MAX_MESSAGE_BYTES or MAX_HEADER_FIELDS (`where`: path:line)."""
    if len(raw) > limit(settings, "MESSAGE_BYTES"):
        fix = "a list message is text; remove the attachments or the message"
        raise over(where, "bytes in one message", len(raw), settings, "MESSAGE_BYTES", fix)
    block = split_raw(raw)[0]
    fields = block.count(b"\n") + 1 - len(FOLDED.findall(block))
    if fields > limit(settings, "HEADER_FIELDS"):
        fix = "remove the message, or the header lines no mail program writes"
        raise over(where, "header fields in one message", fields, settings, "HEADER_FIELDS", fix)


def parse_archive(path, data, settings, earlier=0):
    """Every message of one mbox file, as message.read_message dicts, in file order, each with
    the `line` of its From_ line and the `digest` of its bytes. A message marked not to be
    archived (`X-No-Archive:`, `X-Archive: no`, as Mailman honours them) is left out.
    `earlier`: how many messages the files read before this one hold (MAX_MESSAGES)."""
    check_mbox(path, data)
    data = escape_body_from_lines(data)
    spans = message_spans(data)
    check_counts(path, [line for line, _, _ in spans], earlier, settings)
    fallback = file_month(path) or EPOCH
    prefix = settings.get("MAILING_LIST_SUBJECT_PREFIX")
    records = []
    for line, start, stop in spans:
        from_line, _, raw = data[start:stop].partition(b"\n")
        check_message(f"{display_path(path)}:{line}", raw, settings)
        record = read_message(raw, from_line.decode("latin-1"), fallback, prefix)
        fallback = parse_date(record["date"])
        if record.pop("archived"):
            same = raw.replace(b"\r\n", b"\n").rstrip(b"\n")  # what a copy keeps
            digest = hashlib.sha256(same).hexdigest()[:32]
            records.append({**record, "line": line, "digest": digest})
    return records


def read_archives(folder, cache_folder, settings):
    """[(path, records)] of every archive file, from the cache when its bytes are known.

    Returns also how many files were parsed (the others came from the cache). Entries of the
    cache no file matches any more are removed."""
    cache = Path(cache_folder)
    result, parsed, used, count = [], 0, set(), 0
    files = archive_files(folder)
    if files:
        cache.mkdir(parents=True, exist_ok=True)
    for path in files:
        data = file_bytes(path)
        # What the parse depends on: the bytes, the parser and the list's subject tag.
        # The file name too: a pipermail month's name gives the dates of undated messages.
        prefix = settings.get("MAILING_LIST_SUBJECT_PREFIX")
        version = f"{PARSER_VERSION}\0{prefix}\0{path.name}\0"
        digest = hashlib.sha256(version.encode() + data).hexdigest()
        cached = cache / f"{digest}.json"
        records = load(cached)
        if records is None:
            records = parse_archive(path, data, settings, count)
            store(cached, records)
            parsed += 1
        else:  # the limits may have changed since it was parsed
            check_counts(path, [record.get("line", 1) for record in records], count, settings)
        count += len(records)
        result.append((path, records))
        used.add(cached.name)
    for stale in cache.glob("*.json"):  # months that changed or went: their old parse
        if stale.name not in used:
            stale.unlink(missing_ok=True)
    return result, parsed


def load(path):
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return records if isinstance(records, list) else None


def store(path, records):
    """Written under a temporary name, then renamed: a killed build leaves no half file."""
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)
