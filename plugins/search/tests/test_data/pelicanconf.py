"""A tiny site for the search plugin: the repository's settings with only this plugin (and
url_lock, whose `Aliases:` redirect pages must stay out of the index and the sitemap)."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_site = runpy.run_path(str(REPO / "pelicanconf.py"))  # the real site's settings, then ours
globals().update({key: value for key, value in _site.items() if key.isupper()})

PATH = str(HERE / "content")
ARTICLE_PATHS = ["posts"]
PLUGINS = ["plugins.search", "plugins.sitemap", "plugins.redirects", "plugins.url_lock"]
URL_LOCK_FILE = None
SITEURL = "https://search.example.org/site"
FEED_DOMAIN = SITEURL
DEFAULT_PAGINATION = 2
