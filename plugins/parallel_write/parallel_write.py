"""Pages and feeds rendered on every core: the build forks once its content is read.

Rendering thousands of pages with Jinja and writing hundreds of feeds is, after Markdown, most of
a build, and Pelican does it on one core. Once plugins/output_plan has planned every file of the
build (at `get_writer`, just before anything is written), this plugin forks
PARALLEL_WRITE_WORKERS - 1 processes (0 or 1 turns it off, a number forces that many). When it
is None (the default): one process per core, but only when the plan has at least
PARALLEL_WRITE_MIN_FILES writer calls; below that a fork's start-up and hand-over cost more than
the pages it would render (bench/README.md has the measurements behind the default). Every process
goes through the generators' `generate_output` with a writer that renders and writes only its
share: the call at position n of the plan is written by process n mod workers, so a call a
generator skips in one process cannot shift the others. Pages hold no state between calls, so
the output is byte-identical to a one-process build.

A forked process runs the output loop itself (from the generators it saw at
`all_generators_finalized`), hands what plugins registered with `share_with_build_process` back
through a pipe, and exits; it never reaches `finalized`. Files not written through the writer
are left to the build process: the static files (StaticGenerator is skipped in forks) and what a
generator writes itself (the JSON Feed, calendars: `writer.write_own_file` writes only in the
build process). The build process writes its share in Pelican's own loop, then, in
the COLLECT finishing step (plugins/finishing, before any other), waits for the forks and fails
the build if one failed, so a half-written output is never swapped in.
"""

import logging
import os
import pickle
import sys

from pelican import signals
from pelican.generators import StaticGenerator

from plugins.compat import reset_console_locks
from plugins.defaults import use_defaults
from plugins.finishing import COLLECT, add_step
from plugins.output_plan import use_writer_strategy

logger = logging.getLogger(__name__)

DEFAULTS = {"PARALLEL_WRITE_WORKERS": None, "PARALLEL_WRITE_MIN_FILES": 600}

_shared = []  # (collect, merge): state a plugin gathers while pages are written
_workers = []  # in the build process: (pid, read end of its pipe) of each forked writer
_generators = []  # the generators of the running build


class ParallelWriteError(Exception):
    """A forked writer failed: the build fails. Its own error was printed by the fork (plainly
    when it is a content error, with its traceback otherwise), so this one needs no traceback."""

    content_error = True
    headline = "Build stopped: a process writing pages failed."


def share_with_build_process(collect, merge):
    """`collect()` in each forked writer when it is done, `merge(value)` in the build process.

    For plugins that gather state from `content_written`/`feed_written` (which are sent in the
    process that wrote the file). `collect` must return something picklable.
    """
    if all(existing != collect for existing, _ in _shared):
        _shared.append((collect, merge))


def writer_class(base, rank, count):
    """The writer of process `rank`: the planned calls numbered rank, rank + count, ..."""

    class PartitionedWriter(base):
        is_build_process = rank == 0

        def mine(self, name):
            return self.plan.rank_of[name] % count == rank

    return PartitionedWriter


def reset_locks_after_fork():
    """A thread (rich's status spinner) may have held the console's locks when we forked."""
    from pelican.log import console

    reset_console_locks(console)


def remember_generators(generators):
    """all_generators_finalized: the generators whose output the forked writers will write."""
    _generators[:] = generators


def cores():
    """The cores this process may run on (a container or taskset may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def writer_count(settings, calls):
    """How many processes share `calls` planned writer calls (1: the build process alone)."""
    count = settings.get("PARALLEL_WRITE_WORKERS", DEFAULTS["PARALLEL_WRITE_WORKERS"])
    if count is None:
        least = settings.get("PARALLEL_WRITE_MIN_FILES", DEFAULTS["PARALLEL_WRITE_MIN_FILES"])
        count = cores() if calls >= least else 1
    return max(count, 1)


def fork_writers(pelican, plan, base):
    """The output plan's writer strategy: fork the other writers, each writes its share; the
    build process writes its own share through the writer returned here, in Pelican's loop."""
    count = writer_count(pelican.settings, len(plan.rank_of))
    logger.debug("parallel_write: %d planned writer calls, %d processes", len(plan.rank_of), count)
    if count <= 1 or not _generators:
        return None
    _workers.clear()
    sys.stdout.flush()
    sys.stderr.flush()
    for rank in range(1, count):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            for _, other_read_end in _workers:
                os.close(other_read_end)
            write_share_and_exit(pelican, writer_class(base, rank, count), write_end)
        os.close(write_end)
        _workers.append((pid, read_end))
    return writer_class(base, 0, count)


def write_share_and_exit(pelican, writer_cls, pipe_end):
    """In a forked writer: Pelican's output loop with our writer, then hand over and exit. The
    static files (copied, not written through the writer) are left to the build process."""
    reset_locks_after_fork()
    status = 0
    try:
        writer = writer_cls(pelican.output_path, settings=pelican.settings)
        for generator in _generators:
            if hasattr(generator, "generate_output") and not isinstance(generator, StaticGenerator):
                generator.generate_output(writer)
        state = [collect() for collect, _ in _shared]
        with os.fdopen(pipe_end, "wb") as pipe:
            pickle.dump(state, pipe)
    except BaseException as error:
        # Printed as the build process prints it: plugins/error_report shows a content error
        # as its `path:line` message, anything else with its traceback.
        logger.critical("%s: %s", type(error).__name__, error, exc_info=error)
        status = 1
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def collect_writers(pelican):
    """COLLECT step: wait for the forked writers and merge what they hand over."""
    failed = []
    workers, _workers[:] = list(_workers), []
    for pid, read_end in workers:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            failed.append(pid)
            continue
        for (_, merge), value in zip(_shared, pickle.loads(data), strict=True):
            merge(value)
    if failed:
        raise ParallelWriteError(
            f"{len(failed)} of the processes writing pages failed (see the errors above); "
            "the output was not changed"
        )


def register():
    use_defaults(DEFAULTS)
    signals.all_generators_finalized.connect(remember_generators)
    use_writer_strategy(fork_writers)
    add_step(collect_writers, COLLECT)
