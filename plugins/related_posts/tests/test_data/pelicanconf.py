"""A tiny site for the related_posts plugin: the repository's settings with the content plugins.

related_posts comes first in PLUGINS on purpose: it must not depend on the order of plugins.
"""

from pathlib import Path

from plugins.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = [
    "plugins.template_cache",
    "plugins.error_report",
    "plugins.related_posts",
    "plugins.topics",
    "plugins.members",
]
SITEURL = "https://related.example.org"
FEED_DOMAIN = SITEURL
