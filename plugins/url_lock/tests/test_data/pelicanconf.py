"""A tiny site for the url_lock plugin."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_site = runpy.run_path(str(REPO / "pelicanconf.py"))  # the real site's settings, then ours
globals().update({key: value for key, value in _site.items() if key.isupper()})

PATH = str(HERE / "content")
# output_plan: redirects are planned like every other file (an unplanned write fails).
PLUGINS = [
    "plugins.error_report",
    "plugins.output_plan",
    "plugins.redirects",
    "plugins.url_lock",
    "plugins.atomic_output",
]
SITEURL = "https://lock.example.org"
FEED_DOMAIN = SITEURL
