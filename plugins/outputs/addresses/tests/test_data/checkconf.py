"""The content_guard fixture site with url_lock too: what `make check` says about a lock."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[4]
_guard = runpy.run_path(str(REPO / "plugins/guard/content_guard/tests/test_data/pelicanconf.py"))
globals().update({key: value for key, value in _guard.items() if key.isupper()})

PLUGINS = [plugin for plugin in _guard["PLUGINS"] if plugin != "plugins.guard.atomic_output"]
PLUGINS += ["plugins.outputs.addresses", "plugins.guard.atomic_output"]
