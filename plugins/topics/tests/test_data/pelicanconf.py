"""A tiny site for the topics plugin: the repository's settings with the content plugins."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_site = runpy.run_path(str(REPO / "pelicanconf.py"))  # the real site's settings, then ours
globals().update({key: value for key, value in _site.items() if key.isupper()})

PATH = str(HERE / "content")
PLUGINS = ["plugins.error_report", "plugins.topics", "plugins.members"]
SITEURL = "https://topics.example.org"
FEED_DOMAIN = SITEURL
