"""Compare variants of the full site build (b), run after run, on the `make bench` corpus.

    .venv/bin/python bench/pairs.py --n 1000 --runs 3 \\
        --variant off 'SEARCH_INDEX=false' --variant on ''

Each variant is (b) as bench/run.py builds it (`pelicanconf.py --fatal errors`, the corpus's
urls.lock) plus its own -e settings (KEY=json value, space separated). One untimed warm-up of
each variant, then rounds in which every variant builds once into an empty output folder, the
order turning each round (a b c, b c a, c a b, ...), so a machine that drifts during the call
moves every variant alike. Reported: the medians of wall time, CPU time (every child included)
and peak RSS of the process tree (bench/run.py's `measure`), and the ratio of each variant to
the first, taken round by round. Needs the corpus of `make bench` (bench/work/n<N>/urls.lock).
"""

import argparse
import json
import shutil
import statistics
import sys

from measuring import SITE, BuildFailed, measure
from run import command


def overrides(text):
    """'A=1 B="x"' -> {"A": 1, "B": "x"}: the -e syntax of pelican, JSON values."""
    pairs = (item.split("=", 1) for item in text.split())
    return {key: json.loads(value) for key, value in pairs}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="counted rounds")
    parser.add_argument("--variant", nargs=2, action="append", metavar=("NAME", "SETTINGS"))
    args = parser.parse_args()
    variants = {name: overrides(settings) for name, settings in args.variant or []}
    if len(variants) < 2:
        sys.exit("give at least two --variant NAME SETTINGS")
    work = SITE / "bench" / "work" / f"n{args.n}"
    if not (work / "urls.lock").is_file():
        sys.exit(f"no corpus in {work}: run `BENCH_N={args.n} make bench` first")

    def build(name, log):
        output = work / "out-pairs"
        shutil.rmtree(output, ignore_errors=True)
        return measure(command("b", work, output, variants[name]), work / log)

    names, results = list(variants), {name: [] for name in variants}
    try:
        for name in names:
            print(f"warm-up ({name}) ...", flush=True)
            build(name, "pairs-warmup.log")
        for run in range(args.runs):
            turn = run % len(names)
            for name in names[turn:] + names[:turn]:
                result = build(name, "pairs-run.log")
                results[name].append(result)
                print(f"round {run + 1} ({name}): {result['wall']:.2f} s wall, "
                      f"{result['cpu']:.2f} s CPU, {result['tree_rss_mb']:.0f} MB, "
                      f"load {result['load']:.1f}", flush=True)  # fmt: skip
    except BuildFailed as error:
        sys.exit(f"build failed: {error}")

    first = names[0]
    print(f"\nN={args.n}, {args.runs} rounds; medians, and the per-round ratio to '{first}':")
    for name in names:
        line = [f"{name:<12}"]
        for key, unit in (("wall", "s wall"), ("cpu", "s CPU"), ("tree_rss_mb", "MB tree RSS")):
            value = statistics.median(r[key] for r in results[name])
            ratios = [r[key] / b[key] for r, b in zip(results[name], results[first], strict=True)]
            per_round = " ".join(f"{ratio:.2f}" for ratio in ratios)
            line.append(f"{value:7.2f} {unit} (x{statistics.median(ratios):.2f}: {per_round})")
        print("  ".join(line))
    (work / "pairs.json").write_text(json.dumps({"variants": variants, "runs": results}) + "\n")


if __name__ == "__main__":
    main()
