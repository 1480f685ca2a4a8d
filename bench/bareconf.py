"""Configuration (a) of the benchmark: bare Pelican on the same content.

Pelican's defaults everywhere (no plugins, Pelican's default Markdown extensions and feeds:
all.atom.xml, one per category, one per author), except what it needs to read this site's
content tree (topic hubs are read as pages, so that links to them resolve; members.md is left
out: it needs the site theme's `members` template), and the `simple` theme that Pelican's
default theme builds on. The content folder and the output folder come from the command
line (see bench/run.py).
"""

SITENAME = "ULS-SIG (bare Pelican)"
TIMEZONE = "UTC"
THEME = "simple"
PLUGINS = []
ARTICLE_PATHS = ["posts", "events"]
PAGE_PATHS = ["pages", "topics"]
IGNORE_FILES = [".#*", "members.md"]
STATIC_PATHS = ["images"]
