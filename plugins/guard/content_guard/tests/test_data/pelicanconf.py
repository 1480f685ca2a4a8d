"""A tiny valid site for content_guard: the repository's settings, this plugin and the ones it
relies on (error_report prints the report, sanitize records removals, atomic_output keeps a
failed build from touching the output)."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "plugins.guard.content_guard",
    "plugins.guard.sanitize",
    "plugins.kinds.topics",  # content/topics/: read, checked and written as the site does
    "plugins.guard.atomic_output",
]
# Only the templates this tiny site needs, so the tests do not depend on other plugins.
DIRECT_TEMPLATES = ["index", "archives"]
SITEURL = "https://guard.example.org"
FEED_DOMAIN = SITEURL
