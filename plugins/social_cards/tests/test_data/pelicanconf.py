"""A tiny site for the social_cards plugin: the repository's settings, the hub plugins and this.

The tests always pass SOCIAL_CARDS_CACHE_PATH (a temporary folder), so no cache lands here."""

from pathlib import Path

from plugins.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = [
    "plugins.template_cache",
    "plugins.error_report",
    "plugins.topics",
    "plugins.members",
    "plugins.social_cards",
]
SITEURL = "https://cards.example.org"
FEED_DOMAIN = SITEURL
