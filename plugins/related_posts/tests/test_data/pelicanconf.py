"""A tiny site for the related_posts plugin: the repository's settings with the content plugins.

related_posts comes first in PLUGINS on purpose: it must not depend on the order of plugins.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_namespace = {"__file__": str(REPO / "pelicanconf.py")}
exec((REPO / "pelicanconf.py").read_text(encoding="utf-8"), _namespace)
globals().update({key: value for key, value in _namespace.items() if key.isupper()})

PATH = str(HERE / "content")
THEME = str(REPO / "theme")
PLUGIN_PATHS = [str(REPO / "plugins")]
PLUGINS = ["error_report", "related_posts", "topics", "members"]
SITEURL = "https://related.example.org"
FEED_DOMAIN = SITEURL
