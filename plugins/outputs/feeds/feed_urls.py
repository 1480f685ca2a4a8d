"""Absolute URLs, stable and unique IDs, and clean text shared by every feed of the site."""

import re
from urllib.parse import urljoin, urlsplit

import lxml.html

from plugins.model.error_report.identities import identity_clashes
from plugins.model.kinds import kinds
from plugins.model.plain_text import plain_line
from plugins.model.site_address import site_address

URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action", "background")
DEFAULT_AUTHORITY = "uls-sig.python.org"
# Applied at `initialized` by plugins/outputs/feeds (plugins/model/defaults.py). Never change the
# FEED_ID_*
# once feeds are published: every entry ID is made of them.
# FEED_STYLESHEETS: the theme's static files that style a feed opened in a browser, in order.
DEFAULTS = {
    "FEED_ID_AUTHORITY": DEFAULT_AUTHORITY,
    "FEED_ID_DATE": "2009-04-17",
    "FEED_STYLESHEETS": ("css/site.css", "feed.css"),
}
# What no feed carries: C0 controls but tab, line feed and carriage return (XML 1.0 cannot),
# DEL and the C1 controls (invisible), U+FFFE, U+FFFF and lone surrogates (not characters).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Numeric references that may stand for one of them (the rest of the check is in Python; the
# pattern is narrow so that the many &#8217; of a feed cost nothing).
REFERENCE = re.compile(
    r"&#(?:[xX]0*(?P<hex>1?[0-9a-fA-F]|7[fF]|[fF]{3}[eEfF])(?![0-9a-fA-F])"
    r"|0*(?P<dec>[12]?[0-9]|3[01]|127|6553[45])(?![0-9]));?"
)
CONTROL_REFERENCES = {*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xFFFE, 0xFFFF}


def feed_base_url(settings):
    """The absolute base of the site, ending in / (plugins/model/site_address.py); feeds need
    one."""
    address = site_address(settings)
    if address:
        return address + "/"
    raise ValueError(
        "feeds need an absolute address: set SITEURL or FEED_DOMAIN to an http(s) URL "
        "in pelicanconf.py"
    )


def entry_id(article, settings):
    """tag:<authority>,<first publication date>:<Guid metadata, else the slug>[/<lang>].

    Nothing in it depends on SITEURL, the domain, the URL scheme or the URL layout. A post that
    is renamed keeps its ID by declaring its old slug as `Guid:`. A post in another language
    than DEFAULT_LANG ends in /<lang>: a translation shares its original's slug (that is how
    Pelican pairs them) and often its date, and both are entries of feeds/all.atom.xml.
    """
    authority = settings.get("FEED_ID_AUTHORITY", DEFAULTS["FEED_ID_AUTHORITY"])
    guid = str(article.metadata.get("guid") or article.slug).strip()
    lang = getattr(article, "lang", None)
    suffix = f"/{lang}" if lang and lang != settings.get("DEFAULT_LANG") else ""
    return f"tag:{authority},{article.date:%Y-%m-%d}:{guid}{suffix}"


def feed_articles(context):
    """Every post that is or can become a feed entry: published and hidden, with translations.

    Drafts are not published and do not count."""
    seen = {}
    for article in [*context.get("articles", []), *context.get("hidden_articles", [])]:
        for item in [article, *getattr(article, "translations", [])]:
            seen.setdefault(id(item), item)
    return list(seen.values())


def kind_entries(context):
    """The entries of the feeds of other kinds (plugins/model/kinds.py: the projects' feed), whose
    IDs their kind keeps apart from the posts' (a project's Guid is projects/<slug>)."""
    return [
        entry
        for kind in kinds(context, "feeds")
        if kind.entries is not None
        for entry in kind.entries(context)
    ]


def entry_id_clashes(articles, settings):
    """One `path:line: ...` line per post whose feed entry ID another post already has."""
    return identity_clashes(articles, lambda a: entry_id(a, settings), "feed ID", "ID")


def without_reference(match):
    value = int(match["hex"], 16) if match["hex"] else int(match["dec"])
    return "" if value in CONTROL_REFERENCES else match.group()


def without_controls(value):
    """`value` (a string, or lists, tuples and dicts of them) without control characters and
    numeric references to them. content_guard refuses them in sources; this is the net for
    text from anywhere else (settings, plugins, a source it did not know of)."""
    if isinstance(value, str):
        if "&#" in value:
            value = REFERENCE.sub(without_reference, value)
        return CONTROL.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(without_controls(item) for item in value)
    if isinstance(value, dict):
        return {key: without_controls(item) for key, item in value.items()}
    return value


def feed_text(value):
    """A title, a name or a tag as one line of plain text, the way Pelican makes a feed's item
    title (tags dropped, references decoded once: plain_line), controls removed first."""
    return plain_line(without_controls(str(value or "")))


def feed_id(path, settings):
    """The ID of the feed at `path` (relative to the site: `feeds/all.atom.xml`), the same
    wherever the site is served from."""
    authority = settings.get("FEED_ID_AUTHORITY", DEFAULTS["FEED_ID_AUTHORITY"])
    started = settings.get("FEED_ID_DATE", DEFAULTS["FEED_ID_DATE"])
    return f"tag:{authority},{started}:{path.lstrip('/')}"


def feed_path(feed_url, settings):
    """The path of a feed relative to the site, from the URL Pelican gave it (FEED_DOMAIN joined
    with the feed's setting): `https://host/site/feeds/all.atom.xml` under FEED_DOMAIN
    `https://host/site` is `feeds/all.atom.xml`, not `site/feeds/all.atom.xml`."""
    domain = str(settings.get("FEED_DOMAIN") or "").rstrip("/")
    if domain and feed_url.startswith(domain + "/"):
        return feed_url[len(domain) + 1 :]
    return urlsplit(feed_url).path.lstrip("/")


def absolutize_srcset(value, base):
    candidates = []
    for candidate in value.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        candidates.append(f"{urljoin(base, url)} {descriptor}".strip())
    return ", ".join(candidates)


def absolute_html(html, base):
    """The HTML fragment with every link and media URL resolved against `base`."""
    if not html or not html.strip():
        return html
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in wrapper.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in URL_ATTRIBUTES:
            value = element.get(attribute)
            if value is not None:
                element.set(attribute, urljoin(base, value.strip()))
        if element.get("srcset"):
            element.set("srcset", absolutize_srcset(element.get("srcset"), base))
    inner = [wrapper.text or ""]
    inner += [lxml.html.tostring(child, encoding="unicode") for child in wrapper]
    return "".join(inner)
