"""A tiny site full of XSS vectors for the sanitize plugin."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_site = runpy.run_path(str(REPO / "pelicanconf.py"))  # the real site's settings, then ours
globals().update({key: value for key, value in _site.items() if key.isupper()})

PATH = str(HERE / "content")
PLUGINS = ["plugins.sanitize", "plugins.feeds"]
SITEURL = "https://xss.example.org"
FEED_DOMAIN = SITEURL
