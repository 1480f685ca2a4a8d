"""What the guard reports: problems (errors that stop the build) and notes (shown, not errors)."""

from dataclasses import dataclass

from plugins.model.error_report import ContentError, display_path

__all__ = ["HEADING", "ContentGuardError", "Note", "Problem", "display_path"]

HEADING = "content_guard: {count} problem(s) in the content; fix them and build again:"


@dataclass(frozen=True)
class Problem:
    """`path:line: message (fix)`. `blocking`: Pelican or another plugin would stop on it."""

    path: str
    line: int
    message: str
    fix: str
    blocking: bool = False

    def __str__(self):
        return f"{display_path(self.path)}:{self.line}: {self.message} ({self.fix})"


@dataclass(frozen=True)
class Note:
    """`path: kind: what`, e.g. a draft held back or what the sanitizer removed."""

    path: str
    kind: str
    text: str

    def __str__(self):
        return f"{display_path(self.path)}: {self.kind}: {self.text}"


class ContentGuardError(ContentError):
    """Every problem of a build, one `path:line: message (fix)` per line (a ContentError:
    printed plainly by plugins/model/error_report)."""

    def __init__(self, problems):
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line, p.message))
        lines = [HEADING.format(count=len(self.problems)), *map(str, self.problems)]
        super().__init__("\n".join(lines))
