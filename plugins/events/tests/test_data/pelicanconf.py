"""A tiny site for the events plugin: the repository's settings with only this plugin."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_site = runpy.run_path(str(REPO / "pelicanconf.py"))  # the real site's settings, then ours
globals().update({key: value for key, value in _site.items() if key.isupper()})

PATH = str(HERE / "content")
PLUGINS = ["plugins.events"]
EVENTS_NOW = "2027-01-01T00:00Z"
