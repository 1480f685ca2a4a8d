"""Listed content: the one decision of what readers can find, for every output that lists.

A post or page is *listed* when its status is `published`. `Status: hidden` content (a post or
meeting reachable only by its address), drafts (shown by the devserver alone) and future-dated
drafts are not: they reach no search index, sitemap, social card, related-posts list, topic or
member page. Every plugin that lists content asks `is_listed` (search, sitemap, social_cards,
related_posts, hubs for topics and members); feeds and calendars should too.

The search index and the sitemap are built from an explicit list of the listed pages this build
wrote (`record`, on `content_written`, into the build object's `listed_pages`), never by
crawling the output folder: a page a hidden post renders is written, but never recorded.
"""

import os

from pelican import signals

from plugins.model import build as build_object
from plugins.model.build import build_of
from plugins.model.error_report.header import YES

PUBLISHED = "published"


def is_listed(item):
    """True for content readers may find in lists and indexes (its status is `published`);
    an object without a status (a topic, a member, a list page) is listed."""
    return str(getattr(item, "status", PUBLISHED) or PUBLISHED) == PUBLISHED


def is_example(article):
    """An illustrative meeting (`Event-Example: yes`): listed, but not one of the real posts of
    a topic or member, nor a related post. `article.event.example` when the events plugin has
    read it, else its `Event-Example:` line read as that plugin reads it."""
    event = getattr(article, "event", None)
    if event is not None:
        return event.example
    return str(article.metadata.get("event-example", "")).strip().lower() in YES


def listed(items):
    """The listed ones of `items`, in their order."""
    return [item for item in items or () if is_listed(item)]


def shown_item(context):
    """The post or page a page of the site shows (None for lists, hubs and the like)."""
    return context.get("article") or context.get("page")


def lastmod_of(context, newest=None):
    """The date a page last changed, from the content it shows (for the sitemap). `newest`: a
    dict the build keeps, {id of a list: (the list, its newest date)}, since every page of a
    paginated list (the index, a tag, a topic) asks about the same list."""
    item = shown_item(context)
    if item is not None:
        return getattr(item, "modified", None) or getattr(item, "date", None)
    articles = context.get("articles") or []
    known = (newest or {}).get(id(articles))
    if known is not None and known[0] is articles:
        return known[1]
    dates = [
        getattr(a, "modified", None) or a.date
        for a in articles
        if hasattr(a, "date") and is_listed(a)
    ]
    found = max(dates, default=None)
    if newest is not None:
        newest[id(articles)] = (articles, found)
    return found


def record(path, context):
    """content_written: remember every HTML page that shows listed content (or a list). The
    page's context holds the build's settings, the build object with them."""
    if not str(path).endswith(".html"):
        return
    item = shown_item(context)
    if item is None or is_listed(item):
        build = build_of(context)
        build.listed_pages[os.path.abspath(path)] = lastmod_of(context, build.newest_listed)


def written_pages(settings):
    """{absolute path: lastmod} of the listed pages the build of `settings` wrote."""
    return dict(build_of(settings).listed_pages)


def register():
    """Connected by every plugin that reads the list (once, whatever their number)."""
    build_object.register()
    signals.content_written.connect(record)
