"""Members linked from their list messages: `list_addresses` in members.toml.

    [ada-lovelace]
    name = "Ada Lovelace"
    role = "member"
    list_addresses = ["ada@example.org"]

Each address is compared, as a hash, with the sender of every message (pipermail's
`ada at example.org` counts as `ada@example.org`); a match links the message's author to the
member's page. The addresses are never shown: the member pages and feeds do not use the field.
"""

import os

from plugins.kinds.members.fields import MemberError, key_line
from plugins.kinds.members.members import parse_members_file
from plugins.model.error_report import display_path

from .privacy import address_hash

FIELD = "list_addresses"


def member_hashes(path):
    """{address hash: member id} of every `list_addresses` of members.toml at `path`."""
    if not os.path.isfile(path):
        return {}
    data, lines = parse_members_file(path)
    with open(path, encoding="utf-8") as members_file:
        text_lines = members_file.read().split("\n")
    hashes = {}
    for member_id, fields in data.items():
        if not isinstance(fields, dict) or FIELD not in fields:
            continue
        addresses = fields[FIELD]
        line = key_line(text_lines, lines.get(member_id, 1), FIELD)
        if not isinstance(addresses, list):
            addresses = [addresses]
        for address in addresses:
            digest = address_hash(address) if isinstance(address, str) else ""
            if not digest:
                raise MemberError(
                    f"{display_path(path)}:{line}: {FIELD} of member {member_id!r} has an entry "
                    "that is not an email address (write them as a list: "
                    f'{FIELD} = ["name@example.org"])'
                )
            hashes.setdefault(digest, member_id)
    return hashes


def match_members(posts, members, content_path, settings):
    """Set `post.member` for every post whose sender a member lists."""
    by_id = {member.id: member for member in members}
    if not by_id:
        return
    path = os.path.join(content_path, settings.get("MEMBERS_FILE") or "members.toml")
    hashes = member_hashes(path)
    for post in posts:
        member_id = hashes.get(post.sender) if post.sender else None
        post.member = by_id.get(member_id)
