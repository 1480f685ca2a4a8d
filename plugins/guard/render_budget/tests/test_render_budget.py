"""render_budget: the timer in-process, and real builds that a slow file stops cleanly."""

import shutil
import signal
import threading
import time
from pathlib import Path

import pytest
from pelican.readers import MarkdownReader, Readers
from pelican.settings import DEFAULT_CONFIG

from conftest import build_ok, run_pelican, snapshot
from plugins.guard.render_budget.render_budget import (
    BudgetMarkdownReader,
    OverBudget,
    RenderBudgetError,
    run_within,
    use_budget,
)

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
# The budget of the test builds, in CPU seconds. The fixture site's files take about 0.02 s each
# (cold): 50 times under. SLOW and SLOW_IMAGES take minutes of CPU (2,000 take over a second, and
# the time grows faster than the length): over a hundred times over. The budget counts CPU time,
# so other work on the machine moves neither side.
BUDGET = 1
SLOW = "[a](" * 20_000
SLOW_IMAGES = "![a](" * 20_000
NEVER = 120  # CPU seconds: a timer that has not fired by then never will (a guard, not a limit)


def burn(cpu_seconds):
    """Use `cpu_seconds` of this process's CPU time, then return how many were used."""
    started = time.process_time()
    while time.process_time() - started < cpu_seconds:
        pass
    return cpu_seconds


def test_a_function_over_budget_is_stopped_and_the_previous_timers_restored():
    calls = []

    def outer(*_):
        calls.append("outer")

    previous_prof = signal.signal(signal.SIGPROF, outer)
    previous_alarm = signal.signal(signal.SIGALRM, outer)
    signal.setitimer(signal.ITIMER_PROF, 30)
    signal.setitimer(signal.ITIMER_REAL, 3600)
    try:
        with pytest.raises(OverBudget):
            run_within(0.2, burn, NEVER)
        assert run_within(5, sum, [1, 2]) == 3
        assert signal.getsignal(signal.SIGPROF) is outer
        left, _ = signal.getitimer(signal.ITIMER_PROF)
        assert 20 < left <= 30  # the outer timer runs on, less the CPU time spent inside
        # The wall-clock timer (a test's alarm, pytest-timeout) is not the budget's: untouched.
        assert signal.getsignal(signal.SIGALRM) is outer
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
        assert calls == []
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, previous_prof)
        signal.signal(signal.SIGALRM, previous_alarm)


def test_the_budget_counts_cpu_time_not_the_clock():
    """A function that waits (as a read does on a machine busy with other work) uses next to
    no CPU time: 20 times the budget on the clock is not over it; CPU time is."""
    assert run_within(0.05, time.sleep, 1) is None
    with pytest.raises(OverBudget):
        run_within(0.05, burn, NEVER)


def test_no_budget_outside_the_main_thread_or_when_turned_off():
    results = []
    thread = threading.Thread(target=lambda: results.append(run_within(0.002, burn, 0.2)))
    thread.start()
    thread.join()
    assert results == [0.2]
    assert run_within(0, burn, 0.2) == 0.2
    assert run_within(None, burn, 0.2) == 0.2


def test_every_markdown_extension_is_read_under_the_budget():
    readers = Readers({**DEFAULT_CONFIG, "READERS": {}})
    # As Pelican makes them, whatever readers_init receivers this test process has seen.
    readers.reader_classes.update(dict.fromkeys(MarkdownReader.file_extensions, MarkdownReader))
    html_reader = readers.reader_classes["html"]
    use_budget(readers)
    for extension in MarkdownReader.file_extensions:
        assert readers.reader_classes[extension] is BudgetMarkdownReader, extension
    assert readers.reader_classes["html"] is html_reader


def test_the_error_lists_every_file():
    error = RenderBudgetError(["/elsewhere/a.md", "/elsewhere/b.md"], 2.5)
    assert (
        str(error)
        .splitlines()[1]
        .startswith(
            "/elsewhere/b.md:1: Markdown took longer than 2.5 s to render (simplify the file"
        )
    )


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    output = tmp_path_factory.mktemp("good") / "output"
    build_ok(SETTINGS, output, content=TEST_DATA / "content")
    return output


def build_fails(tmp_path, good_build, files):
    """Add `files` to a copy of the site, build over a copy of the good output; the output."""
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(TEST_DATA / "content", content)
    shutil.copytree(good_build, output)
    for relative, text in files.items():
        (content / relative).write_text(text, encoding="utf-8")
    before = snapshot(output)
    result = run_pelican(
        SETTINGS, output, f"RENDER_BUDGET_SECONDS={BUDGET}", content=content, cwd=tmp_path
    )
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
        {"posts/slow.md": header + SLOW, "pages/slow.md": "Title: Slow page\n\n" + SLOW_IMAGES},
    )
    for path in ("content/pages/slow.md", "content/posts/slow.md"):
        expected = f"{path}:1: Markdown took longer than {BUDGET} s to render (simplify the file"
        assert expected in printed, printed
    assert "RENDER_BUDGET_SECONDS sets the limit)" in printed


def test_a_slow_topic_stops_the_build_too(tmp_path, good_build):
    slow_topic = "Title: Scale\nSummary: Systems that grow.\n\n" + SLOW
    printed = build_fails(tmp_path, good_build, {"topics/scale.md": slow_topic})
    assert f"content/topics/scale.md:1: Markdown took longer than {BUDGET} s to render" in printed
