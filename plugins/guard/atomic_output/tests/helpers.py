"""Shared by the in-process tests: two small sites and how to write and read them."""

from pathlib import Path

DEAD = 999_999_990  # above any pid_max (at most 4,194,304): no such process
OLD = {"index.html": "old home", "posts/a/index.html": "same bytes", "CNAME": "old.example\n"}
NEW = {"index.html": "new home", "posts/a/index.html": "same bytes", "posts/b/index.html": "b"}


def write_site(folder: Path, files):
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")


def site_of(folder: Path):
    """{relative path: text} of every file under `folder`, None if it does not exist."""
    if not folder.exists():
        return None
    return {
        str(path.relative_to(folder)): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(output: Path):
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith(".output-"))
