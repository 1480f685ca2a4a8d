"""The pages a pull request changes: what `make test-content` checks in the browser.

The build is byte-reproducible and does not depend on where the content folder lies, so the
pages a change of content/ touches are the HTML files whose bytes differ between two builds
with the same code: one of content/ (and urls.lock) as they are at the merge-base of HEAD and
the main branch, one of the working tree. That takes in everything a post shows up in (the
home page, archives, its tags, topics, members and category, their later pages) without a map
of who lists what. The merge-base is found as plugins/outputs/addresses finds the published lock:
`origin/main`, else `main`. Without git, or without a main ref, the base is unknown and every
page counts as changed.
"""

import io
import os
import subprocess
import tarfile
from pathlib import Path

from plugins.outputs.addresses.lockfile import GIT_LOCATION, GIT_TIMEOUT, MAIN_REFS, git, url_of

LOCK_FILE = "urls.lock"
# The theme's redirect pages (Aliases:, vanished hub pages) refresh to their target at once.
REDIRECT_MARK = b'<meta http-equiv="refresh"'


def base_commit(repo, refs=MAIN_REFS):
    """(merge-base of HEAD and the first of `refs` that has one, that ref), or (None, None)."""
    for ref in refs:
        commit = (git(repo, "merge-base", "HEAD", ref) or "").strip()
        if commit:
            return commit, ref
    return None, None


def export_sources(repo, commit, destination):
    """Write content/ and urls.lock as they are at `commit` into `destination`; return the path
    of the lock written, or None when the commit has no urls.lock. Raises RuntimeError when git
    cannot export content/ (no such folder at that commit, or git failed)."""
    env = {key: value for key, value in os.environ.items() if key not in GIT_LOCATION}
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", commit, "--", "content"],
        env=env,
        capture_output=True,
        timeout=GIT_TIMEOUT * 6,
        check=False,
    )
    if archive.returncode != 0:
        message = archive.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"git archive {commit} content: {message}")
    destination.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(destination, filter="data")
    lock_text = git(repo, "show", f"{commit}:{LOCK_FILE}")
    if lock_text is None:
        return None
    lock = destination / LOCK_FILE
    lock.write_text(lock_text, encoding="utf-8")
    return lock


def url_path(relative_path):
    """The address of an output file: posts/2009/x/index.html -> /posts/2009/x/."""
    return url_of(str(relative_path).replace(os.sep, "/"))


def changed_pages(base_files, head_files):
    """Addresses of the HTML pages of the head build that are new or differ from the base
    build, sorted; both arguments are {relative path: sha256} (conftest.snapshot)."""
    return sorted(
        url_path(path)
        for path, digest in head_files.items()
        if path.endswith(".html") and base_files.get(path) != digest
    )


def every_page(head_files):
    """Addresses of every HTML page of a build ({relative path: sha256}), sorted."""
    return changed_pages({}, head_files)


def is_redirect(page_file):
    """Whether an output HTML file is one of the theme's redirect pages."""
    head = Path(page_file).read_bytes().partition(b"</head>")[0]
    return REDIRECT_MARK in head
