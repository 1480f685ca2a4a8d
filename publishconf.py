"""Production settings: everything in pelicanconf.py, with absolute URLs on the real host.

SITEURL comes from the environment, e.g. `SITEURL=https://uls-sig.example.org make publish`;
without it the site is built for its default home on GitHub Pages.
"""

import os
import runpy
from pathlib import Path

# Pelican reads this file by path, so pelicanconf.py is read by path too.
_development = runpy.run_path(str(Path(__file__).with_name("pelicanconf.py")))
globals().update({key: value for key, value in _development.items() if key.isupper()})

SITEURL = os.environ.get("SITEURL", "https://uls-sig.github.io").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
