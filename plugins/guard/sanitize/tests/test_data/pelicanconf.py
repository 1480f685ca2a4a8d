"""A tiny site full of XSS vectors for the sanitize plugin."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = ["plugins.outputs.template_cache", "plugins.guard.sanitize", "plugins.outputs.feeds"]
SITEURL = "https://xss.example.org"
FEED_DOMAIN = SITEURL
