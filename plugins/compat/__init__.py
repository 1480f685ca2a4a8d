"""The site's only door to the internals of Pelican, rich, livereload, Pagefind, dateutil and
CPython.

Every use of a private name (or an undocumented behaviour) of those libraries is a function
here, with a one-line why, so that an upgrade has one place to look at and one test to run
(tests/test_contract.py checks each one against the installed versions). Elsewhere ruff
refuses a private name of another package (SLF001, PLC2701 in pyproject.toml; compat exempt;
tests/test_private_names.py shows the rule on). A library like error_report and finishing:
imported by path (`from plugins.compat import body_html`), not in PLUGINS.

Modules, named for the library: pelican, pagefind, python (their names are re-exported
here), livereload, imported as `plugins.compat.livereload` by the dev server alone, so that
a build does not pay for tornado, and dateutil, for a test that counts a series' dates.
"""

from .pagefind import canonicalize
from .pelican import (
    body_html,
    forget_rendered,
    forget_shown_warnings,
    import_plugin,
    markdown_settings,
    redirect_output,
    set_body_html,
    set_output_location,
    set_summary_html,
    summary_html,
    use_rich_log_handler,
)
from .python import run_exit_handlers

__all__ = [
    "body_html",
    "canonicalize",
    "forget_rendered",
    "forget_shown_warnings",
    "import_plugin",
    "markdown_settings",
    "redirect_output",
    "run_exit_handlers",
    "set_body_html",
    "set_output_location",
    "set_summary_html",
    "summary_html",
    "use_rich_log_handler",
]
