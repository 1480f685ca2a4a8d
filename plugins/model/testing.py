"""For the plugins' fixture sites (plugins/<name>/tests/test_data/pelicanconf.py): start from the
real site's settings, then set what the tiny site needs.

    from plugins.model.testing import real_site_settings

    globals().update(real_site_settings())
    PATH = ...

The fixture sites thereby use the site's theme, Markdown and URL settings, so a plugin is
tested as the site runs it."""

import runpy
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def real_site_settings():
    """The upper-case names of the repository's pelicanconf.py."""
    site = runpy.run_path(str(REPO / "pelicanconf.py"))
    return {key: value for key, value in site.items() if key.isupper()}
