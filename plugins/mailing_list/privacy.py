"""No email address leaves the importer: masking, display names and member matching.

Addresses are found in both spellings of an archive: the plain `ada@example.org` and pipermail's
`ada at example.org`. The plain one is masked everywhere text is shown; the pipermail one is
de-obfuscated only to compare a sender with the addresses a member lists in members.toml, and
compared as a hash: the parsed archive (and its cache) keeps no address at all.
"""

import hashlib
import re

MASK = "[address hidden]"
_CHAR = r"A-Za-z0-9.!#$%&'*+_~-"  # the usual ones: not / ? = (URLs around addresses)
# A local part starts where the run of its characters starts (the lookbehind): every position
# inside a long run fails at once, so a scan costs one pass over untrusted text.
_LOCAL = rf"(?<![{_CHAR}])[{_CHAR}]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_DOMAIN = rf"{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,63}}"
ADDRESS = re.compile(rf"{_LOCAL}@{_DOMAIN}")
# Pipermail's spelling, "ada at example.org" (also "ada@example.org" URL-quoted as %40).
PIPERMAIL = re.compile(rf"{_LOCAL} at {_DOMAIN}\b")
QUOTED = re.compile(rf"{_LOCAL}%40{_DOMAIN}", re.IGNORECASE)


def mask(text):
    """`text` with every address (any spelling) replaced by MASK."""
    if not text:
        return text or ""
    if "@" in text:
        text = ADDRESS.sub(MASK, text)
    if " at " in text:
        text = PIPERMAIL.sub(MASK, text)
    if "%40" in text:
        text = QUOTED.sub(MASK, text)
    return text


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
