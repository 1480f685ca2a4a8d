"""Text that a reader cannot see and a feed cannot carry: control characters.

Refused, not stripped. A control character in a source is either a mistake (pasted from a
terminal or a word processor) or an attack: XML 1.0 cannot carry C0 controls, so the feed writer
raises on them (a traceback instead of a message), they reach `.ics` files as raw bytes, and no
reader sees them. Stripping them silently would publish something other than what was reviewed,
so the build stops and names the line; the feeds and events plugins still strip whatever gets
past this check (belt and braces).

Refused (`controls`):
- raw: U+0000-U+001F except tab, line feed and carriage return; U+007F; the C1 controls
  U+0080-U+009F (invisible, and meaningless in Unicode text); the noncharacters U+FFFE, U+FFFF
  (not XML characters);
- written as a numeric character reference (`&#12;`, `&#x0C;`, `&#0012;`, with or without the
  `;`) of a C0 control, U+007F, U+FFFE or U+FFFF: Markdown passes them through and every later
  HTML or XML unescape (the feed reader, Markup.striptags for calendars, lxml for the JSON Feed)
  turns them into the character. References to U+0080-U+009F are not refused: HTML decodes them
  as the Windows-1252 characters (`&#133;` is an ellipsis). No named reference of HTML5 decodes
  to a refused character (`&Tab;` and `&NewLine;` are allowed), which a test keeps true.

Every field of the metadata header and the body are checked, in posts, pages and topics, with
the line number as Markdown counts lines: split at line feeds and carriage returns only.
`Source.lines` comes from `str.splitlines()`, which also splits at U+000B, U+000C, U+001C-U+001E
and U+0085, so this check reads the file again instead of trusting those numbers.
All problems are blocking: nearly every field reaches a feed, a calendar or lxml, which fail on
them before the end of the build.
"""

import re
from pathlib import Path

from plugins.error_report.header import LINE_BREAK

from .metadata import META_BEGIN, META_END, read_header
from .problems import Problem

RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
REFERENCE = re.compile(r"&#(?:[xX](?P<hex>[0-9a-fA-F]+)|(?P<dec>[0-9]+));?")
REFUSED_REFERENCES = {*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xFFFE, 0xFFFF}
# A header value is one line: a reference to a tab or a line break there (`Title: a&#13;&#10;b`)
# would come out as a raw line break wherever the value is decoded (a mailto: subject, a feed).
REFUSED_IN_HEADER = REFUSED_REFERENCES | {0x09, 0x0A, 0x0D}
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")
MAX_PROBLEMS_PER_FILE = 20
C0_NAMES = (
    *("null", "start of heading", "start of text", "end of text", "end of transmission"),
    *("enquiry", "acknowledge", "bell", "backspace", "tab", "line feed", "vertical tab"),
    *("form feed", "carriage return", "shift out", "shift in", "data link escape"),
    *("device control one", "device control two", "device control three"),
    *("device control four", "negative acknowledge", "synchronous idle"),
    *("end of transmission block", "cancel", "end of medium", "substitute", "escape"),
    *("file separator", "group separator", "record separator", "unit separator"),
)
FIX = "remove it; it is invisible to readers and feeds cannot carry it"


def describe(codepoint):
    """'the control character U+000C (form feed)'."""
    if codepoint in (0xFFFE, 0xFFFF):
        return f"the noncharacter U+{codepoint:04X}"
    if codepoint < 0x20:
        name = C0_NAMES[codepoint]
    elif codepoint == 0x7F:
        name = "delete"
    else:
        name = "a C1 control"
    return f"the control character U+{codepoint:04X} ({name})"


def reference_value(match):
    """The code point a numeric character reference stands for (None when absurdly long)."""
    digits = (match["hex"] or match["dec"]).lstrip("0") or "0"
    if len(digits) > 8:
        return None  # far beyond U+10FFFF: decoders give U+FFFD
    return int(digits, 16 if match["hex"] else 10)


def controls(text, refused=REFUSED_REFERENCES):
    """[(position, code point, as written)] of every refused character or reference in text."""
    found = [(m.start(), ord(m.group()), m.group()) for m in RAW.finditer(text)]
    for match in REFERENCE.finditer(text):
        value = reference_value(match)
        if value in refused:
            found.append((match.start(), value, match.group()))
    return sorted(found)


def message(where, codepoint, written):
    """(message, fix) of one refused character or reference found in `where`."""
    if len(written) == 1:
        return f"{where} contains {describe(codepoint)}", FIX
    if len(written) > 16:  # &#000...0012; with any number of zeros
        written = f"{written[:6]}...{written[-6:]}"
    fix = f"remove it; to show the text {written} write it as &amp;{written[1:]}"
    return f"{where} contains {written}, a reference to {describe(codepoint)}", fix


def markdown_lines(text):
    """Every line, the last one too when empty (a line number past the end stays valid)."""
    return LINE_BREAK.split(text)


def places(lines, markdown):
    """{line number: what it is} for the lines of a metadata header: the field or the header."""
    if not markdown:
        return {}
    header = read_header(lines)
    fields = sorted([*header.fields.values(), *header.repeated], key=lambda field: field.line)
    named = {}
    for number in range(1, header.body_line):
        line = lines[number - 1]
        owner = [field for field in fields if field.line <= number]
        if not line.strip() or META_BEGIN.match(line) or META_END.match(line) or not owner:
            named[number] = "the metadata header"
        else:
            named[number] = owner[-1].name
    return named


def check_text(source):
    """Problems of one Source's text (metadata header and body)."""
    try:
        text = Path(source.path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []  # reported by read_source
    if not RAW.search(text) and "&#" not in text:
        return []
    lines = markdown_lines(text)
    markdown = source.path.endswith(MARKDOWN_EXTENSIONS)
    header = places(lines, markdown)
    body = "the body" if markdown else "the file"
    problems = []
    for number, line in enumerate(lines, start=1):
        refused = REFUSED_IN_HEADER if number in header else REFUSED_REFERENCES
        for _, codepoint, written in controls(line, refused):
            what, fix = message(header.get(number, body), codepoint, written)
            problems.append(Problem(source.path, number, what, fix, blocking=True))
    problems = list(dict.fromkeys(problems))
    if len(problems) > MAX_PROBLEMS_PER_FILE:
        more = len(problems) - MAX_PROBLEMS_PER_FILE
        last = problems[MAX_PROBLEMS_PER_FILE]
        problems = problems[:MAX_PROBLEMS_PER_FILE]
        what = f"and {more} more control characters from here on"
        problems.append(Problem(source.path, last.line, what, "remove them", blocking=True))
    return problems
