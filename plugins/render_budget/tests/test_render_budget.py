"""render_budget: the timer in-process, and real builds that a slow file stops cleanly."""

import pickle
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest
from pelican.readers import MarkdownReader

from conftest import build_ok, run_pelican, snapshot
from plugins.markdown_readers import with_mixin
from plugins.parallel_markdown.parallel_markdown import PooledMarkdownReader
from plugins.render_budget.render_budget import (
    BudgetMarkdownReader,
    OverBudget,
    RenderBudgetError,
    run_within,
)

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
SLOW = "[a](" * 20_000  # minutes of Python-Markdown (10,000 `[` alone take about 10 s)


def spin():
    while True:
        pass


def test_a_function_over_budget_is_stopped_and_the_previous_timer_restored():
    calls = []

    def outer(*_):
        calls.append("outer")

    previous = signal.signal(signal.SIGALRM, outer)
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        started = time.monotonic()
        with pytest.raises(OverBudget):
            run_within(0.2, spin)
        assert time.monotonic() - started < 5
        assert run_within(5, sum, [1, 2]) == 3
        assert signal.getsignal(signal.SIGALRM) is outer
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 20 < left <= 30  # the outer timer runs on, less the time spent inside
        assert calls == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_no_budget_outside_the_main_thread_or_when_turned_off():
    results = []
    thread = threading.Thread(target=lambda: results.append(run_within(0.05, time.sleep, 0.2)))
    thread.start()
    thread.join()
    assert results == [None]
    assert run_within(0, time.sleep, 0.1) is None


def test_the_budget_sits_under_the_pool_whichever_plugin_comes_first():
    """The pool waits for workers outside the budget: only a read of the file itself is timed."""

    def pooled(reader_class):  # as plugins/parallel_markdown wraps a reader
        return with_mixin(reader_class, PooledMarkdownReader, outer=True)

    def budgeted(reader_class):  # as plugins/render_budget does
        return with_mixin(reader_class, BudgetMarkdownReader, outer=False)

    for reader in (pooled(budgeted(MarkdownReader)), budgeted(pooled(MarkdownReader))):
        order = [cls for cls in reader.__mro__ if issubclass(cls, MarkdownReader)]
        assert order[1:] == [PooledMarkdownReader, BudgetMarkdownReader, MarkdownReader]


def test_the_error_lists_every_file_and_survives_the_pool():
    error = RenderBudgetError(["/elsewhere/a.md", "/elsewhere/b.md"], 2.5)
    assert (
        str(error)
        .splitlines()[1]
        .startswith(
            "/elsewhere/b.md:1: Markdown took longer than 2.5 s to render (simplify the file"
        )
    )
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    output = tmp_path_factory.mktemp("good") / "output"
    build_ok(SETTINGS, output, content=TEST_DATA / "content")
    return output


def build_fails(tmp_path, good_build, files, workers):
    """Add `files` to a copy of the site, build over a copy of the good output; the output."""
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(TEST_DATA / "content", content)
    shutil.copytree(good_build, output)
    for relative, text in files.items():
        (content / relative).write_text(text, encoding="utf-8")
    before = snapshot(output)
    result = run_pelican(
        SETTINGS, output, "RENDER_BUDGET_SECONDS=0.5", f"PARALLEL_MARKDOWN_WORKERS={workers}",
        content=content, cwd=tmp_path,
    )  # fmt: skip
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    assert snapshot(output) == before, "a failed build changed the previous output"
    assert "Traceback" not in printed and "Could not process" not in printed, printed
    return printed


def test_slow_posts_and_pages_stop_the_build_with_one_line_each(tmp_path, good_build):
    header = "Title: Slow\nDate: 2025-05-02 10:00\nTopics: scale\nSummary: Slow.\n\n"
    printed = build_fails(
        tmp_path,
        good_build,
        {"posts/slow.md": header + SLOW, "pages/slow.md": "Title: Slow page\n\n" + "![" * 20_000},
        workers=2,  # the pool of the real site: the workers time the files
    )
    for path in ("content/pages/slow.md", "content/posts/slow.md"):
        assert f"{path}:1: Markdown took longer than 0.5 s to render (simplify the file" in printed
    assert "RENDER_BUDGET_SECONDS sets the limit)" in printed


def test_a_slow_topic_stops_the_build_too(tmp_path, good_build):
    slow_topic = "Title: Scale\nSummary: Systems that grow.\n\n" + SLOW
    printed = build_fails(tmp_path, good_build, {"topics/scale.md": slow_topic}, workers=0)
    assert "content/topics/scale.md:1: Markdown took longer than 0.5 s to render" in printed
