"""The site's absolute address, for what is read away from the site: feeds, the sitemap,
calendars, add-to-calendar links, schema.org data.

SITEURL when it is an http(s) URL (production), else FEED_DOMAIN (development builds use a
root-relative SITEURL, and `make serve` sets FEED_DOMAIN to the address it serves)."""

from urllib.parse import urlsplit


def site_address(settings):
    """`https://host[/path]` without a trailing slash, or "" when neither setting is absolute."""
    for candidate in (settings.get("SITEURL"), settings.get("FEED_DOMAIN")):
        if candidate and urlsplit(str(candidate)).scheme in ("http", "https"):
            return str(candidate).rstrip("/")
    return ""
