"""Content errors are printed as plain `path:line: message (how to fix)` lines.

Pelican reports an exception that stops a build with a critical log record and its traceback,
wrapped to the terminal width. For mistakes in content a traceback is noise: the plugins of
this site raise exceptions whose class sets `content_error = True`, and this filter prints
their message as it is, unwrapped, to stderr, instead of the rich log record. The build still
exits non-zero (Pelican's own exit path is unchanged). Any other exception is logged as usual.

The headline above the problems says what stopped: a build ("Build stopped: ..."), or, when
`make check` runs the build (CONTENT_GUARD_REPORT), the check ("The content needs fixing:").
ERROR_REPORT_HEADLINE sets another one ("" for none).

One line per problem: when content_guard is among the plugins, Pelican's own warnings about
what the guard reports as `path:line` (a `{filename}`/`{static}` link that points at nothing,
an image without alt text) are dropped. They name no line and come before the guard's list.
Each is matched against the problems the guard has found (it checks every source before
Pelican reads one): a warning it does not cover is still logged.

The other plugins import `ContentError`, `display_path` and `metadata_line` from here
(`from plugins.model.error_report import ContentError`): one error type for a mistake in content
(content_guard's ContentGuardError is one), one way to show a path, and one reader of the
metadata header (header.py) for the line of a key.
"""

import logging
import os
import re
import sys
from urllib.parse import unquote

from pelican import signals

from plugins.model.build import build_of
from plugins.model.plain_text import display_path, unescaped, visible
from plugins.model.plain_text.plain_text import HIDDEN_FORMAT

from .header import metadata_line

__all__ = ["ContentError", "display_path", "metadata_line", "register"]


class ContentError(Exception):
    """A mistake in content: its message is `path:line: what is wrong (how to fix it)`.

    A subclass for another kind of refusal (the output folder) may set its own `headline`."""

    content_error = True


HEADLINE = "Build stopped: the content needs fixing before the site can be built."
CHECK_HEADLINE = "The content needs fixing:"
UNPRINTABLE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029{HIDDEN_FORMAT}]")


def printable(message):
    """A message that quotes content cannot send escape sequences to the terminal or CI log, nor
    turn a line of it around (a bidirectional override in a file name): they show as escapes."""
    return UNPRINTABLE.sub(lambda found: visible(found.group()), message)


def headline_for(settings):
    """The line above the problems: ERROR_REPORT_HEADLINE, else the check's or the build's."""
    if settings.get("ERROR_REPORT_HEADLINE") is not None:
        return settings["ERROR_REPORT_HEADLINE"]
    return CHECK_HEADLINE if settings.get("CONTENT_GUARD_REPORT") else HEADLINE


class ContentErrorPrinter(logging.Filter):
    headline = HEADLINE  # set from the settings when the build starts (use_settings)

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if getattr(error, "content_error", False):
            headline = getattr(error, "headline", self.headline)
            lines = [headline] if headline else []
            sys.stderr.write("\n" + "\n".join([*lines, printable(str(error))]) + "\n\n")
            sys.stderr.flush()
            return False
        return True


# Pelican's warnings about what content_guard may report as `path:line` problems. A template is
# record.msg before formatting; LimitFilter replaces the fifth of a kind by its summary.
UNABLE_TO_FIND = "Unable to find '%s', skipping url replacement."
NOT_FOUND_SUMMARY = "Other resources were not found and their urls not replaced"
EMPTY_ALT = "Empty alt attribute for image %s in %s"
EMPTY_ALT_SUMMARY = "Other images have empty alt attributes"
MISSING_FILE_STAMP = "Cannot get modification stamp for %s\n\t%s"  # a {static} file not there
SUMMARIES = {NOT_FOUND_SUMMARY: UNABLE_TO_FIND, EMPTY_ALT_SUMMARY: EMPTY_ALT}
WATCHED_LOGGERS = ("pelican.contents", "pelican.readers", "pelican.cache")


def guard_problems(settings):
    """The problems content_guard has found so far in the build of `settings` (it checks every
    source before Pelican reads one), or [] when it is not running."""
    guard = build_of(settings).guard
    return list(guard.problems) if guard is not None else []


def covered(record, problems):
    """Whether one of `problems` already says what Pelican's warning `record` says."""
    args = record.args if isinstance(record.args, tuple) else ()
    if record.msg == UNABLE_TO_FIND and len(args) == 1:
        # Pelican quotes the link as found in the HTML; the guard as written in the source.
        target = unescaped(str(args[0]))  # never html.unescape's ValueError on 5,000 digits
        quoted = {f"}}{name}' points at nothing" for name in (target, unquote(target))}
        return any(text in problem.message for problem in problems for text in quoted)
    if record.msg == EMPTY_ALT and len(args) == 2:
        image, path = args
        return any(
            os.path.abspath(problem.path) == os.path.abspath(path)
            and problem.message.endswith("has no alt text")
            and f"{image}'" in problem.message
            for problem in problems
        )
    if record.msg == MISSING_FILE_STAMP and len(args) == 2:
        if not isinstance(args[1], FileNotFoundError):
            return False
        names = (f"there is no {display_path(args[0])}", f"there is no {args[0]}")
        return any(name in problem.message for problem in problems for name in names)
    return False


class CoveredWarnings(logging.Filter):
    """Drops Pelican's warnings that content_guard reports with their line. Only those: a
    warning no problem of the guard matches (a broken link in the Summary, a file that cannot
    be read) is logged, and so is LimitFilter's summary of a kind once one was logged."""

    def __init__(self, problems):
        """`problems()`: the guard's problems so far (guard_problems of the build's settings)."""
        super().__init__()
        self.problems = problems
        self.logged = set()  # templates of which a warning was let through

    def filter(self, record):
        if record.msg in SUMMARIES:
            return SUMMARIES[record.msg] in self.logged
        if record.msg not in (UNABLE_TO_FIND, EMPTY_ALT, MISSING_FILE_STAMP):
            return True
        if covered(record, self.problems()):
            return False
        self.logged.add(record.msg)
        return True


def plugin_names(settings):
    return {getattr(plugin, "__name__", str(plugin)) for plugin in settings.get("PLUGINS") or []}


def use_settings(pelican):
    """initialized: the headline for this build; drop the warnings content_guard covers."""
    settings = pelican.settings
    for existing in logging.getLogger("pelican").filters:
        if isinstance(existing, ContentErrorPrinter):
            existing.headline = headline_for(settings)
    if "plugins.guard.content_guard" not in plugin_names(settings):
        return  # nothing else reports them: Pelican's warnings stay
    # One, for the summaries: they count across loggers.
    covered_warnings = CoveredWarnings(lambda: guard_problems(settings))
    for name in WATCHED_LOGGERS:
        logger = logging.getLogger(name)
        for existing in [f for f in logger.filters if isinstance(f, CoveredWarnings)]:
            logger.removeFilter(existing)  # an earlier build's, in the same process
        logger.addFilter(covered_warnings)


def register():
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, ContentErrorPrinter) for f in pelican_logger.filters):
        pelican_logger.addFilter(ContentErrorPrinter())
    signals.initialized.connect(use_settings)
