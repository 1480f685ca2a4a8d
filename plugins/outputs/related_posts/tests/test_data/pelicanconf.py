"""A tiny site for the related_posts plugin: the repository's settings with the content plugins.

related_posts comes first in PLUGINS on purpose: it must not depend on the order of plugins.
"""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "plugins.outputs.related_posts",
    "plugins.kinds.topics",
    "plugins.kinds.members",
]
SITEURL = "https://related.example.org"
FEED_DOMAIN = SITEURL
