"""A header line means one thing, and a post has a body: check_source in-process on many
variants (exactly one line each, never a misleading second one), then the build and `make check`
(test_build_stops.py and test_commands.py run those)."""

from datetime import UTC, datetime

import pytest

from plugins.guard.content_guard.metadata import KNOWN_KEYS, read_header
from plugins.guard.content_guard.problems import display_path
from plugins.guard.content_guard.source_checks import Rules, check_source
from plugins.guard.content_guard.sources import Source
from plugins.guard.content_guard.tests.helpers import post
from plugins.kinds.events.reading import KEYS as EVENT_KEYS
from plugins.model.error_report.header import markdown_lines

RULES = Rules(
    members=["ada-lovelace", "grace-hopper"],
    members_file="content/members.toml",
    topics=["networking", "scale"],
    topics_folder="content/topics",
    categories=("Announcements", "Essays", "Events"),
    known_keys=(*KNOWN_KEYS, *EVENT_KEYS.values()),
    timezone="UTC",
    max_bytes=1_000_000,
    now=datetime(2026, 1, 1, tzinfo=UTC),
)
AT_COLUMN_0 = (
    "(start every header line at the beginning of the line, with no spaces or tabs before the key)"
)
EMPTY = (
    "there is no text below the header (write at least a sentence below the header: the feeds "
    "and the post page carry it)"
)
# Lines that would come from the same mistake read another way.
MISLEADING = ("missing ", "unknown topic", "unknown author", "unknown metadata key", "empty ")


def problems(text, kind="post", name="posts/2025/new.md", rules=RULES):
    """The printed problems of check_source, without the path."""
    lines = markdown_lines(text)
    source = Source(name, name, kind, len(text), lines, read_header(lines))
    found, _ = check_source(source, rules)
    return [str(problem).replace(display_path(name), "", 1) for problem in found]


# (what, the post, the one line check_source prints); post(): Title 1 ... Summary 6, extras 7+
# fmt: off
HEADER_CASES = [
    ("tab before Tags after Summary", post(Summary="S.\n\tTags: asyncio"),
     ":7: the header line 'Tags: asyncio' is indented by a tab, so Markdown reads it as more of "
     f"'Summary' {AT_COLUMN_0}"),
    ("tab before Title", "\t" + post(),
     ":1: the header line 'Title: A post made by a test' is indented by a tab, so Markdown reads "
     f"no header at all {AT_COLUMN_0}"),
    ("tab before Tags after Topics", post(Topics="scale\n\tTags: asyncio"),
     ":5: the header line 'Tags: asyncio' is indented by a tab, so Markdown reads it as more of "
     f"'Topics' {AT_COLUMN_0}"),
    ("four spaces before Tags after Topics", post(Topics="scale\n    Tags: asyncio"),
     ":5: the header line 'Tags: asyncio' is indented by 4 spaces, so Markdown reads it as more "
     f"of 'Topics' {AT_COLUMN_0}"),
    ("two spaces before Authors", post(Date="2025-05-01 10:00\n  Authors: ada-lovelace",
                                       drop=["Authors"]),
     f":3: the header line 'Authors: ada-lovelace' is indented by 2 spaces {AT_COLUMN_0}"),
    ("a no-break space before Date", post(Title="T\n\u00a0Date: 2025-05-01 10:00", drop=["Date"]),
     ":2: the header line 'Date: 2025-05-01 10:00' is indented by U+00A0 (no-break space), so "
     f"Markdown ends the header there and shows it and the lines below as text {AT_COLUMN_0}"),
    ("a figure space before Summary", post(Category="Essays\n\u2007Summary: S", drop=["Summary"]),
     ":6: the header line 'Summary: S' is indented by U+2007 (figure space), so Markdown ends the "
     f"header there and shows it and the lines below as text {AT_COLUMN_0}"),
    ("spaces and tabs before Category", post(Topics="scale\n \t Category: Essays",
                                             drop=["Category"]),
     ":5: the header line 'Category: Essays' is indented by spaces and tabs, so Markdown reads it "
     f"as more of 'Topics' {AT_COLUMN_0}"),
    ("a continuation of Summary", post(Summary="A post made\n    by a test."),
     ":7: the indented line 'by a test.' continues 'Summary', which takes one line (write Summary "
     "on one line; only Event-Talks, Event-Location, Event-Skip and Event-Moved go on over lines "
     "indented by 4 spaces)"),
    ("a continuation of Topics", post(Topics="scale,\n    networking"),
     ":5: the indented line 'networking' continues 'Topics', which takes one line (write Topics "
     "on one line; only Event-Talks, Event-Location, Event-Skip and Event-Moved go on over lines "
     "indented by 4 spaces)"),
    ("a talk indented by a tab", post(Event_Talks="Queues | ada-lovelace\n\tScale | Grace"),
     ":8: the continuation line 'Scale | Grace' of Event-Talks is indented by a tab (indent a "
     "continuation line of Event-Talks by 4 spaces, not tabs or other spaces)"),
    ("a tab in a value", post(Tags="one,\ttwo"),
     ":7: the header line 'Tags: one,\\ttwo' has a tab (replace the tab with a space)"),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in HEADER_CASES], ids=[c[0] for c in HEADER_CASES]
)
def test_a_header_line_read_otherwise_is_one_problem_and_nothing_else(text, expected):
    assert problems(text) == [expected]


def test_the_fields_of_a_misindented_header_are_still_checked_as_meant():
    text = post(Topics="scale\n\tTags: asyncio", Authors="nobody")
    assert sorted(problems(text)) == [
        ":3: unknown author 'nobody' in Authors (known member ids: ada-lovelace, grace-hopper; "
        "new ones are added in content/members.toml)",
        ":5: the header line 'Tags: asyncio' is indented by a tab, so Markdown reads it as more of "
        f"'Topics' {AT_COLUMN_0}",
    ]


@pytest.mark.parametrize(
    "text",
    [
        post(Event_Talks="Queues | ada-lovelace\n    Keynote: scale | Grace Example"),
        post(Event_Location="Room 101,\n    the conference venue"),
        post(Event_Skip="2025-08-06,\n    2025-09-03", Event_Moved="2025-10-01 -> 2025-10-08,\n"
             "    2025-11-05 -> 2025-11-12"),
        "---\n" + post().replace("\n\n", "\n...\n", 1),
    ],
    ids=["talks", "location", "skip and moved", "yaml markers"],
)  # fmt: skip
def test_documented_continuation_lines_pass(text):
    assert problems(text) == []


# fmt: off
EMPTY_CASES = [
    ("no body at all", post(body="").rstrip("\n") + "\n", ":7: "),
    ("no blank line either", post(body="").rstrip("\n"), ":7: "),
    ("blank lines", post(body="\n\n   \n\t\n"), ":8: "),
    ("a comment", post(body="<!-- to write -->"), ":8: "),
    ("comments over lines", post(body="<!--\nTitle ideas\n-->\n\n<!-- more -->\n"), ":8: "),
    ("a meeting", post(Event_Start="2025-06-01 18:00", body=""), ":9: "),
    ("hidden", post(Status="hidden", body=" "), ":9: "),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "where"), [c[1:] for c in EMPTY_CASES], ids=[c[0] for c in EMPTY_CASES]
)
def test_a_post_without_a_body_is_refused_at_the_line_after_the_header(text, where):
    assert problems(text) == [where + EMPTY]


@pytest.mark.parametrize(
    ("text", "kind", "rules"),
    [
        (post(body="```\ncode only\n```"), "post", RULES),
        (post(body="<!-- a note -->\nOne sentence."), "post", RULES),
        (post(Status="draft", body=""), "post", RULES),  # not published: nothing carries it
        (post(body=""), "post", Rules(**{**vars(RULES), "allow_placeholders": True})),  # preview
        ("Title: Members\nTemplate: members\n", "page", RULES),  # the template fills it
        ("Title: Scale\nSummary: Systems at scale.\n\n<!-- -->\n", "topic", RULES),
    ],
    ids=["code", "comment and text", "draft", "devserver", "page", "topic"],
)
def test_a_body_of_code_a_draft_a_preview_a_page_or_a_topic_may_pass(text, kind, rules):
    assert not [line for line in problems(text, kind, rules=rules) if "no text below" in line]


@pytest.mark.parametrize("case", HEADER_CASES + EMPTY_CASES, ids=lambda case: case[0])
def test_no_misleading_line_for_the_same_mistake(case):
    assert not [line for line in problems(case[1]) if line.split(": ", 1)[1].startswith(MISLEADING)]
