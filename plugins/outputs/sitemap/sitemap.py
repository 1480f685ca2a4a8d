"""sitemap.xml and robots.txt, for crawlers.

The sitemap lists every page the build wrote as `…/index.html` (posts, pages, topics,
members, the home page and the archive, tag and category lists), with absolute URLs from
SITEURL, except:
- pages marked `<meta name="robots" content="noindex">` (the redirect pages of
  plugins/outputs/addresses), and content that is not listed (hidden or draft): the list of pages is
  plugins/model/listed.py's, the one decision of what is listed,
- pagination pages (`…/page/N/`), which come and go with the number of posts.

`lastmod` is the Modified (or Date) of a post or page, and for a list (topic, member, tag…)
the newest Modified/Date of the posts it lists: never the build time, so two builds of the
same commit write the same bytes. pelican-sitemap is not used because it stamps list pages
with the build time and lists redirect pages and 404.html.

robots.txt allows everything and names the sitemap.

Settings: SITEMAP_SAVE_AS ("sitemap.xml"), ROBOTS_SAVE_AS ("robots.txt"). The base URL is
SITEURL, or FEED_DOMAIN when SITEURL is not absolute (development builds).
"""

import logging
import os
import re
from urllib.parse import quote
from xml.sax.saxutils import escape

from plugins.guard.output_plan import reserve
from plugins.model import listed
from plugins.model.defaults import use_defaults
from plugins.model.finishing import WRITE, add_step
from plugins.model.site_address import site_address

logger = logging.getLogger(__name__)

NOINDEX = re.compile(
    rb"<meta\s[^>]*name=[\"']?robots[\"']?[^>]*content=[\"'][^\"']*noindex", re.IGNORECASE
)
PAGINATION = re.compile(r"(^|/)page/\d+/$")

DEFAULTS = {"SITEMAP_SAVE_AS": "sitemap.xml", "ROBOTS_SAVE_AS": "robots.txt"}


def is_noindex(path):
    with open(path, "rb") as page:
        head = page.read().split(b"</head>", 1)[0]
    return bool(NOINDEX.search(head))


def sitemap_entries(output_path, written):
    """[(url path, lastmod)] sorted by URL, for the pages that belong in the sitemap."""
    entries = []
    for path, lastmod in written.items():
        if os.path.basename(path) != "index.html":
            continue
        save_as = os.path.relpath(path, output_path).replace(os.sep, "/")
        url = save_as[: -len("index.html")]
        if url.startswith("../") or PAGINATION.search(url) or not os.path.isfile(path):
            continue
        if not is_noindex(path):
            entries.append((url, lastmod))
    return sorted(entries)


def w3c_date(value):
    return value.isoformat(timespec="seconds") if value else None


def sitemap_xml(base, entries):
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url, lastmod in entries:
        loc = escape(f"{base}/{quote(url, safe='/~')}")
        date = w3c_date(lastmod)
        lastmod_element = f"<lastmod>{date}</lastmod>" if date else ""
        lines.append(f"  <url><loc>{loc}</loc>{lastmod_element}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(sitemap_url=None):
    text = "User-agent: *\nAllow: /\n"
    return text + f"\nSitemap: {sitemap_url}\n" if sitemap_url else text


def write_files(pelican):
    """finalized: write sitemap.xml and robots.txt into the (staging) output folder."""
    settings = pelican.settings
    output_path = pelican.output_path
    base = site_address(settings)
    sitemap_save_as = settings["SITEMAP_SAVE_AS"]
    entries = sitemap_entries(os.path.abspath(output_path), listed.written_pages(settings))
    if sitemap_save_as:
        with open(os.path.join(output_path, sitemap_save_as), "w", encoding="utf-8") as out:
            out.write(sitemap_xml(base, entries))
        logger.info("Sitemap written with %d URLs", len(entries))
    robots_save_as = settings["ROBOTS_SAVE_AS"]
    if robots_save_as:
        with open(os.path.join(output_path, robots_save_as), "w", encoding="utf-8") as out:
            out.write(robots_txt(sitemap_save_as and f"{base}/{sitemap_save_as}"))


def planned_files(settings):
    """For plugins/guard/output_plan: the two files this plugin writes after the pages."""
    files = [
        (settings["SITEMAP_SAVE_AS"], "sitemap"),
        (settings["ROBOTS_SAVE_AS"], "robots.txt"),
    ]
    return [(path, what) for path, what in files if path]


def register():
    use_defaults(DEFAULTS)
    reserve(planned_files)
    listed.register()  # the listed pages this build writes (plugins/model/listed.py)
    add_step(write_files, WRITE)
