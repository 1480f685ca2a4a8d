"""The examples printed in README.md and CONTRIBUTING.md, read from the Markdown at test time.

An example is a fenced block, recognised by what it holds, whatever its language tag:
- a block whose first line is `Title:` is a post; with `Event-*` keys it is a meeting: a
  `series` (Event-Repeat), `cancelled` (Event-Status: cancelled) or a one-off `meeting`; with
  a `Homepage:` it is a `project` of the directory;
- a ```toml block, or one that starts with a `[table]` line, is a `member` entry of members.toml;
- any other ```markdown block is a `snippet` (a line to copy into a post, not a whole file).
Other blocks (shell commands, program output) are not examples. The `{filename}` links shown
as inline code and the `make newpost` and `make newevent` commands of ```sh blocks are read
here too.
"""

import re
import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from plugins.model.error_report.header import markdown_lines, read_header

ROOT = Path(__file__).resolve().parent.parent
DOCS = ("README.md", "CONTRIBUTING.md")
FENCE = re.compile(r"^(?P<fence>`{3,})(?P<lang>[\w-]*)\s*$")
TABLE_LINE = re.compile(r"^\[[\w.-]+\]\s*$")
FILENAME_LINK = re.compile(r"`(\[[^\]`]+\]\(\{filename\}/[^)`]+\))`")
MEETING_KINDS = ("meeting", "series", "cancelled")


@dataclass
class Example:
    doc: str  # README.md
    line: int  # the line of the docs where the example's text starts
    lang: str  # the fence's language tag ("" when there is none)
    text: str  # the example exactly as printed, ending with a line feed

    @property
    def where(self):
        return f"{self.doc}:{self.line}"

    @property
    def header(self):
        """{lowercased key: value} of a post's metadata header."""
        header = read_header(markdown_lines(self.text))
        return {key: field.value for key, field in header.fields.items()}

    @property
    def kind(self):
        """post, meeting, series, cancelled, member, snippet; None for a block that is not one."""
        first = self.text.split("\n", 1)[0]
        if first.startswith("Title:"):
            header = self.header
            if "homepage" in header:
                return "project"
            if not any(key.startswith("event-") for key in header):
                return "post"
            if header.get("event-status", "").strip().lower() == "cancelled":
                return "cancelled"
            return "series" if "event-repeat" in header else "meeting"
        if self.lang == "toml" or TABLE_LINE.match(first):
            return "member"
        return "snippet" if self.lang in ("markdown", "md") else None

    @property
    def slug(self):
        """The slug `make newpost` gives a post of this title (its file name, so its address)."""
        return slugify(self.header["title"], regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])

    @property
    def year(self):
        return self.header["date"].strip()[:4]

    @property
    def source(self):
        """Where the example goes in content/: a meeting in events/, a project in projects/, a
        post in posts/<year>/."""
        if self.kind in MEETING_KINDS:
            return f"events/{self.slug}.md"
        if self.kind == "project":
            return f"projects/{self.slug}.md"
        return f"posts/{self.year}/{self.slug}.md"

    @property
    def url(self):
        """The address of a post or meeting (ARTICLE_URL: posts/<year>/<slug>/), or a project
        (PROJECT_URL: projects/<slug>/)."""
        if self.kind == "project":
            return f"projects/{self.slug}/"
        return f"posts/{self.year}/{self.slug}/"

    @property
    def body(self):
        """A post's text after its header, its lines joined by spaces."""
        header = read_header(markdown_lines(self.text))
        return " ".join(markdown_lines(self.text)[header.body_line - 1 :]).strip()

    @property
    def members(self):
        """{member id: fields} of a members.toml entry."""
        return tomllib.loads(self.text)


def fenced_blocks(doc, root=ROOT):
    """Every fenced block of the Markdown file `doc` as an Example (kind None included)."""
    lines = (Path(root) / doc).read_text(encoding="utf-8").split("\n")
    blocks, opened = [], None
    for number, line in enumerate(lines, start=1):
        found = FENCE.match(line)
        if opened is None:
            if found:
                opened, lang, start, body = found.group("fence"), found.group("lang"), number, []
        elif found and not found.group("lang") and len(found.group("fence")) >= len(opened):
            text = "".join(f"{body_line}\n" for body_line in body)
            blocks.append(Example(doc, start + 1, lang, text))
            opened = None
        else:
            body.append(line)
    if opened is not None:
        raise AssertionError(f"{doc}:{start}: a fenced block is never closed")
    return blocks


def examples(root=ROOT):
    """The examples of every doc, in the order printed."""
    return [block for doc in DOCS for block in fenced_blocks(doc, root) if block.kind]


def inventory(found):
    """{doc: {kind: how many}}, to compare with what the docs are known to hold."""
    counts = {}
    for example in found:
        kinds = counts.setdefault(example.doc, {})
        kinds[example.kind] = kinds.get(example.kind, 0) + 1
    return counts


def filename_links(root=ROOT):
    """The `[text]({filename}/...)` links the docs show as inline code, as (where, link)."""
    links = []
    for doc in DOCS:
        text = (Path(root) / doc).read_text(encoding="utf-8")
        for number, line in enumerate(text.split("\n"), start=1):
            links += [(f"{doc}:{number}", link) for link in FILENAME_LINK.findall(line)]
    return links


def scaffold_commands(target, root=ROOT):
    """The `make <target> ...` commands of the docs (target: newpost or newevent), as (where,
    argv): every line of a ```sh block, and inline code with real values (not the `TITLE="…"`
    of the syntax summaries)."""
    commands, inline = [], re.compile(f"`(make {target} [^`]*)`")
    for doc in DOCS:
        for block in fenced_blocks(doc, root):
            for offset, line in enumerate(block.text.split("\n")):
                if block.lang == "sh" and line.startswith(f"make {target} "):
                    commands.append((f"{doc}:{block.line + offset}", shlex.split(line, True)))
        text = (Path(root) / doc).read_text(encoding="utf-8")
        for number, line in enumerate(text.split("\n"), start=1):
            for command in inline.findall(line):
                if "…" not in command:
                    commands.append((f"{doc}:{number}", shlex.split(command)))
    return commands
