"""Members: content/members.toml, the Authors: line of posts, member pages and feeds.

members.toml (setting MEMBERS_FILE, relative to PATH) has one table per member; the
table key is the member id that posts name in `Authors:`. Fields: name, role (founder,
coordinator, editors or member), bio (Markdown) and optionally url, github, mastodon,
affiliation and joined (a TOML date).

MembersGenerator puts `members` (founders first, then coordinators, editors, members; by name
within a role) and `members_by_role` ([(plural heading, [members])]) in the context, and sets
`article.members` (Member objects, in the order of Authors:). A malformed file, a member
without a name or with an unknown role, and a post naming an unknown author stop the build
with a MemberError naming the file and the line.

Each member gets a page at MEMBER_SAVE_AS (template member.html: bio, profile links with
rel="me", posts newest first, paginated) and an Atom and an RSS feed of exactly their posts.
The members/ page is content/pages/members.md (Template: members); without it, the plugin
writes MEMBERS_SAVE_AS itself with the same template. What it shares with topics is
plugins/model/hubs.
"""

import difflib
import os
import re
import tomllib
from types import SimpleNamespace

import lxml.html
import markdown
from pelican.contents import Page

from plugins.guard.render_budget.render_budget import OverBudget, budget_seconds, run_within
from plugins.model.error_report import display_path, metadata_line
from plugins.model.hubs import Hub, HubsGenerator
from plugins.model.kinds import Kind, Owner, declare

from . import limits
from .fields import (
    ROLES,
    MemberError,
    check_links,
    check_member,
    control_character_problems,
    profile_links,
    table_lines,
)

DEFAULTS = {
    "MEMBERS_FILE": "members.toml",  # relative to PATH (or absolute); None: members.toml
    "MEMBER_URL": "members/{id}/",
    "MEMBER_SAVE_AS": "members/{id}/index.html",
    "MEMBERS_URL": "members/",
    "MEMBERS_SAVE_AS": "members/index.html",
    "MEMBER_FEED_ATOM": "feeds/member/{id}.atom.xml",
    "MEMBER_FEED_RSS": "feeds/member/{id}.rss.xml",
}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“(\[]?[A-Z0-9])")


class Member(Hub):
    """One member. `bio` is HTML, read at output time so that {filename} links resolve."""

    kind, setting, placeholder = "member", "MEMBER", "id"

    def __init__(self, member_id, fields, bio_page, settings):
        super().__init__(member_id, settings)  # url, save_as, feed_atom, feed_rss, articles
        self.id = member_id
        self.name = fields["name"].strip()
        self.role = fields["role"]
        self.role_label, self.role_heading = ROLES[self.role]
        self.affiliation = fields.get("affiliation")
        self.joined = fields.get("joined")
        self.homepage = fields.get("url")
        self.github = fields.get("github")
        self.mastodon = fields.get("mastodon")
        self.links = profile_links(fields)  # [(label, href, rel)]
        self.bio_page = bio_page

    @property
    def bio(self):
        return self.bio_page.content if self.bio_page else ""

    @property
    def summary(self):
        """The first sentence of the bio, as plain text."""
        if not self.bio:
            return ""
        text = lxml.html.fragment_fromstring(self.bio, create_parent="div").text_content()
        text = " ".join(text.split())
        return SENTENCE_END.split(text, maxsplit=1)[0]

    @property
    def feed_title(self):
        return f"posts by {self.name}"  # Pelican's writer adds "<SITENAME> - " in front

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"<Member {self.id}>"


def markdown_renderer(settings):
    """A Markdown instance configured like Pelican's reader from the MARKDOWN setting."""
    config = dict(settings["MARKDOWN"])
    extensions = list(config.get("extensions", []))
    extensions += [name for name in config.get("extension_configs", {}) if name not in extensions]
    config["extensions"] = extensions
    return markdown.Markdown(**config)


def parse_members_file(path):
    """(data, {member id: line of its table}) of the TOML file; MemberError on bad syntax."""
    shown = display_path(path)
    if not os.path.isfile(path):
        fix = "create it with one [member-id] table per member, or set MEMBERS_FILE"
        raise MemberError(f"{shown}:1: the members file does not exist ({fix})")
    limits.check_size(path, shown)
    with open(path, "rb") as members_file:
        raw = members_file.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        fix = "save the file as UTF-8"
        raise MemberError(f"{shown}:{line}: bytes that are not UTF-8 ({fix})") from None
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise limits.nesting_error(text, shown) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
        line = found.group(1) if found else str(text.count("\n") + 1)
        problem = message[: found.start()] if found else re.sub(r"\s*\(.*\)$", "", message)
        where = f"at column {found.group(2)}" if found else "at the end of the file"
        fix = "check quotes, brackets and that every key is set once; see https://toml.io"
        raise MemberError(f"{shown}:{line}: invalid TOML: {problem} {where} ({fix})") from None
    tables = table_lines(text)
    limits.check_count(data, tables, shown)
    limits.check_bounds(data, text.split("\n"), tables, shown)
    problems = control_character_problems(data, text, shown)
    if problems:
        raise MemberError("\n".join(problems))
    return data, tables


class MembersGenerator(HubsGenerator):
    """Reads members.toml, links members with posts, writes member pages and feeds."""

    hub_class = Member
    defaults = DEFAULTS
    attribute = "members"

    def members_file(self):
        return os.path.join(self.path, self.settings["MEMBERS_FILE"] or "members.toml")

    def generate_context(self):
        members = super().generate_context()
        self.context["members"] = members
        self.context["members_by_role"] = [
            (heading, [member for member in members if member.role == role])
            for role, (_, heading) in ROLES.items()
            if any(member.role == role for member in members)
        ]

    def read_hubs(self):
        path = self.members_file()
        data, lines = parse_members_file(path)
        renderer = markdown_renderer(self.settings)
        members = []
        for member_id, fields in data.items():
            where = f"{display_path(path)}:{lines.get(member_id, 1)}"
            check_member(member_id, fields, where)
            check_links(member_id, fields, where)
            bio = self.bio_page(renderer, member_id, fields, where)
            member = Member(member_id, fields, bio, self.settings)
            member.source_path, member.line = path, lines.get(member_id, 1)  # for output_plan
            members.append(member)
        role_order = list(ROLES)
        return sorted(members, key=lambda m: (role_order.index(m.role), m.name.casefold(), m.id))

    def bio_page(self, renderer, member_id, fields, where):
        """The bio as a Pelican content object, so links and content plugins apply to it. Its
        Markdown has the time budget of every other Markdown file (plugins/guard/render_budget)."""
        if not fields.get("bio", "").strip():
            return None
        seconds = budget_seconds(self.settings)
        try:
            html = run_within(seconds, renderer.reset().convert, fields["bio"])
        except OverBudget:
            raise MemberError(
                f"{where}: the bio of member {member_id!r} took longer than {seconds:g} s to "
                "render (simplify its Markdown: e.g. unclosed [ brackets)"
            ) from None
        return Page(
            html,
            metadata={"title": fields["name"], "slug": member_id},
            settings=self.settings,
            source_path=self.members_file(),
            context=self.context,
        )

    def hubs_of(self, article, by_id):
        if "authors" not in article.metadata and "author" not in article.metadata:
            return []
        found = []
        for author in article.authors:
            member_id = str(author.name).strip()
            if member_id not in by_id:
                raise self.unknown_author(article, member_id, by_id)
            if by_id[member_id] not in found:
                found.append(by_id[member_id])
        return found

    def unknown_author(self, article, member_id, by_id):
        path = article.source_path
        key = "authors" if "authors" in article.metadata else "author"
        closest = difflib.get_close_matches(member_id, list(by_id), n=3)
        label = "closest known ids" if closest else "known ids"
        ids = ", ".join(closest or sorted(by_id)) or "none yet"
        members_file = display_path(self.members_file())
        fix = f"use a member id, or add a [{member_id}] table to {members_file}"
        return MemberError(
            f"{display_path(path)}:{metadata_line(path, key)}: unknown author {member_id!r} "
            f"in Authors ({label}: {ids}). Fix: {fix}."
        )

    def write_index(self, writer):
        if not self.members_page_exists():
            # No content/pages/members.md: write the page so that members/ always exists.
            page = SimpleNamespace(title="Members", content="", summary="", relative_source_path="")
            super().write_index(writer, page=page)

    def members_page_exists(self):
        pages = self.context.get("pages", []) + self.context.get("hidden_pages", [])
        return any(page.save_as == self.settings["MEMBERS_SAVE_AS"] for page in pages)


def member_card(member, settings):
    """(title, label, detail) of a member's social card."""
    detail = member.affiliation or settings.get("SITESUBTITLE") or ""
    return member.name, member.role_label, detail


def member_feeds(context):
    for member in context.get("members", []):
        purpose = f"Posts by {member.name}."
        yield "Members", member.name, purpose, member.feed_atom, member.feed_rss, member.url


def member_owner(member):
    return Owner(f"member {member.id!r} in", member.source_path, member.line,
                 "give the member another id")  # fmt: skip


KIND = declare(
    Kind(
        "member",
        "members",
        "MEMBER",
        plugin=__spec__.parent,
        outputs=frozenset({"lists", "feeds", "search", "sitemap", "social_cards", "redirects"}),
        card=member_card,
        feeds=member_feeds,
        owner=member_owner,
    )
)

register = MembersGenerator.register
