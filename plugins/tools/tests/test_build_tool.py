"""`make html`'s build (plugins/tools/build.py): skipped only when nothing it reads has changed
since the last build that succeeded, and the output is what that build published."""

import datetime
import os
import shutil
from pathlib import Path

from buildfork import call_in_fork  # tests/buildfork.py

from conftest import ROOT, build_ok, snapshot
from plugins.tools import build as build_tool

GOLDEN = ROOT / "tests" / "golden"
DAY = datetime.date(2026, 12, 7)
UP_TO_DATE = "is up to date: nothing the build reads has changed since the last build"


def golden_copy(tmp_path):
    """The golden site's content and settings in tmp_path, its cache there too."""
    shutil.copytree(GOLDEN / "content", tmp_path / "content")
    settings = (GOLDEN / "pelicanconf.py").read_text(encoding="utf-8")
    settings = settings.replace("Path(__file__).resolve().parent", f"Path({str(GOLDEN)!r})")
    settings += f"PATH = {str(tmp_path / 'content')!r}\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n"
    (tmp_path / "pelicanconf.py").write_text(settings, encoding="utf-8")
    return ["-s", str(tmp_path / "pelicanconf.py"), "-o", str(tmp_path / "output"), "--fatal",
            "errors"]  # fmt: skip


def run(argv, day=DAY):
    """build.main(argv) in a forked child: (exit code, what it printed)."""
    result = call_in_fork(lambda: build_tool.main(argv, today=day), "build", timeout=600)
    return result.returncode, result.stdout + result.stderr


def mtimes(folder):
    return {path: path.stat().st_mtime_ns for path in Path(folder).rglob("*") if path.is_file()}


def test_a_build_is_skipped_only_while_nothing_it_reads_changed(tmp_path):
    argv = golden_copy(tmp_path)
    code, printed = run(argv)
    assert code == 0 and UP_TO_DATE not in printed, printed
    built = mtimes(tmp_path / "output")
    assert built

    code, printed = run(argv)
    assert code == 0 and UP_TO_DATE in printed, printed
    assert mtimes(tmp_path / "output") == built  # nothing written

    post = tmp_path / "content" / "posts" / "2025" / "second-post.md"
    post.write_text(post.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    code, printed = run(argv)
    assert code == 0 and UP_TO_DATE not in printed, printed
    assert "One more line." in (tmp_path / "output/posts/2025/second-post/index.html").read_text()
    assert UP_TO_DATE in run(argv)[1]

    for other in (
        lambda: run(argv, day=DAY + datetime.timedelta(days=1)),  # another UTC day
        lambda: run([*argv, "-e", 'SITENAME="Another name"']),  # another setting
        lambda: run([*argv, "--ignore-cache"]),  # always a build
    ):
        assert UP_TO_DATE not in other()[1]
        assert UP_TO_DATE not in run(argv)[1]  # the record is the other build's
        assert UP_TO_DATE in run(argv)[1]


def test_an_output_file_touched_or_removed_means_a_build(tmp_path):
    argv = golden_copy(tmp_path)
    run(argv)
    page = tmp_path / "output" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</body>", "<p>edited</p></body>"), "utf-8")
    code, printed = run(argv)
    assert code == 0 and UP_TO_DATE not in printed, printed
    assert "<p>edited</p>" not in page.read_text("utf-8")
    (tmp_path / "output" / "sitemap.xml").unlink()
    assert UP_TO_DATE not in run(argv)[1]
    assert (tmp_path / "output" / "sitemap.xml").is_file()


def test_a_failed_build_is_not_recorded(tmp_path):
    argv = golden_copy(tmp_path)
    run(argv)
    post = tmp_path / "content" / "posts" / "2025" / "second-post.md"
    good = post.read_text("utf-8")
    post.write_text(good.replace("Authors: ", "Authors: nobody-known, "), "utf-8")
    code, printed = run(argv)
    assert code != 0 and UP_TO_DATE not in printed
    post.write_text(good, "utf-8")  # back to what the last good build read: built again all the
    code, printed = run(argv)  # same, since the failed build's record was removed
    assert code == 0 and UP_TO_DATE not in printed, printed


def test_the_hour_of_the_build_never_changes_its_output(tmp_path):
    """Why a record holds for a whole UTC day: the golden site, whose meeting is on 2025-05-20,
    built at the first and the last minute of that day and of the days around it."""
    outputs = {}
    moments = [f"2025-05-{day}T{time}" for day in (19, 20, 21) for time in ("00:00:30", "23:59:30")]
    for moment in moments:
        output = tmp_path / moment
        build_ok(GOLDEN / "pelicanconf.py", output, f'BUILD_NOW="{moment}"', "EVENTS_NOW=null")
        outputs[moment] = snapshot(output)
    days = [list(outputs.values())[index : index + 2] for index in (0, 2, 4)]
    assert all(first == last for first, last in days)
    assert days[0][0] != days[2][0]  # the meeting moved from upcoming to past: the day counts


def test_the_inputs_include_the_lock_and_never_open_a_pipe(tmp_path):
    content, theme = tmp_path / "content", tmp_path / "theme"
    content.mkdir()
    theme.mkdir()
    (content / "post.md").write_text("Title: A\n")
    lock = tmp_path / "urls.lock"
    lock.write_text("/a/\n")
    settings = {"PATH": str(content), "THEME": str(theme), "URL_LOCK_FILE": str(lock)}
    first = build_tool.inputs_digest(settings, [], DAY)
    lock.write_text("/a/\n/b/\n")
    assert build_tool.inputs_digest(settings, [], DAY) != first
    os.mkfifo(content / "pipe.md")  # opened, it would block until someone writes to it
    with_pipe = build_tool.inputs_digest(settings, [], DAY)
    (content / "pipe.md").unlink()
    (content / "pipe.md").symlink_to("/dev/zero")
    assert build_tool.inputs_digest(settings, [], DAY) not in (with_pipe, first)
