"""Links and images in the Markdown body of a source, with the line each one is on.

What is not a link is not read: code (fenced and indented blocks, inline spans), HTML
comments and abbreviation definitions are blanked out first, keeping line breaks so the line
numbers stay right (unread.py); footnote definitions (`[^note]: text`) are not link definitions,
though the links in their text are links.

The body is untrusted and up to CONTENT_GUARD_MAX_BYTES long, so every scan here is linear in
its length: regular expressions only match short, self-delimiting pieces (a run of one kind of
character, a lookahead over a run of spaces), and "where is the next `]`, `>`, space or line
break" is answered from position tables built in one pass (`Stops`), not by a pattern that
scans ahead again from every `[` of the text. Link text is found by matching brackets with a
stack, as Markdown does, so 50,000 unclosed `[` or `[a](` cost one pass.
"""

import re
from dataclasses import dataclass

from plugins.model.read_cache import remembered

from .unread import Stops, blanked, unread_spans

TAG_START = re.compile(r"<(a|img)\b", re.I)
ATTRIBUTE = re.compile(r"(?<![\w-])([\w-]++)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
DEFINITION_START = re.compile(r"^ {0,3}\[", re.M)
SPACES = re.compile(r"\s*")
TITLE_END = re.compile(r"[\"')](?=\s*\))")  # a title's closing quote, then `)`
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


def readable(body):
    """The body text with code and comments blanked."""
    for spans in unread_spans():
        body = blanked(body, spans(body))
    return body


def bracket_pairs(body):
    """(open, close) offsets of every matched `[...]`, by open offset; `\\` escapes a bracket."""
    pairs, stack = [], []
    for match in re.finditer(r"\\.|[\[\]]", body, re.S):
        if match[0] == "[":
            stack.append(match.start())
        elif match[0] == "]" and stack:
            pairs.append((stack.pop(), match.start()))
    return sorted(pairs)


class Scanner:
    """One body's position tables, shared by the link patterns."""

    def __init__(self, body):
        self.body = body
        self.url_ends = Stops(r"[\s)]", body)
        self.angle_ends = Stops(r"[>\n]", body)
        self.brackets = Stops(r"\]", body)
        self.parens = Stops(r"\)", body)
        self.definition_ends = Stops(r"[\s>]", body)
        self.line_breaks = Stops(r"\n", body)
        self.title_ends = Stops(TITLE_END, body)
        self.tails = {}

    def spaces_end(self, offset):
        return SPACES.match(self.body, offset).end()

    def tail(self, offset):
        """End of `( "a title")? )` after a link target ending at `offset`, else None."""
        if offset not in self.tails:
            body, found = self.body, None
            after = self.spaces_end(offset)
            if after > offset and body[after : after + 1] in ("'", '"', "("):
                end = self.title_ends.next(after + 1)
                if end < self.line_breaks.next(after + 1):
                    found = self.parens.next(end + 1) + 1  # only spaces before it
            if found is None and body[after : after + 1] == ")":
                found = after + 1
            self.tails[offset] = found
        return self.tails[offset]

    def inline(self, paren):
        """(target, end) of `(target "title")` opening at `paren`, else None."""
        start = self.spaces_end(paren + 1)
        targets = []
        if self.body[start : start + 1] == "<":
            close = self.angle_ends.next(start + 1)
            if self.body[close : close + 1] == ">":
                targets.append(close + 1)
        targets.append(self.url_ends.next(start))
        for end in targets:
            after = self.tail(end)
            if after is not None:
                return self.body[start:end], after
        return None


def inline_links(body, scanner, line_at):
    """`[text](target)` and `![alt](target)`; a link inside the text of another is not read."""
    links, done = [], 0
    for opening, closing in bracket_pairs(body):
        start = opening - 1 if opening and body[opening - 1] == "!" else opening
        if start < done or body[closing + 1 : closing + 2] != "(":
            continue
        found = scanner.inline(closing + 1)
        if found:
            target, done = found
            is_image = start < opening
            alt = body[opening + 1 : closing].strip() if is_image else None
            links.append(Link(line_at(start), target.strip("<>"), is_image, alt))
    return links


def reference_images(body, scanner, line_at):
    """`![alt][label]`."""
    links, done = [], 0
    for opening, closing in bracket_pairs(body):
        if opening - 1 < done or body[opening - 1 : opening] != "!":
            continue
        label_end = scanner.brackets.next(closing + 2)
        if body[closing + 1 : closing + 2] == "[" and label_end < len(body):
            done = label_end + 1
            links.append(Link(line_at(opening - 1), "", True, body[opening + 1 : closing].strip()))
    return links


def definitions(body, scanner, line_at):
    """`[label]: target` at the start of a line; `[^label]: text` is a footnote, not a link."""
    links, done, tried = [], 0, {}
    for match in DEFINITION_START.finditer(body):
        if match.start() < done or body[match.end() : match.end() + 1] == "^":
            continue
        label_end = scanner.brackets.next(match.end())
        if label_end == match.end() or body[label_end + 1 : label_end + 2] != ":":
            continue
        if label_end not in tried:
            start = scanner.spaces_end(label_end + 2)
            found = None
            for skip in (1, 0) if body[start : start + 1] == "<" else (0,):
                end = scanner.definition_ends.next(start + skip)
                if end > start + skip:
                    found = (body[start + skip : end], end + (body[end : end + 1] == ">"))
                    break
            tried[label_end] = found
        if tried[label_end]:
            target, done = tried[label_end]
            links.append(Link(line_at(match.start()), target, False))
    return links


def html_links(body, scanner, line_at):
    """`<a href>` and `<img src alt>`."""
    links, done = [], 0
    closing = Stops(r">", body)
    for match in TAG_START.finditer(body):
        if match.start() < done:
            continue
        done = closing.next(match.end())
        if done == len(body):
            break  # no `>` after this tag, nor after any later one
        attributes = {
            name.lower(): double or single or bare
            for name, double, single, bare in ATTRIBUTE.findall(body[match.end() : done])
        }
        is_image = match[1].lower() == "img"
        target = attributes.get("src" if is_image else "href", "")
        alt = attributes.get("alt") if is_image else None
        links.append(Link(line_at(match.start()), target, is_image, alt))
    return links


def find_links(source, cache=None):
    """Every Link in the body of a Markdown source; kept by the build's read cache
    (plugins/model/read_cache) when there is one: the same body from the same line gives the
    same links."""
    first = source.header.body_line if source.header else 1
    text = "\n".join(source.lines[first - 1 :])
    return remembered(cache, "links", f"{first}\0{text}", lambda: links_in(text, first))


def links_in(text, first):
    """Every Link in a body whose first line is line `first` of its file."""
    body = readable(text)
    scanner = Scanner(body)

    def line_at(offset):
        return first + scanner.line_breaks.count_before(offset)

    links = []
    for kind in (inline_links, reference_images, definitions, html_links):
        links += kind(body, scanner, line_at)
    return sorted(links, key=lambda link: link.line)
