"""One message of the archive, read with the standard library's `email` package (policy default).

`read_message(raw, from_line, fallback)` returns a plain dict (what the cache stores as JSON):

    key          sha256 of the Message-ID (of the bytes when it has none): stable across imports
    message_id   the Message-ID without <>, "" when the message has none
    in_reply_to  the Message-ID it answers, "" when none
    references   the Message-IDs of its References header, oldest first
    subject      decoded (RFC 2047), without the list's [tag], addresses masked
    author       the sender's display name, masked (privacy.display_name)
    sender       a hash of the sender's address (members.toml matching), never the address
    date         ISO 8601 in UTC; `date_guessed` when the Date header was missing or broken
    text         the body as plain text, addresses masked (text/plain preferred; text/html only
                 after the site's sanitizer, as text)
    attachments  [[file name, size in bytes]]: listed, never published
    archived     False when the sender asked for no archive (`X-No-Archive:` present, or
                 `X-Archive: no`, the headers Mailman honours): the message is left out

Nothing here raises on a malformed message: every header and part has a fallback.
"""

import email
import email.errors
import email.header
import email.message
import email.policy
import email.utils
import hashlib
import re
from datetime import UTC, datetime
from email.parser import BytesHeaderParser

import lxml.html

from plugins.guard.sanitize.sanitize import sanitize_html
from plugins.model.plain_text import unescaped

from .privacy import address_hash, display_name, mask

MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
PIPERMAIL_FROM = re.compile(r"^\s*(?P<address>\S+ at \S+)\s*(?:\((?P<name>.*)\))?\s*$")
BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"}
MAX_TEXT = 200_000  # characters of a body shown; the rest is cut (a list post is far shorter)
MAX_HEADER = 16_384  # raw bytes of one header: longer ones are cut before the parser sees them
MAX_HTML, MAX_HTML_TAGS = 200_000, 10_000  # beyond: no sanitizer, a plain tag strip (linear)
BROKEN = "[This message cannot be shown: its structure is broken or too deeply nested.]"
HEADER_END = re.compile(rb"\r?\n\r?\n")
RAW_ID = re.compile(rb"<[^<>\s]+>")
ANY_TAG = re.compile(r"<[^<>]*>")


def split_raw(raw):
    """(header block, rest) of a message's bytes; the rest starts with the blank line."""
    end = HEADER_END.search(raw)
    return (raw[: end.start()], raw[end.start() :]) if end else (raw, b"")


def cap_header(field):
    """One raw header (its folded lines) cut to MAX_HEADER bytes: `email`'s policy default
    parses a long value in quadratic time. References and In-Reply-To keep their last ids."""
    name = field.split(b":", 1)[0].strip().lower()
    if name in (b"references", b"in-reply-to"):
        kept, size = [], 0
        for found in reversed(RAW_ID.findall(field)):
            size += len(found) + 2
            if size > MAX_HEADER:
                break
            kept.append(found)
        return field.split(b":", 1)[0] + b": " + b"\n ".join(reversed(kept))
    return field[:MAX_HEADER].rstrip(b"\r\n")


def cap_headers(raw):
    """`raw` with every header longer than MAX_HEADER bytes cut (see cap_header)."""
    block, rest = split_raw(raw)
    if len(block) <= MAX_HEADER:
        return raw
    fields = []
    for line in block.split(b"\n"):
        if fields and line[:1] in (b" ", b"\t"):
            fields[-1].append(line)
        else:
            fields.append([line])
    joined = (b"\n".join(lines) for lines in fields)
    return b"\n".join(f if len(f) <= MAX_HEADER else cap_header(f) for f in joined) + rest


def parse_message(raw):
    """(message, broken): a message `email` cannot parse at all (1,000 nested multiparts
    raise RecursionError) keeps its headers, without body (broken True)."""
    try:
        return email.message_from_bytes(raw, policy=email.policy.default), False
    except Exception:
        pass
    try:
        headers = split_raw(raw)[0] + b"\n\n"
        return BytesHeaderParser(policy=email.policy.default).parsebytes(headers), True
    except Exception:
        return email.message.EmailMessage(), True


def header(message, name):
    """A header as decoded text, "" when missing or when it cannot be parsed at all."""
    try:
        value = message.get(name)
    except Exception:  # a header policy.default cannot parse: read it as compat32 does
        value = raw_header(message.raw, name)
    return " ".join(str(value).split()) if value is not None else ""


def raw_header(raw, name):
    value = BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw).get(name)
    if value is None:
        return None
    try:
        return str(email.header.make_header(email.header.decode_header(str(value))))
    except (UnicodeError, LookupError, email.errors.HeaderParseError):
        return str(value)


def message_ids(text):
    return MESSAGE_ID.findall(text or "")


def sender(message):
    """(display name, address as written), pipermail's `ada at example.org (Ada)` included:
    read raw (policy default turns pipermail's spelling into a quoted local part)."""
    text = " ".join((raw_header(message.raw, "From") or "").split())
    found = PIPERMAIL_FROM.match(text)
    if found:
        return found["name"] or "", found["address"]
    name, address = email.utils.parseaddr(text)
    if not address and "@" not in text:
        return text, ""
    return name, address


def message_date(message, from_line, fallback):
    """(aware UTC datetime, guessed): the Date header, else the mbox From_ line, else
    `fallback` (the previous message's date, or the month of the file)."""
    for guessed, text in enumerate((header(message, "Date"), from_line_date(from_line))):
        if not text:
            continue
        try:
            value = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
        if value is None or not 1970 <= value.year <= 2200:
            continue
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value.astimezone(UTC), bool(guessed)
    return fallback, True


def from_line_date(from_line):
    """The date of an mbox `From sender  Sat Mar 14 10:00:00 2009` line, as RFC 2822-ish text."""
    parts = (from_line or "").split()
    if len(parts) < 7:
        return ""
    weekday, month, day, time, year = parts[-5:]
    return f"{weekday}, {day} {month} {year} {time} +0000"


def part_text(part):
    """The decoded text of a text part, whatever its charset (unknown ones: replacement chars)."""
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AssertionError, ValueError, KeyError):
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "utf-8"
        try:
            return payload.decode(charset, "replace")
        except LookupError:
            return payload.decode("utf-8", "replace")


def html_as_text(html):
    """An HTML body through the site's sanitizer (scripts and all markup out), then as text.
    A huge or tag-heavy body (slow in the sanitizer) only loses its tags (a linear strip)."""
    if len(html) > MAX_HTML or html.count("<") > MAX_HTML_TAGS:
        text = unescaped(ANY_TAG.sub(" ", html))  # never a ValueError on &# and 5,000 digits
        lines = (" ".join(line.split()) for line in text.split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    clean, _ = sanitize_html(html)
    if not clean or not clean.strip():
        return ""
    root = lxml.html.fragment_fromstring(clean, create_parent="div")
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def body_and_attachments(message):
    """(plain text, [[name, size]]): the text/plain body, else the text/html one as text."""
    try:
        body = message.get_body(preferencelist=("plain", "html"))
    except Exception:
        body = None
    if body is None and not message.is_multipart() and message.get_content_maintype() == "text":
        body = message if not message.is_attachment() else None
    text = ""
    if body is not None:
        text = part_text(body)
        if body.get_content_type() == "text/html":
            text = html_as_text(text)
    attachments = []
    for part in message.walk():
        if part.is_multipart() or part is body:
            continue
        inline_text = part.get_content_type() in ("text/plain", "text/html")
        if inline_text and not part.is_attachment() and not part.get_filename():
            continue  # the other version of a multipart/alternative body
        name = mask(" ".join(str(part.get_filename() or "unnamed").split()))
        payload = part.get_payload(decode=True)
        attachments.append([name[:200], len(payload) if isinstance(payload, bytes) else 0])
    return text, attachments


def clean_subject(subject, prefix):
    subject = re.sub(prefix, "", subject, count=1, flags=re.IGNORECASE) if prefix else subject
    return mask(" ".join(subject.split())) or "(no subject)"


def archived(message):
    """Whether the message may be archived (Mailman's rule: see the top of this module)."""
    return "X-No-Archive" not in message and header(message, "X-Archive").strip().lower() != "no"


def read_message(raw, from_line, fallback, subject_prefix=r"^\s*\[uls-sig\]\s*"):
    """The dict described at the top of this module, for the bytes of one message."""
    raw = cap_headers(raw)
    message, broken = parse_message(raw)
    message.raw = raw  # for header(): the fallback reads the raw header
    ids = message_ids(header(message, "Message-ID"))
    message_id = ids[0] if ids else ""
    key_source = message_id.encode("utf-8", "replace") if message_id else raw
    name, address = sender(message)
    date, guessed = message_date(message, from_line, fallback)
    try:
        text, attachments = (BROKEN, []) if broken else body_and_attachments(message)
    except Exception:  # a structure too deep to walk (RecursionError), or broken otherwise
        text, attachments = BROKEN, []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT] + "\n[… the rest of this message is not shown]"
    replied = message_ids(header(message, "In-Reply-To"))
    return {
        "key": hashlib.sha256(key_source).hexdigest()[:20],
        "message_id": message_id,
        "in_reply_to": replied[-1] if replied else "",
        "references": message_ids(header(message, "References")),
        "subject": clean_subject(header(message, "Subject"), subject_prefix),
        "author": display_name(name, address),
        "sender": address_hash(address),
        "date": date.isoformat(),
        "date_guessed": guessed,
        "text": mask(text),
        "attachments": attachments,
        "archived": archived(message),
    }


def parse_date(value):
    return datetime.fromisoformat(value)
