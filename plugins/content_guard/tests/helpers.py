"""Shared by the content_guard tests: the fixture site and posts to add to it."""

import subprocess
import sys
from pathlib import Path

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
PLUGIN = Path(__file__).resolve().parents[1]
CHECK = "plugins.content_guard.check"  # the commands, run as `make` runs them: python -m ...
NEWPOST = "plugins.content_guard.newpost"

# A valid post of the fixture site; line numbers: Title 1, Date 2, Authors 3, Topics 4,
# Category 5, Summary 6, extra fields from 7 on, then a blank line and the body.
VALID_POST = {
    "Title": "A post made by a test",
    "Date": "2025-05-01 10:00",
    "Authors": "ada-lovelace",
    "Topics": "scale",
    "Category": "Essays",
    "Summary": "A post made by a test.",
}


def post(body="The body of the post.", drop=(), **fields):
    """The text of a post: VALID_POST with fields changed or added (Event_Start -> Event-Start)."""
    header = {**VALID_POST, **{key.replace("_", "-"): value for key, value in fields.items()}}
    lines = [f"{key}: {value}" for key, value in header.items() if key not in drop]
    return "\n".join(lines) + "\n\n" + body + "\n"


def write(content: Path, files: dict):
    for relative, text in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


def run_script(script, *arguments):
    """Run one of the plugin's commands as `make` does; return the CompletedProcess."""
    return subprocess.run(
        [sys.executable, "-m", script, *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
