"""A tiny site for the events plugin: the repository's settings with only this plugin."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = ["plugins.outputs.template_cache", "plugins.kinds.events"]
BUILD_NOW = "2027-01-01T00:00Z"  # the build's now: upcoming or past, and Modified's bound
