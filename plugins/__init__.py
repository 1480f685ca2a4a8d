"""The ULS-SIG site's Python code, one installable package (see pyproject.toml).

Build plugins are listed in PLUGINS by import path (`plugins.content_guard`); libraries they
share (`plugins.error_report`, `plugins.finishing`, `plugins.compat`, `plugins.hubs`,
`plugins.output_plan`) are imported by the plugins; the tools are run as modules:
`python -m plugins.devserver.serve`, `python -m plugins.content_guard.check`,
`python -m plugins.content_guard.newpost`. plugins/README.md has the table of what each does.
"""
