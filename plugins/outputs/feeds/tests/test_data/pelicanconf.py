"""A tiny site for the feeds plugin: the repository's settings with only this plugin."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = ["plugins.outputs.template_cache", "plugins.outputs.feeds"]
SITEURL = "https://feeds.example.org/site"
FEED_DOMAIN = SITEURL
