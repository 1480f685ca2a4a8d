"""The bounds of members.toml: every one is refused with `members.toml:line: ... (how to fix)`.

The file is untrusted content and every member costs a page, two feeds and a social card, so
the build's work is bounded by the file, not by what a contribution sends:

    MAX_BYTES            300,000 bytes for the whole file (checked before it is read)
    MAX_MEMBERS          300 member tables
    MAX_ID_CHARS         64 characters in a member id
    MAX_TEXT_CHARS       characters per text field: name 100, role 20, affiliation 150,
                         url, github and mastodon 300 each, bio 2,000
    MAX_LIST_ADDRESSES   10 list_addresses per member, MAX_ADDRESS_CHARS (254) each
    nesting              values nested too deep for the TOML reader (``a = [[[[...]]]]``)

Unknown fields are refused by fields.check_member, so a member has at most len(KNOWN_FIELDS)
fields. Every check here is one pass over the file or the parsed data.
"""

import os

from .fields import MemberError, key_line

MAX_BYTES = 300_000
MAX_MEMBERS = 300
MAX_ID_CHARS = 64
MAX_TEXT_CHARS = {
    "name": 100,
    "role": 20,
    "affiliation": 150,
    "url": 300,
    "github": 300,
    "mastodon": 300,
    "bio": 2_000,
}
MAX_LIST_ADDRESSES = 10
MAX_ADDRESS_CHARS = 254  # the longest address SMTP carries (RFC 5321 path limit)
ADDRESSES = "list_addresses"


def check_size(path, shown):
    """Refuse a file over MAX_BYTES before reading it."""
    size = os.path.getsize(path)
    if size > MAX_BYTES:
        fix = "keep one short table per member; a long bio belongs in a post"
        raise MemberError(
            f"{shown}:1: the members file is {size:,} bytes, over the limit of {MAX_BYTES:,} "
            f"({fix})"
        )


def deepest_line(text):
    """The line where brackets and braces nest deepest (one pass; strings are not skipped,
    which only matters for the line shown)."""
    depth = deepest = 0
    line = best = 1
    for character in text:
        if character in "[{":
            depth += 1
            if depth > deepest:
                deepest, best = depth, line
        elif character in "]}":
            depth = max(depth - 1, 0)
        elif character == "\n":
            line += 1
    return best


def nesting_error(text, shown):
    fix = "a member's fields are text, a date or a list of addresses: remove the nested brackets"
    return MemberError(f"{shown}:{deepest_line(text)}: values are nested too deep ({fix})")


def check_count(data, tables, shown):
    """Refuse more than MAX_MEMBERS tables, at the line of the first one over."""
    if len(data) > MAX_MEMBERS:
        first_over = list(data)[MAX_MEMBERS]
        fix = "the site lists at most that many; ask the maintainers to raise MAX_MEMBERS"
        raise MemberError(
            f"{shown}:{tables.get(first_over, 1)}: member {first_over!r} is one more than the "
            f"limit of {MAX_MEMBERS} members ({fix})"
        )


def check_bounds(data, text_lines, tables, shown):
    """Refuse the first id, text field or address list over its limit (non-text values are
    left to fields.check_member, which names their type)."""
    for member_id, fields in data.items():
        table_line = tables.get(member_id, 1)
        if len(member_id) > MAX_ID_CHARS:
            fix = "use a short id such as the member's name, e.g. ada-lovelace"
            raise MemberError(
                f"{shown}:{table_line}: the member id {member_id[:40]!r}... is "
                f"{len(member_id)} characters, over the limit of {MAX_ID_CHARS} ({fix})"
            )
        if not isinstance(fields, dict):
            continue
        for key, limit in MAX_TEXT_CHARS.items():
            value = fields.get(key)
            if isinstance(value, str) and len(value) > limit:
                line = key_line(text_lines, table_line, key)
                raise MemberError(
                    f"{shown}:{line}: {key} of member {member_id!r} is {len(value):,} "
                    f"characters, over the limit of {limit:,} (shorten it)"
                )
        check_addresses(member_id, fields.get(ADDRESSES), text_lines, table_line, shown)


def check_addresses(member_id, addresses, text_lines, table_line, shown):
    if addresses is None:
        return
    listed = addresses if isinstance(addresses, list) else [addresses]
    too_long = [a for a in listed if isinstance(a, str) and len(a) > MAX_ADDRESS_CHARS]
    if len(listed) <= MAX_LIST_ADDRESSES and not too_long:
        return
    line = key_line(text_lines, table_line, ADDRESSES)
    if too_long:
        problem = f"an address of {len(too_long[0]):,} characters, over {MAX_ADDRESS_CHARS}"
        fix = "an email address is shorter: check it"
    else:
        problem = f"{len(listed)} addresses, over the limit of {MAX_LIST_ADDRESSES}"
        fix = "keep the addresses the member posts from"
    raise MemberError(f"{shown}:{line}: {ADDRESSES} of member {member_id!r} has {problem} ({fix})")
