"""A tiny site for render_budget: the repository's settings with the plugins that read Markdown
(parallel_markdown's pool, topics' own reads), error_report to print the refusal and
atomic_output to keep a failed build from touching the output."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_site = runpy.run_path(str(REPO / "pelicanconf.py"))  # the real site's settings, then ours
globals().update({key: value for key, value in _site.items() if key.isupper()})

PATH = str(HERE / "content")
PLUGINS = [
    "plugins.error_report",
    "plugins.render_budget",
    "plugins.parallel_markdown",
    "plugins.topics",
    "plugins.atomic_output",
]
DIRECT_TEMPLATES = ["index"]
SITEURL = "https://budget.example.org"
FEED_DOMAIN = SITEURL
