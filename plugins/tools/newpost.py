"""Scaffold a new post: `make newpost TITLE="..." [AUTHOR=id TOPICS=a,b]`.

Writes content/posts/<year>/<slug>.md (slug from the title with Pelican's slugify, year and Date
now in UTC) with every metadata field filled in or listed in a comment, and a placeholder body
that the content check refuses until it is replaced. Refuses to overwrite a file, to reuse a slug
any post already has (any year, any case) and unknown author or topic ids.
"""

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from pelican.settings import read_settings
from pelican.utils import slugify

from plugins.guard.content_guard.metadata import (
    PLACEHOLDER_BODY,
    PLACEHOLDER_SUMMARY,
    closest,
    member_ids,
    split_list,
    topic_ids,
)
from plugins.guard.content_guard.settings import setting
from plugins.guard.content_guard.sources import MARKDOWN_EXTENSIONS, read_source

REPO = Path(__file__).resolve().parents[2]

TEMPLATE = """\
Title: {title}
Date: {date}
Authors: {authors}
{topics_line}Category: {category}
Summary: {summary}

<!--
More metadata, all optional. To use a line, move it up into the header above (before its
blank line) and fill it in. Delete this comment when you are done.

{topics_hint}Tags: two-to-four, lowercase-tags
Modified: {date}
Slug: {slug}
Guid: old-slug
Aliases: /posts/{year}/old-slug/
Status: draft

Topics are slugs of content/topics/ files; Tags are free; both comma separated.
Category is one of: {categories}.
Modified is the date of the last real change (never before Date).
Slug changes the address /posts/{year}/<slug>/ (the file name by default). After renaming a
post, `Guid: <old slug>` keeps its feed ID and `Aliases: <old address>` redirects the old
address. `Status: draft` keeps the post out of the site and the feeds.
-->

{body}
Write it in Markdown: plain paragraphs; sections that start with `## A heading`; links to
other posts like `[the launch]({{filename}}/posts/2009/announcing-uls-sig.md)`; images like
`![what the image shows]({{static}}/images/your-image.png)`, the file in content/images/.
Preview the post with `make serve` and check it with `make check`.
"""


class Refused(Exception):
    """Why the post was not created."""


def existing_slugs(settings):
    """{lowercased slug: file} of every post, in any year (Slug: or else the file name)."""
    slugs = {}
    for folder in settings["ARTICLE_PATHS"]:
        for path in sorted(Path(settings["PATH"], folder).rglob("*")):
            if path.suffix in MARKDOWN_EXTENSIONS:
                source, _ = read_source(str(path), path.name, "post")
                slugs.setdefault(source.slug.lower(), path)
    return slugs


def checked_ids(value, known, what, where):
    """The comma-separated ids in value, all of them in known (None: not checked)."""
    ids = split_list(value or "")
    for item in ids:
        if known is not None and item not in known:
            suggestion = closest(item, known)
            hint = f"did you mean '{suggestion}'? " if suggestion else ""
            raise Refused(
                f"unknown {what} '{item}' ({hint}known: {', '.join(known)}; "
                f"new ones are added in {where})"
            )
    return ids


def new_post(settings, title, author="", topics="", now=None):
    """Write the post and return its path; Refused says why it was not written."""
    title = " ".join((title or "").split())
    if not title:
        raise Refused('give the post a title: make newpost TITLE="What the post is about"')
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise Refused(f"the title {title!r} gives an empty slug; use letters or digits in it")
    now = now or datetime.now(UTC)
    content = settings["PATH"]
    members_file = os.path.join(content, settings.get("MEMBERS_FILE") or "members.toml")
    topics_folder = os.path.join(content, setting(settings, "TOPICS_PATH"))
    known_topics = topic_ids(topics_folder)
    authors = checked_ids(author, member_ids(members_file), "author", members_file)
    topic_list = checked_ids(topics, known_topics, "topic", topics_folder)
    path = Path(content, settings["ARTICLE_PATHS"][0], f"{now:%Y}", f"{slug}.md")
    refuse_taken(path, slug, settings)
    categories = setting(settings, "CONTENT_GUARD_CATEGORIES")
    text = TEMPLATE.format(
        **common_fields(settings, title, now, authors, topic_list, known_topics),
        category=settings["DEFAULT_CATEGORY"],
        categories=", ".join(categories),
        summary=PLACEHOLDER_SUMMARY,
        slug=slug,
        year=f"{now:%Y}",
        body=PLACEHOLDER_BODY,
    )
    return write_new(path, text)


def refuse_taken(path, slug, settings):
    """Refused when the file exists or another source has the slug (newpost, newevent)."""
    if path.exists():
        raise Refused(f"{path} already exists; choose another title, or edit that file")
    taken = existing_slugs(settings).get(slug.lower())
    if taken:
        raise Refused(f"the slug '{slug}' is already used by {taken}; choose another title")


def common_fields(settings, title, now, authors, topic_list, known_topics):
    """The header fields a new post and a new meeting share, for their TEMPLATE."""
    utc = settings["TIMEZONE"] == "UTC"  # a Date without an offset is in TIMEZONE
    return {
        "title": title,
        "date": f"{now:%Y-%m-%d %H:%M}" if utc else now.isoformat(timespec="minutes"),
        "authors": ", ".join(authors) or "your-member-id",
        "topics_line": f"Topics: {', '.join(topic_list)}\n" if topic_list else "",
        "topics_hint": ""
        if topic_list
        else f"Topics: {', '.join(known_topics or ['topic-slug'])}\n",
    }


def write_new(path, text):
    """Write a new content file, never over an existing one (even in a race); returns path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as new_file:  # "x": fails if the file exists
        new_file.write(text)
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--title", default="")
    parser.add_argument("--author", default="", help="member ids, comma separated")
    parser.add_argument("--topics", default="", help="topic slugs, comma separated")
    parser.add_argument("--settings", default=str(REPO / "pelicanconf.py"))
    parser.add_argument("--content", help="the content folder (default: PATH of the settings)")
    args = parser.parse_args(argv)
    override = {"PATH": os.path.abspath(args.content)} if args.content else None
    settings = read_settings(args.settings, override=override)
    try:
        path = new_post(settings, args.title, args.author, args.topics)
    except Refused as refusal:
        print(f"newpost: {refusal}", file=sys.stderr)
        return 1
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    print(f"Created {shown}")
    print("Next: fill in the Summary and write the body, then `make serve` and `make check`.")
    print("When it is ready: `make lock` adds its addresses to urls.lock; commit that file with")
    print("the post (`make check` says when the lock is out of date).")
    if "your-member-id" in path.read_text(encoding="utf-8"):
        print("Put your member id from content/members.toml in Authors: (or pass AUTHOR=...).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
