"""A tiny site for the topics plugin: the repository's settings with the content plugins."""

from pathlib import Path

from plugins.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = ["plugins.template_cache", "plugins.error_report", "plugins.topics", "plugins.members"]
SITEURL = "https://topics.example.org"
FEED_DOMAIN = SITEURL
