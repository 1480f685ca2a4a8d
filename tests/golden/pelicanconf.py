"""The golden site: the repository's settings and plugins on a small fixed content folder, built
by tests/test_golden.py and compared file by file with expected/ (see tests/golden/README.md).

Everything that would change from one day or machine to the next is fixed here: the address,
the day that splits upcoming from past events; the search index (Pagefind's binary files) and
the URL lock are left out."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
SITEURL = "https://golden.example.org"
FEED_DOMAIN = SITEURL
EVENTS_NOW = "2025-06-01"
SEARCH_INDEX = False
URL_LOCK_FILE = None
