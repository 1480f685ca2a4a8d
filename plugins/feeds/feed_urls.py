"""Absolute URLs and stable IDs shared by every feed of the site."""

from urllib.parse import urljoin, urlsplit

import lxml.html

URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action", "background")
DEFAULT_AUTHORITY = "uls-sig.python.org"


def feed_base_url(settings):
    """The absolute base of the site: SITEURL when it is absolute, else FEED_DOMAIN."""
    for candidate in (settings.get("SITEURL"), settings.get("FEED_DOMAIN")):
        if candidate and urlsplit(candidate).scheme in ("http", "https"):
            return candidate.rstrip("/") + "/"
    raise ValueError(
        "feeds need an absolute address: set SITEURL or FEED_DOMAIN to an http(s) URL "
        "in pelicanconf.py"
    )


def entry_id(article, settings):
    """tag:<authority>,<first publication date>:<Guid metadata, else the slug>.

    Nothing in it depends on SITEURL, the domain, the URL scheme or the URL layout. A post that
    is renamed keeps its ID by declaring its old slug as `Guid:`.
    """
    authority = settings.get("FEED_ID_AUTHORITY", DEFAULT_AUTHORITY)
    guid = str(article.metadata.get("guid") or article.slug).strip()
    return f"tag:{authority},{article.date:%Y-%m-%d}:{guid}"


def feed_id(feed_url, settings):
    authority = settings.get("FEED_ID_AUTHORITY", DEFAULT_AUTHORITY)
    started = settings.get("FEED_ID_DATE", "2009-04-17")
    return f"tag:{authority},{started}:{urlsplit(feed_url).path.lstrip('/')}"


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
