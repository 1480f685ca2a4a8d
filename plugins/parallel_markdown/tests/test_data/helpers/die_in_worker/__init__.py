"""Test-only plugin: a Markdown worker process dies (os._exit, as if killed) when it reads the
file named by the setting DIE_IN_WORKER; the build process reads it normally."""

import os

from pelican import signals
from pelican.readers import MarkdownReader

_build_process = []


def remember_build_process(pelican):
    _build_process[:] = [os.getpid()]


def dying(reader_class):
    class DyingReader(reader_class):
        def read(self, source_path):
            victim = self.settings.get("DIE_IN_WORKER")
            if os.getpid() not in _build_process and os.path.basename(source_path) == victim:
                os._exit(9)
            return super().read(source_path)

    return DyingReader


def install(readers):
    reader_class = readers.reader_classes.get("md")
    markdown = isinstance(reader_class, type) and issubclass(reader_class, MarkdownReader)
    if markdown and reader_class.__name__ != "DyingReader":
        readers.reader_classes["md"] = dying(reader_class)


def register():
    signals.initialized.connect(remember_build_process)
    signals.readers_init.connect(install)
