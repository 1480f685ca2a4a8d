"""A tiny site for the url_lock plugin."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
# output_plan: redirects are planned like every other file (an unplanned write fails).
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "plugins.guard.output_plan",
    "plugins.outputs.addresses",
    "plugins.guard.atomic_output",
]
SITEURL = "https://lock.example.org"
FEED_DOMAIN = SITEURL
