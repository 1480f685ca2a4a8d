"""Site search: how readers find the site's content (sitemap.xml and robots.txt:
plugins/outputs/sitemap).

- Full-text search: in `finalized` (before plugins/guard/atomic_output swaps the build in) the
  Pagefind binary from the `pagefind` PyPI package indexes the pages this build wrote that show
  listed content (listed.py: never a hidden post or meeting, never a draft), into
  `<output>/pagefind/`. Pagefind does not crawl the output folder: it reads a folder of links
  to exactly those of them that have an element marked `data-pagefind-body` (posts, pages,
  topics and members, see the templates), with the site's layout (so the URLs are the same);
  only that element is indexed. Lists, archives, redirects and the 404 page stay out. The
  index is then rewritten in a canonical order (compat/pagefind.py) so that two builds of the
  same commit are byte-identical; a build whose pages are those of a bundle kept before copies
  it instead of running Pagefind (kept_index.py). theme/static/js/search.js queries it in the
  browser.
- Parts: Pagefind holds every page it indexes in memory (about 0.2 MB a page: 1,094 MB at 5,000
  posts, 95 MB for 500 pages), and indexes them all again when one changed. So the pages are
  split into ceil(pages / SEARCH_PAGES_PER_PART) parts, a page's part chosen by a hash of its
  path (an edit, an added or a removed page changes one part while the count of parts stays).
  Each part is a bundle of its own, indexed (or copied from the kept ones) alone: the first at
  `<SEARCH_INDEX_FOLDER>/`, the others at `<SEARCH_INDEX_FOLDER>/part-<n>/`, listed in its
  `parts.json`, which search.js reads to merge them with Pagefind's documented `mergeIndex`
  (they share the first part's WebAssembly; a search fetches each part's small index file and
  its chunk of the word index). A site of fewer pages than a part, like this one, has one.

Settings:
    SEARCH_INDEX = True              build the index (False skips Pagefind, e.g. for quick builds)
    SEARCH_INDEX_FOLDER = "pagefind" where in the output the bundle goes
    SEARCH_PAGEFIND_ARGS = []        extra command line arguments for Pagefind
    SEARCH_PAGES_PER_PART = 400      most pages in one part of the index (see Parts above)
    SEARCH_INDEX_CACHE_PATH = None   where bundles are kept (None: <CACHE_PATH>/pagefind); not
                                     used without the read cache or with --ignore-cache
"""

import hashlib
import json
import logging
import os
import re
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
    "SEARCH_PAGES_PER_PART": 400,  # Pagefind then peaks about 80 MB (bench/README.md)
}
PARTS_FILE = "parts.json"  # in the first part's folder: the folders of the others
# A start tag with a data-pagefind-body attribute, its attributes read whole (a quoted value may
# hold `>` or the words themselves): the pages without one are never given to Pagefind, which
# would index such a page whole if no page of its part had one.
BODY_TAG = re.compile(
    rb"""<[A-Za-z][^\s/>]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*?"""
    rb"""\s+data-pagefind-body(?=[\s/>=])"""
)

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
# The loader, its worker and the WebAssembly: the first part's serve all parts (mergeIndex).
LOADER_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")


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


def has_search_body(page):
    """Whether the HTML file `page` has an element Pagefind indexes (BODY_TAG)."""
    data = Path(page).read_bytes()
    return b"data-pagefind-body" in data and BODY_TAG.search(data) is not None


def split_pages(site, pages, per_part):
    """`pages` in ceil(len / per_part) parts, each page's part from a hash of its path in the
    site; parts that no page fell in are left out (the first part is never empty)."""
    parts = [[] for _ in range(max(1, -(-len(pages) // per_part)))]
    for page in sorted(pages):
        name = os.path.relpath(page, site).encode("utf-8", "surrogateescape")
        parts[int.from_bytes(hashlib.sha256(name).digest()[:8], "big") % len(parts)].append(page)
    return [part for part in parts if part] or [[]]


def build_index(
    site,
    pages,
    folder="pagefind",
    extra_args=(),
    cache=None,
    build_key="",
    per_part=DEFAULTS["SEARCH_PAGES_PER_PART"],
):
    """Index `pages` (absolute paths of HTML files of the built site at `site`) into
    `site/folder`, in parts of at most `per_part` pages (module docstring); return the folder."""
    site = Path(os.path.abspath(site))  # as the pages were recorded
    parts = split_pages(site, [page for page in pages if has_search_body(page)], per_part)
    others = [f"part-{number}/" for number in range(1, len(parts))]
    for part, place in zip(parts, ["", *others], strict=True):  # the first before the others
        unused = UNUSED_BUNDLE_FILES + (LOADER_FILES if place else ())
        index_part(site, part, os.path.join(folder, place), extra_args, cache, build_key, unused)
    (site / folder / PARTS_FILE).write_text(json.dumps({"parts": others}), encoding="utf-8")
    return site / folder


def index_part(site, pages, folder, extra_args, cache, build_key, unused):
    """Index `pages` (absolute paths of HTML files of the built site at `site`) into one bundle
    at `site/folder`, without the files matching `unused`. Nothing else under `site` is read.
    With a `cache` folder, a bundle made before from the same pages (and `build_key`) is copied
    instead (kept_index.py)."""
    bundle = site / folder
    key = index_key(site, pages, folder, extra_args, build_key) if cache else None
    if key and copy_kept(cache, key, bundle):
        return
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
    for pattern in unused:
        for path in bundle.glob(pattern):
            path.unlink()
    canonicalize(bundle)
    if key:
        keep(cache, key, bundle)


def bundles(folder):
    """The folders of the index's parts in `folder` (the first is `folder`), from its
    PARTS_FILE."""
    parts = json.loads((Path(folder) / PARTS_FILE).read_text(encoding="utf-8"))["parts"]
    return [Path(folder), *(Path(folder) / part for part in parts)]


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
        per_part=settings["SEARCH_PAGES_PER_PART"],
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
