"""parallel_markdown on the real site: the pool's results are Pelican's, errors are unchanged.

The same check on a generated corpus of 40 posts, with the writers forked too, is in
tests/test_build_speed.py.
"""

import shutil

import pytest

from conftest import ROOT, build_ok, run_pelican, snapshot

SETTINGS = ROOT / "pelicanconf.py"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    copy = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def test_the_pool_gives_the_same_site_as_one_process(content, tmp_path):
    one = build_ok(SETTINGS, tmp_path / "one", "PARALLEL_MARKDOWN_WORKERS=0", content=content)
    pooled = build_ok(SETTINGS, tmp_path / "pool", "PARALLEL_MARKDOWN_WORKERS=3", content=content)
    assert snapshot(tmp_path / "pool") == snapshot(tmp_path / "one")
    assert "Processed" in one.stdout and "Processed" in pooled.stdout


def test_a_bad_post_is_reported_the_same_with_the_pool(content, tmp_path):
    bad = content / "posts" / "2026" / "bad-date.md"
    bad.write_text(
        "Title: A post with a bad date\nDate: the day after tomorrow\nAuthors: editors\n"
        "Topics: uls-systems\n\nBody.\n",
        encoding="utf-8",
    )
    try:
        reports = []
        for workers in ("0", "2"):
            result = run_pelican(
                SETTINGS, tmp_path / workers, f"PARALLEL_MARKDOWN_WORKERS={workers}",
                content=content,
            )  # fmt: skip
            assert result.returncode != 0
            reports.append(
                [
                    line
                    for line in (result.stdout + result.stderr).splitlines()
                    if "bad-date" in line
                ]
            )
        assert reports[0] and reports[0] == reports[1]
        assert any(":2:" in line for line in reports[0])  # path:line of the Date
    finally:
        bad.unlink()
