"""Text from content made plain: character references and tags, decoded by one function.

Content text is decoded in many places: `Markup.striptags` (every `| striptags` in a template,
and Pelican's feed titles) drops tags and then unescapes entities, a feed reader decodes the XML
and may decode the HTML in it again, lxml decodes the JSON Feed's HTML. A value that looks like
one line can so become two: `Title: Hi&NewLine;Bcc: x` is a line break in a `mailto:` subject.
So the check of a value (plugins/guard/content_guard/text_checks.py) and the places that need one
plain line (the `plain_line` Jinja filter, JINJA_FILTERS in pelicanconf.py) decode it here, the
same way:

- `decoded(text)`: tags dropped and character references decoded, again and again until nothing
  changes (at most ROUNDS times: a second decoder turns `&amp;NewLine;` into a line break too,
  and `&<i></i>NewLine;` is one once its tags are gone). Each reference decodes as HTML decodes
  it (`reference_text`), except that it never sees less than a decoder might: a numeric
  reference to a C0 control or U+007F is that character (HTML drops it, XML refuses it), a named
  reference without its `;` (`&NewLine`) is read as the name, and a reference of any length is
  read without Python's limit on the digits of an integer (html.unescape raises on
  `&#` and 5,000 digits). Text still changing after ROUNDS rounds is hostile: its `&` and `<`
  become spaces, so no later decoder finds anything.
- `unescaped(text)`: one round of references only, where one decoder's reading is wanted.
- `plain_line(text)`: the text one reader sees (tags dropped and references decoded once, as
  `striptags` does, so `<code>&lt;div&gt;</code>` reads `<div>`), every control character (C0
  with tab and line breaks, U+007F, C1 with U+0085, the separators U+2028 and U+2029, the
  noncharacters U+FFFE and U+FFFF, the hidden format characters of HIDDEN_FORMAT outside a
  flag) made a space, runs of white space made one space, no space at
  either end. What a second decoder would make of it is the check's business (`decoded`): a
  value hiding a control character that way is refused before it reaches a template.

Both are linear in the length of the text: each round is one pass, and there are at most ROUNDS.
"""

import html
import os
import re
from html.entities import html5

ROUNDS = 10
REFERENCE = re.compile(
    r"&(?:#[xX](?P<hex>[0-9a-fA-F]+);?|#(?P<dec>[0-9]+);?|(?P<name>[A-Za-z][A-Za-z0-9]*);?)"
)
# Invisible characters that make the text shown differ from the text written: the bidirectional
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069: "Trojan Source", which shows
# code or a sentence in another order than its characters run), the deprecated format characters
# U+206A-U+206F, the interlinear annotation characters and the tag characters (text no reader sees,
# that feeds, search and language models read). A tag is no trap inside the flag of England,
# Scotland or Wales (U+1F3F4, tag letters, cancel tag): FLAG, kept wherever text is checked.
HIDDEN_FORMAT = "\u202a-\u202e\u2066-\u206f\ufff9-\ufffb\U000e0000-\U000e007f"
FLAG = "\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]{1,7}\U000e007f"
CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff{HIDDEN_FORMAT}]")
FLAG_OR_CONTROL = re.compile(f"({FLAG})|{CONTROL.pattern}")
MAX_DIGITS = 8  # without leading zeros: more is far beyond U+10FFFF


def reference_text(match):
    """The text one REFERENCE match stands for (the match itself when it is no reference)."""
    written = match.group()
    if match["name"] is not None:
        text = html.unescape(written)  # looks at 32 characters at most
        if text == written and not written.endswith(";"):
            return html5.get(match["name"] + ";", written)
        return text
    digits = (match["hex"] or match["dec"]).lstrip("0") or "0"
    if len(digits) > MAX_DIGITS:
        return "\ufffd"
    value = int(digits, 16 if match["hex"] else 10)
    if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return "\ufffd"
    if 0x80 <= value <= 0x9F:  # HTML reads these as Windows-1252 (&#133; is an ellipsis)
        try:
            return bytes([value]).decode("cp1252")
        except UnicodeDecodeError:
            return chr(value)  # the five bytes Windows-1252 leaves undefined
    return chr(value)


def without_tags(text):
    """`text` without its tags and comments, as Markup.striptags finds them (an unclosed one
    and what follows it are kept); one pass."""
    parts, position = [], 0
    while (start := text.find("<", position)) != -1:
        if text.startswith("<!--", start):
            end = text.find("-->", start + 4)
            end = -1 if end == -1 else end + 3
        else:
            end = text.find(">", start)
            end = -1 if end == -1 else end + 1
        if end == -1:
            break
        parts.append(text[position:start])
        position = end
    return "".join(parts) + text[position:] if parts or position else text


def unescaped(text):
    """`text` with its character references decoded once, as one HTML decoder reads them (what
    html.unescape does, without its ValueError on a reference of thousands of digits)."""
    text = str(text or "")
    return REFERENCE.sub(reference_text, text) if "&" in text else text


def decoded(text):
    """`text` with its tags dropped and its character references decoded until nothing changes."""
    text = str(text or "")
    for _ in range(ROUNDS):
        step = unescaped(without_tags(text))
        if step == text:
            return text
        text = step
    return text.replace("&", " ").replace("<", " ")


def plain_line(text):
    """Any text as one plain line: tags dropped and references decoded once, control
    characters made spaces, spaces collapsed. The Jinja filter `plain_line` (pelicanconf.py),
    for a `mailto:` subject, a title, a description and the like."""
    text = unescaped(without_tags(str(text or "")))
    return " ".join(FLAG_OR_CONTROL.sub(lambda found: found[1] or " ", text).split())


def display_path(path):
    """`path` as a contributor types it: relative to the working directory (the repository),
    absolute when outside it. Every message that names a file shows it this way (error_report
    re-exports it; the dev server's serving process, which imports no Pelican, takes it here)."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    shown = absolute if relative.startswith("..") else relative
    # A file name is text from the pull request too: a line break or an override in it shows
    # as an escape, so the report keeps one line per problem, in its order.
    return shown if shown.isprintable() else "".join(map(visible, shown))


def visible(character):
    """The character, or its escape (`\\n`, `\\u202e`) when it is not printable."""
    return character if character.isprintable() else ascii(character)[1:-1]
