"""Production settings: everything in pelicanconf.py, with absolute URLs on the real host.

SITEURL comes from the environment, e.g. `SITEURL=https://uls-sig.example.org make publish`;
without it the site is built for its default home on GitHub Pages.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "https://uls-sig.github.io").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
