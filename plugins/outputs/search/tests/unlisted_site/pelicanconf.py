"""A site with content that must never be listed: a hidden post, a hidden meeting, a draft and a
future-dated draft, beside two published posts, with every plugin that lists content."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
ARTICLE_PATHS = ["posts", "events"]
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "plugins.guard.sanitize",
    "plugins.kinds.topics",
    "plugins.kinds.members",
    "plugins.outputs.related_posts",
    "plugins.kinds.events",
    "plugins.outputs.social_cards",
    "plugins.outputs.feeds",
    "plugins.guard.output_plan",
    "plugins.outputs.search",
    "plugins.outputs.sitemap",
]
URL_LOCK_FILE = None
SITEURL = "https://unlisted.example.org"
FEED_DOMAIN = SITEURL
BUILD_NOW = "2030-01-01T00:00:00+00:00"
