"""A tiny site for the mailing_list plugin: the repository's settings with the plugins it needs."""

from pathlib import Path

from plugins.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGINS = [
    "plugins.template_cache",
    "plugins.error_report",
    "plugins.sanitize",
    "plugins.members",
    "plugins.mailing_list",
    "plugins.feeds",
    "plugins.output_plan",
    "plugins.search",
]
MAILING_LIST_PER_PAGE = 2  # three threads: two pages
MAILING_LIST_CACHE_PATH = str(HERE / "cache")  # the tests point it at a temporary folder
