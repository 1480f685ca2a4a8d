"""A tiny site for the projects plugin: the repository's settings with the plugins a project
takes part in (topics for its Topics, the content checks, the output plan, social cards,
feeds, redirects)."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "plugins.guard.content_guard",
    "plugins.guard.sanitize",
    "plugins.kinds.topics",
    "plugins.kinds.members",
    "plugins.kinds.projects",
    "plugins.outputs.social_cards",
    "plugins.outputs.feeds",
    "plugins.guard.output_plan",
    "plugins.guard.atomic_output",
]
DIRECT_TEMPLATES = ["index"]
SITEURL = "https://projects.example.org"
FEED_DOMAIN = SITEURL
SEARCH_INDEX = False
URL_LOCK_FILE = None
BUILD_NOW = "2026-12-07"
