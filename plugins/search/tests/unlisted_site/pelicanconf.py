"""A site with content that must never be listed: a hidden post, a hidden meeting, a draft and a
future-dated draft, beside two published posts, with every plugin that lists content."""

from pathlib import Path

from plugins.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
ARTICLE_PATHS = ["posts", "events"]
PLUGINS = [
    "plugins.template_cache",
    "plugins.error_report",
    "plugins.sanitize",
    "plugins.topics",
    "plugins.members",
    "plugins.related_posts",
    "plugins.events",
    "plugins.social_cards",
    "plugins.feeds",
    "plugins.output_plan",
    "plugins.search",
    "plugins.sitemap",
]
URL_LOCK_FILE = None
SITEURL = "https://unlisted.example.org"
FEED_DOMAIN = SITEURL
BUILD_NOW = "2030-01-01T00:00:00+00:00"
