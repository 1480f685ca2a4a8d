"""A time budget for rendering one Markdown file: no source can keep the build busy for long.

Python-Markdown takes time that grows faster than the size of some inputs (tens of thousands of
unclosed `[` take minutes), and content comes from pull requests. On `readers_init` this plugin
puts the Markdown reader under a budget of RENDER_BUDGET_SECONDS (default 10; 0 or None: no
budget) of CPU time: `read` runs with a one-shot ITIMER_PROF timer whose SIGPROF raises
OverBudget inside the Markdown conversion. The timer counts the CPU time of the reading process
(user and system, as time.process_time does), not the wall clock: a machine busy with other
work makes a read slower, never refused, so a file's verdict does not depend on what else runs
beside the build (the wall-clock timer, ITIMER_REAL and SIGALRM, stays free for anything else,
e.g. a test's own alarm). A process whose reading thread used that much CPU time has taken at
least that long on the clock too, which is what the error says. The previous SIGPROF handler
and timer are put back after every read, less the CPU time spent inside (a timer that came due
meanwhile fires right away). Signals reach only the main thread, so a read in any other thread
runs without a budget; Pelican's builds and the dev server's forked builds read in their main
thread.

A file over budget stops the build with one line per file, printed by plugins/model/error_report:

    content/posts/x.md:1: Markdown took longer than 10 s to render (simplify the file: ...)

Pelican's article and page generators catch any exception of a reader, log "Could not process"
and skip the file (with `--fatal errors` that log line itself aborts the build with a
traceback). So a read they make (announced by `article_generator_preread` or
`page_generator_preread`) is not refused by raising: the reader records the file and returns
Pelican's documented skip result (`status: skip`, content None, which the content cache never
serves again), and `page_generator_finalized` (sent after the articles and pages have been read)
raises one RenderBudgetError listing every file over budget. A read from anywhere else (the
topics of plugins/kinds/topics, the dev server's preview) does not catch exceptions: there the
reader
raises RenderBudgetError at once.

The budget's reader, BudgetMarkdownReader, takes the place of Pelican's MarkdownReader for every
Markdown extension, and asks plugins/model/read_cache first: a source read before by the same code
and settings is not read again. A plugin that wants a Markdown reader of its own derives it from
BudgetMarkdownReader, so that its reads stay under the budget.
"""

import signal
import threading
import time

from pelican import signals
from pelican.readers import MarkdownReader

from plugins.model import build as build_object
from plugins.model.build import build_of
from plugins.model.defaults import use_defaults
from plugins.model.error_report import ContentError, display_path
from plugins.model.read_cache import read_cache_of

DEFAULTS = {"RENDER_BUDGET_SECONDS": 10}
FIX = (
    "simplify the file: Python-Markdown slows down on long runs of unfinished markup, "
    "e.g. unclosed [ brackets or deeply nested lists; RENDER_BUDGET_SECONDS sets the limit"
)


class OverBudget(BaseException):
    """Raised by the timer inside the conversion. A BaseException, so that no `except
    Exception` in Markdown or its extensions can swallow it and carry on converting."""


class RenderBudgetError(ContentError):
    """Files whose Markdown took longer than the budget: one `path:1: ...` line each."""

    def __init__(self, paths, seconds):
        self.paths, self.seconds = list(paths), seconds
        lines = [
            f"{display_path(path)}:1: Markdown took longer than {seconds:g} s to render ({FIX})"
            for path in self.paths
        ]
        super().__init__("\n".join(lines))


def budget_seconds(settings):
    return settings.get("RENDER_BUDGET_SECONDS", DEFAULTS["RENDER_BUDGET_SECONDS"])


def run_within(seconds, function, *arguments):
    """function(*arguments); OverBudget when it uses more than `seconds` of this process's CPU
    time (main thread only)."""
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        return function(*arguments)
    active = True

    def expire(signum, frame):
        if active:  # the read may have ended as the timer fired: then nothing is left to stop
            raise OverBudget

    previous_handler = signal.signal(signal.SIGPROF, expire)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_PROF, seconds)
    started = time.process_time()
    try:
        return function(*arguments)
    finally:
        active = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous_handler)
        if previous_delay:
            left = previous_delay - (time.process_time() - started)
            signal.setitimer(signal.ITIMER_PROF, max(left, 1e-6), previous_interval)


# The build object's `budget_announced` is true while the article or page generator (which catch
# a reader's errors) is reading; its `over_budget` holds the paths over budget, refused at
# page_generator_finalized.


class BudgetMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, each `read` under the budget."""

    def read(self, source_path):
        cache = read_cache_of(self.settings)
        kept = cache.get(source_path, self.settings) if cache else None
        if kept is not None:  # read before, within the budget, by the same code and settings
            return kept
        seconds = budget_seconds(self.settings)
        try:
            result = run_within(seconds, super().read, source_path)
        except OverBudget:
            return self.over_budget(source_path)
        if cache:
            cache.put(source_path, result)
        return result

    def over_budget(self, source_path):
        """Skip the file and refuse it later (a generator that catches asked), else refuse now."""
        build = build_of(self.settings)
        if build.budget_announced:
            build.over_budget.append(source_path)
            return None, {"status": "skip"}
        raise RenderBudgetError([source_path], budget_seconds(self.settings))


def use_budget(readers):
    """readers_init: every extension Pelican reads with its MarkdownReader is read under the
    budget."""
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = BudgetMarkdownReader


def announce(generator):
    """article_generator_preread, page_generator_preread: a read whose errors are caught."""
    build_of(generator.settings).budget_announced = True


def stop_announcing(generator):
    """article_generator_finalized: the articles are read; pages announce their own reads."""
    build_of(generator.settings).budget_announced = False


def refuse_files_over_budget(sender):
    """page_generator_finalized (and all_generators_finalized, in case): stop the build."""
    build = build_of(sender_settings(sender))
    build.budget_announced = False
    over, build.over_budget = build.over_budget, []
    if over:
        raise RenderBudgetError(sorted(set(over)), budget_seconds(sender_settings(sender)))


def sender_settings(sender):
    if isinstance(sender, list):  # all_generators_finalized sends the list of generators
        sender = sender[0]
    return sender.settings


def register():
    build_object.register()
    use_defaults(DEFAULTS)
    signals.readers_init.connect(use_budget)
    signals.article_generator_preread.connect(announce)
    signals.page_generator_preread.connect(announce)
    signals.article_generator_finalized.connect(stop_announcing)
    signals.page_generator_finalized.connect(refuse_files_over_budget)
    signals.all_generators_finalized.connect(refuse_files_over_budget)
