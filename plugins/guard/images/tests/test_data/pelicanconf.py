"""A tiny site for plugins/guard/images: the repository's settings, this plugin, the content check
that applies the image budget, and the output plan and atomic output of the real site."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.guard.content_guard",
    "plugins.model.error_report",
    "plugins.guard.sanitize",
    "plugins.kinds.topics",  # content/topics/: read, checked and written as the site does
    "plugins.guard.images",
    "plugins.guard.output_plan",
    "plugins.guard.atomic_output",
]
# Only the templates this tiny site needs, so the tests do not depend on other plugins.
DIRECT_TEMPLATES = ["index", "archives"]
SITEURL = "https://images.example.org"
FEED_DOMAIN = SITEURL
