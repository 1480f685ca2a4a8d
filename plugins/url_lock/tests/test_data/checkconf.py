"""The content_guard fixture site with url_lock too: what `make check` says about a lock."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_guard = runpy.run_path(str(REPO / "plugins/content_guard/tests/test_data/pelicanconf.py"))
globals().update({key: value for key, value in _guard.items() if key.isupper()})

PLUGINS = [plugin for plugin in _guard["PLUGINS"] if plugin != "plugins.atomic_output"]
PLUGINS += ["plugins.redirects", "plugins.url_lock", "plugins.atomic_output"]
