"""Helpers of the members plugin: roles, field checks, errors with file:line, profile links."""

import re
import tomllib
from datetime import date

from plugins.guard.content_guard.text_checks import controls, message
from plugins.model.error_report import ContentError

# role -> (label of one member, heading of the group); the order is the order of the page.
ROLES = {
    "founder": ("Founder", "Founders"),
    "coordinator": ("Coordinator", "Coordinators"),
    "editors": ("Editors", "Editors"),
    "member": ("Member", "Members"),
}
TEXT_FIELDS = ("name", "role", "bio", "url", "github", "mastodon", "affiliation")
KNOWN_FIELDS = (
    *TEXT_FIELDS,
    "joined",
    "list_addresses",
)  # list_addresses: plugins/kinds/mailing_list
WEB_ADDRESS = re.compile(r"https?://[^\s/]+(?:/\S*)?")  # fullmatch: linear on any input
MASTODON_HANDLE = re.compile(r"@?(?P<user>[\w.]+)@(?P<host>[\w.-]+\.[a-z]{2,})$", re.IGNORECASE)
GITHUB_NAME = re.compile(r"@?(?P<name>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)$")
TABLE_HEADER = re.compile(r"""\s*\[\s*(?P<key>[A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*\]""")
PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")
# Control characters reported at most (each line found by a scan of the file): the build stops
# at the first one anyway, and a file full of them costs no more than MAX_REPORTED scans.
MAX_REPORTED = 20
INLINE_TABLE = re.compile(r"""\s*(?P<key>[A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*=\s*\{""")


class MemberError(ContentError):
    """A mistake in members.toml or an Authors: line: `<path>:<line>: <problem> (<fix>)`."""


def table_lines(text):
    """{table key: line number} of the top-level tables ([id] or id = {...}) of a TOML text.

    Lines end at line feeds only, as in TOML (str.splitlines would also split at U+0085, which
    TOML allows inside strings)."""
    lines = {}
    for number, line in enumerate(text.split("\n"), start=1):
        found = TABLE_HEADER.match(line) or INLINE_TABLE.match(line)
        if found:
            lines.setdefault(toml_key(found.group("key")), number)
    return lines


def toml_key(written):
    """The key a bare or quoted TOML key stands for (escapes of "..." keys decoded)."""
    if written[0] == '"':
        try:
            return next(iter(tomllib.loads(f"{written} = 0")))
        except tomllib.TOMLDecodeError:
            pass
    return written[1:-1] if written[0] in "\"'" else written


def github_href(value):
    value = value.strip()
    if WEB_ADDRESS.fullmatch(value):
        return value
    found = GITHUB_NAME.match(value)
    return f"https://github.com/{found.group('name')}" if found else None


def mastodon_href(value):
    value = value.strip()
    if WEB_ADDRESS.fullmatch(value):
        return value
    found = MASTODON_HANDLE.match(value)
    return f"https://{found.group('host')}/@{found.group('user')}" if found else None


def website_href(value):
    value = value.strip()
    return value if WEB_ADDRESS.fullmatch(value) else None


# field -> (its address, how to write it)
PROFILE_FIELDS = {
    "url": (website_href, 'write the full address, e.g. url = "https://example.org/"'),
    "github": (github_href, 'write the user name, e.g. github = "octocat"'),
    "mastodon": (mastodon_href, 'write the address, e.g. mastodon = "https://mastodon.social/@me"'),
}


def check_links(member_id, fields, where):
    """Raise a MemberError (at `where`) for a profile field that does not give an address."""
    for key, (href, fix) in PROFILE_FIELDS.items():
        if key in fields and href(fields[key]) is None:
            problem = f"{key} {fields[key][:80]!r} of member {member_id!r} is not usable"
            raise MemberError(f"{where}: {problem} ({fix})")


def profile_links(fields):
    """[(label, href, rel)] of a member's own pages; rel="me" marks them as the member's."""
    links = []
    if fields.get("url"):
        links.append(("Website", website_href(fields["url"]), "me"))
    if fields.get("github"):
        links.append(("GitHub profile", github_href(fields["github"]), "me"))
    if fields.get("mastodon"):
        links.append(("Mastodon profile", mastodon_href(fields["mastodon"]), "me"))
    return links


def check_member(member_id, fields, where):
    """Raise a MemberError (at `where`, "path:line") for a table that is not a valid member."""
    if not isinstance(fields, dict):
        fix = f'write it as a table: [{member_id}] then name = "...", role = "..."'
        raise MemberError(f"{where}: {member_id!r} is not a member table ({fix})")
    unknown = sorted(set(fields) - set(KNOWN_FIELDS))
    if unknown:
        fix = "known fields: " + ", ".join(KNOWN_FIELDS)
        raise MemberError(f"{where}: member {member_id!r} has unknown field {unknown[0]!r} ({fix})")
    for key in TEXT_FIELDS:
        if key in fields and not isinstance(fields[key], str):
            fix = f'write it as a quoted string: {key} = "..."'
            raise MemberError(f"{where}: {key} of member {member_id!r} is not text ({fix})")
    if not fields.get("name", "").strip():
        fix = f'add a line name = "Full Name" under [{member_id}]'
        raise MemberError(f"{where}: member {member_id!r} has no name ({fix})")
    if fields.get("role") not in ROLES:
        fix = "role is one of: " + ", ".join(ROLES)
        role = fields.get("role")
        problem = f"unknown role {role!r}" if role is not None else "no role"
        raise MemberError(f"{where}: member {member_id!r} has {problem} ({fix})")
    if "joined" in fields and not isinstance(fields["joined"], date):
        fix = "write a TOML date without quotes, e.g. joined = 2009-04-17"
        raise MemberError(f"{where}: joined of member {member_id!r} is not a date ({fix})")


def key_line(lines, table_line, key):
    """Line of `key = ...` from the line of its table on; the table's line when not found."""
    quoted = re.escape(key)
    pattern = re.compile(rf"""(?:^|[{{,\s])(?:{quoted}|"{quoted}"|'{quoted}')\s*=""")
    for number in range(table_line, len(lines) + 1):
        if pattern.search(lines[number - 1]):
            return number
    return table_line


def strings(value, path):
    """(path, text) of every key and string value in a TOML value, tables and arrays included."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key), key
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))


def label(path):
    """Where a string is, for a message: `bio of member 'zed'`, `the member id 'a\\x0cb'`.

    Keys that are not plain words are shown as Python literals: nothing unprintable reaches the
    terminal that shows the message."""
    member_id, *keys = path
    if not keys:
        return f"the member id {member_id!r}"
    name = "".join(map(key_step, keys)).lstrip(".")
    return f"{name} of member {member_id!r}"


def key_step(key):
    """`.bio`, `[0]`, or `['odd key']` for a key that is not a plain word."""
    if isinstance(key, int):
        return f"[{key}]"
    return f".{key}" if PLAIN_KEY.fullmatch(key) else f"[{key!r}]"


def control_character_problems(data, text, shown):
    """`path:line: ...` of every key and string of members.toml with a control character.

    TOML refuses raw C0 controls but lets a string spell them as escapes (`\\u000c`, `\\f`,
    `\\b`) and carry raw C1 ones; a name, a bio or a link with one would reach pages and feeds
    invisible, or break the feed writer. The same characters and references as in posts are
    refused (content_guard.text_checks)."""
    lines = text.split("\n")
    tables = table_lines(text)
    problems = []
    for member_id, fields in data.items():
        found = [((member_id,), member_id), *strings(fields, (member_id,))]
        for path, value in found:
            for _, codepoint, written in controls(value):
                if len(problems) == MAX_REPORTED:  # the line of each costs a scan
                    return reported(problems)
                line = tables.get(member_id, 1)
                if len(path) > 1 and isinstance(path[1], str):
                    line = key_line(lines, line, path[1])
                what, fix = message(label(path), codepoint, written)
                problems.append((line, f"{shown}:{line}: {what} ({fix})"))
    return reported(problems)


def reported(problems):
    return [problem for _, problem in sorted(set(problems))]
