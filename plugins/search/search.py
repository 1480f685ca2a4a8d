"""Site search: how readers find the site's content (sitemap.xml and robots.txt: plugins/sitemap).

- Full-text search: in `finalized` (before plugins/atomic_output swaps the build in) the
  Pagefind binary from the `pagefind` PyPI package indexes the freshly written site into
  `<output>/pagefind/`. Only elements marked `data-pagefind-body` are indexed (posts, pages,
  topics and members, see the templates), so lists, archives, redirects and the 404 page stay
  out. The index is then rewritten in a canonical order (compat/pagefind.py) so that two builds of
  the same commit are byte-identical. theme/static/js/search.js queries it in the browser.

Settings:
    SEARCH_INDEX = True              build the index (False skips Pagefind, e.g. for quick builds)
    SEARCH_INDEX_FOLDER = "pagefind" where in the output the bundle goes
    SEARCH_PAGEFIND_ARGS = []        extra command line arguments for Pagefind
"""

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from plugins.compat.pagefind import ENTRY_FILE, canonicalize
from plugins.defaults import use_defaults
from plugins.finishing import WRITE, add_step
from plugins.output_plan import reserve

logger = logging.getLogger(__name__)

DEFAULTS = {"SEARCH_INDEX": True, "SEARCH_INDEX_FOLDER": "pagefind", "SEARCH_PAGEFIND_ARGS": ()}

# Pagefind ships its ready-made UIs with every index; the site uses its own (search.js).
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(Exception):
    """Pagefind failed or indexed nothing."""


def pagefind_command(site, folder, extra_args=()):
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        folder,
        "--quiet",
        *extra_args,
    ]


def build_index(site, folder="pagefind", extra_args=()):
    """Index the built site at `site` into `site/folder`; return the bundle's path."""
    site = Path(site)
    bundle = site / folder
    shutil.rmtree(bundle, ignore_errors=True)
    result = subprocess.run(
        pagefind_command(site, folder, extra_args),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if result.returncode != 0:
        output = result.stdout + result.stderr
        raise SearchIndexError(f"Pagefind failed ({result.returncode}) indexing {site}:\n{output}")
    if not (bundle / ENTRY_FILE).is_file():
        raise SearchIndexError(
            f"Pagefind wrote no index in {bundle} (no page has a data-pagefind-body element?)"
        )
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    canonicalize(bundle)
    return bundle


def index_site(pelican):
    """finalized: index what this build wrote (pelican.output_path is the staging folder)."""
    settings = pelican.settings
    if not settings["SEARCH_INDEX"]:
        return
    bundle = build_index(
        pelican.output_path,
        settings["SEARCH_INDEX_FOLDER"],
        settings["SEARCH_PAGEFIND_ARGS"],
    )
    logger.info("Search index written to %s", bundle)


def planned_files(settings):
    """For plugins/output_plan: the folder of the search index, written after the pages; reserved
    even in a build without it (SEARCH_INDEX = False)."""
    return [(settings["SEARCH_INDEX_FOLDER"].strip("/") + "/", "search index")]


def register():
    use_defaults(DEFAULTS)
    reserve(planned_files)
    add_step(index_site, WRITE)
