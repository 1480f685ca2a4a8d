"""`make newpost` and `make check` on real builds: one test of each runs the command as the
Makefile does (`python -m ...`), the others call the same main() in a fork of the test process
(helpers.run_main_in_fork; the check's build forked too), without a new interpreter's start-up."""

import importlib.util
import re
import shutil
from datetime import UTC, datetime

import pytest

from conftest import ROOT, build_ok, run_pelican
from plugins.guard.content_guard.metadata import PLACEHOLDER_BODY, PLACEHOLDER_SUMMARY
from plugins.guard.content_guard.problems import display_path
from plugins.guard.content_guard.tests.helpers import (
    CHECK,
    NEWPOST,
    SETTINGS,
    TEST_DATA,
    post,
    run_check_in_fork,
    run_main_in_fork,
    run_script,
    write,
)
from plugins.tools import newpost as newpost_command


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", copy)
    return copy


def newpost(content, title, author="", topics="", command_line=False):
    """What `make newpost TITLE=... AUTHOR=... TOPICS=...` runs, on the fixture's content: its
    main() in a fork, or `command_line`: as the Makefile runs it."""
    arguments = [
        "--title", title, "--author", author, "--topics", topics,
        "--settings", SETTINGS, "--content", content,
    ]  # fmt: skip
    if command_line:
        return run_script(NEWPOST, *arguments)
    return run_main_in_fork(newpost_command.main, *arguments)


def test_newpost_scaffolds_a_post_that_builds_once_it_is_written(content, tmp_path):
    result = newpost(
        content, "Lessons from a load test", "ada-lovelace", "scale,networking", command_line=True
    )
    assert result.returncode == 0, result.stderr
    year = datetime.now(UTC).year
    path = content / f"posts/{year}/lessons-from-a-load-test.md"
    assert path.is_file(), result.stdout
    text = path.read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0].splitlines()
    assert header[0] == "Title: Lessons from a load test"
    assert header[1].startswith(f"Date: {year}-")
    assert "Authors: ada-lovelace" in header
    assert "Topics: scale, networking" in header
    for commented in ("Modified:", "Slug: lessons-from-a-load-test", "Guid:", "Aliases:"):
        assert f"\n{commented}" in text.split("<!--", 1)[1].split("-->", 1)[0]
    assert "\nStatus: draft\n" in text.split("-->", 1)[0]

    # As scaffolded, the post is not finished: the check says what is left to do.
    output = tmp_path / "output"
    unfinished = run_pelican(SETTINGS, output, content=content)
    assert unfinished.returncode != 0
    assert "the Summary is still the placeholder" in unfinished.stderr
    assert "the body is still the placeholder" in unfinished.stderr
    # `make devserver` previews it all the same (it sets CONTENT_GUARD_ALLOW_PLACEHOLDERS).
    build_ok(
        SETTINGS, tmp_path / "preview", "CONTENT_GUARD_ALLOW_PLACEHOLDERS=true", content=content
    )

    text = text.replace(PLACEHOLDER_SUMMARY, "What a week of load tests taught us.")
    body = "We ran load tests for a week.\n\n## Results\n\nThe servers held.\n"
    text = text.split(PLACEHOLDER_BODY)[0] + body
    path.write_text(text, encoding="utf-8")
    build_ok(SETTINGS, output, content=content)
    assert (output / f"posts/{year}/lessons-from-a-load-test/index.html").is_file()


def test_newpost_refuses_to_overwrite_or_reuse_a_slug(content):
    first = newpost(content, "Lessons from a load test", "ada-lovelace")
    assert first.returncode == 0, first.stderr
    created = next(content.glob("posts/*/lessons-from-a-load-test.md"))
    before = created.read_bytes()

    again = newpost(content, "Lessons from a load test", "grace-hopper")
    assert again.returncode != 0
    assert "lessons-from-a-load-test.md already exists" in again.stderr
    assert created.read_bytes() == before

    # first-post.md is from 2025; the slug is taken in any year and in any case.
    reused = newpost(content, "FIRST Post!", "ada-lovelace")
    assert reused.returncode != 0
    assert "the slug 'first-post' is already used by " in reused.stderr
    assert "posts/2025/first-post.md" in reused.stderr
    assert sorted(content.glob("posts/*/first-post.md")) == [content / "posts/2025/first-post.md"]


@pytest.mark.parametrize(
    ("author", "topics", "message"),
    [
        ("ada", "", "unknown author 'ada' (did you mean 'ada-lovelace'?"),
        ("ada-lovelace", "scale,netwrking", "unknown topic 'netwrking' (did you mean 'network"),
    ],
)
def test_newpost_refuses_unknown_authors_and_topics(content, author, topics, message):
    result = newpost(content, "A post with a typo", author, topics)
    assert result.returncode != 0
    assert message in result.stderr
    assert not list(content.glob("posts/*/a-post-with-a-typo.md"))


def test_newpost_needs_a_title(content):
    result = newpost(content, "  ", "ada-lovelace")
    assert result.returncode != 0
    assert 'make newpost TITLE="' in result.stderr


def test_check_lists_a_held_back_draft_and_passes(content):
    write(
        content,
        {
            "posts/2025/later.md": post(Title="Later", Date="2099-01-01 10:00", Status="draft"),
            # No text: a page's template or a topic's summary and posts fill the page.
            "pages/empty.md": "Title: Empty\nSummary: A page with no text.\n",
            "topics/scale.md": "Title: Scale\nSummary: Big systems.\n\n<!-- more soon -->\n",
        },
    )
    result = run_check_in_fork(content, "--settings", SETTINGS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "posts/2025/later.md: held back: Date 2099-01-01 10:00 is in the future; the post stays "
        "out of the site and the feeds while `Status: draft` is set"
    ) in result.stdout
    # What Pelican counts, in its words: the draft apart from the articles.
    assert (
        "content_guard: checked 2 articles (posts and meetings), 1 draft, 2 pages and 2 topics: "
        "no problems"
    ) in result.stdout
    assert "Processed 2 articles, 1 draft, 0 hidden articles, 2 pages" in result.stdout


def test_check_shows_what_the_sanitizer_removed(content):
    write(content, {"posts/2025/new.md": post(body='Hi <b onclick="go()">there</b>.')})
    result = run_check_in_fork(content, "--settings", SETTINGS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "posts/2025/new.md: sanitized: removed onclick attribute from <b>" in result.stdout


def test_check_fails_with_the_problems_of_the_build_each_once(content):
    write(
        content,
        {
            "posts/2025/new.md": post(Authors="nobody"),
            "posts/2025/tabbed.md": post(Title="Tabbed", Summary="S.\n\tTags: asyncio"),
        },
    )
    result = run_script(CHECK, content, "--settings", SETTINGS)  # the real command line
    assert result.returncode != 0
    printed = result.stdout
    lines = printed.splitlines()
    problems = [line for line in lines if line.startswith(display_path(content))]
    assert [line.replace(display_path(content), "", 1) for line in problems] == [
        "/posts/2025/new.md:3: unknown author 'nobody' in Authors (known member ids: "
        f"ada-lovelace, grace-hopper; new ones are added in {display_path(content)}/members.toml)",
        "/posts/2025/tabbed.md:7: the header line 'Tags: asyncio' is indented by a tab, so "
        "Markdown reads it as more of 'Summary' (start every header line at the beginning of the "
        "line, with no spaces or tabs before the key)",
    ]
    assert "content_guard: checked 4 articles (posts and meetings), 1 page and 2 topics" in lines
    assert printed.count("2 problem(s)") == 1, printed  # the count once, over the problems
    assert lines[-1] == "make check: fix the above."
    assert "PLUGINS" not in printed


def test_check_names_the_file_another_plugin_stopped_the_build_at(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    meeting = content / "events/public-announcement.md"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(re.sub(r"(?m)^Event-Timezone: .*$", "Event-Timezone: Mars/Base", text))
    result = run_check_in_fork(content, "--settings", ROOT / "pelicanconf.py")
    assert result.returncode != 0
    shown = display_path(meeting)
    assert result.stdout.splitlines()[-3:] == [
        f"{shown}:9: unknown time zone 'Mars/Base' in Event-Timezone (use an IANA name such as "
        "UTC, Europe/Berlin or America/New_York)",
        "",
        f"make check: the build stopped at {shown} (the problems above); fix them and run make "
        "check again",
    ]
    assert "PLUGINS" not in result.stdout and "Traceback" not in result.stdout


def test_the_real_site_passes_the_check():
    result = run_check_in_fork(ROOT / "content", "--settings", ROOT / "pelicanconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "content_guard: checked " in result.stdout
    assert ": no problems" in result.stdout


def test_the_makefile_runs_the_same_commands():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    newpost_line = '--title "$$TITLE" --author "$$AUTHOR" --topics "$$TOPICS"'
    assert f"-m plugins.tools.newpost {newpost_line}" in makefile
    assert "-m plugins.tools.check --settings pelicanconf.py content" in makefile
    assert importlib.util.find_spec(NEWPOST) and importlib.util.find_spec(CHECK)
