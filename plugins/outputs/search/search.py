"""Site search: how readers find the site's content (sitemap.xml and robots.txt:
plugins/outputs/sitemap).

- Full-text search: in `finalized` (before plugins/guard/atomic_output swaps the build in) the
  Pagefind binary from the `pagefind` PyPI package indexes the pages this build wrote that show
  listed content (listed.py: never a hidden post or meeting, never a draft), into
  `<output>/pagefind/`. Pagefind does not crawl the output folder: it reads a folder of links
  to exactly those pages, with the site's layout (so the URLs are the same). Of those, only
  elements marked `data-pagefind-body` are indexed (posts, pages, topics and members, see the
  templates), so lists, archives, redirects and the 404 page stay out. The index is then
  rewritten in a canonical order (compat/pagefind.py) so that two builds of the same commit are
  byte-identical; a build whose pages are those of a bundle kept before copies it instead of
  running Pagefind (kept_index.py). theme/static/js/search.js queries it in the browser.

Settings:
    SEARCH_INDEX = True              build the index (False skips Pagefind, e.g. for quick builds)
    SEARCH_INDEX_FOLDER = "pagefind" where in the output the bundle goes
    SEARCH_PAGEFIND_ARGS = []        extra command line arguments for Pagefind
    SEARCH_INDEX_CACHE_PATH = None   where bundles are kept (None: <CACHE_PATH>/pagefind); not
                                     used without the read cache or with --ignore-cache
"""

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from plugins.compat.pagefind import ENTRY_FILE, canonicalize
from plugins.guard.output_plan import reserve
from plugins.model import listed
from plugins.model.defaults import cache_path, use_defaults
from plugins.model.finishing import WRITE, add_step
from plugins.model.read_cache import read_cache_of

from .kept_index import copy_kept, index_key, keep

logger = logging.getLogger(__name__)

DEFAULTS = {
    "SEARCH_INDEX": True,
    "SEARCH_INDEX_FOLDER": "pagefind",
    "SEARCH_PAGEFIND_ARGS": (),
    "SEARCH_INDEX_CACHE_PATH": None,  # None: <CACHE_PATH>/pagefind (kept_index.py)
}

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


def link_pages(site, pages, folder):
    """Put each of `pages` (absolute paths of HTML files under `site`) at its place under
    `folder`: a hard link, or a copy where links cannot be made."""
    for page in pages:
        relative = os.path.relpath(page, site)
        if relative.startswith(".."):
            continue
        target = os.path.join(folder, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(page, target)
        except OSError:
            shutil.copyfile(page, target)


def build_index(site, pages, folder="pagefind", extra_args=(), cache=None, build_key=""):
    """Index `pages` (absolute paths of HTML files of the built site at `site`) into
    `site/folder`; return the bundle's path. Nothing else under `site` is read. With a `cache`
    folder, a bundle made before from the same pages (and `build_key`) is copied instead
    (kept_index.py)."""
    site = Path(os.path.abspath(site))  # as the pages were recorded
    bundle = site / folder
    key = index_key(site, pages, folder, extra_args, build_key) if cache else None
    if key and copy_kept(cache, key, bundle):
        return bundle
    shutil.rmtree(bundle, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix=".search-pages-", dir=site.parent) as listed_site:
        link_pages(site, sorted(pages), listed_site)
        result = subprocess.run(
            pagefind_command(listed_site, folder, extra_args),
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if (Path(listed_site) / folder).is_dir():  # beside the site: one rename
            shutil.move(Path(listed_site) / folder, bundle)
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
    if key:
        keep(cache, key, bundle)
    return bundle


def index_site(pelican):
    """finalized: index the listed pages this build wrote (pelican.output_path is the staging
    folder)."""
    settings = pelican.settings
    if not settings["SEARCH_INDEX"]:
        return
    reads = read_cache_of(settings)  # no read cache, or --ignore-cache: nothing kept is used
    kept = reads is not None and reads.load
    bundle = build_index(
        pelican.output_path,
        listed.written_pages(settings),
        settings["SEARCH_INDEX_FOLDER"],
        settings["SEARCH_PAGEFIND_ARGS"],
        cache_path(settings, "SEARCH_INDEX_CACHE_PATH", "pagefind") if kept else None,
        reads.key if kept else "",
    )
    logger.info("Search index written to %s", bundle)


def planned_files(settings):
    """For plugins/guard/output_plan: the folder of the search index, written after the pages;
    reserved
    even in a build without it (SEARCH_INDEX = False)."""
    return [(settings["SEARCH_INDEX_FOLDER"].strip("/") + "/", "search index")]


def register():
    use_defaults(DEFAULTS)
    reserve(planned_files)
    listed.register()  # the listed pages this build writes
    add_step(index_site, WRITE)
