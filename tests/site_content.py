"""What the content folder says should be published: read straight from the source files."""

import datetime as dt
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from plugins.model.error_report.header import markdown_lines, read_header

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@dataclass
class Source:
    path: Path
    meta: dict

    @property
    def slug(self):
        return self.meta.get("slug", self.path.stem)

    @property
    def is_draft(self):
        return self.meta.get("status", "").lower() == "draft"

    @property
    def year(self):
        return dt.date.fromisoformat(self.meta["date"][:10]).year


def read_metadata(path):
    """The `Key: value` header of a Markdown file, keys lowercased (read as the build reads it)."""
    header = read_header(markdown_lines(path.read_text(encoding="utf-8-sig")))
    return {key: field.value for key, field in header.fields.items()}


def sources(folder):
    return [Source(path, read_metadata(path)) for path in sorted((CONTENT / folder).rglob("*.md"))]


def posts(include_drafts=False):
    return [s for s in sources("posts") + sources("events") if include_drafts or not s.is_draft]


def drafts():
    return [s for s in sources("posts") + sources("events") if s.is_draft]


def pages():
    return [s for s in sources("pages") if not s.is_draft]


def topics():
    return sources("topics")


def member_ids():
    with open(CONTENT / "members.toml", "rb") as members_file:
        return sorted(tomllib.load(members_file))


def copy_content_as_of(destination, now, content=CONTENT):
    """A copy of the content folder as it stood on `now` (YYYY-MM-DD): every post and meeting
    dated after it left out. A build that pins its "now" (BUILD_NOW) to keep illustrative
    meetings upcoming would otherwise refuse a real post written after that day as dated in
    the future: the pinned day would be a date the tests stop working on."""
    shutil.copytree(content, destination, dirs_exist_ok=True)
    for path in sorted(Path(destination).rglob("*.md")):
        date = read_metadata(path).get("date", "")
        if date[:10] > now[:10] and path.relative_to(destination).parts[0] != "pages":
            path.unlink()
    return Path(destination)
