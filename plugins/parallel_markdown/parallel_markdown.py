"""Markdown parsed on every core: a process pool reads the posts while Pelican builds its context.

Python-Markdown is most of a cold build's time and uses one core. When a build starts
(`get_generators`) this plugin forks a pool of processes and hands it every Markdown file under
PATH. How many: PARALLEL_MARKDOWN_WORKERS (0 or 1 turns the plugin off, a number forces that
many); when it is None (the default), one per core, but only for a site of at least
PARALLEL_MARKDOWN_MIN_FILES Markdown files: forking is cheap, yet on a
small site the pool's start-up costs more than the parse it saves (bench/README.md has the
measurements behind the default). Each worker runs Pelican's own `MarkdownReader.read`, with
metadata left as the strings Markdown found (the formatted fields, such as Summary, already
converted to HTML). In the build process the Markdown reader is replaced (`readers_init`) by one
that takes a file's result from the pool and finishes the metadata there with
`process_metadata`, exactly as Pelican would, so Tags, Categories, dates and every Pelican
object live in the build process and the output is byte-identical to a one-process build.

The pool is a `concurrent.futures.ProcessPoolExecutor`: a worker that dies (killed, out of
memory) breaks the pool, and every result still awaited raises BrokenProcessPool instead of
waiting forever. The build process then reads the remaining files itself, after one warning.
A file the pool did not parse (created during the build, outside PATH) or could not parse is
read in the build process by Pelican's reader too, so its errors are reported exactly as
without this plugin. The pool is shut down once all generators have read their content. A
build that fails before that leaves the queued files to be parsed before the process exits
(the executor finishes its queue at exit): a failing build takes at most the parse time a
successful one would have.

The workers are forked from a build process that may run threads (rich's status spinner): the
worker initializer gives rich's console and the logging handlers fresh locks, in case a thread
held one at the instant of the fork.

Another plugin may install its own Markdown reader (plugins/render_budget puts each read under a
time budget). The pooled reader is derived from the reader class the build uses, pool outermost,
and the workers read with that same class: a worker that runs out of time is stopped by the
budget, not left to hang the pool. Its reader answers the budget's `over_budget(path)` with the
marker OVER_BUDGET, which the build process hands to the budget's own `over_budget` instead of
reading (and timing) the file a second time.

At DEBUG level (`pelican -D`) the pool says, when it closes, how many files its workers parsed
and how many the build process read itself.
"""

import atexit
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from pelican import signals
from pelican.readers import MarkdownReader, Readers
from pelican.utils import posixize_path

from plugins.compat import note_source_path, reset_console_locks
from plugins.defaults import use_defaults
from plugins.markdown_readers import use_reader_mixin
from plugins.parallel_write.parallel_write import cores  # one rule for both pools

logger = logging.getLogger(__name__)

DEFAULTS = {"PARALLEL_MARKDOWN_WORKERS": None, "PARALLEL_MARKDOWN_MIN_FILES": 200}
CHUNK = 4  # files per task: few round trips, yet the last tasks still spread over the workers
OVER_BUDGET = "over budget"  # a worker's result for a file its reader ran out of time on


def pool_size(settings, files):
    """How many workers parse `files` Markdown files: 0 for none (the build reads them)."""
    workers = settings.get("PARALLEL_MARKDOWN_WORKERS", DEFAULTS["PARALLEL_MARKDOWN_WORKERS"])
    if workers is None:
        least = settings.get("PARALLEL_MARKDOWN_MIN_FILES", DEFAULTS["PARALLEL_MARKDOWN_MIN_FILES"])
        workers = cores() if files >= least else 0
    if settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"):
        workers = 0  # an incremental build: Pelican's content cache has the unchanged files
    return workers if workers > 1 and files else 0


class RawMetadataReader(MarkdownReader):
    """The workers' reader: the build's Markdown reader (derived from in `worker_reader`) minus
    the processing of metadata, which is done in the build process."""

    def process_metadata(self, name, value):
        return value

    def over_budget(self, source_path):
        return OVER_BUDGET  # the build process refuses the file (see PooledMarkdownReader)


def worker_reader(settings):
    """A RawMetadataReader on top of the Markdown reader class the build's readers will use."""
    build_class = Readers(settings).reader_classes.get("md") or MarkdownReader
    if not issubclass(build_class, MarkdownReader):
        build_class = MarkdownReader
    return type("RawMetadataReader", (RawMetadataReader, build_class), {})(settings)


_worker_reader = None  # one per worker process, made from the settings the pool was forked with


def reset_inherited_locks():
    """The worker initializer: fresh locks for what a thread of the build process may have held
    when the worker was forked. rich's console (Pelican's log handler prints through it) and the
    logging handlers; the logging module's own lock is reset by CPython at every fork."""
    from pelican.log import console

    reset_console_locks(console)
    for handler in logging.root.handlers:
        handler.createLock()


def parse(paths):
    """In a worker: (its pid, [(path, (html, raw metadata)) or (path, None) when the file cannot
    be read, or (path, OVER_BUDGET)])."""
    results = []
    for path in paths:
        try:
            results.append((path, _worker_reader.read(path)))
        except Exception:  # read again in the build process, which reports the error properly
            results.append((path, None))
    return os.getpid(), results


class MarkdownPool:
    """The pool of one build and what it has handed back so far."""

    def __init__(self, settings, paths, workers):
        global _worker_reader
        _worker_reader = worker_reader(settings)  # inherited by the forked workers
        self.executor = ProcessPoolExecutor(
            workers, multiprocessing.get_context("fork"), initializer=reset_inherited_locks
        )
        self.tasks = {}  # path: the future of the task that parses it
        self.results = {}  # path: what its task returned, until the reader takes it
        self.worker_pids, self.parsed, self.read_here, self.broken = set(), 0, 0, False
        ordered = sorted(paths)
        for start in range(0, len(ordered), CHUNK):
            chunk = tuple(ordered[start : start + CHUNK])
            task = self.executor.submit(parse, chunk)
            self.tasks.update(dict.fromkeys(chunk, task))

    def take(self, path):
        """The worker's result for `path`, waiting for it; None if the pool does not have it."""
        task = self.tasks.pop(path, None)
        if task is not None and path not in self.results:
            try:
                pid, results = task.result()  # a task done before the pool broke still has it
            except BrokenProcessPool:
                if not self.broken:
                    self.broken = True
                    logger.warning(
                        "parallel_markdown: a Markdown worker process died; "
                        "the build process reads the remaining files itself"
                    )
            else:
                self.worker_pids.add(pid)
                self.results.update(results)
        result = self.results.pop(path, None)
        if result is None:
            self.read_here += 1
        else:
            self.parsed += 1
        return result

    def close(self):
        self.executor.shutdown(wait=True, cancel_futures=True)
        logger.debug(
            "parallel_markdown: %d worker processes parsed %d Markdown files; "
            "the build process read %d itself",
            len(self.worker_pids - {os.getpid()}),
            self.parsed,
            self.read_here,
        )


_pool = None


def markdown_files(settings):
    """Every Markdown file under PATH, as the absolute paths Pelican's readers are given."""
    extensions = tuple(f".{ext}" for ext in MarkdownReader.file_extensions)
    root = os.path.abspath(settings["PATH"])
    output = os.path.abspath(settings["OUTPUT_PATH"])
    found = []
    # Links are not followed: plugins/content_guard refuses them, and a link to a parent folder
    # would make this walk go round the loop, counting the same files again and again.
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [
            name for name in subfolders if os.path.join(folder, name) != output
        ]  # a content folder may contain the output folder
        found += [os.path.join(folder, name) for name in names if name.endswith(extensions)]
    return found


def start_pool(pelican):
    """get_generators: a build starts; parse all Markdown files in the background."""
    global _pool
    stop_pool()
    paths = markdown_files(pelican.settings)
    workers = pool_size(pelican.settings, len(paths))
    if workers:
        _pool = MarkdownPool(pelican.settings, paths, workers)
        # A build that fails between get_generators and all_generators_finalized (a content
        # error) never reaches stop_pool: close the pool at exit, before multiprocessing's own
        # exit handler joins the workers (which would wait for work forever in a process that
        # does not run the interpreter's thread shutdown first, such as a forked build).
        atexit.unregister(stop_pool)
        atexit.register(stop_pool)


def stop_pool(*_):
    """all_generators_finalized (and the start of the next build): every source has been read."""
    global _pool
    if _pool is not None:
        _pool.close()
        _pool = None


class PooledMarkdownReader(MarkdownReader):
    """Takes what the pool parsed; reads the file itself when the pool has nothing for it."""

    def read(self, source_path):
        result = _pool.take(posixize_path(os.path.abspath(source_path))) if _pool else None
        if result == OVER_BUDGET and hasattr(self, "over_budget"):
            return self.over_budget(source_path)  # the worker's reader timed it already
        if result is None or result == OVER_BUDGET:
            return super().read(source_path)
        content, raw_metadata = result
        note_source_path(self, source_path)
        return content, {name: self.process_metadata(name, v) for name, v in raw_metadata.items()}


def use_pooled_reader(readers):
    """readers_init: the Markdown extensions are read through the pool first."""
    use_reader_mixin(readers, PooledMarkdownReader, outer=True)


def register():
    use_defaults(DEFAULTS)
    signals.get_generators.connect(start_pool)
    signals.readers_init.connect(use_pooled_reader)
    signals.all_generators_finalized.connect(stop_pool)
