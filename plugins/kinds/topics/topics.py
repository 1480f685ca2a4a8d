"""Topic hubs: content/topics/<slug>.md, the Topics: line of posts, topic pages and feeds.

A topic is a Markdown file in TOPICS_PATH (default content/topics/, outside ARTICLE_PATHS and
PAGE_PATHS) with Title, Summary and an optional Order; its slug is its file name. It is read
with Pelican's own readers, so the Markdown settings, {filename} links and content_object_init
plugins (sanitize) apply as for pages.

Posts name their topics by slug: `Topics: jython, soa` (or `jython; soa`: error_report.split_list,
as for Tags). TopicsGenerator replaces that string
with `article.topic_list` (Topic objects, in the order given) and puts `topics` (every topic by
Order, then title) in the context. A post naming an unknown topic, or a topic file without a
Title, stops the build with a TopicError naming the file and the line.

Each topic gets a page at TOPIC_SAVE_AS (template topic.html: its text, its posts newest first,
paginated, and its related topics), an Atom and an RSS feed, and topics/ lists them all
(template topics.html): the part it shares with members is plugins/model/hubs.

An illustrative meeting (`Event-Example: yes`) naming a topic is not one of its posts
(plugins/model/hubs: `topic.articles` holds the real ones, `topic.examples` the examples, which
the topic's first page shows apart and labelled, as /events/ does).
"""

import os
from collections import Counter

from pelican.contents import Page

from plugins.compat import set_output_location
from plugins.model.error_report import ContentError, display_path, metadata_line, split_list
from plugins.model.hubs import Hub, HubsGenerator
from plugins.model.kinds import Kind, Owner, declare

DEFAULTS = {
    "TOPICS_PATH": "topics",
    "TOPIC_URL": "topics/{slug}/",
    "TOPIC_SAVE_AS": "topics/{slug}/index.html",
    "TOPICS_URL": "topics/",
    "TOPICS_SAVE_AS": "topics/index.html",
    "TOPIC_FEED_ATOM": "feeds/topic/{slug}.atom.xml",
    "TOPIC_FEED_RSS": "feeds/topic/{slug}.rss.xml",
}


class TopicError(ContentError):
    """A mistake in a topic or a Topics: line: `<path>:<line>: <what is wrong> (<fix>)`."""


class Topic(Hub):
    """One topic hub. `page` is the Pelican Page read from the topic's file."""

    kind, setting, placeholder = "topic", "TOPIC", "slug"

    def __init__(self, slug, page, order, settings):
        super().__init__(slug, settings)  # url, save_as, feed_atom, feed_rss, articles
        self.slug = slug
        self.page = page
        self.title = page.title
        self.order = order
        self.related = []  # topics sharing posts with this one, most shared first
        # {filename}/topics/<slug>.md links in posts and pages resolve to the topic page.
        set_output_location(page, self.url, self.save_as)

    @property
    def content(self):
        """The topic's text as HTML, with {filename} links resolved (read at output time)."""
        return self.page.content

    @property
    def summary(self):
        """The Summary metadata, else the start of the text."""
        return self.page.summary

    def __str__(self):
        return self.title

    def __repr__(self):
        return f"<Topic {self.slug}>"


def topic_names(article):
    """The slugs in the Topics: metadata of `article`, in order, without repeats, split as the
    content check splits them (error_report.split_list: semicolons if any, else commas)."""
    return list(dict.fromkeys(split_list(article.metadata.get("topics"))))


def related_topics(topic, position):
    """Other topics sharing posts with `topic`, most shared posts first, then by topic order
    (`position`: {topic: its place in the ordered topics})."""
    shared = Counter(
        other for article in topic.articles for other in article.topic_list if other is not topic
    )
    return sorted(shared, key=lambda other: (-shared[other], position[other]))


class TopicsGenerator(HubsGenerator):
    """Reads the topics, links them with the posts and writes the topic pages and feeds."""

    hub_class = Topic
    defaults = DEFAULTS
    attribute = "topic_list"

    def generate_context(self):
        topics = super().generate_context()
        position = {topic: index for index, topic in enumerate(topics)}
        for topic in topics:
            topic.related = related_topics(topic, position)
        self.context["topics"] = topics

    def read_hubs(self):
        folder = self.settings["TOPICS_PATH"]
        files = self.get_files([folder], extensions=self.readers.extensions)
        topics = []
        seen = {}
        for relative in sorted(files):
            slug = os.path.splitext(os.path.basename(relative))[0]
            path = os.path.join(self.path, relative)
            if slug in seen:
                problem = f"a second topic with the slug {slug!r}, after {seen[slug]}"
                raise TopicError(f"{display_path(path)}:1: {problem} (rename one of the files)")
            seen[slug] = display_path(path)
            page = self.readers.read_file(
                base_path=self.path, path=relative, content_class=Page, context=self.context
            )
            order = self.order_of(page, path)
            topics.append(Topic(slug, page, order, self.settings))
            self.add_source_path(page)
        return sorted(topics, key=lambda t: (t.order is None, t.order or 0, t.title.casefold()))

    def order_of(self, page, path):
        """The Order metadata as an int (None when absent); also checks that Title is set."""
        if not str(page.metadata.get("title", "")).strip():
            example = os.path.splitext(os.path.basename(path))[0].replace("-", " ").capitalize()
            fix = f"start the file with a line like 'Title: {example}'"
            raise TopicError(f"{display_path(path)}:1: topic has no Title ({fix})")
        value = page.metadata.get("order")
        if value is None or str(value).strip() == "":
            return None
        try:
            return int(str(value).strip())
        except ValueError:
            line = metadata_line(path, "order")
            fix = "write a whole number, e.g. 'Order: 2'; lower numbers come first"
            problem = f"Order {value!r} is not a whole number"
            raise TopicError(f"{display_path(path)}:{line}: {problem} ({fix})") from None

    def hubs_of(self, article, by_slug):
        found = []
        for name in topic_names(article):
            if name not in by_slug:
                path = article.source_path
                line = metadata_line(path, "topics")
                known = ", ".join(sorted(by_slug)) or "none yet"
                folder = os.path.join(display_path(self.path), self.settings["TOPICS_PATH"])
                fix = (
                    f"use one of these slugs, or add the topic as "
                    f"{os.path.join(folder, name + '.md')} with a Title and a Summary"
                )
                raise TopicError(
                    f"{display_path(path)}:{line}: unknown topic {name!r} in Topics "
                    f"(known topics: {known}). Fix: {fix}."
                )
            found.append(by_slug[name])
        return found

    def refresh_metadata_intersite_links(self):
        """Resolve {filename} links in the topics' Summary, as Pelican does for pages."""
        for topic in self.hubs:
            topic.page.refresh_metadata_intersite_links()


def topic_card(topic, settings):
    """(title, label, detail) of a topic's social card."""
    return topic.title, "Topic", str(topic.summary or "")


def topic_feeds(context):
    for topic in context.get("topics", []):
        purpose = f"Posts on {topic.title}."
        yield "Topics", topic.title, purpose, topic.feed_atom, topic.feed_rss, topic.url


def topic_owner(topic):
    """The topic's file owns its page (at the line of a Slug or Save_as that set it)."""
    page = topic.page
    metadata = getattr(page, "metadata", {})
    key = next((key for key in ("save_as", "url", "slug", "lang") if key in metadata), None)
    line = metadata_line(page.source_path, key) if key else 1
    return Owner("the topic", page.source_path, line, key=key or "")


KIND = declare(
    Kind(
        "topic",
        "topics",
        "TOPIC",
        plugin=__spec__.parent,
        sources="TOPICS_PATH",
        outputs=frozenset({"lists", "feeds", "search", "sitemap", "social_cards", "redirects"}),
        card=topic_card,
        feeds=topic_feeds,
        owner=topic_owner,
    )
)

register = TopicsGenerator.register
