"""A tiny site for the social_cards plugin: the repository's settings, the hub plugins and this.

The tests always pass SOCIAL_CARDS_CACHE_PATH (a temporary folder), so no cache lands here."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "plugins.kinds.topics",
    "plugins.kinds.members",
    "plugins.outputs.social_cards",
]
SITEURL = "https://cards.example.org"
FEED_DOMAIN = SITEURL
