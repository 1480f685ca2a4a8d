"""tests/changed_pages.py: which pages `make test-content` checks in the browser."""

import os
import shutil
import subprocess

import lxml.html
import pytest
import site_content
from changed_pages import base_commit, changed_pages, every_page, export_sources, is_redirect

from conftest import ROOT, build_ok, snapshot
from plugins.outputs.addresses.lockfile import save_as_of

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


def git(repo, *arguments):
    env = {**os.environ, **GIT_IDENTITY}
    subprocess.run(["git", "-C", str(repo), *arguments], env=env, check=True, capture_output=True)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_changed_pages_are_the_new_and_different_html_files():
    base = {
        "index.html": "home",
        "posts/2026/kept/index.html": "kept",
        "posts/2026/edited/index.html": "before",
        "posts/2026/removed/index.html": "removed",
        "feeds/all.atom.xml": "feed",
        "404.html": "404",
    }
    head = {
        "index.html": "home, listing the new post",
        "posts/2026/kept/index.html": "kept",
        "posts/2026/edited/index.html": "after",
        "posts/2026/new/index.html": "new",
        "feeds/all.atom.xml": "feed with the new post",
        "404.html": "404",
        "pagefind/wasm.unknown.pagefind": "index",
    }
    assert changed_pages(base, head) == ["/", "/posts/2026/edited/", "/posts/2026/new/"]
    assert changed_pages(head, head) == []
    assert every_page(head) == [
        "/",
        "/404.html",
        "/posts/2026/edited/",
        "/posts/2026/kept/",
        "/posts/2026/new/",
    ]


def test_the_base_is_the_merge_base_with_main_and_its_sources_are_exported(tmp_path):
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    write(repo / "content/posts/2026/first.md", "as on main\n")
    write(repo / "urls.lock", "/posts/2026/first/\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "main")
    git(repo, "checkout", "-q", "-b", "pull-request")
    write(repo / "content/posts/2026/first.md", "edited in the pull request\n")
    write(repo / "content/posts/2026/second.md", "added in the pull request\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "pull request")
    write(repo / "content/posts/2026/first.md", "edited, not committed\n")
    main = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "main"], capture_output=True, text=True, check=True
    ).stdout.strip()

    assert base_commit(repo) == (main, "main")
    lock = export_sources(repo, main, tmp_path / "base")
    exported = tmp_path / "base" / "content" / "posts" / "2026"
    assert sorted(path.name for path in exported.iterdir()) == ["first.md"]
    assert (exported / "first.md").read_text(encoding="utf-8") == "as on main\n"
    assert lock.read_text(encoding="utf-8") == "/posts/2026/first/\n"

    git(repo, "branch", "-q", "-m", "main", "trunk")  # no main ref: the base is unknown
    assert base_commit(repo) == (None, None)
    assert base_commit(tmp_path / "not-a-repository") == (None, None)


def test_a_commit_without_urls_lock_exports_its_content_and_no_lock(tmp_path):
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    write(repo / "content/pages/about.md", "about\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "before the lock")
    assert export_sources(repo, "main", tmp_path / "base") is None
    assert (tmp_path / "base/content/pages/about.md").is_file()
    assert not (tmp_path / "base/urls.lock").exists()


def test_a_commit_without_content_cannot_be_exported(tmp_path):
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    write(repo / "README.md", "before any content\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "before the content")
    with pytest.raises(RuntimeError, match="git archive"):
        export_sources(repo, "main", tmp_path / "base")


def test_a_new_summary_changes_the_post_and_only_pages_that_link_to_it(site, tmp_path):
    """The real site, built again from a copy of content/ elsewhere with one summary changed:
    the build does not depend on the content folder's place, so only the post and the pages
    that list it differ."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    post = site_content.posts()[0]
    url = f"/posts/{post.year}/{post.slug}/"
    source = content / post.path.relative_to(site_content.CONTENT)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Summary: ", "Summary: Changed. ", 1), encoding="utf-8")
    build_ok(ROOT / "pelicanconf.py", tmp_path / "output", content=content)

    changed = changed_pages(snapshot(site), snapshot(tmp_path / "output"))
    linking = {
        address
        for address in every_page(snapshot(site))
        if url in links_of(site, address) or address == url
    }
    assert url in changed and len(changed) > 1, changed
    assert set(changed) <= linking, set(changed) - linking
    assert len(changed) < len(every_page(snapshot(site))) / 2, changed


def links_of(site, address):
    """The addresses a built page links to."""
    return set(lxml.html.parse(str(site / save_as_of(address))).xpath("//a/@href"))


def test_redirect_pages_are_told_from_pages(tmp_path):
    redirect = tmp_path / "redirect.html"
    redirect.write_text(
        '<!doctype html><html><head><meta http-equiv="refresh" content="0; url=/new/">'
        "</head><body><a href='/new/'>moved</a></body></html>"
    )
    post = tmp_path / "post.html"
    post.write_text(
        "<!doctype html><html><head><title>x</title></head><body><pre>"
        '&lt;meta http-equiv="refresh"&gt; <code>&lt;meta http-equiv="refresh"</code>'
        '</pre><p><meta http-equiv="refresh"></p></body></html>'
    )
    assert is_redirect(redirect)
    assert not is_redirect(post)
