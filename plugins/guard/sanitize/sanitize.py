"""Sanitize raw HTML in content with nh3 before it reaches pages and feeds.

Markdown lets a contributor write raw HTML. Only a safelist survives (allowed.py: the tags,
attributes and classes content needs, so markup stays inside its own box): no script, style,
iframe, object, embed, form or SVG; no on* attributes; URLs only with http(s), mailto, relative
paths and fragments, plus data:image/{png,jpeg,gif,webp} on <img src>. External links get
rel="noopener". Every content object (posts, pages, topics, event posts) is cleaned in
`content_object_init`, both its body and its summary, and what was removed is recorded in
`content.sanitized_removals` so the content check can show it to a reviewer. The result for an
HTML text is kept by plugins/model/read_cache for the next build (keyed by the text, the theme's
ids and the code), as the reader's is.
"""

import re
from urllib.parse import urlsplit

import lxml.html
import nh3
from pelican import signals

from plugins.compat import body_html, set_body_html, set_summary_html, summary_html
from plugins.model import build as build_object
from plugins.model.build import build_of
from plugins.model.error_report import ContentError, display_path
from plugins.model.read_cache import read_cache_of, remembered

from .allowed import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, kept_tokens, removed_tokens
from .markdown_markup import finish_markup, value_is_allowed
from .theme_ids import rename_theme_ids, theme_ids

URL_ATTRIBUTES = {"href", "src", "cite", "srcset"}
SAFE_SCHEMES = {"http", "https", "mailto"}
SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$", re.I)
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "template",
    "noscript",
    "textarea",
    "select",
    "title",
}
CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")


def url_is_safe(tag, attribute, value):
    """True for http(s)/mailto, relative URLs and fragments; data: only for safe images."""
    compact = CONTROL_AND_SPACE.sub("", value)
    if attribute == "src" and tag in ("img", "source") and compact.lower().startswith("data:"):
        return bool(SAFE_DATA_IMAGE.match(value.strip()))
    if attribute == "srcset":
        return all(
            url_is_safe(tag, "href", part.strip().split(" ")[0])
            for part in value.split(",")
            if part.strip()
        )
    scheme = urlsplit(compact).scheme.lower() if ":" in compact else ""
    # A "scheme" that is really a path segment ("a:b/c" has no scheme for browsers only when
    # it does not parse as one) is rejected too: only the known safe schemes pass.
    return scheme in SAFE_SCHEMES or scheme == ""


def is_external(href):
    return urlsplit(href).scheme in ("http", "https")


def sanitize_html(html, reserved_ids=frozenset()):
    """Return (clean_html, removals): the safelisted HTML and what was taken out; ids in
    `reserved_ids` (the theme's own) are renamed."""
    if not html:
        return html, []
    removals = removed_elements_and_attributes(html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep_safe_urls,
        link_rel=None,
        url_schemes=SAFE_SCHEMES | {"data"},
        strip_comments=True,
    )
    clean = finish_markup(add_noopener(clean))
    return rename_theme_ids(clean, reserved_ids), removals


def keep_safe_urls(tag, attribute, value):
    """nh3's attribute filter: unsafe URLs and values outside an attribute's rule are dropped."""
    if attribute in URL_ATTRIBUTES and not url_is_safe(tag, attribute, value):
        return None
    if not value_is_allowed(tag, attribute, value):
        return None
    return kept_tokens(tag, attribute, value)


def removed_elements_and_attributes(html):
    """What nh3 will drop, found by reading the original fragment (nh3 does not report it)."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # unparseable fragments are still cleaned by nh3 below
        return ["could not parse the raw HTML to list removals"]
    found = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else "comment"
        if element is root or tag == "comment":
            continue
        if tag not in ALLOWED_TAGS:
            found.append(f"removed <{tag}> element")
            continue
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
        for attribute in element.attrib:
            if attribute not in allowed:
                found.append(f"removed {attribute} attribute from <{tag}>")
            elif attribute in URL_ATTRIBUTES and not url_is_safe(
                tag, attribute, element.get(attribute)
            ):
                found.append(
                    f"removed unsafe URL {element.get(attribute)[:60]!r} from <{tag} {attribute}>"
                )
            elif not value_is_allowed(tag, attribute, element.get(attribute)):
                found.append(f"removed {attribute}={element.get(attribute)[:20]!r} from <{tag}>")
            else:
                found += [
                    f"removed {attribute} {token[:40]!r} from <{tag}>"
                    for token in removed_tokens(tag, attribute, element.get(attribute))
                ]
    return sorted(set(found))


def add_noopener(html):
    """rel="noopener" on every external link (keeping any other rel values)."""
    if "href" not in html:
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    changed = False
    for link in root.iter("a"):
        href = link.get("href", "")
        rel = link.get("rel", "").split()
        if is_external(href) and "noopener" not in rel:
            link.set("rel", " ".join([*rel, "noopener"]))
            changed = True
    if not changed:
        return html
    inner = [root.text or ""] + [lxml.html.tostring(c, encoding="unicode") for c in root]
    return "".join(inner)


class ResolvedMarkupError(ContentError):
    """Link resolution put markup into a body that was clean when it was read."""


def sanitize_content(content):
    """content_object_init: clean the body and the summary of any content object (kept in
    the build object: checked again once links resolve)."""
    build_of(getattr(content, "settings", None) or {}).sanitized.append(content)
    removals = []
    theme = getattr(content, "settings", {}).get("THEME")
    reserved = theme_ids(theme) if theme else frozenset()
    cache = read_cache_of(getattr(content, "settings", None) or {})
    body = body_html(content)
    if body:
        cleaned, found = sanitized(body, reserved, cache)
        set_body_html(content, cleaned)
        removals += found
    summary = summary_html(content)
    if summary:
        cleaned, found = sanitized(summary, reserved, cache)
        set_summary_html(content, cleaned)
        removals += [f"summary: {item}" for item in found]
    content.sanitized_removals = removals


def sanitized(html, reserved, cache=None):
    """sanitize_html, kept by the build's read cache (plugins/model/read_cache) when there is
    one: the same HTML and theme ids give the same result."""
    return remembered(
        cache, "sanitize", f"{reserved!r}\0{html}", lambda: sanitize_html(html, reserved)
    )


def check_resolved(pelican):
    """get_writer: the sanitizer sees the final HTML of every body and summary.

    Pelican resolves `{filename}`, `{static}` and `{tag}` links after `content_object_init`, when
    a body is read for a page, a feed, the JSON Feed or the search index, by pasting the target's
    URL into the attribute unescaped. The addresses rule (plugins/guard/content_guard/addresses.py)
    keeps
    markup out of every URL; this is the proof, on the HTML as it will be published: anything the
    sanitizer would remove from it now refuses the build."""
    site_url = pelican.settings.get("SITEURL", "")
    cache = read_cache_of(pelican.settings)
    problems = []
    for content in build_of(pelican.settings).sanitized:
        for part, html in resolved_parts(content, site_url):
            problems += [
                f"{display_path(content.source_path)}:1: once its links were resolved, the "
                f"{part} has markup the sanitizer removes: {item} (a link target carries HTML: "
                "check the addresses this file links to)"
                for item in removed_from(html, cache)
            ]
    if problems:
        raise ResolvedMarkupError("\n".join(sorted(set(problems))))


def removed_from(html, cache=None):
    """removed_elements_and_attributes, kept by the build's read cache like `sanitized`."""
    return remembered(cache, "removed", html, lambda: removed_elements_and_attributes(html))


def resolved_parts(content, site_url):
    """("body", html) and ("summary", html) of a content object, links resolved, where the
    resolution changed anything (what it did not change was cleaned when it was read)."""
    body, summary = body_html(content), summary_html(content)
    if body and hasattr(content, "get_content"):
        resolved = content.get_content(site_url)
        if resolved != body:
            yield "body", resolved
    if summary and hasattr(content, "get_summary"):
        resolved = content.get_summary(site_url)
        if resolved != summary:
            yield "summary", resolved


def register():
    build_object.register()
    signals.content_object_init.connect(sanitize_content)
    signals.get_writer.connect(check_resolved)
