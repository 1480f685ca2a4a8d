"""Content errors are printed as plain `path:line: message (how to fix)` lines.

Pelican reports an exception that stops a build with a critical log record and its traceback,
wrapped to the terminal width. For mistakes in content a traceback is noise: the plugins of
this site raise exceptions whose class sets `content_error = True`, and this filter prints
their message as it is, unwrapped, to stderr, instead of the rich log record. The build still
exits non-zero (Pelican's own exit path is unchanged). Any other exception is logged as usual.
"""

import logging
import sys

HEADLINE = "Build stopped: the content needs fixing before the site can be built."


class ContentErrorPrinter(logging.Filter):
    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if getattr(error, "content_error", False):
            sys.stderr.write(f"\n{HEADLINE}\n{error}\n\n")
            sys.stderr.flush()
            return False
        return True


def register():
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, ContentErrorPrinter) for f in pelican_logger.filters):
        pelican_logger.addFilter(ContentErrorPrinter())
