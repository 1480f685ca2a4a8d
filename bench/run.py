"""Build-speed benchmark: bare Pelican (a) against this site's full configuration (b).

    make bench                          N=1000 generated posts, 3 runs of each configuration
    BENCH_N=5000 BENCH_RUNS=1 BENCH_EDIT_RUNS=0 make bench    (no edit loop: slow at 5000)

1. bench/corpus.py writes a seeded corpus of N posts (plus the real content) to bench/work/nN/.
2. Cold builds, alternating a and b (a b, b a, a b, ...), after one untimed warm-up of each:
   (a) `pelican -s bench/bareconf.py`: simple theme, no plugins, Pelican's default feeds;
   (b) `pelican -s pelicanconf.py --fatal errors` as `make html` runs it: the site's theme, every
       plugin, every feed, Pagefind, sitemap (urls.lock: one written by the warm-up build).
   Each run is a fresh subprocess into an empty output folder. Measured: wall time, peak RSS of
   the process tree (sum of the RSS of pelican and its children, e.g. Pagefind, sampled from
   /proc every 50 ms), the same as PSS (pages shared between processes counted once), the
   largest single process (wait4), pages/s (HTML files written / wall time) and CPU time.
3. Edit loop on (b): with a warm build in place, append a paragraph to the newest generated post
   and rebuild; wall time of the rebuild, and when the changed page and feeds/all.atom.xml were
   written (their mtime; atomic_output makes them visible only at the end). Once without the
   read cache (READ_CACHE = False), once with the site's settings (plugins/model/read_cache),
   both as a new `pelican` process; then with `make devserver`'s server running
   (plugins/tools/devserver: a warm builder, the read cache): seconds from saving the post until
   the new page and feed are served. bench/rebuild.py times the rows of issue 26 as `make html`
   runs them.
4. A table of medians, the ratio b/a and the targets; results.json next to the corpus.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys

import corpus
from devserver_loop import devserver_edit_loop
from measuring import PELICAN, SITE, BuildFailed, measure

TARGET_RATIO, TARGET_EDIT_S, TARGET_RSS_MB, TARGET_RSS_N = 0.6, 1.0, 150, 5000
EDIT_MODES = {
    "no read cache": {"READ_CACHE": False},
    "read cache (site settings)": {},  # plugins/model/read_cache, as make html builds
}


def command(config, work, output, extra=None):
    """The pelican command line of configuration "a" or "b"."""
    settings = SITE / "bench" / "bareconf.py" if config == "a" else SITE / "pelicanconf.py"
    cmd = [*PELICAN, str(work / "content"), "-o", str(output), "-s", str(settings)]
    cmd += ["--fatal", "errors"]
    overrides = {"URL_LOCK_FILE": str(work / "urls.lock")} if config == "b" else {}
    overrides.update(extra or {})
    if overrides:  # one -e for all: Pelican keeps only the last -e flag's values
        cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    return cmd


def check_overrides(work):
    """Pelican takes the -e settings: the warm-up must not rewrite the site's urls.lock."""
    extra = {"URL_LOCK_UPDATE": True, "CACHE_CONTENT": True}
    cmd = command("b", work, work / "out-check", extra)
    cmd += ["--print-settings", "URL_LOCK_FILE", "URL_LOCK_UPDATE", "CACHE_CONTENT"]
    printed = subprocess.run(cmd, cwd=SITE, capture_output=True, text=True, check=True).stdout
    expected = [repr(str(work / "urls.lock")), "True", "True"]
    if not all(f": {value}" in printed for value in expected):
        sys.exit(f"pelican did not take the benchmark's -e settings:\n{printed}")


def html_files(output):
    return sum(name.endswith(".html") for _, _, names in os.walk(output) for name in names)


def cold_runs(work, runs):
    """Alternating cold builds of a and b; one untimed warm-up of each first."""
    results = {"a": [], "b": []}
    for config in ("a", "b"):
        output = work / f"out-{config}"
        shutil.rmtree(output, ignore_errors=True)
        extra = {"URL_LOCK_UPDATE": True} if config == "b" else None
        print(f"warm-up ({config}) ...", flush=True)
        measure(command(config, work, output, extra), work / f"warmup-{config}.log")
    for run in range(runs):
        for config in ("a", "b") if run % 2 == 0 else ("b", "a"):
            output = work / f"out-{config}"
            shutil.rmtree(output, ignore_errors=True)
            result = measure(command(config, work, output), work / f"run-{config}.log")
            result["html"] = html_files(output)
            results[config].append(result)
            print(f"run {run + 1} ({config}): {result['wall']:.2f} s", flush=True)
    return results


def edit_loop(work, post, runs):
    """Rebuild times of (b) after appending a paragraph to `post`, for each EDIT_MODES."""
    original = post.read_text(encoding="utf-8")
    year, slug = post.parent.name, post.stem
    output = work / "out-edit"
    results = {}
    try:
        for mode, settings in EDIT_MODES.items():
            extra = dict(settings)
            if extra:
                cache = work / "cache"
                shutil.rmtree(cache, ignore_errors=True)
                extra["CACHE_PATH"] = str(cache)
            shutil.rmtree(output, ignore_errors=True)
            post.write_text(original, encoding="utf-8")
            print(f"edit loop, {mode}: warm build ...", flush=True)
            try:
                measure(command("b", work, output, extra), work / "edit-warm.log")
            except BuildFailed as error:
                print(f"  the warm build failed with these settings, skipped:\n{error}")
                continue
            results[mode] = []
            for run in range(runs):
                text = original + f"\nAn edit, number {run + 1}, to time the edit loop.\n"
                post.write_text(text, encoding="utf-8")
                result = measure(command("b", work, output, extra), work / "edit.log")
                page = output / "posts" / year / slug / "index.html"
                feed = output / "feeds" / "all.atom.xml"
                if f"number {run + 1}, to time" not in page.read_text(encoding="utf-8"):
                    sys.exit(f"the edit did not reach {page}")
                result["page_at"] = page.stat().st_mtime - result["start_epoch"]
                result["feed_at"] = feed.stat().st_mtime - result["start_epoch"]
                results[mode].append(result)
                print(f"  rebuild {run + 1}: {result['wall']:.2f} s", flush=True)
    finally:
        post.write_text(original, encoding="utf-8")
    return results


def median(results, key):
    values = [r[key] for r in results if r.get(key) is not None]
    return statistics.median(values) if values else None


def fmt(value, spec=".2f"):
    return "-" if value is None else format(value, spec)


def table(header, rows):
    """Print rows (lists of strings) as plain columns: the first left-aligned, others right."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells))


def report(n, cold, edits):
    """Print the medians, the ratio (b)/(a) and the targets; return the medians."""
    names = {"a": "(a) bare Pelican", "b": "(b) full site config"}
    summary, rows = {}, []
    for config, results in cold.items():
        walls = [r["wall"] for r in results]
        summary[config] = {
            key: median(results, key)
            for key in ("wall", "html", "tree_rss_mb", "tree_pss_mb", "max_rss_mb", "cpu")
        }
        s = summary[config]
        rows.append([
            names[config], str(len(results)), fmt(s["wall"]), f"{min(walls):.2f}-{max(walls):.2f}",
            fmt(s["html"], ".0f"), fmt(s["html"] / s["wall"], ".0f"), fmt(s["tree_rss_mb"], ".0f"),
            fmt(s["tree_pss_mb"], ".0f"), fmt(s["max_rss_mb"], ".0f"), fmt(s["cpu"]),
            fmt(max(r["load"] for r in results), ".1f"),
        ])  # fmt: skip
    print(f"\nCold builds, N={n} generated posts (+ the real content), medians:")
    header = ["config", "runs", "wall s", "min-max s", "HTML", "pages/s", "tree RSS MB"]
    table([*header, "tree PSS MB", "1 proc MB", "CPU s", "load max"], rows)
    ratio = summary["b"]["wall"] / summary["a"]["wall"]
    cpu_ratio = summary["b"]["cpu"] / summary["a"]["cpu"]
    rss_ratio = summary["b"]["tree_rss_mb"] / summary["a"]["tree_rss_mb"]
    print(f"ratio (b)/(a): wall {ratio:.2f}x, CPU {cpu_ratio:.2f}x, peak tree RSS {rss_ratio:.2f}x")
    print("(load max: the 1-minute load average before a run; above ~1 other work shared the")
    print(" 2 cores, so compare CPU s, which contention barely changes, as well as wall s)")

    if edits:
        print("\nEdit loop on (b): one post's body changed, rebuilt over the previous output:")
        rows = [
            [
                mode,
                str(len(results)),
                fmt(median(results, "wall")),
                fmt(median(results, "cpu")),
                f"+{fmt(median(results, 'page_at'))} s",
                f"+{fmt(median(results, 'feed_at'))} s",
            ]
            for mode, results in edits.items()
        ]
        table(["settings", "runs", "wall s", "CPU s", "page written", "all.atom.xml written"], rows)

    rss, pss = summary["b"]["tree_rss_mb"], summary["b"]["tree_pss_mb"]
    best_edit = min((median(r, "wall") for r in edits.values()), default=None)
    print("\nTargets (measured, target):")
    target(f"cold build (b)/(a) <= {TARGET_RATIO}", ratio, TARGET_RATIO, "x")
    if best_edit is not None:
        target(f"edit loop, best settings <= {TARGET_EDIT_S} s", best_edit, TARGET_EDIT_S, "s")
    if n >= TARGET_RSS_N:
        target(f"peak RSS (b) at {n} posts <= {TARGET_RSS_MB} MB", rss, TARGET_RSS_MB, "MB")
        target(
            f"  as PSS (shared pages counted once) <= {TARGET_RSS_MB} MB", pss, TARGET_RSS_MB, "MB"
        )
    else:
        print(
            f"  peak RSS at {TARGET_RSS_N} posts <= {TARGET_RSS_MB} MB: run BENCH_N={TARGET_RSS_N}"
        )
        print(f"  (at {n} posts: {rss:.0f} MB RSS, {pss:.0f} MB PSS)")
    return summary


def target(label, value, limit, unit):
    verdict = "met" if value <= limit else "NOT met"
    print(f"  {label}: {value:.2f} {unit}, {verdict}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=int(os.environ.get("BENCH_N", 1000)))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 3)))
    edit_runs = os.environ.get("BENCH_EDIT_RUNS")  # default: as many as --runs; 0 skips
    parser.add_argument("--edit-runs", type=int, default=int(edit_runs) if edit_runs else None)
    parser.add_argument("--seed", type=int, default=2009)
    args = parser.parse_args()

    work = SITE / "bench" / "work" / f"n{args.n}"
    work.mkdir(parents=True, exist_ok=True)
    print(f"corpus: {args.n} posts in {work / 'content'}", flush=True)
    posts = corpus.generate(work, args.n, args.seed)
    check_overrides(work)
    try:
        cold = cold_runs(work, args.runs)
        edit_runs = args.runs if args.edit_runs is None else args.edit_runs
        edits = edit_loop(work, posts[-1], edit_runs) if edit_runs else {}
        if edit_runs:
            edits["dev server (make devserver)"] = devserver_edit_loop(work, posts[-1], edit_runs)
    except BuildFailed as error:
        sys.exit(f"build failed: {error}")
    summary = report(args.n, cold, edits)
    results = {"n": args.n, "runs": args.runs, "summary": summary, "cold": cold, "edit": edits}
    (work / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nall runs: {work / 'results.json'}")


if __name__ == "__main__":
    main()
