"""images: every <img> of a content body gets its file's `width` and `height`, and
`loading="lazy"` from the second image of the body on.

Why: a browser reserves the space of an image with both attributes before it arrives, so the
text does not jump while a page loads; `loading="lazy"` spares readers the images they never
scroll to. The first image of a body stays eager (no `loading`): it is the one most likely on
screen when the page opens. Nothing else changes: no `style` (the CSP forbids it), no new
element; an attribute the author wrote is kept (`width` alone gets the `height` of the same
proportions), and `data:` and external images are left as they are (no network).

When: `all_generators_finalized`. By then every generator has read its content and the static
generator has listed the files it publishes (context["static_content"], keyed by the path of
the file under content/). Pelican resolves `{static}` links later, each time a page, feed or
search record asks for a body, so the attributes added to the body now are in all of them,
made once. An image's file is found the way Pelican finds it: `{static}/images/x.png`
from the content folder, `{static}x.png` beside the source, and a plain `images/x.png` or
`/images/x.png` by the address of the page.

Summaries are left alone: list pages print them as text (`plain_line`), so they show no image.
"""

import posixpath
import re
from urllib.parse import unquote, urljoin, urlsplit

from pelican import signals
from pelican.contents import Content

from plugins.compat import body_html, forget_rendered, set_body_html
from plugins.model.plain_text import unescaped

from .dimensions import image_size

NAME = r"[^\s\"'<>/=]+"
VALUE = r"\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+"
ATTRIBUTE = re.compile(rf"({NAME})(?:\s*=\s*({VALUE}))?")
# Every start tag, whole: an `<img` inside a quoted value is text. (Bodies come from
# plugins/guard/sanitize: no comments, `<` escaped in text and in values; this holds without it
# too.)
TAG = re.compile(rf"<([a-zA-Z][^\s/<>]*)((?:\s+{NAME}(?:\s*=\s*(?:{VALUE}))?)*)\s*/?>")
NUMBER = re.compile(r"[1-9][0-9]{0,5}")
LINKED_KINDS = ("static", "attach", "filename")


def attributes_of(text):
    """{lowercase name: unescaped value} of a start tag's attribute text; the first one wins."""
    found = {}
    for name, value in ATTRIBUTE.findall(text):
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.setdefault(name.lower(), unescaped(value))
    return found


def sized_images(body, locate, size_of=image_size):
    """`body` with the attributes added to each <img> whose file `locate(src)` finds."""
    seen = 0

    def add_attributes(match):
        nonlocal seen
        if match.group(1).lower() != "img":
            return match.group(0)
        seen += 1
        given = attributes_of(match.group(2))
        path = locate(given.get("src", ""))
        size = size_of(path) if path else None
        if size is None:
            return match.group(0)
        added = size_attributes(given, size)
        if "loading" not in given and seen > 1:
            added.append(("loading", "lazy"))
        tag = match.group(0)
        end = len(tag) - (2 if tag.endswith("/>") else 1)
        extra = "".join(f' {name}="{value}"' for name, value in added)
        return tag[:end].rstrip() + extra + tag[end:]

    return TAG.sub(add_attributes, body)


def size_attributes(given, size):
    """The [(name, value)] of `width` and `height` to add, keeping what the author wrote."""
    width, height = size
    has_width, has_height = "width" in given, "height" in given
    if has_width and has_height:
        return []
    if not (has_width or has_height):
        return [("width", width), ("height", height)]
    known = given["width"] if has_width else given["height"]
    if not NUMBER.fullmatch(known.strip()):
        return []  # a value no browser reads as pixels: the author decides
    if has_width:
        return [("height", max(1, round(int(known) * height / width)))]
    return [("width", max(1, round(int(known) * width / height)))]


class StaticFiles:
    """The static files of a build, by source path and by published address."""

    def __init__(self, context, settings):
        statics = {
            key: static
            for key, static in (context.get("static_content") or {}).items()
            if static is not None
        }
        self.by_source = statics
        self.by_url = {unquote(static.url): static for static in statics.values() if static.url}
        self.site_url = (settings.get("SITEURL") or "").rstrip("/")
        self.link = re.compile(settings["INTRASITE_LINK_REGEX"] + "(?P<value>.*)", re.DOTALL)

    def locate(self, content, src):
        """The path of the file that `src` in the body of `content` shows, or None."""
        value = src.strip()
        linked = self.link.match(value)
        if linked:
            return self.linked_file(content, linked["what"], linked["value"])
        if self.site_url and value.startswith(self.site_url + "/"):
            value = value[len(self.site_url) :]
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path:
            return None  # data:, http(s): and //host/ images are not from content/
        address = urljoin("/" + (getattr(content, "url", "") or ""), parts.path)
        static = self.by_url.get(unquote(posixpath.normpath(address)).lstrip("/"))
        return static.source_path if static else None

    def linked_file(self, content, what, value):
        """As Pelican's link resolution finds `{static}`, `{attach}` and `{filename}` targets."""
        if what not in LINKED_KINDS:
            return None
        path = urlsplit(value).path
        for candidate in dict.fromkeys((path, unquote(path))):
            if candidate.startswith("/"):
                relative = candidate[1:]
            else:
                relative = posixpath.join(content.relative_dir, candidate)
            static = self.by_source.get(posixpath.normpath(relative))
            if static is not None:
                return static.source_path
        return None


def content_bodies(context, generators):
    """Every content object with a body: posts, pages, drafts, translations, the pages of
    topics (plugins/kinds/topics) and of members' bios (plugins/kinds/members)."""
    found = {
        id(item): item
        for item in (context.get("generated_content") or {}).values()
        if isinstance(item, Content)
    }
    for generator in generators:
        for value in vars(generator).values():
            for item in value if isinstance(value, list) else ():
                for candidate in (
                    item,
                    getattr(item, "page", None),
                    getattr(item, "bio_page", None),
                ):
                    if isinstance(candidate, Content):
                        found[id(candidate)] = candidate
    return sorted(found.values(), key=lambda item: (item.source_path, item.save_as or ""))


def add_image_sizes(content, statics, sizes):
    """Give the images of one body their attributes; `sizes` caches sizes by path."""
    body = body_html(content)
    if not body or "<img" not in body.lower():
        return

    def size_of(path):
        if path not in sizes:
            sizes[path] = image_size(path)
        return sizes[path]

    sized = sized_images(body, lambda src: statics.locate(content, src), size_of)
    if sized != body:
        set_body_html(content, sized)
        forget_rendered(content)  # Pelican memoizes the body with links resolved, per object


def size_images(generators):
    """all_generators_finalized: the attributes, on every body of the build."""
    if not generators:
        return
    context = generators[0].context
    statics, sizes = StaticFiles(context, generators[0].settings), {}
    for content in content_bodies(context, generators):
        add_image_sizes(content, statics, sizes)


def register():
    signals.all_generators_finalized.connect(size_images)
