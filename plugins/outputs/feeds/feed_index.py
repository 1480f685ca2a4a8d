"""The JSON Feed, the OPML list of all feeds and the /feeds/ page.

Titles, names, tags and purposes are plain text (plain_line: the decoded text a contributor
wrote): JSON escaping is all the JSON Feed's title, summary, authors and tags need, XML
attribute escaping all the OPML file needs, and the /feeds/ page's template escapes for HTML.
The JSON Feed's content_html is the post's sanitized HTML.
"""

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
from pelican.generators import Generator

from plugins.model.error_report import ContentError
from plugins.model.kinds import kinds

from .feed_urls import (
    absolute_html,
    entry_id,
    entry_id_clashes,
    feed_articles,
    feed_base_url,
    feed_text,
    without_controls,
)


@dataclass
class FeedEntry:
    """One subscribable feed as listed on /feeds/ and in the OPML file."""

    group: str
    title: str
    purpose: str
    atom: str
    rss: str
    page_url: str


def listed_feeds(context):
    """Every feed of the site, site-wide feeds first, then by group and title."""
    settings = context
    feeds = [
        FeedEntry(
            "Site",
            "All posts",
            "Every post and meeting announcement, newest first.",
            settings["FEED_ALL_ATOM"],
            settings["FEED_ALL_RSS"],
            "",
        ),
    ]
    # plugins/kinds/mailing_list: (title, purpose, atom, rss, page url) of the list's feeds, if any.
    for title, purpose, atom, rss, page_url in context.get("list_feeds", []):
        feeds.append(FeedEntry("Mailing list", title, purpose, atom, rss, page_url))
    # The kinds with feeds of their own (plugins/model/kinds.py): topics, members, projects...
    for kind in kinds(settings, "feeds"):
        if kind.feeds is not None:
            feeds += [FeedEntry(*entry) for entry in kind.feeds(context)]
    for category, _ in sorted(context.get("categories", []), key=lambda pair: pair[0].name):
        feeds.append(
            FeedEntry(
                "Categories",
                category.name,
                f"Posts in {category.name}.",
                settings["CATEGORY_FEED_ATOM"].format(slug=category.slug),
                settings["CATEGORY_FEED_RSS"].format(slug=category.slug),
                category.url,
            )
        )
    for tag, _ in sorted(context.get("tags", []), key=lambda pair: pair[0].name):
        feeds.append(
            FeedEntry(
                "Tags",
                f"#{tag.name}",
                f"Posts tagged {tag.name}.",
                settings["TAG_FEED_ATOM"].format(slug=tag.slug),
                settings["TAG_FEED_RSS"].format(slug=tag.slug),
                tag.url,
            )
        )
    for feed in feeds:
        feed.title, feed.purpose = feed_text(feed.title), feed_text(feed.purpose)
    return feeds


def json_feed(context, articles):
    """A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1) of `articles`."""
    settings = context
    base = feed_base_url(settings)
    items = []
    for article in articles[: settings.get("FEED_MAX_ITEMS")]:
        link = urljoin(base, article.url)
        members = getattr(article, "members", None) or []
        item = {
            "id": entry_id(article, settings),
            "url": link,
            "title": feed_text(article.title),
            "content_html": absolute_html(article.content, link),
            "summary": article.summary and lxml_text(article.summary),
            "date_published": article.date.isoformat(),
            "authors": [{"name": feed_text(m.name), "url": urljoin(base, m.url)} for m in members],
            "tags": [feed_text(tag.name) for tag in getattr(article, "tags", [])],
        }
        if hasattr(article, "modified"):
            item["date_modified"] = article.modified.isoformat()
        items.append(item)
    return without_controls(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": settings["SITENAME"],
            "description": settings.get("SITESUBTITLE", ""),
            "home_page_url": base,
            "feed_url": urljoin(base, settings["JSON_FEED"]),
            "language": settings.get("DEFAULT_LANG", "en"),
            "items": items,
        }
    )


def lxml_text(html):
    return lxml.html.fragment_fromstring(html, create_parent="div").text_content().strip()


def opml(context, feeds):
    base = feed_base_url(context)
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = f"{context['SITENAME']} feeds"
    body = ET.SubElement(root, "body")
    for group in dict.fromkeys(feed.group for feed in feeds):
        outline = ET.SubElement(body, "outline", text=group, title=group)
        for feed in (f for f in feeds if f.group == group):
            ET.SubElement(
                outline,
                "outline",
                type="rss",
                text=feed.title,
                title=feed.title,
                xmlUrl=urljoin(base, feed.atom),
                htmlUrl=urljoin(base, feed.page_url),
            )
    ET.indent(root)
    document = ET.tostring(root, encoding="unicode")
    return without_controls('<?xml version="1.0" encoding="utf-8"?>\n' + document + "\n")


class FeedIndexGenerator(Generator):
    """Writes feeds/all.json, feeds/feeds.opml and the feeds/ page after the other generators."""

    def generate_context(self):
        """Runs after the articles are read and before anything is written: every feed entry
        ID is unique, or the build stops naming each post that takes another's ID."""
        clashes = entry_id_clashes(feed_articles(self.context), self.settings)
        if clashes:
            raise ContentError("\n".join(clashes))

    def generate_output(self, writer):
        feeds = listed_feeds(self.context)
        articles = self.context.get("articles", [])
        # Written once, by the build process (plugins/guard/output_plan plans them like any page).
        writer.write_own_file(
            self.settings["JSON_FEED"],
            lambda: (
                json.dumps(json_feed(self.context, articles), indent=2, ensure_ascii=False) + "\n"
            ).encode("utf-8"),
            "JSON Feed",
        )
        writer.write_own_file(
            self.settings["OPML_SAVE_AS"],
            lambda: opml(self.context, feeds).encode("utf-8"),
            "OPML list of feeds",
        )
        writer.write_file(
            self.settings["FEEDS_PAGE_SAVE_AS"],
            self.get_template("feeds"),
            self.context,
            feeds=feeds,
            feed_groups=list(dict.fromkeys(feed.group for feed in feeds)),
        )
