"""A tiny site for render_budget: the repository's settings with the plugins that read Markdown
(Pelican's generators, topics' own reads), error_report to print the refusal and atomic_output
to keep a failed build from touching the output."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "plugins.guard.render_budget",
    "plugins.kinds.topics",
    "plugins.guard.atomic_output",
]
DIRECT_TEMPLATES = ["index"]
SITEURL = "https://budget.example.org"
FEED_DOMAIN = SITEURL
