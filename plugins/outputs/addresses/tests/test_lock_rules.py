"""Which URLs are protected, and what the build says, tested on the functions themselves.

The git cases use a real temporary repository: a lock committed on main, a review branch."""

import os
import subprocess

from plugins.outputs.addresses.lockfile import LockState, lock_state
from plugins.outputs.addresses.tests.helpers import SETTINGS
from plugins.outputs.addresses.url_lock import lock_problems

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


def git(repo, *arguments):
    env = {**os.environ, **GIT_ENV}
    command = ["git", "-C", str(repo), "-c", "commit.gpgsign=false", *arguments]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def commit_lock(repo, lock, urls, message):
    lock.write_text("# header\n" + "".join(f"{url}\n" for url in urls), encoding="utf-8")
    git(repo, "add", str(lock))
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def test_published_means_in_the_lock_at_the_merge_base_with_main(tmp_path):
    repo, lock = tmp_path, tmp_path / "site" / "urls.lock"
    lock.parent.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commit_lock(repo, lock, ["/a/"], "published /a/")
    git(repo, "checkout", "-q", "-b", "review")
    review = commit_lock(repo, lock, ["/a/", "/b/"], "the branch adds /b/")
    git(repo, "checkout", "-q", "main")
    commit_lock(repo, lock, ["/a/", "/c/"], "main publishes /c/ after the branch started")
    git(repo, "checkout", "-q", "review")
    lock.write_text("/a/\n/b/\n/d/\n", encoding="utf-8")  # `make lock`, not committed yet

    state = lock_state(lock)
    assert state.main == "main"
    assert state.published == {"/a/"}
    assert state.working == {"/a/": 1, "/b/": 2, "/d/": 3}
    assert state.protected == {"/a/"}

    # origin/main comes first: here it already holds the branch's commit (merged upstream).
    git(repo, "update-ref", "refs/remotes/origin/main", review)
    state = lock_state(lock)
    assert (state.main, state.protected) == ("origin/main", {"/a/", "/b/"})


def test_a_lock_new_on_the_branch_protects_nothing_yet(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README").write_text("x", encoding="utf-8")
    git(tmp_path, "add", "README")
    git(tmp_path, "commit", "-q", "-m", "no lock yet")
    lock = tmp_path / "urls.lock"
    lock.write_text("/a/\n", encoding="utf-8")
    state = lock_state(lock)
    assert (state.main, state.protected) == ("main", set())


def test_without_git_or_a_main_ref_the_working_lock_is_published(tmp_path, monkeypatch):
    outside = tmp_path / "tarball" / "urls.lock"
    outside.parent.mkdir()
    outside.write_text("# header\n/a/\n", encoding="utf-8")
    assert lock_state(outside) == LockState({"/a/": 2}, {"/a/"}, None)

    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "trunk")  # no main, no origin/main
    lock = repo / "urls.lock"
    commit_lock(repo, lock, ["/a/"], "lock")
    lock.write_text("/a/\n/b/\n", encoding="utf-8")
    assert lock_state(lock).protected == {"/a/", "/b/"}

    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))  # no git at all
    assert lock_state(lock).protected == {"/a/", "/b/"}


def test_a_removal_names_the_real_fix_first_and_make_lock_last():
    state = LockState(
        working={
            "/posts/2024/gone/": 3,
            "/posts/2024/gone/event.ics": 4,
            "/about/": 5,
            "/feeds/tag/old.atom.xml": 6,
            "/posts/2024/back-to-draft/": 7,
            "/kept/": 8,
        },
        published={
            "/posts/2024/gone/",
            "/posts/2024/gone/event.ics",
            "/about/",
            "/feeds/tag/old.atom.xml",
            "/kept/",
        },
        main="origin/main",
    )
    written = {"/kept/", "/posts/2024/new/"}
    removals, stale = lock_problems(state, written, SETTINGS, "urls.lock")
    assert removals == [
        "urls.lock:3: /posts/2024/gone/ was published and this build no longer writes it "
        "(restore the post, or give the post that replaces it `Aliases: /posts/2024/gone/` (the "
        "old address redirects) and `Guid: gone` (feed readers keep its entry, unless the post "
        "has a `Guid:` already); if removing it is intended, run `make lock`)",
        "urls.lock:4: /posts/2024/gone/event.ics was published and this build no longer writes "
        "it (it belongs to the post /posts/2024/gone/: restore that post; if the post was "
        "renamed or removed on purpose, run `make lock`)",
        "urls.lock:5: /about/ was published and this build no longer writes it (restore the "
        "page, or give the page that replaces it `Aliases: /about/`; if removing it is "
        "intended, run `make lock`)",
    ]
    # Only `make check` calls the rest errors: a tag feed gone, a branch's post back to draft,
    # a new post not locked yet.
    assert stale == []
    _, stale = lock_problems(state, written, SETTINGS, "urls.lock", stale_is_error=True)
    assert stale == [
        "urls.lock: 1 address this build writes is not in the lock yet: /posts/2024/new/ "
        "(run `make lock` and commit urls.lock with your change)",
        "urls.lock:6: /feeds/tag/old.atom.xml is no longer written (a tag, category, topic or "
        "member feed with no posts left goes without a redirect; run `make lock`)",
        "urls.lock:7: /posts/2024/back-to-draft/ is no longer written and was never published "
        "(it is not in urls.lock on origin/main; run `make lock`)",
    ]


def test_a_lock_without_a_main_branch_keeps_every_url():
    working = {"/posts/2024/branch-only/": 2}
    removals, _ = lock_problems(LockState(working, set(working)), set(), SETTINGS, "urls.lock")
    assert removals[0].startswith("urls.lock:2: /posts/2024/branch-only/ was published")
