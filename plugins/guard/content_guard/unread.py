"""The parts of a Markdown body that are not read for links: code, comments, abbreviations.

A link checker that read code would stop a build over `[0](x)` in a Python sample, and one that
read `*[HTML]: Hyper Text` would see a link. Each function here returns the (start, end) spans
of one construct; links.py blanks them (line breaks kept) before looking for links. Every scan
is linear in the length of the body (see links.py): these run on untrusted text.
"""

import re
from array import array
from bisect import bisect_left

FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})")
FENCE_CLOSE = re.compile(r" {0,3}([`~]+)[ \t]*$")
# Lines whose content goes on in lines indented by four more spaces, which are therefore not
# code: list items, footnote definitions, admonitions (`!!! note`) and definitions (`:   `).
CONTAINER = re.compile(r"(?:[*+-]|\d+\.)(?:[ \t]|$)|\[\^[^\]]*\]:|!!!|:[ \t]")
ABBREVIATION = re.compile(r"^\*\[[^\]\n]*\] ?:[ \t]*(?=(\n?))", re.M)


class Stops:
    """Every offset of `text` where `pattern` starts, to find the next one at or after an offset."""

    def __init__(self, pattern, text):
        self.at = array("q", (match.start() for match in re.finditer(pattern, text)))
        self.end = len(text)

    def next(self, offset):
        """The first offset >= `offset` where the pattern starts, else len(text)."""
        index = bisect_left(self.at, offset)
        return self.at[index] if index < len(self.at) else self.end

    def count_before(self, offset):
        return bisect_left(self.at, offset)


def blanked(body, spans):
    """`body` with every (start, end) span replaced by spaces, line breaks kept."""
    parts, done = [], 0
    for start, end in spans:
        parts += [body[done:start], re.sub(r"[^\n]", " ", body[start:end])]
        done = end
    return "".join([*parts, body[done:]])


def fence_spans(body):
    """Fenced code blocks: an opening line of 3+ backticks or tildes up to a closing line of
    the same character. As before the rewrite, an opening run of n accepts the longest run
    k <= n that some later closing line reaches."""
    lines = body.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    closers = []  # (index, character, run length) of every line made of fence characters
    for index, line in enumerate(lines):
        if close := FENCE_CLOSE.match(line):
            closers.append((index, close[1][0], len(close[1]) - len(close[1].lstrip(close[1][0]))))
    longest_after = {"`": [0] * len(lines), "~": [0] * len(lines)}  # the longest run below
    for index, character, run in closers[1 if closers and closers[0][0] == 0 else 0 :]:
        longest_after[character][index - 1] = run  # line 0 is below no line
    for longest in longest_after.values():
        for index in range(len(lines) - 2, -1, -1):
            longest[index] = max(longest[index], longest[index + 1])
    spans, index, first_closer = [], 0, 0
    while index < len(lines):
        opening = FENCE_OPEN.match(lines[index])
        reach = longest_after[opening[1][0]][index] if opening else 0
        if reach < 3:
            index += 1
            continue
        character, run = opening[1][0], min(len(opening[1]), reach)
        while closers[first_closer][0] <= index:
            first_closer += 1
        while not (closers[first_closer][1] == character and closers[first_closer][2] >= run):
            first_closer += 1
        end = closers[first_closer][0]
        spans.append((offsets[index], offsets[end] + len(lines[end])))
        index = end + 1
    return spans


def comment_spans(body):
    """HTML comments, `<!--` to the next `-->`."""
    spans, start = [], body.find("<!--")
    while start >= 0:
        end = body.find("-->", start + 4)
        if end < 0:
            break  # no later `<!--` is closed either
        spans.append((start, end + 3))
        start = body.find("<!--", end + 3)
    return spans


def code_spans(body):
    """Inline code: a run of n backticks up to the next run of exactly n, within a paragraph
    (no blank line inside). A run with no partner is tried again from its second backtick
    on, shorter by one each time, as a regular expression search would."""
    runs = [(m.start(), len(m[0])) for m in re.finditer(r"`+", body)]
    paragraph_breaks = Stops(r"\n[ \t]*(?=\n)", body)
    by_length = {}  # (paragraph, run length) -> positions of the runs, in order
    for start, length in runs:
        key = (paragraph_breaks.count_before(start), length)
        by_length.setdefault(key, []).append(start)
    spans, done = [], 0
    for start, length in runs:
        if start < done:
            continue
        paragraph = paragraph_breaks.count_before(start)
        for skipped in range(length):
            starts = by_length.get((paragraph, length - skipped), [])
            later = bisect_left(starts, start + length)
            if later < len(starts):
                done = starts[later] + length - skipped
                spans.append((start + skipped, done))
                break
    return spans


def indented_code_spans(body):
    """Indented code blocks: lines indented four spaces (a tab) more than their container,
    after a blank line or another such line. A container is a list item, a footnote
    definition, an admonition or a definition: the lines indented under it are its text,
    and its code is indented four more (as Python-Markdown reads them)."""
    spans, offset, depth = [], 0, 0
    after_blank, in_code = True, False
    for line in body.split("\n"):
        start, offset = offset, offset + len(line) + 1
        expanded = line.expandtabs(4)
        text = expanded.lstrip(" ")
        if not text.strip():
            after_blank = True
            continue
        indent = len(expanded) - len(text)
        if (after_blank or in_code) and indent >= depth + 4:
            spans.append((start, start + len(line)))
            after_blank, in_code = False, True
            continue
        if CONTAINER.match(text):
            depth = indent // 4 * 4 + 4
        elif indent < depth and (after_blank or text.startswith("#")):
            depth = indent // 4 * 4  # the container ended
        after_blank, in_code = False, False
    return spans


def abbreviation_spans(body):
    """`*[HTML]: Hyper Text Markup Language` lines (the text may be on the next line)."""
    spans = []
    for match in ABBREVIATION.finditer(body):
        end = body.find("\n", match.end() + len(match[1]))
        spans.append((match.start(), len(body) if end < 0 else end))
    return spans


def unread_spans():
    """The span functions, in the order links.py applies them (code first: a `<!--` or a
    backtick inside a code block is not the start of anything)."""
    return (fence_spans, indented_code_spans, comment_spans, code_spans, abbreviation_spans)
