"""`make check`: build the site into a throwaway folder with the content guard's report on.

The check is a real Pelican build (the same settings, plugins and checks as `make html`), so
what it accepts is exactly what the build accepts; the site is small and the build parallel,
so it takes about a second. It prints the guard's notes (drafts held back, what the sanitizer
removed), then either "no problems" or every problem as `path:line: message (how to fix)`,
and exits non-zero when there is any.

One check is stricter than in `make html`: urls.lock must list exactly what the build writes
(URL_LOCK_STALE_IS_ERROR, see plugins/url_lock). `make html` and `make serve` leave it out so
a post in progress previews without ceremony; the pull request needs it, and `make lock` is
the one command that fixes it.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SUMMARY = "content_guard: checked "


def run_check(settings, content=None, extra=()):
    """Run the checking build; return (exit code, everything it printed)."""
    with tempfile.TemporaryDirectory(prefix="content-check-") as scratch:
        command = [sys.executable, "-m", "pelican"]
        command += [str(content)] if content else []
        command += ["-o", str(Path(scratch, "output")), "-s", str(settings), "--fatal", "errors"]
        command += ["-e", "CONTENT_GUARD_REPORT=true", "URL_LOCK_STALE_IS_ERROR=true", *extra]
        build = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=Path.cwd()
        )
        printed = []
        for line in build.stdout:
            print(line, end="", flush=True)
            printed.append(line)
        code = build.wait()
    output = "".join(printed)
    if SUMMARY not in output:
        print("make check: the build stopped before the content check finished (see above);")
        print("            is content_guard in PLUGINS?")
        return code or 1, output
    print("make check: the content is ready." if code == 0 else "make check: fix the above.")
    return code, output


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", help="the content folder (default: PATH)")
    parser.add_argument("--settings", default=str(REPO / "pelicanconf.py"))
    args = parser.parse_args(argv)
    code, _ = run_check(args.settings, args.content)
    return code


if __name__ == "__main__":
    sys.exit(main())
