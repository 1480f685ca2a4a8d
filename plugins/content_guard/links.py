"""Links and images in the Markdown body of a source, with the line each one is on.

Code is not read: fenced blocks, inline code spans and HTML comments are blanked out first
(keeping line breaks, so the line numbers stay right).
"""

import re
from dataclasses import dataclass

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[`~]*[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
BRACKETED = r"\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
TITLE = r"(?:\s+[\"'(][^\n]*?[\"')])?"  # [text](url "a title")
INLINE = re.compile(r"(!?)" + BRACKETED + r"\(\s*(<[^>\n]*>|[^\s)]*)" + TITLE + r"\s*\)")
REFERENCE_IMAGE = re.compile(r"!" + BRACKETED + r"\[[^\]]*\]")
DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?", re.M)
HTML_TAG = re.compile(r"<(a|img)\b([^>]*)>", re.I | re.S)
ATTRIBUTE = re.compile(r"([\w-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
MARKER = re.compile(r"^[{|](?P<what>[^}|]*)[}|](?P<value>.*)$")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
FILE_MARKERS = ("filename", "static", "attach")
OTHER_MARKERS = ("tag", "category", "author", "index")


@dataclass(frozen=True)
class Link:
    line: int
    target: str
    is_image: bool
    alt: str | None = None  # images only: the alt text, None when there is no alt at all

    @property
    def kind(self):
        """'file' ({filename}…), 'marker' (unknown {…}), 'root', 'relative' or 'skip'."""
        marker = MARKER.match(self.target)
        if marker:
            what = marker["what"]
            if what in FILE_MARKERS:
                return "file"
            return "skip" if what in OTHER_MARKERS else "marker"
        if not self.target or self.target.startswith(("#", "//")) or SCHEME.match(self.target):
            return "skip"
        return "root" if self.target.startswith("/") else "relative"


def blank(match):
    return re.sub(r"[^\n]", " ", match.group(0))


def readable_body(source):
    """The body text with code and comments blanked, and the line number of its first line."""
    first = source.header.body_line if source.header else 1
    body = "\n".join(source.lines[first - 1 :])
    for pattern in (FENCE, COMMENT, CODE_SPAN):
        body = pattern.sub(blank, body)
    return body, first


def find_links(source):
    """Every Link in the body of a Markdown source."""
    body, first = readable_body(source)

    def line_at(offset):
        return first + body.count("\n", 0, offset)

    links = []
    for match in INLINE.finditer(body):
        target = match.group(3).strip("<>")
        alt = match.group(2).strip() if match.group(1) else None
        links.append(Link(line_at(match.start()), target, bool(match.group(1)), alt))
    for match in REFERENCE_IMAGE.finditer(body):
        links.append(Link(line_at(match.start()), "", True, match.group(1).strip()))
    for match in DEFINITION.finditer(body):
        links.append(Link(line_at(match.start()), match.group(1), False))
    for match in HTML_TAG.finditer(body):
        attributes = {
            name.lower(): double or single or bare
            for name, double, single, bare in ATTRIBUTE.findall(match.group(2))
        }
        is_image = match.group(1).lower() == "img"
        target = attributes.get("src" if is_image else "href", "")
        alt = attributes.get("alt") if is_image else None
        links.append(Link(line_at(match.start()), target, is_image, alt))
    return sorted(links, key=lambda link: link.line)
