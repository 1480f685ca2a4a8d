"""Markdown parsed on every core: a process pool reads the posts while Pelican builds its context.

Python-Markdown is most of a cold build's time and uses one core. When a build starts
(`get_generators`) this plugin forks a pool of PARALLEL_MARKDOWN_WORKERS processes (default: one
per core; 0 or 1 turns the plugin off) and hands it every Markdown file under PATH. Each worker
runs Pelican's own `MarkdownReader.read`, with metadata left as the strings Markdown found (the
formatted fields, such as Summary, already converted to HTML). In the build process the Markdown
reader is replaced (`readers_init`) by one that takes a file's result from the pool and finishes
the metadata there with `process_metadata`, exactly as Pelican would, so Tags, Categories, dates
and every Pelican object live in the build process and the output is byte-identical to a
one-process build.

A file the pool did not parse (created during the build, outside PATH) or could not parse is read
in the build process by Pelican's reader, so its errors are reported exactly as without this
plugin. The pool is closed once all generators have read their content.

Another plugin may install its own Markdown reader (plugins/render_budget puts each read under a
time budget). The pooled reader is derived from the reader class the build uses, pool outermost,
and the workers read with that same class: a worker that runs out of time is stopped by the
budget, not left to hang the pool. Its reader answers the budget's `over_budget(path)` with the
marker OVER_BUDGET, which the build process hands to the budget's own `over_budget` instead of
reading (and timing) the file a second time.
"""

import functools
import logging
import multiprocessing
import os

from pelican import signals
from pelican.readers import MarkdownReader, Readers
from pelican.utils import posixize_path

logger = logging.getLogger(__name__)


OVER_BUDGET = "over budget"  # a worker's result for a file its reader ran out of time on


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


def parse(path):
    """In a worker: (path, (html, raw metadata)) or (path, None) when the file cannot be read."""
    try:
        return path, _worker_reader.read(path)
    except Exception:  # read again in the build process, which reports the error properly
        return path, None


class MarkdownPool:
    """The pool of one build and the results it has sent back so far."""

    def __init__(self, settings, paths, workers):
        global _worker_reader
        _worker_reader = worker_reader(settings)  # inherited by the forked workers
        self.pending = set(paths)
        self.results = {}
        self.pool = multiprocessing.get_context("fork").Pool(workers)
        self.stream = self.pool.imap_unordered(parse, sorted(paths), chunksize=4)

    def take(self, path):
        """The worker's result for `path`, waiting for it; None if the pool does not have it."""
        if path not in self.pending:
            return None
        while path not in self.results:
            done, result = next(self.stream)
            self.results[done] = result
        self.pending.discard(path)
        return self.results.pop(path)

    def close(self):
        self.pool.terminate()
        self.pool.join()


_pool = None


def markdown_files(settings):
    """Every Markdown file under PATH, as the absolute paths Pelican's readers are given."""
    extensions = tuple(f".{ext}" for ext in MarkdownReader.file_extensions)
    root = os.path.abspath(settings["PATH"])
    output = os.path.abspath(settings["OUTPUT_PATH"])
    found = []
    for folder, subfolders, names in os.walk(root, followlinks=True):
        subfolders[:] = [
            name for name in subfolders if os.path.join(folder, name) != output
        ]  # a content folder may contain the output folder
        found += [os.path.join(folder, name) for name in names if name.endswith(extensions)]
    return found


def start_pool(pelican):
    """get_generators: a build starts; parse all Markdown files in the background."""
    global _pool
    stop_pool()
    settings = pelican.settings
    workers = settings.get("PARALLEL_MARKDOWN_WORKERS", os.cpu_count() or 1)
    if settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"):
        workers = 0  # an incremental build: Pelican's content cache has the unchanged files
    if workers and workers > 1:
        _pool = MarkdownPool(settings, markdown_files(settings), workers)


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
        self._source_path = source_path
        return content, {name: self.process_metadata(name, v) for name, v in raw_metadata.items()}


@functools.cache
def pooled(reader_class):
    """`reader_class` (a MarkdownReader) reading through the pool first."""
    if reader_class is MarkdownReader:
        return PooledMarkdownReader
    return type(reader_class.__name__, (PooledMarkdownReader, reader_class), {})


def use_pooled_reader(readers):
    """readers_init: the Markdown extensions are read through the pool."""
    for extension in MarkdownReader.file_extensions:
        reader_class = readers.reader_classes.get(extension)
        markdown = isinstance(reader_class, type) and issubclass(reader_class, MarkdownReader)
        if markdown and not issubclass(reader_class, PooledMarkdownReader):
            readers.reader_classes[extension] = pooled(reader_class)


def register():
    signals.get_generators.connect(start_pool)
    signals.readers_init.connect(use_pooled_reader)
    signals.all_generators_finalized.connect(stop_pool)
