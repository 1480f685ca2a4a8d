"""error_report in-process: the headline over the problems, and Pelican's warnings about what
content_guard reports with its line dropped, only those. (A build without those warnings is
shown end to end by plugins/tools/devserver/tests/test_previews.py: its log holds no WARNING.)"""

import logging
import os

from plugins.guard.content_guard.problems import Problem
from plugins.model.error_report.error_report import (
    CHECK_HEADLINE,
    EMPTY_ALT,
    HEADLINE,
    MISSING_FILE_STAMP,
    NOT_FOUND_SUMMARY,
    UNABLE_TO_FIND,
    ContentError,
    ContentErrorPrinter,
    CoveredWarnings,
    headline_for,
)


def record(name, msg, *args, level=logging.WARNING, error=None):
    exc_info = (type(error), error, None) if error else None
    return logging.LogRecord(name, level, __file__, 1, msg, args, exc_info)


def test_the_headline_says_what_stopped():
    assert headline_for({}) == HEADLINE
    assert headline_for({"CONTENT_GUARD_REPORT": True}) == CHECK_HEADLINE  # make check
    assert headline_for({"CONTENT_GUARD_REPORT": True, "ERROR_REPORT_HEADLINE": ""}) == ""


def test_a_content_error_is_printed_under_the_headline(capsys):
    printer = ContentErrorPrinter()
    printer.headline = CHECK_HEADLINE
    other = ValueError("not about content")
    assert printer.filter(record("pelican", "%s", other, level=logging.CRITICAL, error=other))
    assert capsys.readouterr().err == ""  # not a content error: logged as usual
    error = ContentError("content/posts/a.md:3: bad \x1b[31m (fix)")
    assert not printer.filter(record("pelican", "%s", error, level=logging.CRITICAL, error=error))
    printed = capsys.readouterr().err
    assert printed == "\nThe content needs fixing:\ncontent/posts/a.md:3: bad \\x1b[31m (fix)\n\n"
    printer.headline = ""
    printer.filter(record("pelican", "%s", error, level=logging.CRITICAL, error=error))
    assert capsys.readouterr().err == "\ncontent/posts/a.md:3: bad \\x1b[31m (fix)\n\n"


def test_only_the_warnings_content_guard_covers_are_dropped():
    post = "content/posts/a.md"
    problems = [
        Problem(post, 7, "link '{filename}<b>x</b>.md' points at nothing: there is no ...", "-"),
        Problem(post, 8, "image '{static}/images/b.png' has no alt text", "-"),
        Problem(
            post,
            8,
            "image '{static}/images/b.png' points at nothing: there is no content/images/b.png",
            "-",
        ),
    ]
    warnings = CoveredWarnings(lambda: problems)
    gone = FileNotFoundError(2, "No such file or directory")
    covered = [
        record("pelican.contents", UNABLE_TO_FIND, "&lt;b&gt;x&lt;/b&gt;.md"),  # as in the HTML
        record("pelican.readers", EMPTY_ALT, "b.png", os.path.abspath(post)),
        record("pelican.cache", MISSING_FILE_STAMP, os.path.abspath("content/images/b.png"), gone),
        record("pelican.contents", NOT_FOUND_SUMMARY),  # LimitFilter's 5th: all were covered
    ]
    assert [warnings.filter(r) for r in covered] == [False] * 4
    # What the guard did not report is still logged: a link in the Summary, an image of another
    # post, a file that cannot be read; and from then on the summary of that kind too.
    logged = [
        record("pelican.contents", UNABLE_TO_FIND, "elsewhere.md"),
        record("pelican.readers", EMPTY_ALT, "b.png", os.path.abspath("content/posts/c.md")),
        record("pelican.cache", MISSING_FILE_STAMP, "content/images/b.png", PermissionError()),
        record("pelican.contents", NOT_FOUND_SUMMARY),
        record("pelican.contents", "Replacement Indicator %r not recognized", "x"),
    ]
    assert [warnings.filter(r) for r in logged] == [True] * 5
    assert CoveredWarnings(lambda: []).filter(covered[0])  # content_guard is not running
