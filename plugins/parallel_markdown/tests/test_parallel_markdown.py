"""parallel_markdown on the real site: the pool is used, its results are Pelican's, a dead worker
does not hang the build, errors are unchanged; and the rule that decides when it runs.

The same check on a generated corpus of 24 posts, with the writers forked too, is in
tests/test_build_speed.py.
"""

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_ok, run_pelican, snapshot
from plugins.parallel_markdown.parallel_markdown import DEFAULTS, cores, markdown_files, pool_size

SETTINGS = ROOT / "pelicanconf.py"
HELPERS = Path(__file__).parent / "test_data" / "helpers"
REPORT = re.compile(r"(\d+) worker processes parsed (\d+) Markdown files; the build process read")


def with_helpers(*names):
    """Settings that add the test plugins `names` (test_data/helpers) to the site's."""
    import runpy

    plugins = [*runpy.run_path(str(SETTINGS))["PLUGINS"], *names]
    return (
        f"PLUGIN_PATHS={json.dumps([str(HELPERS)])}",
        f"PLUGINS={json.dumps(plugins)}",
    )


def test_the_pool_runs_for_a_big_site_or_when_asked_and_never_under_the_cache():
    least = DEFAULTS["PARALLEL_MARKDOWN_MIN_FILES"]
    automatic = {"PARALLEL_MARKDOWN_WORKERS": None}
    expected = cores() if cores() > 1 else 0
    assert pool_size(automatic, least - 1) == 0  # the real site (about 20 files) is one process
    assert pool_size(automatic, least) == expected
    assert pool_size({**automatic, "PARALLEL_MARKDOWN_MIN_FILES": 5}, 5) == expected
    assert pool_size({"PARALLEL_MARKDOWN_WORKERS": 3}, 2) == 3  # explicit wins on a small site
    assert pool_size({"PARALLEL_MARKDOWN_WORKERS": 3}, 0) == 0
    assert pool_size({"PARALLEL_MARKDOWN_WORKERS": 1}, 1000) == 0
    assert pool_size({"PARALLEL_MARKDOWN_WORKERS": 0}, 1000) == 0
    cached = {"PARALLEL_MARKDOWN_WORKERS": 3, "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    assert pool_size(cached, 1000) == 0


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    copy = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


@pytest.fixture(scope="module")
def one_process(content, tmp_path_factory):
    output = tmp_path_factory.mktemp("one") / "output"
    result = build_ok(SETTINGS, output, "PARALLEL_MARKDOWN_WORKERS=0", content=content)
    assert "Processed" in result.stdout
    return snapshot(output)


def test_the_pool_parses_every_file_and_gives_the_same_site(content, one_process, tmp_path):
    result = build_ok(
        SETTINGS, tmp_path, "PARALLEL_MARKDOWN_WORKERS=3", *with_helpers("pool_report"),
        content=content,
    )  # fmt: skip
    printed = result.stdout + result.stderr
    report = REPORT.search(printed)
    assert report, printed
    read = [path for path in content.rglob("*.md") if path.name != "README.md"]  # IGNORE_FILES
    assert int(report[1]) >= 1  # processes other than the build process (their pids differ)
    assert int(report[2]) == len(read)
    assert "the build process read 0 itself" in printed
    assert snapshot(tmp_path) == one_process


def test_a_worker_that_dies_does_not_hang_the_build(content, one_process, tmp_path):
    """A lost task used to leave the pool waiting forever: the build ends (run_pelican's own
    timeout of minutes is only the guard that turns a hang into a failure), and says why."""
    result = build_ok(
        SETTINGS, tmp_path, "PARALLEL_MARKDOWN_WORKERS=2", 'DIE_IN_WORKER="about.md"',
        *with_helpers("pool_report", "die_in_worker"), content=content,
    )  # fmt: skip
    printed = result.stdout + result.stderr
    assert "a Markdown worker process died" in printed
    assert "the build process reads the remaining files itself" in printed
    report = REPORT.search(printed)
    assert report and int(report[2]) < len(list(content.rglob("*.md"))), printed
    assert snapshot(tmp_path) == one_process


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


def test_a_build_refused_before_reading_closes_the_pool(content, tmp_path):
    """content_guard stops the build at article_generator_init, after the pool started and
    before all_generators_finalized would close it; here the content links back to its own
    parent folder. The pool is closed at exit and does not count files through links, so the
    build ends (a build forked from this process used to wait for the pool forever)."""
    loop = content / "posts" / "loop"
    loop.symlink_to(content.parent)
    try:
        assert not [path for path in markdown_files({"PATH": str(content), "OUTPUT_PATH": "x"})
                    if "/loop/" in path]  # fmt: skip
        result = run_pelican(SETTINGS, tmp_path, "PARALLEL_MARKDOWN_WORKERS=2", content=content)
    finally:
        loop.unlink()
    printed = result.stdout + result.stderr
    assert result.returncode != 0
    assert "posts/loop:1: is a symbolic link" in printed, printed
    assert "Traceback" not in printed
