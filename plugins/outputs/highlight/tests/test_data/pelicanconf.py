"""A tiny site whose one post uses every Markdown feature contributors are told they can use.

The repository's settings (Markdown extensions, theme), with the plugins that read, check,
clean and style a post: the link checker must let every construct through, the sanitizer must
keep its markup, and plugins/outputs/highlight writes the code colours. tests/browser/test_markdown.py
builds it once and looks at the post in Chromium."""

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
    "plugins.outputs.highlight",
    "plugins.guard.output_plan",
    "plugins.guard.atomic_output",
]
DIRECT_TEMPLATES = ["index", "archives"]
SITEURL = ""
FEED_DOMAIN = "http://127.0.0.1:8000"
