"""A tiny site for the atomic_output plugin, with a probe plugin that can fail or stall."""

from pathlib import Path

from plugins.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGIN_PATHS = [str(HERE / "helpers")]  # test plugins; the site's are the package
PLUGINS = ["plugins.template_cache", "plugins.error_report", "build_probe", "plugins.atomic_output"]
SITEURL = "https://atomic.example.org"
FEED_DOMAIN = SITEURL
