"""A tiny site for the template_cache plugin: the repository's settings and theme, two posts and
a page; the tests point TEMPLATE_CACHE_PATH at a folder of their own."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = ["plugins.model.error_report", "plugins.outputs.template_cache", "plugins.kinds.members"]
SITEURL = "https://templates.example.org"
FEED_DOMAIN = SITEURL
