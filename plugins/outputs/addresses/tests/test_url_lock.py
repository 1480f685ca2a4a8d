"""Real builds: a dropped published URL fails; an alias or a vanished tag becomes a redirect; a
post added and withdrawn within its own branch is no removal; `make check` flags a stale lock."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from conftest import build_ok, run_pelican, snapshot
from plugins.guard.content_guard.tests.helpers import TEST_DATA as GUARD_DATA
from plugins.tools.check import run_check

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
SITE = "https://lock.example.org"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


@pytest.fixture
def locked_site(tmp_path):
    """Fixture content, a lock written by `make lock`, and a good build in output/."""
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    lock = tmp_path / "urls.lock"
    output = tmp_path / "output"
    setting = f'URL_LOCK_FILE="{lock}"'
    result = build_ok(SETTINGS, output, setting, "URL_LOCK_UPDATE=true", content=content)
    return content, output, lock, setting, result


def lock_urls(lock):
    return [line for line in lock.read_text().splitlines() if not line.startswith("#")]


def redirect_target(output, folder):
    page = lxml.html.parse(str(output / folder / "index.html")).getroot()
    target = page.cssselect("meta[http-equiv=refresh]")[0].get("content")
    assert page.cssselect("link[rel=canonical]")[0].get("href") == target.split("url=", 1)[1]
    return target


def test_make_lock_lists_pages_and_feeds_but_not_assets(locked_site):
    _, _, lock, _, result = locked_site
    urls = lock_urls(lock)
    assert "/posts/2024/first/" in urls and "/posts/2024/second/" in urls
    assert "/feeds/all.atom.xml" in urls and "/" in urls and "/tags/benchmarks/" in urls
    assert urls == sorted(urls)
    assert not [url for url in urls if url.startswith("/theme/")]
    # Success is a plain line on stdout, not a warning.
    assert f"{lock}: written with {len(urls)} URLs ({len(urls)} added, 0 removed)" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_dropping_a_published_url_fails_and_keeps_the_output(locked_site):
    content, output, lock, setting, _ = locked_site
    before = snapshot(output)
    (content / "posts/second.md").unlink()
    result = run_pelican(SETTINGS, output, setting, content=content)
    assert result.returncode != 0
    line = lock.read_text().splitlines().index("/posts/2024/second/") + 1
    assert (
        f"urls.lock:{line}: /posts/2024/second/ was published and this build no longer writes it "
        "(restore the post, or give the post that replaces it `Aliases: /posts/2024/second/` "
        "(the old address redirects) and `Guid: second` (feed readers keep its entry, unless "
        "the post has a `Guid:` already); if removing it is intended, run `make lock`)"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(output) == before


def test_a_renamed_post_builds_with_the_lines_the_error_gives(locked_site):
    """The message's `Aliases:` and `Guid:` lines, added as printed, are the whole fix."""
    content, output, _, setting, _ = locked_site
    renamed = content / "posts/second-renamed.md"
    (content / "posts/second.md").rename(renamed)
    result = run_pelican(SETTINGS, output, setting, content=content)
    assert result.returncode != 0
    lines = re.findall(r"`((?:Aliases|Guid): [^`]+)`", result.stderr)
    assert lines == ["Aliases: /posts/2024/second/", "Guid: second"]
    renamed.write_text("\n".join(lines) + "\n" + renamed.read_text(), encoding="utf-8")
    build_ok(SETTINGS, output, setting, content=content)
    assert (
        redirect_target(output, "posts/2024/second") == f"0; url={SITE}/posts/2024/second-renamed/"
    )


def test_an_alias_and_a_vanished_tag_become_redirects(locked_site):
    content, output, _, setting, _ = locked_site
    renamed = content / "posts/second-renamed.md"
    (content / "posts/second.md").rename(renamed)
    renamed.write_text("Aliases: /posts/2024/second/\n" + renamed.read_text(), encoding="utf-8")
    first = content / "posts/first.md"
    first.write_text(first.read_text().replace(", benchmarks", ""), encoding="utf-8")
    result = build_ok(SETTINGS, output, setting, content=content)

    target = f"0; url={SITE}/posts/2024/second-renamed/"
    assert redirect_target(output, "posts/2024/second") == target
    assert (output / "posts/2024/second-renamed/index.html").is_file()
    # The last post tagged `benchmarks` lost the tag: its page redirects to all tags, and its
    # feeds may go (a feed reader cannot follow an HTML redirect).
    assert redirect_target(output, "tags/benchmarks") == f"0; url={SITE}/tags/"
    assert not (output / "feeds/tag/benchmarks.atom.xml").exists()
    assert "Moved" not in (output / "tags/python/index.html").read_text()
    assert "WARNING" not in result.stdout + result.stderr


def git(repo, *arguments):
    env = {**os.environ, **GIT_ENV}
    command = ["git", "-C", str(repo), "-c", "commit.gpgsign=false", *arguments]
    subprocess.run(command, env=env, check=True, capture_output=True)


def test_a_post_withdrawn_within_its_branch_is_no_removal(locked_site, tmp_path):
    """main publishes first and second; a branch adds a post, locks it, then makes it a draft."""
    content, output, lock, setting, _ = locked_site
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "urls.lock")
    git(tmp_path, "commit", "-q", "-m", "published")
    git(tmp_path, "checkout", "-q", "-b", "post/third")
    third = content / "posts/third.md"
    third.write_text(
        "Title: The third post\nDate: 2024-03-01 10:00\nTags: under-review\n"
        "Summary: Third.\n\nText.\n",
        encoding="utf-8",
    )
    build_ok(SETTINGS, output, setting, "URL_LOCK_UPDATE=true", content=content)  # `make lock`
    assert {"/posts/2024/third/", "/tags/under-review/"} <= set(lock_urls(lock))
    git(tmp_path, "commit", "-q", "-a", "-m", "lock the third post")

    third.write_text("Status: draft\n" + third.read_text(), encoding="utf-8")
    build_ok(SETTINGS, output, setting, content=content)
    assert not (output / "posts/2024/third").exists()
    assert not (output / "tags/under-review").exists()  # never published: no redirect either

    (content / "posts/second.md").unlink()  # published on main: still protected
    result = run_pelican(SETTINGS, output, setting, content=content)
    assert result.returncode != 0
    assert "/posts/2024/second/ was published" in result.stderr
    assert "third" not in result.stderr


def test_make_check_reports_a_stale_lock_and_the_command_that_fixes_it(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(GUARD_DATA / "content", content)
    lock = tmp_path / "urls.lock"
    lock.write_text("# nothing locked yet\n", encoding="utf-8")
    code, printed = run_check(TEST_DATA / "checkconf.py", content, [f'URL_LOCK_FILE="{lock}"'])
    assert code != 0
    assert "urls.lock is out of date:" in printed
    new_line = next(line for line in printed.splitlines() if "not in the lock yet" in line)
    assert new_line.startswith(f"{lock}: ")
    assert new_line.endswith("(run `make lock` and commit urls.lock with your change)")
    assert "make check: fix the above." in capsys.readouterr().out
