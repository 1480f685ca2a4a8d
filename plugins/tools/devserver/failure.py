"""A failed build of `make devserver`, shown in the browser instead of the page.

The build's child collects what stopped the build (BuildErrors: the content errors, one
`path:line: message (how to fix)` each, or the exception and the errors logged before it) and
hands them to the server with the build's result; while the build is failing, the server answers
every request for a page with error_page() (server.py), and the open pages reload to it. The next
build that succeeds sends them back to the real page.

The page is the server's, not the site's: it quotes content (a title, a link target, a file name),
so every message is HTML-escaped, and it runs no script of its own. Its policy allows scripts,
styles, images and connections from its own origin only, where livereload.js, the page's
stylesheet and icon (STYLESHEET_URL, ICON_URL) and the live-reload websocket come from. This
module imports neither Pelican nor tornado: the builder's child and the server both use it.
"""

import html
import logging
import re

FATAL_MESSAGE = "Warning or error encountered"  # Pelican's --fatal exception: the log says what
STYLESHEET_URL = "/__devserver__/error.css"
ICON_URL = "/__devserver__/error.svg"  # the tab shows that the build failed
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
MAX_LINES = 200  # a page lists this many; the terminal has them all
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class BuildErrors(logging.Filter):
    """What stopped a build, in order, each line once.

    Added (in the build's child, before Pelican runs) to the "pelican" logger ahead of
    error_report's filter, which takes the content errors out of the log, and to the log
    handler, which sees the errors of every logger."""

    def __init__(self):
        super().__init__()
        self.lines = []
        self.content = True  # every line comes from a content error

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if getattr(error, "content_error", False):
            problems = getattr(error, "problems", None)
            self.add([str(problem) for problem in problems] if problems else str(error))
        elif error is not None:
            if not (self.lines and str(error) == FATAL_MESSAGE):
                self.add(f"{type(error).__name__}: {error}", content=False)
        elif record.levelno >= logging.ERROR:
            self.add(record.getMessage(), content=False)
        return True

    def add(self, lines, content=True):
        lines = lines.splitlines() if isinstance(lines, str) else lines
        new = [line for line in lines if line.strip() and line not in self.lines]
        self.lines += new
        self.content = self.content and content

    def result(self):
        """The part of the build's result (a JSON object) the error page is made from."""
        lines = list(self.lines)
        return {"errors": lines, "content_errors": bool(lines) and self.content}


def describe_failure(result):
    """(headline, lines, advice) for a failed build's result."""
    lines = result.get("errors") or []
    code = result.get("code")
    if code is not None and code < 0:
        lines = [*lines, f"The build crashed with signal {-code}."]
    if lines and result.get("content_errors"):
        return (
            "The content needs fixing",
            lines,
            "Fix each problem in the file and line it names, and save: this page turns back "
            "into the site as soon as a build succeeds.",
        )
    return (
        "The site could not be built",
        lines or [f"The build stopped with exit code {code}."],
        "The terminal running make devserver shows the details (the traceback, if any). "
        "Save a fix and this page turns back into the site as soon as a build succeeds.",
    )


def text(value):
    """Escaped for HTML, with control characters shown as \\xNN rather than sent on."""
    shown = UNPRINTABLE.sub(lambda found: f"\\x{ord(found.group()):02x}", str(value))
    return html.escape(shown, quote=True)


def error_page(result):
    """The error page for a failed build's result, as UTF-8 bytes."""
    headline, lines, advice = describe_failure(result)
    shown = lines[:MAX_LINES]
    more = len(lines) - len(shown)
    items = "\n".join(f"<li><code>{text(line)}</code></li>" for line in shown)
    if more:
        items += f"\n<li>and {more:,} more: the terminal lists them all</li>"
    count = f"{len(lines):,} problem{'' if len(lines) == 1 else 's'}"
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>Build failed: {count} – make devserver</title>
<link rel="stylesheet" href="{STYLESHEET_URL}">
<link rel="icon" href="{ICON_URL}" type="image/svg+xml">
</head>
<body>
<main class="devserver-error" id="build-failed">
<h1>{text(headline)}</h1>
<p>The last build failed, so the dev server shows this page instead of the site.</p>
<ul class="problems">
{items}
</ul>
<p>{text(advice)}</p>
</main>
</body>
</html>
"""
    return page.encode("utf-8")


STYLESHEET = b"""\
:root { color-scheme: light dark; --bad: #b3261e; }
@media (prefers-color-scheme: dark) { :root { --bad: #ffb4ab; } }
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0; padding: 2rem 1rem; }
main { max-width: 60rem; margin: 0 auto; }
h1 { color: var(--bad); font-size: 1.6rem; margin-top: 0; }
.problems { padding-left: 1.2rem; }
.problems li { margin: 0.4rem 0; }
.problems code { font-family: ui-monospace, monospace; overflow-wrap: anywhere;
  white-space: pre-wrap; }
"""

ICON = b"""\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">\
<circle cx="8" cy="8" r="7" fill="#b3261e"/>\
<path d="M8 3.5v5.5M8 11v1.5" stroke="#fff" stroke-width="2"/></svg>
"""
