"""The ULS-SIG site's Python code, one installable package (see pyproject.toml).

Build plugins are listed in PLUGINS by import path (`plugins.guard.content_guard`); libraries they
share (`plugins.model.error_report`, `plugins.model.finishing`, `plugins.compat`,
`plugins.model.hubs`,
`plugins.guard.output_plan`) are imported by the plugins; the tools are run as modules:
`python -m plugins.tools.devserver.serve`, `python -m plugins.tools.check`,
`python -m plugins.tools.newpost`. plugins/README.md has the table of what each does.
"""
