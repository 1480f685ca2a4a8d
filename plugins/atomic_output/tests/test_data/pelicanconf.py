"""A tiny site for the atomic_output plugin, with a probe plugin that can fail or stall."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_site = runpy.run_path(str(REPO / "pelicanconf.py"))  # the real site's settings, then ours
globals().update({key: value for key, value in _site.items() if key.isupper()})

PATH = str(HERE / "content")
PLUGIN_PATHS = [str(HERE / "helpers")]  # test plugins; the site's are the package
PLUGINS = ["plugins.error_report", "build_probe", "plugins.atomic_output"]
SITEURL = "https://atomic.example.org"
FEED_DOMAIN = SITEURL
