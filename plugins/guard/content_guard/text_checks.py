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
- raw or as a numeric reference: the hidden format characters of plugins/model/plain_text
  (HIDDEN_FORMAT): bidirectional embeddings, overrides and isolates, which show a line of code or
  prose in another order than its characters run ("Trojan Source", CVE-2021-42574), and
  characters that carry text no reader sees (tag characters, interlinear annotation), except
  the tags of a flag (FLAG: England, Scotland, Wales). The marks a right-to-left text may
  need (U+200E, U+200F, U+061C) and the joiners of emoji and scripts are not refused;
- written as a numeric character reference (`&#12;`, `&#x0C;`, `&#0012;`, with or without the
  `;`) of a C0 control, U+007F, U+FFFE or U+FFFF: Markdown passes them through and every later
  HTML or XML unescape (the feed reader, Markup.striptags for calendars, lxml for the JSON Feed)
  turns them into the character. References to U+0080-U+009F are not refused: HTML decodes them
  as the Windows-1252 characters (`&#133;` is an ellipsis). No named reference of HTML5 decodes
  to a refused character of the body (`&Tab;` and `&NewLine;` are white space there), which a
  test keeps true.
- a numeric reference written with more than MAX_REFERENCE_DIGITS digits, or to no character
  (beyond U+10FFFF, or a surrogate), anywhere: nothing needs one, and html.unescape (so
  Markup.striptags, in every template that prints a title) raises ValueError on one of more than
  4,300 digits (Python's limit on the digits of an int), a traceback instead of a message.
- in the metadata header, a value is one line of plain text: whatever in it *decodes* to a
  control character, a tab, a line break or U+2028/U+2029 is refused, named as written: a
  numeric or named reference (`&#10;`, `&NewLine;`, `&Tab`, `&#x0A`), a reference hidden in
  another (`&amp;NewLine;`, `&#38;#10;`, which a second decoder reads), or tags around a
  reference's parts (`&<i></i>NewLine;`, which Markup.striptags joins). The value is decoded by
  plugins/model/plain_text (`decoded`), the one decoding the output side uses too (`plain_line`), so
  what passes here cannot break a `mailto:` subject, a feed title or a calendar line. Raw
  U+2028 and U+2029 are refused there as well.

Every field of the metadata header and the body are checked, in posts, pages and topics, with
the line number as Markdown counts lines: split at line feeds and carriage returns only.
`Source.lines` comes from `str.splitlines()`, which also splits at U+000B, U+000C, U+001C-U+001E
and U+0085, so this check reads the file again instead of trusting those numbers.
All problems are blocking: nearly every field reaches a feed, a calendar or lxml, which fail on
them before the end of the build.
"""

import re
import unicodedata
from pathlib import Path

from plugins.model.error_report.header import LINE_BREAK
from plugins.model.plain_text import CONTROL, decoded
from plugins.model.plain_text.plain_text import FLAG, HIDDEN_FORMAT, REFERENCE, reference_text

from .metadata import META_BEGIN, META_END, read_header
from .problems import Problem

# A match longer than one character is a flag (FLAG), which is allowed.
RAW = re.compile(f"{FLAG}|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff{HIDDEN_FORMAT}]")
RAW_IN_HEADER = re.compile(
    f"{FLAG}|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff{HIDDEN_FORMAT}]"
)
HIDDEN = {*range(0x202A, 0x202F), *range(0x2066, 0x2070), *range(0xFFF9, 0xFFFC)}
HIDDEN |= {*range(0xE0000, 0xE0080)}
REFUSED_REFERENCES = {*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xFFFE, 0xFFFF}
REFUSED_REFERENCES |= HIDDEN
# A reference as written in a header value, with the references it may hide behind (`&amp;`,
# `&#38;`): one token, so that a message names `&amp;NewLine;`, not `&amp;`.
WRITTEN_REFERENCE = re.compile(
    r"&(?:amp;|#0*38;|#[xX]0*26;)*(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)"
)
MAX_REFERENCE_DIGITS = 16  # &#x0000000000001F600; at most; Python's int() stops at 4,300
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
HIDDEN_FIX = (
    "remove it; it makes readers see other text, or text in another order, than the "
    "characters written and reviewed; right-to-left words show in their own order without it"
)
HEADER_FIX = (
    "remove it; a header value is one line of plain text, and feeds, calendars and mail "
    "clients decode the reference into that character"
)
SEPARATORS = {0x2028: "line separator", 0x2029: "paragraph separator"}


def describe(codepoint):
    """'the control character U+000C (form feed)'."""
    if codepoint in (0xFFFE, 0xFFFF):
        return f"the noncharacter U+{codepoint:04X}"
    if codepoint in HIDDEN:
        return f"the invisible format character U+{codepoint:04X} ({name_of(codepoint)})"
    if codepoint in SEPARATORS:
        return f"the {SEPARATORS[codepoint]} U+{codepoint:04X}"
    if codepoint < 0x20:
        name = C0_NAMES[codepoint]
    elif codepoint == 0x7F:
        name = "delete"
    else:
        name = "a C1 control"
    return f"the control character U+{codepoint:04X} ({name})"


def name_of(codepoint):
    """'right-to-left override'."""
    return unicodedata.name(chr(codepoint), "unassigned").lower()


def controls(text, refused=REFUSED_REFERENCES):
    """[(position, code point, as written)] of every refused character or reference in text;
    a reference is decoded as plugins/model/plain_text decodes it."""
    found = [
        (m.start(), ord(m.group()), m.group()) for m in RAW.finditer(text) if len(m.group()) == 1
    ]
    if "&" in text:
        for match in REFERENCE.finditer(text):
            if match["name"] is None:  # no named reference stands for a refused character
                value = ord(reference_text(match))
                if value in refused:
                    found.append((match.start(), value, match.group()))
    return sorted(found)


def unreadable_references(text):
    """[(position, as written)] of the numeric references in text written with too many digits
    or standing for no character."""
    found = []
    for match in REFERENCE.finditer(text) if "&#" in text else ():
        digits = match["hex"] or match["dec"]
        if digits is None:
            continue
        significant = digits.lstrip("0") or "0"
        value = int(significant, 16 if match["hex"] else 10) if len(significant) <= 8 else None
        if (
            len(digits) > MAX_REFERENCE_DIGITS
            or value is None
            or value > 0x10FFFF
            or 0xD800 <= value <= 0xDFFF
        ):
            found.append((match.start(), match.group()))
    return found


def header_controls(text):
    """[(position, code point, as written)] of what in a header line is, or decodes to, a
    control character, a tab, a line break or U+2028/U+2029 (a tab written as such is
    error_report.header's to report)."""
    raw = RAW_IN_HEADER.finditer(text)
    found = [(m.start(), ord(m.group()), m.group()) for m in raw if len(m.group()) == 1]
    if "&" in text:
        for match in WRITTEN_REFERENCE.finditer(text):
            control = CONTROL.search(decoded(match.group()))
            if control:
                found.append((match.start(), ord(control.group()), match.group()))
    return sorted(found)


def message(where, codepoint, written, header=False):
    """(message, fix) of one refused character or reference found in `where`."""
    if len(written) == 1:
        return f"{where} contains {describe(codepoint)}", HIDDEN_FIX if codepoint in HIDDEN else FIX
    if len(written) > 16:  # &#000...0012; with any number of zeros
        written = f"{written[:6]}...{written[-6:]}"
    if header:
        return f"{where} contains {written}, which decodes to {describe(codepoint)}", HEADER_FIX
    fix = f"remove it; to show the text {written} write it as &amp;{written[1:]}"
    return f"{where} contains {written}, a reference to {describe(codepoint)}", fix


def unreadable(where, written):
    """(message, fix) of a numeric reference too long to read or to no character."""
    digits = len(written.strip("&#xX;"))
    shown = f"{written[:6]}...{written[-6:]}" if len(written) > 16 else written
    if digits > MAX_REFERENCE_DIGITS:
        what = f"{where} contains {shown}, a reference written with {digits:,} digits"
    else:
        what = f"{where} contains {shown}, a reference to no character (beyond U+10FFFF)"
    return what, "remove it; write the character itself, or &amp; to show an ampersand"


def markdown_lines(text):
    """Every line, the last one too when empty (a line number past the end stays valid)."""
    return LINE_BREAK.split(text)


def places(lines, markdown):
    """({line number: what it is}, [Field]) for the metadata header: the field or the header
    each of its lines belongs to, and its fields. Linear: the fields are walked in line order."""
    if not markdown:
        return {}, []
    header = read_header(lines)
    fields = sorted([*header.fields.values(), *header.repeated], key=lambda field: field.line)
    named, owner, following = {}, None, iter(fields)
    upcoming = next(following, None)
    for number in range(1, header.body_line):
        while upcoming is not None and upcoming.line <= number:
            owner, upcoming = upcoming, next(following, None)
        line = lines[number - 1]
        if not line.strip() or META_BEGIN.match(line) or META_END.match(line) or not owner:
            named[number] = "the metadata header"
        else:
            named[number] = owner.name
    return named, fields


def hidden_controls(fields, reported):
    """Problems of the header values that decode to a control character only as a whole (a
    reference split by tags, `&<i></i>NewLine;`), in a field no other problem names."""
    found = []
    for field in fields:
        if field.name in reported or "&" not in field.value:
            continue
        control = CONTROL.search(decoded(CONTROL.sub("", field.value)))
        if control:
            what = f"{field.name} decodes to {describe(ord(control.group()))}"
            found.append((field.line, what + " once its tags are dropped", HEADER_FIX))
    return found


def check_text(source):
    """Problems of one Source's text (metadata header and body)."""
    try:
        text = Path(source.path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []  # reported by read_source
    if not RAW_IN_HEADER.search(text) and "&" not in text:
        return []
    lines = markdown_lines(text)
    markdown = source.path.endswith(MARKDOWN_EXTENSIONS)
    header, fields = places(lines, markdown)
    body = "the body" if markdown else "the file"
    problems = []
    for number, line in enumerate(lines, start=1):
        where = header.get(number, body)
        refused = header_controls(line) if number in header else controls(line)
        found = [message(where, c, w, header=number in header) for _, c, w in refused]
        reported = {position for position, _, _ in refused}
        found += [
            unreadable(where, written)
            for position, written in unreadable_references(line)
            if position not in reported
        ]
        problems += [Problem(source.path, number, what, fix, blocking=True) for what, fix in found]
    reported = {header[problem.line] for problem in problems if problem.line in header}
    for number, what, fix in hidden_controls(fields, reported):
        problems.append(Problem(source.path, number, what, fix, blocking=True))
    problems = list(dict.fromkeys(problems))
    if len(problems) > MAX_PROBLEMS_PER_FILE:
        more = len(problems) - MAX_PROBLEMS_PER_FILE
        last = problems[MAX_PROBLEMS_PER_FILE]
        problems = problems[:MAX_PROBLEMS_PER_FILE]
        what = f"and {more} more control characters from here on"
        problems.append(Problem(source.path, last.line, what, "remove them", blocking=True))
    return problems
