"""One rule for every address a contributor can influence, checked in one place.

A post's address comes from its file name (slugified by Pelican: SLUGIFY_SOURCE = "basename")
or its `Slug:`; pages, topics and members.toml ids give addresses too, and so do `Lang:`,
`Aliases:` and tags. Each of those values, and each folder of an alias, is a *segment*: ASCII
letters, digits, `-`, `_` and `.`, starting with a letter or digit, at most 80 characters. That
leaves no room for markup (`"`, `<`), `%`-escapes, control characters, `..`, empty segments, or
absolute and protocol-relative forms, so link resolution ({filename}) can never write markup
into a page, and no address can leave the output folder. Whether an address is *free* is the
output plan's job (plugins/guard/output_plan): this module only checks the shape.

`Guid:` (a renamed post's old slug, which keeps its feed ID) follows the same rule.
`URL:` and `Save_as:` are refused in content: the site's settings decide where things go.
`Template:` may only name a template its kind can be written with (the kind's `templates` in
plugins/model/kinds.py): a post (meetings too) only `article` (article.html reads `article`), a page
`page` or `members` (page.html and members.html read `page`), a topic or a project none (their
plugin writes every one with its own template, so a `Template:` there would be ignored without a
word). Any other choice would stop the build with a traceback from Jinja (`'article' is
undefined`) or do nothing.
"""

import re

from pelican.urlwrappers import Tag
from pelican.utils import slugify

from plugins.model.kinds import kind_named, kinds

from .metadata import split_list
from .problems import Problem

SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}")
SEGMENT_RULE = (
    "use ASCII letters, digits, '-', '_' and '.', starting with a letter or digit, "
    "at most 80 characters"
)
MAX_ALIASES = 20


def is_segment(value):
    return bool(SEGMENT.fullmatch(value)) and ".." not in value


def is_alias(value):
    """/old/address/ or /old/page.html: segments, from the root, ending in / or .html."""
    if not value.startswith("/") or value.startswith("//"):
        return False
    inner = value[1:-1] if value.endswith("/") else value[1:]
    if not value.endswith("/") and not value.endswith(".html"):
        return False
    return value == "/" or all(is_segment(part) for part in inner.split("/"))


def file_slug(source, settings):
    """The slug Pelican gives a source without `Slug:`: its file name, slugified."""
    stem = source.relative.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return slugify(
        stem,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def check_addresses(source, settings):
    """Problems of the fields of one Source that decide where it, its aliases and tags go."""
    if source.header is None:
        return []
    problems = []

    def problem(key, message, fix):
        problems.append(Problem(source.path, source.line_of(key), message, fix, blocking=True))

    guid = source.field("guid")
    if guid is not None and not is_segment(guid.value):
        problem("guid", f"Guid {guid.value!r} is not an old slug", "write the post's old slug")
    slug = source.field("slug")
    if slug is not None:
        if not is_segment(slug.value):
            problem("slug", f"Slug {slug.value!r} is not a valid address part", SEGMENT_RULE)
    elif not is_segment(file_slug(source, settings)):
        problem(
            "",
            "the file name gives no usable address once slugified",
            "rename the file with letters and digits, e.g. meeting-notes.md, or add a `Slug:`",
        )
    for key in ("url", "save_as"):
        field = source.field(key)
        if field is not None:
            problem(
                key,
                f"{field.name} cannot be set in content: the site decides where files go",
                "remove the line; the address comes from the file name, or from `Slug:`",
            )
    lang = source.field("lang")
    if lang is not None and not LANGUAGE.fullmatch(lang.value):
        problem("lang", f"Lang {lang.value!r} is not a language code", "write e.g. de or pt-BR")
    wrong = template_problem(source.field("template"), source.kind, settings)
    if wrong:
        problem("template", *wrong)
    check_aliases(source, problem)
    check_tags(source, settings, problem)
    return problems


def template_problem(template, kind, settings):
    """(message, fix) for a `Template:` field a source of `kind` cannot use, else None."""
    if template is None:
        return None
    declared = kind_named(settings, kind)
    usable = declared.templates if declared else ()
    choose = "remove the line, or use " + " or ".join(usable) if usable else "remove the line"
    if not usable:
        return f"a {kind} cannot choose its Template: every {kind} page uses {kind}.html", choose
    if not template.value:
        return f"empty {template.name}", choose
    if template.value in usable:
        return None
    known = {name for other in kinds(settings) for name in other.templates}
    if template.value not in known:
        return f"unknown Template {template.value!r}", choose
    return f"a {kind} cannot use Template {template.value!r}: it is made for another kind", choose


def check_aliases(source, problem):
    aliases = split_list(source.value("aliases"))
    if len(aliases) > MAX_ALIASES:
        problem(
            "aliases",
            f"{len(aliases)} addresses in Aliases, more than {MAX_ALIASES}",
            "keep the old addresses people really link to",
        )
    for alias in aliases:
        if not is_alias(alias):
            problem(
                "aliases",
                f"alias {alias[:80]!r} is not an old address of this site",
                "write it from the root, like /posts/2009/old-name/ or /old-page.html; each "
                "part " + SEGMENT_RULE,
            )


def check_tags(source, settings, problem):
    for name in split_list(source.value("tags")):
        if not is_segment(Tag(name, settings).slug):
            problem(
                "tags",
                f"tag {name[:80]!r} gives no usable address",
                "use words with letters or digits, e.g. asyncio",
            )


def check_member_ids(members_file, ids, text):
    """Member ids are addresses too (members/<id>/): each must be a segment."""
    problems = []
    for member_id in ids or ():
        if is_segment(member_id):
            continue
        needle = re.compile(rf"^\s*\[\s*[\"']?{re.escape(member_id)}[\"']?\s*\]", re.M)
        found = needle.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else 1
        problems.append(
            Problem(
                members_file,
                line,
                f"member id {member_id[:80]!r} is not a valid address part",
                SEGMENT_RULE,
                blocking=True,
            )
        )
    return problems
