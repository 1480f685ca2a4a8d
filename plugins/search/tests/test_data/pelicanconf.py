"""A tiny site for the search plugin: the repository's settings with only this plugin (and
url_lock, whose `Aliases:` redirect pages must stay out of the index and the sitemap)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_namespace = {"__file__": str(REPO / "pelicanconf.py")}
exec((REPO / "pelicanconf.py").read_text(encoding="utf-8"), _namespace)
globals().update({key: value for key, value in _namespace.items() if key.isupper()})

PATH = str(HERE / "content")
ARTICLE_PATHS = ["posts"]
THEME = str(REPO / "theme")
PLUGIN_PATHS = [str(REPO / "plugins")]
PLUGINS = ["search", "url_lock"]
URL_LOCK_FILE = None
SITEURL = "https://search.example.org/site"
FEED_DOMAIN = SITEURL
DEFAULT_PAGINATION = 2
