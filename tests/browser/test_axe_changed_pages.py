"""axe-core over the pages a change made: the accessibility check of `make test-content`.

test_axe.py checks one page of each kind; this checks every page whose bytes differ from a
build of the merge-base's content (tests/changed_pages.py), so that a contributed post is
checked on its own page and on every list and hub it appears in. Without a merge-base every
page of the site is checked.
"""

import json
import os

import pytest
from browser.axe import format_violations, run_axe_each
from browser.conftest import SCHEMES
from browser.fits import overflow_of
from changed_pages import (
    LOCK_FILE,
    base_commit,
    changed_pages,
    every_page,
    export_sources,
    is_redirect,
)

from conftest import ROOT, build_once, run_pelican, snapshot
from plugins.outputs.addresses.lockfile import git, save_as_of

pytestmark = [pytest.mark.browser, pytest.mark.content_pr]

# The narrowest phone, a phone and a desktop, in both colour schemes (test_axe.py adds 768 px on
# one page of each kind).
WIDTHS = [320, 375, 1280]


def build_base(commit, output):
    """Build content/ and urls.lock as they are at `commit` with this tree's code into
    `output`; return None, or why it could not (git's or Pelican's last line)."""
    sources = output.parent / "sources"
    try:
        lock = export_sources(ROOT, commit, sources)
    except RuntimeError as error:
        return str(error)
    lock_setting = f"URL_LOCK_FILE={json.dumps(str(lock) if lock else '')}"
    result = run_pelican(ROOT / "pelicanconf.py", output, lock_setting, content=sources / "content")
    if result.returncode == 0:
        return None
    return ((result.stdout + result.stderr).strip().splitlines() or ["no output"])[-1]


def sources_as_at(commit):
    """Are content/ and urls.lock in the working tree exactly as at `commit`: no tracked file
    changed, added or removed, no other file (untracked or ignored) there? False when git
    cannot tell."""
    changed = git(ROOT, "diff", "--name-only", commit, "--", "content", LOCK_FILE)
    others = git(ROOT, "ls-files", "--others", "--", "content", LOCK_FILE)  # ignored ones too
    return changed == "" and others == ""


@pytest.fixture(scope="session")
def pages_to_check(built_site, tmp_path_factory):
    """(addresses of the pages to check, a line saying which and why)."""
    head = snapshot(built_site)
    commit, ref = base_commit(ROOT)
    if commit is None:
        return every_page(head), "no merge-base with origin/main or main: every page checked"
    if not os.environ.get("DEV_SITE") and sources_as_at(commit):
        # The same code and the same sources: the build of the merge-base would be this very
        # site, byte for byte (the build is reproducible, tests/test_discovery.py), so no page
        # differs and the second build of the whole site is not made.
        return [], f"content/ and {LOCK_FILE} are as at {ref} ({commit[:12]}): no page changed"
    failed = []
    base = build_once(
        tmp_path_factory, f"base-{commit}", lambda output: failed.append(build_base(commit, output))
    )
    if not (base / "index.html").is_file():
        why = f" ({failed[0]})" if failed and failed[0] else ""
        return every_page(head), f"{ref}'s content could not be built{why}: every page checked"
    changed = changed_pages(snapshot(base), head)
    return changed, f"{len(changed)} page(s) differ from the build of {ref} at {commit[:12]}"


def test_no_axe_violations_on_changed_pages(tab, built_site, pages_to_check, axe_path):
    """One load per changed page, axe and the overflow check at each width x scheme; every
    failing run is reported.
    Redirect pages are left out (the browser leaves them at once; vnu validates them)."""
    addresses, which = pages_to_check
    redirects = [url for url in addresses if is_redirect(built_site / save_as_of(url))]
    checked = [url for url in addresses if url not in redirects]
    print(f"{which}; axe on {len(checked)}, {len(redirects)} redirect page(s) left out")
    failures = []
    for address in checked:
        page = tab(address, width=WIDTHS[0], color_scheme=SCHEMES[0])
        assert page.response.status == 200, f"{address} answered {page.response.status}"
        for width, scheme, violations in run_axe_each(page.page, axe_path, WIDTHS, SCHEMES):
            if violations:
                failures.append(
                    f"axe found {len(violations)} violation(s) on {address} at {width}px, "
                    f"{scheme} scheme:\n{format_violations(violations)}"
                )
            too_wide = overflow_of(page.page)
            if too_wide:
                failures.append(f"{address} overflows at {width}px, {scheme} scheme: {too_wide}")
    runs = len(checked) * len(WIDTHS) * len(SCHEMES)
    assert not failures, f"{len(failures)} problem(s) in {runs} runs:\n" + "\n".join(failures)
