"""Development settings for the ULS-SIG site. publishconf.py builds production on top of these."""

import hashlib
from pathlib import Path

from plugins.model.plain_text import plain_line

SITE_ROOT = Path(__file__).resolve().parent

# --- The group -------------------------------------------------------------------------------
SITENAME = "ULS-SIG"
SITESUBTITLE = "The Python Special Interest Group for Ultra Large-Scale systems"
SITE_DESCRIPTION = (
    "ULS-SIG brings together Python people who make massive, highly distributed systems "
    "work in practice: announcements, topic pages and the mailing list."
)
AUTHOR = "ULS-SIG"
SITEURL = ""  # development: root-relative links; publishconf.py sets the real one
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

MAILING_LIST = {
    "address": "uls-sig@python.org",
    "subscribe": "https://mail.python.org/mailman/listinfo/uls-sig",
    "archive": "https://mail.python.org/pipermail/uls-sig/",
}
# Contributed text and images (CONTRIBUTING.md, LICENSE-content.md); the code is MIT (LICENSE).
CONTENT_LICENSE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
PYTHON_ORG_SIG_PAGE = "https://www.python.org/community/sigs/retired/uls-sig/"
# Base of the "edit this page" links: the source path of a page is appended.
EDIT_URL_BASE = "https://github.com/uls-sig/uls-sig.github.io/edit/main/content/"

# --- Content -----------------------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["posts", "events"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# README.md files in content/ (content/images/README.md) are notes for contributors, not content.
IGNORE_FILES = ["**/.*", "README.md"]
# The slug of a post is its file name, slugified: content/posts/2009/announcing-uls-sig.md ->
# announcing-uls-sig, "Meeting notes café.md" -> meeting-notes-cafe (see plugins/guard/content_guard/addresses.py).
SLUGIFY_SOURCE = "basename"
FILENAME_METADATA = ""  # no metadata from file names (the slug above is enough)
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "Announcements"
SUMMARY_MAX_LENGTH = 40
# Content is Markdown only: the content checks read Markdown, so Pelican's HTML and reST readers
# (which would publish a contributed .html or .rst file as a post unchecked) are switched off.
READERS = {"html": None, "htm": None, "rst": None}
# Python-Markdown's `extra` set, listed one by one to configure it, plus admonitions
# (`!!! note "Title"`), highlighting and heading anchors. CONTRIBUTING.md shows each feature;
# plugins/guard/sanitize keeps exactly the markup they produce, and plugins/outputs/highlight styles the code.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.abbr": {},
        "markdown.extensions.admonition": {},
        "markdown.extensions.attr_list": {},
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
        "markdown.extensions.def_list": {},
        "markdown.extensions.fenced_code": {},
        "markdown.extensions.footnotes": {"BACKLINK_TITLE": "Back to the text of footnote %d"},
        "markdown.extensions.md_in_html": {},
        # `align` (not a `style` the CSP would block); the sanitizer turns it into a class.
        "markdown.extensions.tables": {"use_align_attribute": True},
        # A `¶` link after each heading; the sanitizer gives it an accessible name.
        "markdown.extensions.toc": {"permalink": True, "permalink_title": ""},
    },
    "output_format": "html5",
}

# --- URLs (fixed: readers and other parts of the site rely on them) ---------------------------
ARTICLE_URL = "posts/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
ARTICLE_LANG_URL = "posts/{date:%Y}/{slug}/{lang}/"
ARTICLE_LANG_SAVE_AS = ARTICLE_LANG_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
PAGE_LANG_URL = "{slug}/{lang}/"
PAGE_LANG_SAVE_AS = PAGE_LANG_URL + "index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_URL = "category/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
# Members are rendered by plugins/kinds/members at members/<id>/, not by Pelican's author pages.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
# Drafts are never published.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = ["index", "tags", "categories", "archives", "404", "search"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = SEARCH_URL + "index.html"

DEFAULT_PAGINATION = 10
# Every list of posts is paginated with the one page size above (archives, tags, categories too).
PAGINATED_TEMPLATES = {
    "index": None,
    "archives": None,
    "tag": None,
    "category": None,
    "topic": None,
    "member": None,
}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# --- Feeds -------------------------------------------------------------------------------------
# Development feeds point at `make serve` on the default address; `make serve` and
# `make devserver` set the address they serve (HOST, PORT) with -e FEED_DOMAIN.
FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
FEED_ATOM = None
FEED_RSS = None
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/category/{slug}.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{slug}.rss.xml"
AUTHOR_FEED_ATOM = None  # members' feeds come from plugins/kinds/members
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 50
RSS_FEED_SUMMARY_ONLY = False

# --- Theme and plugins -------------------------------------------------------------------------
THEME = str(SITE_ROOT / "theme")
# Everything a template prints is HTML-escaped unless marked `| safe`; only content bodies are,
# and plugins/guard/sanitize has cleaned those.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "autoescape": True,
}
# Filters of trusted code: `plain_line` makes any text one plain line (references decoded as
# plugins/guard/content_guard decodes them, control characters as spaces), e.g. for a mailto: subject.
JINJA_FILTERS = {"plain_line": plain_line}
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = ["static"]
# Static assets carry a hash of their bytes so they can be cached forever.
ASSET_VERSIONS = {
    str(path.relative_to(SITE_ROOT / "theme" / "static")): hashlib.sha256(
        path.read_bytes()
    ).hexdigest()[:12]
    for path in sorted((SITE_ROOT / "theme" / "static").rglob("*"))
    if path.is_file()
}
# The plugins are the `plugins` package of this repository (installed by `make`), by import path.
PLUGINS = [
    "plugins.guard.content_guard",  # first: checks the sources before anything reads them
    "plugins.model.error_report",
    "plugins.model.read_cache",  # what a reader made, kept for the next build (keyed)
    "plugins.guard.render_budget",  # every Markdown read has a time budget
    "plugins.guard.sanitize",
    "plugins.outputs.template_cache",  # templates compiled once, shared by the generators and builds
    "plugins.outputs.highlight",  # the stylesheet of code blocks' Pygments tokens, light and dark
    "plugins.outputs.reading_time",  # after sanitize: counts the words of the cleaned body
    "plugins.guard.images",  # width, height and loading="lazy" on every <img> of a body
    "plugins.kinds.topics",
    "plugins.kinds.members",
    "plugins.kinds.projects",  # content/projects/: the projects directory
    "plugins.outputs.related_posts",
    "plugins.kinds.events",
    "plugins.outputs.social_cards",  # after topics, members, events: an og:image for each page of them
    "plugins.kinds.mailing_list",  # content/list/ archives: threads, months, list feeds (before feeds)
    "plugins.outputs.feeds",
    "plugins.guard.output_plan",  # every output file and its one owner, planned before anything is written
    "plugins.outputs.search",  # the search index (a finishing step, before url_lock's check)
    "plugins.outputs.sitemap",  # sitemap.xml and robots.txt
    "plugins.outputs.addresses",  # redirects at old addresses, then no published address may go
    "plugins.guard.atomic_output",  # last: swaps the finished build into OUTPUT_PATH
]

MAIN_MENU = [
    ("Home", ""),
    ("Topics", "topics/"),
    ("Meetings", "events/"),
    ("Members", "members/"),
    ("Mailing list", "mailing-list/"),
    ("About", "about/"),
]

# What the Markdown reader made of each source is kept in CACHE_PATH for the next build, keyed by
# the source's bytes, the code and these settings (plugins/model/read_cache); `pelican
# --ignore-cache` reads everything once, `make clean` removes the cache.
LOAD_CONTENT_CACHE = True
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = [".git", ".nojekyll", "CNAME"]

# --- plugins/outputs/feeds -------------------------------------------------------------------------------
# Entry IDs are tag: URIs under this authority; never change it once feeds are published.
FEED_ID_AUTHORITY = "uls-sig.python.org"
FEED_ID_DATE = "2009-04-17"
# A feed opened in a browser is styled with CSS (plugins/outputs/feeds/feeds.py says why not XSLT):
# these files of theme/static, each linked with its ASSET_VERSIONS hash.
FEED_STYLESHEETS = ["css/site.css", "feed.css"]
JSON_FEED = "feeds/all.json"
OPML_SAVE_AS = "feeds/feeds.opml"
FEEDS_PAGE_SAVE_AS = "feeds/index.html"

# --- plugins/outputs/addresses ----------------------------------------------------------------------------
URL_LOCK_FILE = str(SITE_ROOT / "urls.lock")
URL_LOCK_UPDATE = False  # `make lock` turns it on to rewrite urls.lock

# --- plugins/kinds/events ------------------------------------------------------------------------------
# Meetings are posts in content/events/ with Event-* metadata; see plugins/kinds/events/events.py.
EVENTS_PATHS = ["events"]  # every post under these folders of PATH must be a valid event
EVENTS_URL = "events/"
EVENTS_SAVE_AS = "events/index.html"
EVENTS_CALENDAR_SAVE_AS = "calendar.ics"
# A calendar per topic that has meetings, linked from the topic's page.
EVENTS_TOPIC_CALENDAR_SAVE_AS = "calendar/topic/{slug}.ics"
EVENTS_CALENDAR_NAME = "ULS-SIG meetings"
EVENTS_SERIES_SHOWN = 6  # upcoming meetings of a series listed on its page
# Calendar UIDs are <slug>-<publication date>@<this>; never change it once the calendar is out.
EVENTS_UID_DOMAIN = "uls-sig.python.org"
# The day that splits upcoming from past meetings, as an ISO date (UTC); None: the day of the build.
EVENTS_NOW = None

# --- plugins/outputs/search ------------------------------------------------------------------------------
# Pagefind indexes the build into pagefind/ (see plugins/outputs/search/search.py); sitemap.xml and
# robots.txt are written next to it with absolute URLs from SITEURL (FEED_DOMAIN in development).
SEARCH_INDEX = True
SEARCH_INDEX_FOLDER = "pagefind"
SEARCH_PAGEFIND_ARGS = []
SITEMAP_SAVE_AS = "sitemap.xml"
ROBOTS_SAVE_AS = "robots.txt"

# --- plugins/guard/content_guard -----------------------------------------------------------------------
# The content linter of every build and of `make check`; see plugins/guard/content_guard/content_guard.py.
CONTENT_GUARD_MAX_BYTES = 1_000_000  # a post's source file may not be larger
CONTENT_GUARD_MAX_STATIC_BYTES = 5_000_000  # a PDF in content/ may not be larger
CONTENT_GUARD_MAX_IMAGE_BYTES = 500_000  # an image's budget (and 10,000 px a side at most)
CONTENT_GUARD_CATEGORIES = ["Announcements", "Essays", "Events"]
CONTENT_GUARD_EXTRA_KEYS = []  # metadata keys a new plugin reads, besides the known ones
CONTENT_GUARD_REPORT = False  # `make check` turns it on: print drafts and sanitizer notes
RENDER_BUDGET_SECONDS = 10  # plugins/guard/render_budget: the most one Markdown file may take

# --- plugins/kinds/topics, plugins/kinds/members, plugins/outputs/related_posts --------------------------------------
# Topic hubs are content/topics/<slug>.md (outside ARTICLE_PATHS and PAGE_PATHS); posts name them
# by slug in `Topics:`. An unknown slug stops the build.
TOPICS_PATH = "topics"  # relative to PATH; content_guard checks Topics: ids against it too
TOPIC_URL = "topics/{slug}/"
TOPIC_SAVE_AS = TOPIC_URL + "index.html"
TOPICS_URL = "topics/"
TOPICS_SAVE_AS = TOPICS_URL + "index.html"
TOPIC_FEED_ATOM = "feeds/topic/{slug}.atom.xml"
TOPIC_FEED_RSS = "feeds/topic/{slug}.rss.xml"
# Members are the tables of content/members.toml; posts name member ids in `Authors:`.
MEMBERS_FILE = "members.toml"  # relative to PATH; content_guard checks Authors: ids against it
MEMBER_URL = "members/{id}/"
MEMBER_SAVE_AS = MEMBER_URL + "index.html"
MEMBERS_URL = "members/"  # content/pages/members.md (Template: members), else the plugin's page
MEMBERS_SAVE_AS = MEMBERS_URL + "index.html"
MEMBER_FEED_ATOM = "feeds/member/{id}.atom.xml"
MEMBER_FEED_RSS = "feeds/member/{id}.rss.xml"
# Related posts under each post: shared topics, then shared tags, then the newest.
RELATED_POSTS_MAX = 3

# --- plugins/kinds/mailing_list ------------------------------------------------------------------------
# The list's archive, from pipermail months (2009-March.txt[.gz]) and .mbox files in content/list/
# (`make list-archive` downloads them); nothing is written while that folder holds none. Threads
# at list/threads/<id>/, months at list/<year>/<month>/, feeds/list.atom.xml and .rss.xml.
MAILING_LIST_PATH = "list"
MAILING_LIST_SUBJECT_PREFIX = r"^\s*\[uls-sig\]\s*"  # Mailman's tag, left out of subjects
# Feed entry IDs: tag:<FEED_ID_AUTHORITY>,<this>:list/<hash of the Message-ID>; never change it.
MAILING_LIST_FEED_ID_DATE = "2009-03-14"
