"""A tiny site for the mailing_list plugin: the repository's settings with the plugins it needs."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "plugins.guard.sanitize",
    "plugins.kinds.members",
    "plugins.kinds.mailing_list",
    "plugins.outputs.feeds",
    "plugins.guard.output_plan",
    "plugins.outputs.search",
]
MAILING_LIST_PER_PAGE = 2  # three threads: two pages
MAILING_LIST_CACHE_PATH = str(HERE / "cache")  # the tests point it at a temporary folder
