"""A tiny site whose middle post, page and member bio try to reach outside their box: theme
classes (the stretched link), positioning, popovers, oversized elements and the theme's own
element ids. plugins/guard/sanitize/tests/test_boxes.py reads it built; tests/browser/
test_contributed_markup.py clicks the theme's links on it."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "plugins.guard.sanitize",
    "plugins.kinds.members",
    "plugins.outputs.related_posts",
]
DIRECT_TEMPLATES = ["index", "archives"]
SITEURL = ""
FEED_DOMAIN = "http://127.0.0.1:8000"
