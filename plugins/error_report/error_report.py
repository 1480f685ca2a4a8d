"""Content errors are printed as plain `path:line: message (how to fix)` lines.

Pelican reports an exception that stops a build with a critical log record and its traceback,
wrapped to the terminal width. For mistakes in content a traceback is noise: the plugins of
this site raise exceptions whose class sets `content_error = True`, and this filter prints
their message as it is, unwrapped, to stderr, instead of the rich log record. The build still
exits non-zero (Pelican's own exit path is unchanged). Any other exception is logged as usual.

The other plugins import `ContentError`, `display_path` and `metadata_line` from here
(pelicanconf.py puts the plugins folder on sys.path).
"""

import logging
import os
import re
import sys


class ContentError(Exception):
    """A mistake in content: its message is `path:line: what is wrong (how to fix it)`.

    A subclass for another kind of refusal (the output folder) may set its own `headline`."""

    content_error = True


def display_path(path):
    """`path` relative to the working directory (the repository), absolute when outside it."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative


def metadata_line(path, key):
    """Line number of the `Key:` metadata line in the header of the file at `path`, else 1."""
    pattern = re.compile(rf"\s*{re.escape(key)}\s*:", re.IGNORECASE)
    try:
        with open(path, encoding="utf-8") as source:
            for number, text in enumerate(source, start=1):
                if not text.strip():
                    break  # the metadata header ends at the first blank line
                if pattern.match(text):
                    return number
    except OSError:
        pass
    return 1


HEADLINE = "Build stopped: the content needs fixing before the site can be built."
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(message):
    """A message that quotes content cannot send escape sequences to the terminal or CI log."""
    return UNPRINTABLE.sub(lambda found: f"\\x{ord(found.group()):02x}", message)


class ContentErrorPrinter(logging.Filter):
    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if getattr(error, "content_error", False):
            headline = getattr(error, "headline", HEADLINE)
            sys.stderr.write(f"\n{headline}\n{printable(str(error))}\n\n")
            sys.stderr.flush()
            return False
        return True


def register():
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, ContentErrorPrinter) for f in pelican_logger.filters):
        pelican_logger.addFilter(ContentErrorPrinter())
