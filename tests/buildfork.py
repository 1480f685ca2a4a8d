"""`pelican ARGV` in a child forked from the test process: a real build without the start-up.

A build in a new interpreter spends most of its second starting Python and importing Pelican,
Markdown, Pygments and the plugins. The test process has imported Pelican (conftest.py); a child
forked from it runs `pelican.main(argv)` with the very arguments of the command line, in the
working folder and environment given, its stdout and stderr in files of its own, and exits with
Pelican's exit code. The plugins keep no state between builds (plugins/model/build.py; see
test_build_object.py), but Pelican and the libraries do: the signal receivers of
the plugins a test's settings list, the log filters error_report adds, Pelican's warning
de-duplication, exit handlers, a crash. All of it dies with the child, so every build starts as
clean as `python -m pelican` does: the test process itself never builds.

Differences from a new interpreter, each handled here:
- pytest's log capture handlers are on the root logger, where Pelican's logging.basicConfig would
  then add nothing: the child removes them, so Pelican installs its own handler as usual;
- the rich console of Pelican was made when this process imported it: it is given the width of
  COLUMNS (200 in the tests' environment) so long lines are not wrapped differently;
- the exit handlers of this process (pytest's) must not run in the child, which leaves with
  os._exit; the handlers the build registers (atomic_output discards an unfinished staging folder)
  are collected while it runs and called before that, as at the end of `python -m pelican`.

What every build imports (Pelican's generators, readers and writers, the site's plugins) is
imported here once, so that a child starts with it loaded: a quarter of a small site's build
was spent importing it again in each child. Importing runs no plugin's `register()`: each build
still connects its own receivers.
"""

import atexit
import gc
import importlib
import logging
import os
import runpy
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

import pelican  # imports its generators, readers and writers
from pelican.log import console

SITE_SETTINGS = Path(__file__).resolve().parents[1] / "pelicanconf.py"
for plugin in runpy.run_path(str(SITE_SETTINGS))["PLUGINS"]:
    importlib.import_module(plugin)
importlib.import_module("plugins.model.digests").installed_versions()  # kept for each child

CRASHED = 70  # the child's own code failed (not Pelican): its traceback is on stderr


def build_in_fork(arguments, *, cwd, env, timeout):
    """Run `pelican ARGUMENTS` in a forked child; return a CompletedProcess like subprocess.run's
    (text stdout and stderr). A child still running after `timeout` seconds is killed and
    subprocess.TimeoutExpired raised with what it printed, as subprocess.run does. The timeout
    is a guard against a hung build (minutes: conftest.run_pelican's default), never a measure
    of speed: a busy machine makes a build slower, not failed."""
    command = [sys.executable, "-m", "pelican", *arguments]
    return call_in_fork(lambda: build(arguments, cwd, env), command, timeout)


def call_in_fork(work, command, timeout):
    """`work()` in a forked child, its return value the exit code and its stdout and stderr in
    files of its own; a CompletedProcess named `command`, as build_in_fork's."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = fork()
        if pid == 0:
            in_child(work, out.fileno(), err.fileno())  # never returns
        code = wait(pid, timeout)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", errors="replace")
        stderr = err.read().decode("utf-8", errors="replace")
    if code is None:
        raise subprocess.TimeoutExpired(command, timeout, output=stdout, stderr=stderr)
    return subprocess.CompletedProcess(command, code, stdout, stderr)


def fork():
    """os.fork(), with every object of this process frozen (gc.freeze) as it forks and thawed
    again in this process only: the child's garbage collector then never walks, and so never
    copies, the memory it shares with this process (a test process's whole heap: pytest, Pelican,
    lxml, Playwright). The tests that build in forks took 6 % less time with it (56-58 s against
    59-63 s, alternating runs of `pytest -m "not browser and not devserver"` on 2 cores)."""
    gc.freeze()
    pid = os.fork()
    if pid:
        gc.unfreeze()
    return pid


def wait(pid, timeout):
    """The exit code of the child `pid`, or None when it was still running after `timeout`
    seconds and has been killed; polling, so that a hung build can be stopped."""
    deadline = time.monotonic() + timeout
    pause = 0.001
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return None
        time.sleep(pause)
        pause = min(pause * 2, 0.02)


def child(arguments, cwd, env, out_fd, err_fd):
    """In the forked child: the build, as `python -m pelican ARGUMENTS`; then exit."""
    in_child(lambda: build(arguments, cwd, env), out_fd, err_fd)


def in_child(work, out_fd, err_fd):
    """In a forked child: stdout and stderr to the files given, `work()`, exit with its code."""
    code = CRASHED
    try:
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        code = work()
    except BaseException:
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def build(arguments, cwd, env):
    """The build of `python -m pelican ARGUMENTS` in this (forked) process: its exit code."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = [os.path.join(os.path.dirname(pelican.__file__), "__main__.py"), *arguments]
    for handler in list(logging.root.handlers):
        logging.root.removeHandler(handler)
    logging.root.setLevel(logging.WARNING)
    columns = env.get("COLUMNS", "")
    console.size = (int(columns) if columns.isdigit() else 80, 25)
    exit_handlers = []
    atexit.register = lambda function, *args, **kwargs: exit_handlers.append(
        (function, args, kwargs)
    )
    code = run(arguments)
    for function, args, kwargs in reversed(exit_handlers):
        try:
            function(*args, **kwargs)
        except Exception:
            traceback.print_exc()
    return code


def run(arguments):
    """pelican.main's exit code: SystemExit's code, 0 when it returns."""
    try:
        pelican.main(arguments)
    except SystemExit as stop:
        if stop.code is None:
            return 0
        if isinstance(stop.code, int):
            return stop.code
        print(stop.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()  # as the interpreter prints an uncaught exception
        return 1
    return 0
