"""A tiny site for the search plugin: the repository's settings with only this plugin (and
url_lock, whose `Aliases:` redirect pages must stay out of the index and the sitemap)."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
ARTICLE_PATHS = ["posts"]
PLUGINS = [
    "plugins.model.read_cache",  # the kept search index is used where reads are kept
    "plugins.outputs.template_cache",
    "plugins.outputs.search",
    "plugins.outputs.sitemap",
    "plugins.outputs.addresses",
]
URL_LOCK_FILE = None
SITEURL = "https://search.example.org/site"
FEED_DOMAIN = SITEURL
DEFAULT_PAGINATION = 2
