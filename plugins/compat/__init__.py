"""The site's only door to the internals of Pelican, rich, livereload, Pagefind, dateutil and
CPython.

Every use of a private name (or an undocumented behaviour) of those libraries is a function
here, with a one-line why, so that an upgrade has one place to look at and one test to run
(tests/test_contract.py checks each one against the installed versions). Elsewhere ruff
refuses a private name of another package (SLF001, PLC2701 in pyproject.toml; compat exempt;
tests/test_private_names.py shows the rule on). A library like error_report and finishing:
imported by path (`from plugins.compat import body_html`), not in PLUGINS.

Modules, named for the library: pelican, jinja, pagefind, python (their names are
re-exported here), livereload, imported as `plugins.compat.livereload` by the dev server
alone, so that a build does not pay for tornado, and dateutil, for a test that counts a
series' dates.
"""

import importlib

# Each re-exported name and the module of this package it lives in. They are imported when first
# used (PEP 562's module __getattr__), so that the dev server's serving process, which takes only
# plugins.compat.livereload, does not import Pelican (0.15 s of every start of `make serve`).
MODULE_OF = {
    "attribute_reads": "pelican",
    "body_html": "pelican",
    "body_reads": "pelican",
    "canonicalize": "pagefind",
    "forget_rendered": "pelican",
    "forget_shown_warnings": "pelican",
    "import_plugin": "pelican",
    "markdown_settings": "pelican",
    "name_reads": "jinja",
    "reading_context": "jinja",
    "redirect_output": "pelican",
    "run_exit_handlers": "python",
    "set_body_html": "pelican",
    "set_output_location": "pelican",
    "set_summary_html": "pelican",
    "summary_html": "pelican",
    "use_rich_log_handler": "pelican",
}
__all__ = sorted(MODULE_OF)


def __getattr__(name):
    if name not in MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{MODULE_OF[name]}", __name__), name)
