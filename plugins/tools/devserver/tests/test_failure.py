"""The error page of a failed build and what it is made from, in-process (failure.py); the
browser test in test_previews.py shows it served, and gone after the fix."""

import logging

from plugins.guard.content_guard.problems import ContentGuardError, Problem
from plugins.model.error_report import ContentError
from plugins.tools.devserver.devserver import server_url
from plugins.tools.devserver.failure import MAX_LINES, BuildErrors, error_page
from plugins.tools.devserver.server import is_page


def record(level=logging.ERROR, message="", error=None):
    exc_info = (type(error), error, None) if error else None
    return logging.LogRecord("pelican", level, __file__, 1, message, (), exc_info)


def test_the_page_quotes_content_as_text():
    hostile = "content/posts/x.md:3: unknown topic '<script>alert(1)</script>' \x1b[2J\" & more"
    page = error_page({"code": 1, "errors": [hostile], "content_errors": True}).decode()
    assert "<script>" not in page.split("</head>")[1]  # the server injects livereload.js only
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\\x1b[2J&quot; &amp; more" in page and "\x1b" not in page
    assert "<h1>The content needs fixing</h1>" in page
    assert "<title>Build failed: 1 problem – make devserver</title>" in page
    assert page.count("</head>") == 1  # where the live-reload script goes


def test_a_long_list_is_cut_and_a_crash_or_an_exception_is_named():
    lines = [f"content/posts/x.md:{number}: a problem (fix it)" for number in range(1, 1001)]
    page = error_page({"code": 1, "errors": lines, "content_errors": True}).decode()
    assert page.count("<li><code>") == MAX_LINES
    assert f"and {1000 - MAX_LINES:,} more: the terminal lists them all" in page
    crashed = error_page({"code": -6, "errors": []}).decode()
    assert "<h1>The site could not be built</h1>" in crashed
    assert "The build crashed with signal 6." in crashed and "terminal" in crashed
    stopped = error_page({"code": 2}).decode()
    assert "The build stopped with exit code 2." in stopped


def test_build_errors_keeps_what_stopped_the_build_once():
    problems = [Problem("content/posts/a.md", 4, "empty Title", "give Title a value")]
    errors = BuildErrors()
    errors.filter(record(logging.CRITICAL, "stopped", ContentGuardError(problems)))
    errors.filter(record(logging.CRITICAL, "stopped", ContentGuardError(problems)))
    assert errors.result() == {
        "errors": ["content/posts/a.md:4: empty Title (give Title a value)"],
        "content_errors": True,
    }
    errors = BuildErrors()
    errors.filter(record(message="Could not process posts/a.md"))
    errors.filter(record(logging.CRITICAL, "", RuntimeError("Warning or error encountered")))
    errors.filter(record(logging.WARNING, "a warning is not what stopped it"))
    assert errors.result() == {"errors": ["Could not process posts/a.md"], "content_errors": False}
    errors = BuildErrors()
    errors.filter(record(logging.CRITICAL, "", KeyError("THEME")))
    errors.filter(record(logging.CRITICAL, "", ContentError("content/x.md:1: bad (fix)")))
    assert errors.result()["errors"] == ["KeyError: 'THEME'", "content/x.md:1: bad (fix)"]
    assert errors.result()["content_errors"] is False  # not only content: see the terminal


def test_pages_get_the_error_page_and_assets_do_not():
    assert all(map(is_page, ["", "posts/2025/x/", "about/index.html", "posts/2025/x", "a.htm"]))
    assert not any(map(is_page, ["theme/css/site.css", "feeds/all.atom.xml", "images/a.png"]))


def test_the_feed_domain_is_an_address_a_browser_can_reach():
    assert server_url("127.0.0.1", 8201) == "http://127.0.0.1:8201"
    assert server_url("0.0.0.0", 8000) == "http://127.0.0.1:8000"
    assert server_url("::", 8000) == "http://[::1]:8000"
    assert server_url("fe80::1", 80) == "http://[fe80::1]:80"
    assert server_url("localhost", 9000) == "http://localhost:9000"
