"""Feeds subscribers can trust.

Every feed Pelican (or another plugin) writes through `Writer.write_feed` passes through here:
- entry IDs are tag: URIs that survive a change of SITEURL, domain, scheme and slug,
- every URL inside entry content and summaries is made absolute,
- authors are the members' names, RSS guids are not permalinks,
- CSS makes the feed readable when opened in a browser (stylesheet_instruction says why CSS
  and not XSLT),
- no text in it has a control character (XML cannot carry them; content_guard refuses them in
  sources, this strips what comes from anywhere else),
- each field is escaped for the reader that reads it (feedgenerator escapes for XML): Atom's
  titles, subtitle, author names and category terms are text; its summary and content are the
  sanitized HTML of the post. RSS readers render the channel's title and description and an
  item's title, author and categories as HTML, so their text is escaped as HTML first (as in
  plugins/kinds/mailing_list/feeds.py): markup a contributor wrote there arrives as text.
The JSON Feed, the OPML file and the /feeds/ page come from feed_index.py.
"""

from html import escape
from urllib.parse import urljoin

from feedgenerator import Rss201rev2Feed
from pelican import signals

import plugins.guard.output_plan as output_plan
from plugins.model.build import build_of
from plugins.model.defaults import use_defaults

from .feed_index import FeedIndexGenerator
from .feed_urls import (
    DEFAULTS,
    absolute_html,
    entry_id,
    feed_articles,
    feed_base_url,
    feed_id,
    feed_path,
    feed_text,
    kind_entries,
    without_controls,
)

CLEAN = ("content", "description")


def articles_by_link(context):
    """{feed item link: article} for every published and hidden post and their translations
    (feeds/all.atom.xml lists translations too), made once per build.

    Every feed (290 of them for 1,000 posts) looks its items up here; `Content.url` is costly,
    so the map is kept in the build object (never in the context, which every page can show:
    plugins/model/site_state), keyed by the lists it was made from.
    """
    site_url = context.get("SITEURL", "")
    published, hidden = context.get("articles", []), context.get("hidden_articles", [])
    key = (id(published), len(published), id(hidden), len(hidden), site_url)
    build = build_of(context)
    cached = build.feed_links
    if cached is None or cached[0] != key:
        articles = feed_articles(context) + kind_entries(context)
        links = {f"{site_url.rstrip('/')}/{article.url}": article for article in articles}
        cached = build.feed_links = (key, links)
    return cached[1]


def absolute_html_once(context, html, base):
    """absolute_html without control characters, kept for the build: a post is in up to a dozen
    feeds (site, category, tags, topics, member), each wanting the same absolute body."""
    done = build_of(context).feed_absolute_html
    if (html, base) not in done:
        done[html, base] = without_controls(absolute_html(html, base))
    return done[html, base]


def member_names(article):
    """The authors as one plain line of text (the names as decoded text, plain_line)."""
    members = getattr(article, "members", None)
    names = [member.name for member in members] if members else getattr(article, "authors", [])
    return ", ".join(feed_text(name) for name in names)


def escape_text_fields(feed):
    """An RSS feed's text fields escaped as HTML, the way its readers render them.

    The titles come decoded from Pelican (`Markup(...).striptags()`), the author names and the
    category terms from member_names and plain_line: all plain text here, never markup."""
    if not isinstance(feed, Rss201rev2Feed):
        return
    for key in ("title", "description"):
        if feed.feed.get(key):
            feed.feed[key] = escape(feed.feed[key])
    for item in feed.items:
        for key in ("title", "author_name"):
            if item.get(key):
                item[key] = escape(item[key])
        item["categories"] = [escape(term) for term in item["categories"]]


def newest_date(context):
    articles = context.get("articles") or []
    return max((a.modified if hasattr(a, "modified") else a.date for a in articles), default=None)


def harden_feed(context, feed):
    """feed_generated: rewrite IDs, links, authors of a feed before it is written."""
    settings = context
    base = feed_base_url(settings)
    known = articles_by_link(context)
    path = feed_path(feed.feed["feed_url"] or feed.feed["link"], settings)
    feed.feed["id"] = feed_id(path, settings)
    feed.feed["link"] = base
    feed.feed["feed_url"] = urljoin(base, path)
    for item in feed.items:
        article = known.get(item["link"])
        if article is None:
            raise ValueError(f"feed item {item['link']!r} does not match any published post")
        link = urljoin(base, article.url)
        item["link"] = link
        item["unique_id"] = entry_id(article, settings)
        item["unique_id_is_permalink"] = False
        item["author_name"] = member_names(article)
        terms = (feed_text(str(term)) for term in item.get("categories") or ())
        item["categories"] = [term for term in terms if term]
        item["content"] = absolute_html_once(context, item.get("content"), link)
        item["description"] = absolute_html_once(context, item.get("description"), link)
    if not feed.items:
        # An empty feed is dated like the newest post, not like the moment of the build,
        # so that two builds of the same commit stay byte-identical.
        fixed = newest_date(context)
        if fixed is not None:
            feed.latest_post_date = lambda: fixed
    feed.feed = without_controls(feed.feed)
    for item in feed.items:  # content and description are clean already (absolute_html_once)
        item.update(without_controls({k: v for k, v in item.items() if k not in CLEAN}))
    escape_text_fields(feed)


def stylesheet_instruction(settings):
    """The `<?xml-stylesheet?>` lines that make a feed readable when a browser opens it.

    CSS, not XSLT: browsers are removing XSLT (WHATWG html#11523; Chromium already shows a
    warning banner over a transformed feed), while CSS-styled XML stays supported. The feed
    keeps one URL and feed readers get the same file; the site's own stylesheet brings
    the colours of both schemes and theme/static/feed.css lays the feed out. What CSS cannot
    do, and why that is acceptable: links inside the feed are not clickable (each entry's
    address is shown as text, and every post is on the site), and dates show as written (RSS
    `pubDate` is RFC 822, "Tue, 01 Dec 2026 10:00:00 +0000", already a date people read).
    Each file is THEME_STATIC_DIR/<name>, with its ASSET_VERSIONS hash when it has one.
    """
    static = settings.get("THEME_STATIC_DIR", "theme")
    versions = settings.get("ASSET_VERSIONS") or {}
    lines = []
    for name in settings.get("FEED_STYLESHEETS", DEFAULTS["FEED_STYLESHEETS"]):
        version = f"?v={versions[name]}" if versions.get(name) else ""
        href = f"{settings.get('SITEURL', '')}/{static}/{name}{version}"
        lines.append(f'<?xml-stylesheet type="text/css" href="{href}"?>')
    return "\n".join(lines)


def add_stylesheet(path, context, feed):
    """feed_written: put the stylesheet instructions right after the XML declaration."""
    with open(path, encoding="utf-8") as feed_file:
        text = feed_file.read()
    declaration_end = text.index("?>") + 2 if text.startswith("<?xml") else 0
    text = text[:declaration_end] + "\n" + stylesheet_instruction(context) + text[declaration_end:]
    with open(path, "w", encoding="utf-8") as feed_file:
        feed_file.write(text)


def add_generator(pelican):
    return FeedIndexGenerator


def register():
    use_defaults(DEFAULTS)
    output_plan.register()  # the JSON Feed and OPML are written with writer.write_own_file
    signals.feed_generated.connect(harden_feed)
    signals.feed_written.connect(add_stylesheet)
    signals.get_generators.connect(add_generator)
