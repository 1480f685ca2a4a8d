"""A build that drops a locked URL fails; an alias keeps it alive as a redirect."""

import shutil
from pathlib import Path

import lxml.html
import pytest

from conftest import build_ok, run_pelican, snapshot

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"


@pytest.fixture
def locked_site(tmp_path):
    """Fixture content, a lock written by `make lock`, and a good build in output/."""
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    lock = tmp_path / "urls.lock"
    output = tmp_path / "output"
    setting = f'URL_LOCK_FILE="{lock}"'
    build_ok(SETTINGS, output, setting, "URL_LOCK_UPDATE=true", content=content)
    return content, output, lock, setting


def test_make_lock_lists_pages_and_feeds_but_not_assets(locked_site):
    _, _, lock, _ = locked_site
    urls = [line for line in lock.read_text().splitlines() if not line.startswith("#")]
    assert "/posts/2024/first/" in urls and "/posts/2024/second/" in urls
    assert "/feeds/all.atom.xml" in urls and "/" in urls
    assert urls == sorted(urls)
    assert not [url for url in urls if url.startswith("/theme/")]


def test_dropping_a_locked_url_fails_and_keeps_the_output(locked_site):
    content, output, lock, setting = locked_site
    before = snapshot(output)
    (content / "posts/second.md").unlink()
    result = run_pelican(SETTINGS, output, setting, content=content)
    assert result.returncode != 0
    line = lock.read_text().splitlines().index("/posts/2024/second/") + 1
    assert f"urls.lock:{line}: /posts/2024/second/ was published" in result.stdout + result.stderr
    assert "Aliases: /posts/2024/second/" in result.stdout + result.stderr
    assert snapshot(output) == before


def test_an_alias_keeps_the_old_url_as_a_redirect(locked_site):
    content, output, _, setting = locked_site
    post = content / "posts/second.md"
    post.rename(content / "posts/second-renamed.md")
    renamed = content / "posts/second-renamed.md"
    renamed.write_text("Aliases: /posts/2024/second/\n" + renamed.read_text(), encoding="utf-8")
    build_ok(SETTINGS, output, setting, content=content)
    redirect = lxml.html.parse(str(output / "posts/2024/second/index.html")).getroot()
    target = "https://lock.example.org/posts/2024/second-renamed/"
    assert redirect.cssselect("meta[http-equiv=refresh]")[0].get("content") == f"0; url={target}"
    assert redirect.cssselect("link[rel=canonical]")[0].get("href") == target
    assert (output / "posts/2024/second-renamed/index.html").is_file()
