"""The list's feeds: the newest messages (Atom and RSS) and one feed per thread.

Entries carry the full text. Their IDs depend on the Message-ID alone (through its hash, so no
address-like string is published): `tag:<FEED_ID_AUTHORITY>,<MAILING_LIST_FEED_ID_DATE>:list/<key>`.
A re-import of the same months, a new SITEURL or a move of the thread pages never changes them.
The bytes are made here with feedgenerator (Pelican's own feed library) and written with
`writer.write_own_file`: plugins/outputs/feeds' hardening expects every entry to be a post.

Each field is escaped for the reader that reads it (feedgenerator escapes for XML): Atom's
title, subtitle and author name are text (type="text"); its content is the body's HTML, made
from escaped text (render.py). RSS readers render a channel's and an item's title and
description, and the author, as HTML: the text of those fields (a subject, a display name) is
escaped as HTML first, so that markup in it arrives as text.
"""

from html import escape
from urllib.parse import urljoin

from feedgenerator import Atom1Feed, Rss201rev2Feed

from plugins.outputs.feeds.feed_urls import (
    DEFAULT_AUTHORITY,
    feed_base_url,
    feed_id,
    without_controls,
)
from plugins.outputs.feeds.feeds import stylesheet_instruction

from .privacy import mask

KINDS = {"atom": Atom1Feed, "rss": Rss201rev2Feed}


def entry_id(post, settings):
    authority = settings.get("FEED_ID_AUTHORITY") or DEFAULT_AUTHORITY
    return f"tag:{authority},{settings['MAILING_LIST_FEED_ID_DATE']}:list/{post.key}"


def post_link(post, base):
    return urljoin(base, post.thread.url) + "#" + post.anchor


def text_field(kind, text):
    """Plain text for a field of a `kind` feed: as it is for Atom, as HTML for RSS."""
    text = without_controls(text)
    return escape(text) if kind == "rss" else text


def feed_bytes(kind, path, title, description, page_url, posts, settings):
    """The feed document at `path` listing `posts` (newest first), as bytes."""
    base = feed_base_url(settings)
    feed = KINDS[kind](
        title=text_field(kind, title),
        link=urljoin(base, page_url),
        description=text_field(kind, description),
        feed_url=urljoin(base, path),
        feed_guid=feed_id(path, settings),
        language=settings.get("DEFAULT_LANG", "en"),
    )
    for post in posts:
        link = post_link(post, base)
        feed.add_item(
            title=text_field(kind, post.subject),
            link=link,
            unique_id=entry_id(post, settings),
            unique_id_is_permalink=False,
            description=without_controls(post.html) if kind == "rss" else None,
            content=without_controls(post.html) if kind == "atom" else None,
            author_name=text_field(kind, mask(post.author)),
            pubdate=post.date,
            updateddate=post.date,
        )
    text = feed.writeString("utf-8")
    declaration_end = text.index("?>") + 2 if text.startswith("<?xml") else 0
    text = text[:declaration_end] + "\n" + stylesheet_instruction(settings) + text[declaration_end:]
    return text.encode("utf-8")


def list_feeds(threads, settings):
    """[(path, make_bytes, what)] of every feed of the list."""
    sitename = settings.get("SITENAME", "")
    newest = sorted(
        (post for thread in threads for post in thread.posts),
        key=lambda p: (p.date, p.key),
        reverse=True,
    )[: settings["MAILING_LIST_FEED_MAX_ITEMS"]]
    files = []
    for kind in ("atom", "rss"):
        path = settings[f"MAILING_LIST_FEED_{kind.upper()}"]
        if path:
            files.append(
                (
                    path,
                    make(kind, path, f"{sitename} mailing list", newest, settings),
                    "mailing list feed",
                )
            )
    for thread in threads:
        for kind, path in (("atom", thread.feed_atom), ("rss", thread.feed_rss)):
            if path:
                posts = list(reversed(thread.posts))
                title = f"{sitename} mailing list: {thread.subject}"
                files.append(
                    (path, make(kind, path, title, posts, settings, thread), "thread feed")
                )
    return files


def make(kind, path, title, posts, settings, thread=None):
    page = thread.url if thread else settings["MAILING_LIST_URL"]
    description = (
        f"Messages of the thread “{thread.subject}”."
        if thread
        else f"The newest messages of the {settings.get('SITENAME', '')} mailing list."
    )
    return lambda: feed_bytes(kind, path, title, description, page, posts, settings)
