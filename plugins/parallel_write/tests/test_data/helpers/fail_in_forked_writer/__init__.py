"""Test-only plugin: a page written by a forked writer (not the build process) raises."""

import os

from pelican import signals

_build_process = []


def remember_build_process(pelican):
    _build_process[:] = [os.getpid()]


def fail_outside_the_build_process(path, context):
    if os.getpid() not in _build_process:
        raise RuntimeError(f"fail_in_forked_writer: failing on purpose after writing {path}")


def register():
    signals.initialized.connect(remember_build_process)
    signals.content_written.connect(fail_outside_the_build_process)
