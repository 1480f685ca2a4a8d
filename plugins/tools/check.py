"""`make check`: build the site into a throwaway folder with the content guard's report on.

The check is a real Pelican build (the same settings, plugins and checks as `make html`), so
what it accepts is exactly what the build accepts; the site is small, so it takes
about a second. It prints the guard's notes (drafts held back, what the sanitizer
removed), what it checked (counted as Pelican's "Processed ..." line counts), then either "no
problems" or every problem once as `path:line: message (how to fix)`, and exits non-zero when
there is any. When another plugin stops the build before the guard's summary (a meeting, a
member), the last line names the file it stopped at.

One check is stricter than in `make html`: urls.lock must list exactly what the build writes
(URL_LOCK_STALE_IS_ERROR, see plugins/outputs/addresses). `make html` and `make serve` leave it out
so
a post in progress previews without ceremony; the pull request needs it, and `make lock` is
the one command that fixes it.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from plugins.model.error_report.error_report import CHECK_HEADLINE

REPO = Path(__file__).resolve().parents[2]
SUMMARY = "content_guard: checked "
PROBLEM = re.compile(r"(?P<path>[^\s:][^:]*):\d+: ")  # `path:line: what (fix)`


def start_pelican(arguments):
    """`python -m pelican ARGUMENTS` in a new process, stdout and stderr in one text pipe: an
    object with `stdout` (lines) and `wait()` (the exit code), as subprocess.Popen."""
    return subprocess.Popen(
        [sys.executable, "-m", "pelican", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=Path.cwd(),
    )


def run_check(settings, content=None, extra=(), start=start_pelican):
    """Run the checking build (`start(arguments)` runs Pelican with them); return (exit code,
    everything it printed)."""
    with tempfile.TemporaryDirectory(prefix="content-check-") as scratch:
        arguments = [str(content)] if content else []
        arguments += ["-o", str(Path(scratch, "output")), "-s", str(settings), "--fatal", "errors"]
        arguments += ["-e", "CONTENT_GUARD_REPORT=true", "URL_LOCK_STALE_IS_ERROR=true", *extra]
        build = start(arguments)
        printed = []
        for line in build.stdout:
            print(line, end="", flush=True)
            printed.append(line)
        code = build.wait()
    output = "".join(printed)
    print(conclusion(code, output))
    return code if SUMMARY in output else code or 1, output


def conclusion(code, output):
    """The last line: ready, fix the above, or where the build stopped before the guard's
    summary (another plugin refused a file: a meeting, a member, an address)."""
    if SUMMARY in output:
        return "make check: the content is ready." if code == 0 else "make check: fix the above."
    if code == 0:
        return "make check: the build passed but did not check the content (no content_guard)"
    files = stopped_at(output)
    if files:
        return (
            f"make check: the build stopped at {', '.join(files)} (the problems above); "
            "fix them and run make check again"
        )
    return "make check: the build stopped (the messages above say why); run make check again"


def stopped_at(output):
    """The files named as `path:line:` under the headline of the problems, in order."""
    _, found, problems = output.partition(CHECK_HEADLINE + "\n")
    lines = problems.split("\n\n", 1)[0].splitlines() if found else []
    return list(dict.fromkeys(match["path"] for match in map(PROBLEM.match, lines) if match))


def main(argv=None, start=start_pelican):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", help="the content folder (default: PATH)")
    parser.add_argument("--settings", default=str(REPO / "pelicanconf.py"))
    args = parser.parse_args(argv)
    code, _ = run_check(args.settings, args.content, start=start)
    return code


if __name__ == "__main__":
    sys.exit(main())
