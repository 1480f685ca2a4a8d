"""Shared by the content_guard tests: the fixture site, posts to add to it, and the commands.

The commands (`make newpost`, `make check`) are run as `make` runs them, `python -m ...`, by a
few tests (run_script); the others call the same main() in a child forked from the test process
(run_main_in_fork), where Python, Pelican and the plugins are already imported: the same code,
exit code and output without a new interpreter's second of start-up (tests/buildfork.py).
"""

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from buildfork import call_in_fork, child, fork, wait  # tests/buildfork.py

from plugins.tools import check

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
PLUGIN = Path(__file__).resolve().parents[1]
CHECK = "plugins.tools.check"  # the commands, run as `make` runs them: python -m ...
NEWPOST = "plugins.tools.newpost"
TIMEOUT = 600  # a guard against a hung command, never a measure of speed

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


def copy_of_build(tmp_path, content, output):
    """(content, output): copies of a content folder and of a good build of it, in tmp_path, for
    a build that must leave the previous output as it was."""
    copies = tmp_path / "content", tmp_path / "output"
    shutil.copytree(content, copies[0])
    shutil.copytree(output, copies[1])
    return copies


def copy_of_fixture(tmp_path):
    """(content, output): a copy of the fixture content and an output folder holding a previous
    build's page, for a build that must leave it as it was."""
    content, output = tmp_path / "content", tmp_path / "output"
    fixture = TEST_DATA / "content"
    write(content, {p.relative_to(fixture).as_posix(): p.read_bytes() for p in fixture.rglob("*")
                    if p.is_file()})  # fmt: skip
    write(output, {"index.html": "<p>The previous build.</p>\n"})
    return content, output


def files_of(cases):
    """The files of cases `(name, files, expected line)` in one dict, to build them all at
    once; each case must have files of its own."""
    files = {relative: text for _, case_files, _ in cases for relative, text in case_files.items()}
    assert len(files) == sum(len(case_files) for _, case_files, _ in cases), "a file is shared"
    return files


def lines_missing(printed, cases):
    """The names of the cases `(name, files, expected line)` whose line is not in `printed`."""
    return [name for name, _, expected in cases if expected not in printed]


def run_script(script, *arguments):
    """Run one of the plugin's commands as `make` does; return the CompletedProcess."""
    return subprocess.run(
        [sys.executable, "-m", script, *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def run_main_in_fork(main, *arguments):
    """`main(argv)` of a command (its return value the exit code) in a child forked from the
    test process; return a CompletedProcess like run_script's. What main leaves in a process
    dies with the child."""
    argv = list(map(str, arguments))
    return call_in_fork(lambda: main(argv), argv, TIMEOUT)


class ForkedPelican:
    """A `start` for check.run_check (as check.start_pelican): Pelican with the same arguments,
    run by tests/buildfork.py in a forked child instead of a new interpreter, in the same working
    folder and environment, stdout and stderr into one file as into the one pipe, and the same
    exit code."""

    def __init__(self, arguments):
        with tempfile.TemporaryFile() as printed:
            sys.stdout.flush()
            pid = fork()
            if pid == 0:
                child(arguments, Path.cwd(), dict(os.environ), printed.fileno(), printed.fileno())
            self.code = wait(pid, TIMEOUT)
            printed.seek(0)
            self.stdout = io.StringIO(printed.read().decode("utf-8", errors="replace"))
        if self.code is None:
            raise subprocess.TimeoutExpired(["pelican", *arguments], TIMEOUT)

    def wait(self):
        return self.code


def check_main_with_forked_build(argv):
    """check.main(argv), its build forked (ForkedPelican) rather than a new interpreter."""
    return check.main(argv, start=ForkedPelican)


def run_check_in_fork(*arguments):
    """`make check` (python -m plugins.tools.check ARGUMENTS), in forks."""
    return run_main_in_fork(check_main_with_forked_build, *arguments)
