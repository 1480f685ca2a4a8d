"""A tiny site with a content kind the site does not have (talks, plugins/talks), declared only
in its own plugin: the repository's settings with the plugins that read the kinds registry."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "plugins.guard.content_guard",
    "plugins.guard.sanitize",
    "plugins.kinds.members",
    "talks",
    "plugins.outputs.social_cards",
    "plugins.outputs.feeds",
    "plugins.outputs.sitemap",
    "plugins.outputs.addresses",
    "plugins.guard.output_plan",
    "plugins.guard.atomic_output",
]
THEME_TEMPLATES_OVERRIDES = [str(HERE / "templates")]
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
TALKS_PATH = "talks"
TALK_URL = "talks/{slug}/"
TALK_SAVE_AS = "talks/{slug}/index.html"
DIRECT_TEMPLATES = ["index"]
SITEURL = "https://talks.example.org"
FEED_DOMAIN = SITEURL
SEARCH_INDEX = False
URL_LOCK_FILE = None
BUILD_NOW = "2026-12-07"
