"""A tiny valid site for content_guard: the repository's settings, this plugin and the ones it
relies on (error_report prints the report, sanitize records removals, atomic_output keeps a
failed build from touching the output)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_namespace = {"__file__": str(REPO / "pelicanconf.py")}
exec((REPO / "pelicanconf.py").read_text(encoding="utf-8"), _namespace)
globals().update({key: value for key, value in _namespace.items() if key.isupper()})

PATH = str(HERE / "content")
THEME = str(REPO / "theme")
PLUGIN_PATHS = [str(REPO / "plugins")]
PLUGINS = ["error_report", "content_guard", "sanitize", "atomic_output"]
# Only the templates this tiny site needs, so the tests do not depend on other plugins.
DIRECT_TEMPLATES = ["index", "archives"]
SITEURL = "https://guard.example.org"
FEED_DOMAIN = SITEURL
