"""Profile one full build (b) of a generated corpus and say where the time goes.

    .venv/bin/python bench/profile.py --n 1000        (after `make bench` made bench/work/n1000)

Runs `python -m cProfile -o bench/work/nN/b.prof -m pelican ...` with the site's settings, as
bench/run.py runs (b), then prints the top functions by cumulative and by own time, and a table
of the stages and plugins (cumulative time of their entry points: they nest, so they do not add
up; Pagefind runs in a subprocess, so its time shows as the wait in search.index_site).
--stats FILE only prints the tables of an existing profile.
"""

import argparse
import pstats
import shutil
import sys
from pathlib import Path

from measuring import measure
from run import command

SITE = Path(__file__).resolve().parent.parent
# (label, end of the file path, function name): entry points whose cumulative time is reported.
STAGES = (
    ("whole build: Pelican.run", "pelican/__init__.py", "run"),
    ("read posts: ArticlesGenerator.generate_context", "pelican/generators.py", "generate_context"),
    ("  Readers.read_file (all sources)", "pelican/readers.py", "read_file"),
    ("    Markdown.convert", "markdown/core.py", "convert"),
    ("      Pygments highlight (codehilite)", "pygments/__init__.py", "highlight"),
    ("  Content.__init__ (content_object_init)", "pelican/contents.py", "__init__"),
    ("    sanitize: sanitize_content", "sanitize/sanitize.py", "sanitize_content"),
    ("content_guard: check_sources", "content_guard/content_guard.py", "check_sources"),
    ("content_guard: check_site", "content_guard/content_guard.py", "check_site"),
    ("content_guard: check_output", "content_guard/content_guard.py", "check_output"),
    ("topics: generate_context", "topics/topics.py", "generate_context"),
    ("topics: generate_output (pages+feeds)", "topics/topics.py", "generate_output"),
    ("members: generate_context", "members/members.py", "generate_context"),
    ("members: generate_output (pages+feeds)", "members/members.py", "generate_output"),
    ("related_posts: add_neighbours", "related_posts/related_posts.py", "add_neighbours"),
    ("events: generate_context", "events/events.py", "generate_context"),
    ("events: generate_output", "events/events.py", "generate_output"),
    ("Writer.write_feed (all feeds)", "pelican/writers.py", "write_feed"),
    ("  feeds: harden_feed (feed_generated)", "feeds/feeds.py", "harden_feed"),
    ("    feeds: absolute_html", "feeds/feed_urls.py", "absolute_html"),
    ("  feeds: add_stylesheet (feed_written)", "feeds/feeds.py", "add_stylesheet"),
    ("  feedgenerator: write", "feedgenerator/django/utils/feedgenerator.py", "write"),
    ("feeds: FeedIndexGenerator (json, opml)", "feeds/feed_index.py", "generate_output"),
    ("Writer.write_file (all HTML pages)", "pelican/writers.py", "write_file"),
    ("  Jinja Template.render", "jinja2/environment.py", "render"),
    ("  Content.get_content ({filename} links)", "pelican/contents.py", "get_content"),
    ("  sitemap: record (content_written)", "sitemap/sitemap.py", "record"),
    ("search: index_site (Pagefind subprocess)", "search/search.py", "index_site"),
    ("sitemap: sitemap + robots (write_files)", "sitemap/sitemap.py", "write_files"),
    ("url_lock: check_lock", "url_lock/url_lock.py", "check_lock"),
    ("redirects: RedirectGenerator", "redirects/redirects.py", "generate_output"),
    ("atomic_output: swap", "atomic_output/atomic_output.py", "swap"),
)


def stage_rows(stats):
    """[(label, calls, cumulative seconds)] of STAGES found in the profile (sum over matches)."""
    rows = []
    for label, path_end, name in STAGES:
        calls = seconds = 0
        for (path, _, function), (_, ncalls, _, cumulative, _) in stats.stats.items():
            if function == name and path.endswith(path_end):
                calls, seconds = calls + ncalls, seconds + cumulative
        if calls:
            rows.append((label, calls, seconds))
    return rows


def print_tables(prof, top):
    stats = pstats.Stats(str(prof))
    stats.strip_dirs()
    print(f"\n=== top {top} by cumulative time")
    stats.sort_stats("cumulative").print_stats(top)
    print(f"\n=== top {top} by own time (tottime)")
    stats.sort_stats("tottime").print_stats(top)
    print("\n=== stages and plugins (cumulative seconds; nested, so they overlap)")
    full = pstats.Stats(str(prof))  # full paths, to tell the plugins apart
    for label, calls, seconds in stage_rows(full):
        print(f"{label:<52} {calls:>8} calls {seconds:>8.2f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="corpus bench/work/nN (made by run.py)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--stats", help="only print the tables of this profile")
    args = parser.parse_args()
    if args.stats:
        print_tables(args.stats, args.top)
        return
    work = SITE / "bench" / "work" / f"n{args.n}"
    if not (work / "content").is_dir() or not (work / "urls.lock").is_file():
        sys.exit(f"no corpus in {work}: run `BENCH_N={args.n} make bench` first")
    prof = work / "b.prof"
    cmd = command("b", work, work / "out-profile")
    cmd[1:1] = ["-m", "cProfile", "-o", str(prof)]  # python -m cProfile -o prof -m pelican ...
    result = measure(cmd, work / "profile.log")
    print(f"profiled build: {result['wall']:.2f} s wall (with cProfile's overhead), "
          f"peak tree RSS {result['tree_rss_mb']:.0f} MB, largest process "
          f"{result['max_rss_mb']:.0f} MB")  # fmt: skip
    print_tables(prof, args.top)
    shutil.rmtree(work / "out-profile", ignore_errors=True)


if __name__ == "__main__":
    main()
