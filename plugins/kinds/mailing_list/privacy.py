"""No email address leaves the importer: masking, display names and member matching.

Addresses are found in both spellings of an archive: the plain `ada@example.org` and pipermail's
`ada at example.org`. The plain one is masked everywhere text is shown; the pipermail one is
de-obfuscated only to compare a sender with the addresses a member lists in members.toml, and
compared as a hash: the parsed archive (and its cache) keeps no address at all.
"""

import functools
import hashlib
import re
import sys
import unicodedata

from plugins.model.plain_text import decoded as plain_decoded
from plugins.model.plain_text import plain_line

MASK = "[address hidden]"
# Invisible format characters (soft hyphen, zero-width space, bidi marks: Unicode category Cf)
# go before masking, or `ada\u200b@example.org` would not look like an address; the full-width
# and small commercial ats (U+FF20, U+FE6B) are read as "@".
_CHAR = r"\w.!#$%&'*+~-"  # Unicode letters and digits, the usual signs: not / ? = (URLs)
# A local part starts where the run of its characters starts (the lookbehind): every position
# inside a long run fails at once, so a scan costs one pass over untrusted text. A quoted local
# part ("ada lovelace") is bounded, so it costs at most 64 steps per quote.
_LOCAL = rf"(?:(?<![{_CHAR}])[{_CHAR}]+|\"[^\"\r\n]{{1,64}}\")"
# After @: any host, one label (localhost) or more, any script (例え.jp, bücher.de), or an
# IP literal ([10.0.0.1], [IPv6:...]). Labels and dots do not overlap: no backtracking storm.
_HOST = r"(?:[\w-]+(?:\.[\w-]+)*|\[(?:IPv6:)?[0-9A-Fa-f:.]{1,45}\])"
# Pipermail's " at " spelling needs a dotted domain, or "we met at the sprint" would go.
_DOMAIN = r"[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,63}"
ADDRESS = re.compile(rf"{_LOCAL}@{_HOST}")
# Pipermail's spelling, "ada at example.org" (also "ada@example.org" URL-quoted as %40).
PIPERMAIL = re.compile(rf"{_LOCAL} at {_DOMAIN}\b")
QUOTED = re.compile(rf"{_LOCAL}%40{_HOST}", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# A word (a run without white space) with an "&", found from its first character only: every
# position inside a word fails the lookbehind at once, so a scan is one pass.
REFERENCED_WORD = re.compile(r"(?<!\S)\S*&\S*")


@functools.cache
def cleaning_table():
    """str.translate's table for `clean`, made on first use: it takes a pass over every code
    point (a few tenths of a second), which a build with no list archive never needs."""
    table = {c: None for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    table.update({0xFF20: "@", 0xFE6B: "@"})
    return table


def clean(text):
    """`text` without format characters, its odd "@"s read as "@"."""
    return text.translate(cleaning_table())


def mask(text):
    """`text` with every address (any spelling) replaced by MASK. A word with character
    references (`ada&#64;example.org`, `ada&commat;example.org`, `&amp;#64;`) is judged decoded,
    as a page's reader or a search excerpt may decode it: when it hides an address, the word is
    replaced by its decoded, masked value."""
    if not text:
        return text or ""
    text = mask_plain(clean(text))
    return REFERENCED_WORD.sub(masked_word, text) if "&" in text else text


def masked_word(found):
    """A word with an "&": as it is, or its decoded, masked value when that hides an address.
    Decoded to the end (`&amp;#64;` hides `&#64;`, tags dropped) by plugins.model.plain_text, the
    decoding of the content check and the templates, which never raises (html.unescape does on
    `&#` and 5,000 digits)."""
    word = found.group()
    decoded = clean(plain_decoded(word))
    masked = mask_plain(decoded)
    return " ".join(CONTROL.sub(" ", masked).split()) if masked != decoded else word


def mask_plain(text):
    """`text` with every address written with a plain "@", " at " or "%40" replaced."""
    if "@" in text:
        text = ADDRESS.sub(MASK, text)
    if " at " in text:
        text = PIPERMAIL.sub(MASK, text)
    if "%40" in text:
        text = QUOTED.sub(MASK, text)
    return text


def plain_masked(text):
    """A plain one-line text for a mailto: URL, its addresses masked: format characters out,
    then one plain line as the templates' `plain_line` makes it (plugins.model.plain_text: entities
    decoded and tags dropped until nothing changes, control characters such as CR and LF as
    spaces, any "&" left when that never ends as a space), then masked; any "<" left becomes a
    space."""
    return " ".join(mask(plain_line(clean(text or "")).replace("<", " ")).split())


def has_address(text):
    return bool(ADDRESS.search(text) or PIPERMAIL.search(text) or QUOTED.search(text))


def normalize_address(address):
    """ "Ada at Example.ORG" or "<ada@example.org>" -> "ada@example.org"; "" if not an address."""
    address = (address or "").strip().strip("<>").strip()
    address = re.sub(r"\s+at\s+", "@", address, count=1)
    return address.lower() if ADDRESS.fullmatch(address) else ""


def address_hash(address):
    """What the cache keeps of a sender's address: enough to match a member, nothing to show."""
    normal = normalize_address(address)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest() if normal else ""


def display_name(name, address):
    """The name to show for a sender: the display name, masked; else the address's local part."""
    name = " ".join(mask(name or "").replace('"', " ").split())
    if name and name != MASK:
        return name
    normal = normalize_address(address)
    return normal.split("@", 1)[0] if normal else "Unknown sender"
