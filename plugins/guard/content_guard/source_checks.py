"""Checks of one source file on its own: metadata, dates, ids, size, drafts."""

import dataclasses
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from .metadata import (
    DATE_FIX,
    MAX_ITEMS,
    MAX_TAG_LENGTH,
    PLACEHOLDER_BODY,
    PLACEHOLDER_SUMMARY,
    REQUIRED_FOR_PAGES,
    STATUSES,
    closest,
    date_problem,
    display_key,
    parse_date,
    split_list,
)
from .problems import Note, Problem, display_path
from .unread import blanked, comment_spans


@dataclass
class Rules:
    """What a source is checked against (from the settings, members.toml and topics/)."""

    members: list | None  # None: no members file, ids are not checked
    members_file: str
    topics: list | None
    topics_folder: str
    categories: tuple
    known_keys: tuple
    timezone: str
    max_bytes: int
    now: datetime
    allow_placeholders: bool = False  # `make devserver`: an unfinished post can be previewed
    kinds: dict = dataclasses.field(default_factory=dict)  # name -> Kind of the build


def check_source(source, rules):
    """(problems, notes) of one Source."""
    problems = []
    if source.size > rules.max_bytes:
        problems.append(
            Problem(
                source.path,
                1,
                f"the file is {source.size:,} bytes, over the limit of {rules.max_bytes:,}",
                "split it into several posts, or shrink what is embedded in it "
                "(images belong in content/images/; CONTENT_GUARD_MAX_BYTES sets the limit)",
                blocking=True,  # stopped before Markdown spends its time budget on it
            )
        )
    if source.header is None:
        return problems, []

    def problem(key_or_line, message, fix, blocking=False):
        line = key_or_line if isinstance(key_or_line, int) else source.line_of(key_or_line)
        problems.append(Problem(source.path, line, message, fix, blocking))

    kind = rules.kinds.get(source.kind)
    known_keys = (*rules.known_keys, *(kind.field_names if kind else ()))
    known = {key.lower() for key in known_keys}
    unknown = [field for name, field in source.header.fields.items() if name not in known]
    for number, field in enumerate(unknown):
        # difflib takes a millisecond: a header of 100,000 made-up keys gets 20 suggestions
        suggestion = closest(field.name, known_keys) if number < 20 else None
        fix = (
            f"did you mean '{suggestion}'?"
            if suggestion
            else "remove it; a key a plugin reads goes in CONTENT_GUARD_EXTRA_KEYS"
        )
        problem(field.line, f"unknown metadata key '{field.name}'", fix)
    for field in source.header.repeated:
        first = source.header.fields[field.name.lower()].line
        # Blocking: Pelican reads a repeated list-valued field (Aliases, Topics) as both values,
        # every check as the first one; nothing may be built from what was not checked.
        problem(
            field.line,
            f"{field.name} is given twice (first on line {first})",
            "keep one",
            blocking=True,
        )

    required = kind.required if kind else REQUIRED_FOR_PAGES
    names = {item.name.lower(): item.name for item in kind.fields} if kind else {}
    for key in required:
        if key == "authors" and source.field("author"):
            key = "author"
        field = source.field(key)
        blocking = key != "summary"
        shown = names.get(key) or display_key(key)
        if field is None:
            problem(1, f"missing {shown}", f"add a `{shown}:` line", blocking)
        elif not field.value:
            problem(key, f"empty {field.name}", f"give {field.name} a value", blocking)

    date = check_dates(source, rules, problem)
    check_counts(source, problem)
    for line, what, fix in source.header.layout:
        problem(line, what, fix, blocking=True)  # Pelican would read another header
    check_ids(source, rules, problem)
    check_values(source, rules, problem)
    check_kind_fields(source, kind, problem)
    return problems, draft_notes(source, date, rules)


def shared_values(sources, kinds):
    """Two sources of a kind sharing a value its `unique` keys may not share (two files of one
    project: the same Title, Homepage or Repository): the later file, naming the first."""
    problems, first = [], {}
    for source in sorted(sources, key=lambda source: source.relative):
        kind = kinds.get(source.kind)
        for key in kind.unique if kind and source.header else ():
            value = source.value(key).strip().casefold().rstrip("/")
            if not value:
                continue
            seen = first.setdefault((kind.name, key, value), source)
            if seen is not source:
                name = source.field(key).name
                problems.append(
                    Problem(
                        source.path,
                        source.line_of(key),
                        f"{display_path(seen.path)} has the same {name} ({source.value(key)}): "
                        f"the same {kind.name} twice",
                        f"keep one file per {kind.name}, or give this one its own {name}",
                        blocking=True,
                    )
                )
    return problems


def check_kind_fields(source, kind, problem):
    """The values of the fields a kind declares with a check (plugins/model/kinds.py: a URL, one of
    a few words...), each item of a list-valued one."""
    for declared in kind.fields if kind else ():
        key = declared.name.lower()
        value = source.value(key)
        if not declared.check or not value:
            continue
        for item in split_list(value) if declared.list_valued else [value.strip()]:
            wrong = declared.check(item)
            if wrong:
                problem(key, *wrong)


def check_dates(source, rules, problem):
    """Date and Modified parse and are in their domain (metadata.date_problem), Modified is not
    before Date, a future Date needs draft."""
    dates = {}
    for key in ("date", "modified"):
        field = source.field(key)
        if field and field.value:
            try:
                moment = parse_date(field.value, rules.timezone)
            except ValueError as error:
                problem(key, f"{field.name} {error}", DATE_FIX, blocking=True)
                continue
            wrong = date_problem(key, field.value, moment, rules.now)
            if wrong:
                problem(key, *wrong, blocking=True)  # before any arithmetic on it
            else:
                dates[key] = moment
    date, modified = dates.get("date"), dates.get("modified")
    if date and modified and modified < date:
        problem(
            "modified",
            f"Modified {source.value('modified')} is before Date {source.value('date')}",
            "Modified is the date of the last real change: it cannot be earlier than Date",
        )
    if source.kind == "post" and date and date > rules.now and source.status != "draft":
        problem(
            "date",
            f"Date {source.value('date')} is in the future, so the post would go out now "
            "with a date that has not come yet",
            "fix the Date, or add `Status: draft` to hold the post back until then",
        )
    return date


def check_ids(source, rules, problem):
    """Authors are members of members.toml, Topics are files in the topics folder."""
    lists = (
        ("authors", rules.members, "author", "member ids", display_path(rules.members_file)),
        ("author", rules.members, "author", "member ids", display_path(rules.members_file)),
        ("topics", rules.topics, "topic", "topics", display_path(rules.topics_folder) + "/"),
    )
    for key, known, what, known_what, where in lists:
        if known is None or not source.field(key) or too_many(source, key):
            continue  # a list over its bound is reported once by check_counts, not per item
        for item in split_list(source.value(key)):
            if item not in known:
                suggestion = closest(item, known)
                hint = f"did you mean '{suggestion}'? " if suggestion else ""
                problem(
                    key,
                    f"unknown {what} '{item}' in {source.field(key).name}",
                    f"{hint}known {known_what}: {', '.join(known)}; new ones are added in {where}",
                    blocking=True,
                )


def too_many(source, key):
    return len(split_list(source.value(key))) > MAX_ITEMS[key]


def check_counts(source, problem):
    """Tags, Topics and Authors name a few items each, and a tag is short: every item gets
    pages and feeds of its own, so thousands of them would make the build write for hours."""
    for key, limit in MAX_ITEMS.items():
        field = source.field(key)
        if field and too_many(source, key):
            count = len(split_list(field.value))
            what = "authors" if key.startswith("author") else key
            fix = "keep the main ones" if what == "authors" else "keep the few that describe it"
            problem(
                key,
                f"{count:,} {what} in {field.name}, more than the {limit} a {source.kind} may have",
                fix,
                blocking=True,
            )
    field = source.field("tags")
    for tag in split_list(field.value) if field and not too_many(source, "tags") else ():
        invisible = [c for c in tag if unicodedata.category(c) == "Cf"]
        if invisible:  # "py<U+200B>thon" shows as "python" but is a tag, and a page, of its own
            shown = "".join(ascii(c)[1:-1] if c in invisible else c for c in tag[:40])
            problem(
                "tags",
                f"tag '{shown}' in {field.name} contains the invisible character "
                f"U+{ord(invisible[0]):04X} ({unicodedata.name(invisible[0], 'format').lower()}): "
                "it looks like another tag but has a page of its own",
                "remove it; a tag is a word or a few, written with visible characters",
                blocking=True,
            )
        if len(tag) > MAX_TAG_LENGTH:
            shown = tag if len(tag) <= 40 else tag[:40] + "…"
            problem(
                "tags",
                f"tag '{shown}' in {field.name} is {len(tag):,} characters long, "
                f"more than {MAX_TAG_LENGTH}",
                "a tag is a word or a few; say more in the text",
                blocking=True,
            )


def check_values(source, rules, problem):
    """Status and Category take known values; newpost placeholders are gone."""
    status = source.field("status")
    if status and status.value.lower() not in STATUSES:
        suggestion = closest(status.value, STATUSES) or "draft"
        problem("status", f"unknown Status '{status.value}'", f"did you mean '{suggestion}'?")
    category = source.field("category")
    if source.kind == "post" and category and category.value not in rules.categories:
        suggestion = closest(category.value, rules.categories)
        hint = f"did you mean '{suggestion}'? " if suggestion else ""
        problem(
            "category",
            f"unknown Category '{category.value}'",
            hint + "use one of: " + ", ".join(rules.categories),
        )
    if source.status == "draft" or rules.allow_placeholders:
        return  # unfinished is fine: a draft is not published; `make devserver` previews it
    if source.value("summary") == PLACEHOLDER_SUMMARY:
        problem("summary", "the Summary is still the placeholder", "write one or two sentences")
    for number, line in enumerate(source.lines, 1):
        if PLACEHOLDER_BODY in line:
            problem(number, "the body is still the placeholder", "write the post")
    if source.kind == "post" and body_is_empty(source):
        problem(
            source.header.body_line,
            "there is no text below the header",
            "write at least a sentence below the header: the feeds and the post page carry it",
        )


def body_is_empty(source):
    """Whether the body below the header is only blank lines and HTML comments (which the
    sanitizer removes): the post page and the feed entries would have no text. (A page or a
    topic may have none: its template or its summary and list of posts fill it.)"""
    body = "\n".join(source.lines[source.header.body_line - 1 :])
    return not blanked(body, comment_spans(body)).strip()


def draft_notes(source, date, rules):
    """Drafts are listed in the check's output: held back (future Date) or not published."""
    if source.kind != "post" or source.status != "draft":
        return []
    if date and date > rules.now:
        text = (
            f"Date {source.value('date')} is in the future; the post stays out of the site "
            "and the feeds while `Status: draft` is set"
        )
        return [Note(source.path, "held back", text)]
    return [Note(source.path, "draft", "not published (remove `Status: draft` to publish it)")]
