"""urls.lock as a file, and as it is on the main branch.

A URL deserves protection once readers could have seen it: once it is in the lock on main. A
URL a pull request adds to the lock (`make lock` after writing a post) was only ever seen by
its reviewers, so the post may still be renamed, turned back into a draft or dropped. The lock
"on main" is the lock at the merge-base of HEAD and the main branch, read with git from the
repository that holds the lock file (not the working directory: tests build copies of a site
in temporary folders, outside any repository).

Without git, outside a repository, or without a main ref (a tarball, a shallow CI clone that
fetched only the pull request), the lock on main is unknown: then every URL of the working
lock counts as published, which is what the lock meant before it knew about branches.
"""

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

MAIN_REFS = ("origin/main", "main")  # the first that has a merge-base with HEAD is main
GIT_TIMEOUT = 10  # seconds for one git command; a slower git counts as no git
# Variables that point git at another repository (set in git hooks, for instance): the lock
# file's own folder decides which repository is asked.
GIT_LOCATION = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
)
LOCKED_SUFFIXES = (".html", ".xml", ".json", ".ics", ".opml", ".xsl")
# Pagination pages, theme assets and the search index come and go with the number of posts.
UNLOCKED = re.compile(r"^(theme|pagefind)/|(^|/)page/\d+/$")
HEADER = """\
# Every URL this site publishes: pages, feeds, calendars. `make lock` writes this file.
# A URL that is in this file on the main branch is published: a build that no longer writes it
# fails. Keep a renamed post's old address with `Aliases:` in the post; tag, category, topic and
# member pages that disappear redirect to their index by themselves. URLs a pull request adds
# may change or go away until it is merged. After adding, renaming or removing a post, run
# `make lock` and commit this file with the change (`make check` says when it is due).
"""


def url_of(relative_path):
    """posts/2009/x/index.html -> /posts/2009/x/ ; feeds/all.atom.xml -> /feeds/all.atom.xml"""
    if relative_path == "index.html" or relative_path.endswith("/index.html"):
        return "/" + relative_path[: -len("index.html")]
    return "/" + relative_path


def written_urls(output_path):
    """The locked kinds of URL among the files in an output folder."""
    urls = set()
    for folder, _, files in os.walk(output_path):
        for name in files:
            if name.endswith(LOCKED_SUFFIXES):
                relative = os.path.relpath(os.path.join(folder, name), output_path)
                url = url_of(relative.replace(os.sep, "/"))
                if not UNLOCKED.search(url.lstrip("/")):
                    urls.add(url)
    return urls


def save_as_of(url):
    """The output path of a lock URL: /tags/x/ -> tags/x/index.html (the inverse of url_of)."""
    path = url.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def parse_lock(text):
    """{url: line number} of the text of a lock file; comments and blank lines are skipped."""
    locked = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            locked[line] = number
    return locked


def read_lock(path):
    return parse_lock(Path(path).read_text(encoding="utf-8"))


def write_lock(path, urls):
    Path(path).write_text(HEADER + "".join(f"{url}\n" for url in sorted(urls)), encoding="utf-8")


def git(folder, *arguments):
    """stdout of `git -C folder ...`, or None when git is missing, slow or says no."""
    env = {key: value for key, value in os.environ.items() if key not in GIT_LOCATION}
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *arguments],
            env=env,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def lock_on_main(lock_file, refs=MAIN_REFS):
    """(text of the lock at the merge-base of HEAD and main, that ref), or (None, None).

    The text is "" when the lock did not exist there yet (nothing was published)."""
    folder = os.path.dirname(os.path.abspath(lock_file))
    prefix = git(folder, "rev-parse", "--show-prefix")
    if prefix is None:
        return None, None  # no git, or the lock is not in a repository
    path = prefix.strip() + os.path.basename(lock_file)
    for ref in refs:
        base = (git(folder, "merge-base", "HEAD", ref) or "").strip()
        if not base:
            continue  # no such ref, no commit yet, or a history too shallow to meet it
        listed = git(folder, "ls-tree", "--full-tree", "--name-only", base, "--", path)
        if listed is None:
            return None, None
        if not listed.strip():
            return "", ref
        text = git(folder, "show", f"{base}:{path}")
        return (text, ref) if text is not None else (None, None)
    return None, None


@dataclass
class LockState:
    """The working lock and what of it is published.

    `main` names the ref the published lock was read from; None when it is unknown and the
    working lock stands in for it."""

    working: dict = field(default_factory=dict)  # url -> line in the working lock file
    published: set = field(default_factory=set)
    main: str | None = None

    @property
    def protected(self):
        """URLs that may not disappear: published, and still in the working lock (`make lock`
        after an intended removal takes a URL out, in the diff the reviewers see)."""
        return {url for url in self.working if url in self.published}


def lock_state(lock_file, refs=MAIN_REFS):
    """The LockState of a lock file; an empty one when there is no lock file."""
    if not lock_file or not os.path.exists(lock_file):
        return LockState()
    working = read_lock(lock_file)
    text, ref = lock_on_main(lock_file, refs)
    if text is None:
        return LockState(working, set(working), None)
    return LockState(working, set(parse_lock(text)), ref)
