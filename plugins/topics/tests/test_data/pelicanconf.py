"""A tiny site for the topics plugin: the repository's settings with the content plugins."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_namespace = {"__file__": str(REPO / "pelicanconf.py")}
exec((REPO / "pelicanconf.py").read_text(encoding="utf-8"), _namespace)
globals().update({key: value for key, value in _namespace.items() if key.isupper()})

PATH = str(HERE / "content")
THEME = str(REPO / "theme")
PLUGIN_PATHS = [str(REPO / "plugins")]
PLUGINS = ["error_report", "topics", "members"]
SITEURL = "https://topics.example.org"
FEED_DOMAIN = SITEURL
