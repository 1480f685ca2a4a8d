"""The archive files under content/list/, read incrementally.

Two kinds of file are read, both mbox (RFC 4155) read with `mailbox.mbox`:
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
import tempfile
import zlib
from datetime import UTC, datetime
from mailbox import mbox
from pathlib import Path

from plugins.error_report import ContentError, display_path

from .message import parse_date, read_message

PARSER_VERSION = "2"  # change it when read_message's output changes: the cache is read again
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


class ListArchiveError(ContentError):
    """An archive file that cannot be read: `path:line: what is wrong (how to fix it)`."""


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


def parse_archive(path, data, settings):
    """Every message of one mbox file, as message.read_message dicts, in file order."""
    check_mbox(path, data)
    data = escape_body_from_lines(data)
    fallback = file_month(path) or EPOCH
    prefix = settings.get("MAILING_LIST_SUBJECT_PREFIX")
    records = []
    with tempfile.TemporaryDirectory(prefix="mailing-list-") as folder:
        copy = os.path.join(folder, "archive.mbox")
        with open(copy, "wb") as handle:
            handle.write(data)
        box = mbox(copy, create=False)
        try:
            for key in box.iterkeys():
                raw = box.get_bytes(key, from_=True)
                from_line, _, raw = raw.partition(b"\n")
                record = read_message(raw, from_line.decode("latin-1"), fallback, prefix)
                fallback = parse_date(record["date"])
                records.append(record)
        finally:
            box.close()
    return records


def read_archives(folder, cache_folder, settings):
    """[(path, records)] of every archive file, from the cache when its bytes are known.

    Returns also how many files were parsed (the others came from the cache). Entries of the
    cache no file matches any more are removed."""
    cache = Path(cache_folder)
    result, parsed, used = [], 0, set()
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
            records = parse_archive(path, data, settings)
            store(cached, records)
            parsed += 1
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
