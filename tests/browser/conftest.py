"""Browser-test fixtures: the built site on loopback, tabs of Debian's Chromium (the `browser`
fixture of the root conftest.py, which the dev server's browser tests share), axe-core.

Nothing here skips: a missing browser or npm package fails the fixture with how to install it
(`make test` bootstraps both).
"""

import functools
import gzip
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser.serving import serving
from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]

# The pages every browser test visits. "tag" is resolved to the first tag listed on /tags/.
PAGES = {
    "home": "/",
    "post": "/posts/2009/announcing-uls-sig/",
    "page": "/about/",
    "topic": "/topics/concurrency-and-networking/",
    "member": "/members/duncan-mcgreggor/",
    "tag": None,
    "archives": "/archives/",
    "topics": "/topics/",
    "members": "/members/",
    "events": "/events/",
    "feeds": "/feeds/",
    "search": "/search/?q=python",  # with results: the page as a reader sees it
    "404": "/no-such-page/",
}
# Status each page must be served with.
STATUS = {name: 404 if name == "404" else 200 for name in PAGES}
# Resource types whose bodies count towards a page's weight.
WEIGHED_TYPES = {"document", "stylesheet", "script"}
VIEWPORT_HEIGHT = 800
# The widths the theme is tested at (theme/README.md) and the colour schemes.
WIDTHS = [320, 375, 768, 1280]
SCHEMES = ["light", "dark"]


@pytest.fixture(scope="session")
def built_site(request):
    """The site under test: the `site` fixture (a fresh build with pelicanconf.py).

    DEV_SITE=<folder> tests a tree built beforehand instead (quicker while editing the theme);
    `make test` and CI never set it.
    """
    folder = os.environ.get("DEV_SITE")
    if not folder:
        return request.getfixturevalue("site")
    if not (Path(folder) / "index.html").is_file():
        pytest.fail(f"DEV_SITE={folder} holds no built site (no index.html)", pytrace=False)
    return Path(folder).resolve()


@pytest.fixture(scope="session")
def server(built_site):
    """Base URL of the built site."""
    with serving(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def page_paths(built_site):
    """Path of each page in PAGES, with "tag" resolved to the first tag linked from /tags/."""
    tags_page = built_site / "tags" / "index.html"
    if not tags_page.is_file():
        pytest.fail(f"{tags_page} was not built: no tags page to pick a tag from")
    links = [
        urlsplit(href).path for href in lxml_html.parse(str(tags_page)).xpath("//main//a/@href")
    ]
    tags = [path for path in links if path.startswith("/tags/") and path != "/tags/"]
    if not tags:
        pytest.fail(f"/tags/ links to no tag page (links: {links}): add tags to the posts")
    tag = tags[0]
    return {name: path or tag for name, path in PAGES.items()}


@pytest.fixture(scope="session")
def axe_path():
    """node_modules/axe-core/axe.min.js, installed by `make npm` from package-lock.json."""
    if not AXE_JS.is_file():
        pytest.fail(
            f"{AXE_JS.relative_to(ROOT)} is missing: run `make npm` (npm ci) or `make test`.",
            pytrace=False,
        )
    return AXE_JS


HANG_GUARD_MS = 300_000  # a guard against a hang, never a measure of speed


class Visit:
    """A page in its own context, with every request and weighed response recorded.

    With a `path` the page loads it at once; without one it is a blank tab for `tab` to reuse.
    """

    def __init__(self, browser, base, path=None, *, width=1280, color_scheme="light", **options):
        self.base = base
        self.context = browser.new_context(
            viewport={"width": width, "height": VIEWPORT_HEIGHT},
            color_scheme=color_scheme,
            **options,
        )
        # Playwright's own default (30 s) would make every wait a race on a loaded machine: the
        # waits here end on an event, and this is only a guard against a hang.
        self.context.set_default_timeout(HANG_GUARD_MS)
        self.page = self.context.new_page()
        self.requests = []
        self.responses = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("response", lambda response: self.responses.append(response))
        if path is not None:
            self.goto(path)

    def emulate(self, *, width=1280, color_scheme="light", reduced_motion="no-preference"):
        """Set what a new context would have set, and no print media: done before a `goto`, the
        page loads exactly as in a fresh context with these options (same media queries)."""
        self.page.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHT})
        self.page.emulate_media(
            media="null", color_scheme=color_scheme, reduced_motion=reduced_motion
        )

    def load(self, path, **emulated):
        """`path` in this tab as a new context with these emulated options (emulate's) would
        load it; returns the document's response."""
        self.emulate(**emulated)
        return self.goto(path)

    def goto(self, path):
        """Load `path` in the same tab, recording afresh; returns the document's response. The
        previous page is left first (about:blank), so that what it still fetches (the search
        page loads Pagefind after its first paint) is not recorded as the new page's."""
        self.page.goto("about:blank")
        self.requests = []
        self.responses = []
        self.response = self.page.goto(self.base + path, wait_until="load")
        return self.response

    def foreign_requests(self):
        """Requests to anything but the site's own origin (data: URLs are not requests)."""
        own = urlsplit(self.base).netloc
        return [
            url
            for url in self.requests
            if not url.startswith(("data:", "about:")) and urlsplit(url).netloc != own
        ]

    def weights(self):
        """{url: gzip -9 size} of every HTML, CSS and JS response the page loaded."""
        return {
            response.url: len(gzip.compress(response.body(), compresslevel=9))
            for response in self.responses
            if response.request.resource_type in WEIGHED_TYPES
        }

    def close(self):
        if self.context is not None:
            self.context.close()
            self.context = None


def pytest_generate_tests(metafunc):
    """Tests that take `page_name` run once per page in PAGES."""
    if "page_name" in metafunc.fixturenames:
        metafunc.parametrize("page_name", list(PAGES))


@pytest.fixture(scope="session")
def artifacts():
    """tests/artifacts/ (git-ignored): screenshots for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def visit(browser, server):
    """visit(path, width=..., color_scheme=...) -> Visit; contexts are closed after the test."""
    opened = []

    def open_page(path, **options):
        opened.append(Visit(browser, server, path, **options))
        return opened[-1]

    yield open_page
    for item in opened:
        item.close()


@pytest.fixture(scope="session")
def idle_tabs():
    """Tabs free for reuse in this process, by site and context options: {key: [Visit]}."""
    tabs = {}
    yield tabs
    for pool in tabs.values():
        for item in pool:
            item.close()


@pytest.fixture
def tab_on(browser, idle_tabs):
    """tab_on(base, path, width=..., color_scheme=..., reduced_motion=..., **context) -> Visit of
    `path` on the site at `base`, in a reused tab.

    A new context costs more than the page load it serves, so pages whose options the browser
    can emulate on an existing tab (viewport, colour scheme, reduced motion) share tabs across
    tests: each call takes a tab no other open visit of the test holds, made with the same
    context options (`java_script_enabled=False`, `timezone_id`, `permissions`: fixed when a
    context is made, so they pick the pool), sets the emulated ones, then navigates, so the
    page loads in a fresh document as it would in a new context. Tests that click or hover
    (the pointer would stay where it was for the next page), listen to page events or add init
    scripts use `visit` instead.
    """
    held = []

    def open_page(
        base, path, *, width=1280, color_scheme="light", reduced_motion="no-preference", **context
    ):
        key = (base, repr(sorted(context.items())))
        pool = idle_tabs.setdefault(key, [])
        opened = pool.pop() if pool else Visit(browser, base, **context)
        held.append((key, opened))
        opened.load(path, width=width, color_scheme=color_scheme, reduced_motion=reduced_motion)
        return opened

    yield open_page
    for key, opened in held:
        if opened.page.is_closed():
            opened.close()
        else:
            idle_tabs[key].append(opened)


@pytest.fixture
def tab(tab_on, server):
    """tab(path, width=..., color_scheme=..., reduced_motion=..., **context) -> Visit of the
    built site in a reused tab (see tab_on)."""
    return functools.partial(tab_on, server)


@pytest.fixture
def open_named(tab, page_paths):
    """open_named(name, **options) -> Visit of PAGES[name] in a reused tab, failing unless it
    is served."""

    def open_page(name, **options):
        opened = tab(page_paths[name], **options)
        status = opened.response.status
        assert status == STATUS[name], f"{page_paths[name]} answered {status}: is it built?"
        return opened

    return open_page
