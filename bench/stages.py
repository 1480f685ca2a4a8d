"""Wall time and memory of each stage and plugin of one full build (b), with little overhead.

    .venv/bin/python bench/stages.py --n 1000     (after `make bench` made bench/work/n1000)
    .venv/bin/python bench/stages.py --n 1000 --config a     (bare Pelican, for comparison)

cProfile roughly doubles this build's time, and most where Python calls are many and small (URL
properties, templates), so its seconds overstate those parts. This runs the same build as
bench/run.py's (b) in this process, with a timer around a few entry points only (Pelican's
stages, each plugin's signal handlers and generators, Markdown, Jinja, feeds), and samples the
RSS every 20 ms together with the innermost stage running. Times are inclusive (a stage's time
contains the stages it calls); for a stage that calls itself only the outer call counts.
"""

import argparse
import functools
import importlib
import inspect
import os
import resource
import sys
import threading
import time
from pathlib import Path

from run import command

SITE = Path(__file__).resolve().parent.parent
TIMED = (  # (label, module, attribute path)
    ("Pelican.run (whole build)", "pelican", "Pelican.run"),
    (
        "ArticlesGenerator.generate_context",
        "pelican.generators",
        "ArticlesGenerator.generate_context",
    ),
    ("PagesGenerator.generate_context", "pelican.generators", "PagesGenerator.generate_context"),
    ("  Readers.read_file", "pelican.readers", "Readers.read_file"),
    ("    Markdown.convert", "markdown.core", "Markdown.convert"),
    ("      Pygments (codehilite)", "markdown.extensions.codehilite", "highlight"),
    ("  Content.__init__", "pelican.contents", "Content.__init__"),
    ("    sanitize.sanitize_content", "plugins.guard.sanitize.sanitize", "sanitize_content"),
    ("content_guard.check_sources", "plugins.guard.content_guard.content_guard", "check_sources"),
    ("content_guard.check_site", "plugins.guard.content_guard.content_guard", "check_site"),
    ("content_guard.check_output", "plugins.guard.content_guard.content_guard", "check_output"),
    (
        "topics generate_context",
        "plugins.kinds.topics.topics",
        "TopicsGenerator.generate_context",
    ),
    (
        "members generate_context",
        "plugins.kinds.members.members",
        "MembersGenerator.generate_context",
    ),
    (
        "events generate_context",
        "plugins.kinds.events.events",
        "EventsGenerator.generate_context",
    ),
    (
        "related_posts.add_neighbours",
        "plugins.outputs.related_posts.related_posts",
        "add_neighbours",
    ),
    ("ArticlesGenerator.generate_feeds", "pelican.generators", "ArticlesGenerator.generate_feeds"),
    ("ArticlesGenerator.generate_pages", "pelican.generators", "ArticlesGenerator.generate_pages"),
    (
        "topics generate_output",
        "plugins.kinds.topics.topics",
        "TopicsGenerator.generate_output",
    ),
    (
        "members generate_output",
        "plugins.kinds.members.members",
        "MembersGenerator.generate_output",
    ),
    (
        "events generate_output",
        "plugins.kinds.events.events",
        "EventsGenerator.generate_output",
    ),
    (
        "social_cards generate_output",
        "plugins.outputs.social_cards.social_cards",
        "SocialCardsGenerator.generate_output",
    ),
    ("PagesGenerator.generate_output", "pelican.generators", "PagesGenerator.generate_output"),
    ("StaticGenerator.generate_output", "pelican.generators", "StaticGenerator.generate_output"),
    (
        "feeds FeedIndexGenerator (json, opml)",
        "plugins.outputs.feeds.feed_index",
        "FeedIndexGenerator.generate_output",
    ),
    (
        "redirects RedirectGenerator",
        "plugins.outputs.addresses.redirects",
        "RedirectGenerator.generate_output",
    ),
    ("Writer.write_feed", "pelican.writers", "Writer.write_feed"),
    ("  feeds.harden_feed", "plugins.outputs.feeds.feeds", "harden_feed"),
    ("    feeds.articles_by_link", "plugins.outputs.feeds.feeds", "articles_by_link"),
    ("    feeds.absolute_html (Atom/RSS)", "plugins.outputs.feeds.feeds", "absolute_html"),
    ("  feedgenerator Atom1Feed.write", "feedgenerator", "Atom1Feed.write"),
    ("  feedgenerator Rss201rev2Feed.write", "feedgenerator", "Rss201rev2Feed.write"),
    ("  feeds.add_stylesheet", "plugins.outputs.feeds.feeds", "add_stylesheet"),
    ("Writer.write_file", "pelican.writers", "Writer.write_file"),
    ("  Jinja Template.render", "jinja2.environment", "Template.render"),
    ("  listed.record (content_written)", "plugins.model.listed", "record"),
    ("Content.url (property, everywhere)", "pelican.contents", "Content.url"),
    ("search.index_site (Pagefind)", "plugins.outputs.search.search", "index_site"),
    ("sitemap.write_files", "plugins.outputs.sitemap.sitemap", "write_files"),
    ("url_lock.check_lock", "plugins.outputs.addresses.url_lock", "check_lock"),
    ("atomic_output.swap", "plugins.guard.atomic_output.atomic_output", "swap"),
)


class Timers:
    def __init__(self):
        self.totals = {label: [0, 0.0] for label, _, _ in TIMED}
        self.depth = dict.fromkeys(self.totals, 0)
        self.stack = []  # labels of the stages running, innermost last
        self.peak_in = {}  # label -> highest RSS (MB) sampled while it was innermost

    def wrap(self, label, function):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            if self.depth[label]:
                return function(*args, **kwargs)
            self.depth[label] += 1
            self.stack.append(label)
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.totals[label][0] += 1
                self.totals[label][1] += time.perf_counter() - start
                self.stack.pop()
                self.depth[label] -= 1

        return timed

    def install(self):
        for label, module_name, path in TIMED:
            owner = importlib.import_module(module_name)
            *parents, name = path.split(".")
            for parent in parents:
                owner = getattr(owner, parent)
            original = inspect.getattr_static(owner, name)
            if isinstance(original, property):
                wrapped = property(self.wrap(label, original.fget), original.fset)
            else:
                wrapped = self.wrap(label, original)
            setattr(owner, name, wrapped)

    def sample(self, done):
        page_mb = os.sysconf("SC_PAGE_SIZE") / 2**20
        while not done.wait(0.02):
            with open("/proc/self/statm") as statm:
                rss = int(statm.read().split()[1]) * page_mb
            stage = self.stack[-1] if self.stack else "(outside the timed stages)"
            self.peak_in[stage] = max(self.peak_in.get(stage, 0), rss)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="corpus bench/work/nN (made by run.py)")
    parser.add_argument("--config", choices=("a", "b"), default="b", help="as in bench/run.py")
    args = parser.parse_args()
    work = SITE / "bench" / "work" / f"n{args.n}"
    if not (work / "urls.lock").is_file():
        sys.exit(f"no corpus in {work}: run `BENCH_N={args.n} make bench` first")
    timers = Timers()
    timers.install()
    import pelican  # after install(): the patched classes are the ones Pelican uses

    done = threading.Event()
    threading.Thread(target=timers.sample, args=(done,), daemon=True).start()
    argv = command(args.config, work, work / "out-stages")
    argv = argv[3:]  # without "python -m pelican"
    start = time.perf_counter()
    try:
        pelican.main(argv)
    except SystemExit as exit_:
        if exit_.code:
            raise
    wall = time.perf_counter() - start
    done.set()

    print(f"\nbuild ({args.config}) of {work / 'content'}: {wall:.2f} s wall, in-process")
    print(f"{'stage (inclusive, nested by indent)':<44} {'calls':>8} {'seconds':>8} {'share':>6}")
    for label, (calls, seconds) in timers.totals.items():
        if calls:
            print(f"{label:<44} {calls:>8} {seconds:>8.2f} {seconds / wall:>6.0%}")
    mine = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\npeak RSS: this process (Pelican) {mine:.0f} MB, largest child (Pagefind) "
          f"{children:.0f} MB")  # fmt: skip
    print("highest RSS sampled while each stage was the innermost one running:")
    for stage, rss in sorted(timers.peak_in.items(), key=lambda item: -item[1]):
        print(f"  {rss:7.0f} MB  {stage}")


if __name__ == "__main__":
    main()
