"""The rebuild rows of issue 26: the site's build as `make html` runs it (plugins/tools/build.py),
each row timed beside a clean bare-Pelican build (a) of the same round.

    .venv/bin/python bench/rebuild.py --n 1000 --runs 3

Rows, each a whole `python -m plugins.tools.build` process on the `make bench` corpus, with its
own CACHE_PATH (bench/work/n<N>/rebuild-cache) and output folder:

- nothing changed: the build again, right after one;
- one post's body edited: a paragraph appended to the newest generated post;
- one post's title or tags edited: its Tags: line changed (lists, tag pages and feeds change);
- clean output, caches warm: the output folder removed, the cache kept;
- clean clone, no cache: output folder and cache removed (what CI does on a fresh machine).

The edited post is put back at the end. Needs the corpus of `make bench` (its urls.lock).
"""

import argparse
import json
import shutil
import statistics
import sys

from measuring import SITE, measure
from run import command

ROWS = ("nothing changed", "one post's body edited", "one post's title or tags edited",
        "clean output, caches warm", "clean clone, no cache")  # fmt: skip


def site_build(work, output, cache):
    """`make html`'s command for the corpus."""
    cmd = [sys.executable, "-m", "plugins.tools.build", str(work / "content"), "-o", str(output)]
    cmd += ["-s", str(SITE / "pelicanconf.py"), "--fatal", "errors", "-e"]
    lock = json.dumps(str(work / "urls.lock"))
    return [*cmd, f"URL_LOCK_FILE={lock}", f"CACHE_PATH={json.dumps(str(cache))}"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = SITE / "bench" / "work" / f"n{args.n}"
    if not (work / "urls.lock").is_file():
        sys.exit(f"run `BENCH_N={args.n} make bench` first: it writes the corpus and urls.lock")
    output, cache = work / "out-rebuild", work / "rebuild-cache"
    post = max((work / "content" / "posts").rglob("*.md"))
    original = post.read_text(encoding="utf-8")
    build = site_build(work, output, cache)
    logs = work / "rebuild.log"
    results = {row: [] for row in ROWS}
    try:
        measure(build, logs)  # warm-up: the caches and the record
        for number in range(1, args.runs + 1):
            shutil.rmtree(work / "out-a", ignore_errors=True)
            bare = measure(command("a", work, work / "out-a"), logs)["wall"]
            for row in ROWS:
                if row == "one post's body edited":
                    text = post.read_text(encoding="utf-8")
                    post.write_text(text + f"\nParagraph {number} of the benchmark.\n", "utf-8")
                elif row == "one post's title or tags edited":
                    tags = f"Tags: benchmark-{number}, python"
                    text = "\n".join(tags if line.startswith("Tags:") else line
                                     for line in post.read_text("utf-8").split("\n"))  # fmt: skip
                    post.write_text(text, encoding="utf-8")
                elif row.startswith("clean"):
                    shutil.rmtree(output, ignore_errors=True)
                    if row == "clean clone, no cache":
                        shutil.rmtree(cache, ignore_errors=True)
                run = measure(build, logs)
                results[row].append((run["wall"], bare))
                peak = run["tree_rss_mb"] or 0
                print(f"round {number}: {row}: {run['wall']:.2f} s, bare {bare:.2f} s, "
                      f"{run['wall'] / bare:.3f}, peak {peak:.0f} MB", flush=True)  # fmt: skip
    finally:
        post.write_text(original, encoding="utf-8")
    print(f"\nN={args.n}, {args.runs} rounds, medians (ratio taken round by round):")
    for row, pairs in results.items():
        wall = statistics.median(w for w, _ in pairs)
        ratio = statistics.median(w / b for w, b in pairs)
        bare = statistics.median(b for _, b in pairs)
        print(f"{row:34} {wall:7.2f} s   bare Pelican {bare:6.2f} s   ratio {ratio:.3f}")


if __name__ == "__main__":
    main()
