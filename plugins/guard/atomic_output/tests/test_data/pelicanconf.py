"""A tiny site for the atomic_output plugin, with a probe plugin that can fail or stall."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGIN_PATHS = [str(HERE / "helpers")]  # test plugins; the site's are the package
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "build_probe",
    "plugins.guard.atomic_output",
]
SITEURL = "https://atomic.example.org"
FEED_DOMAIN = SITEURL
