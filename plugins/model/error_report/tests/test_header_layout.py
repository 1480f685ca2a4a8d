"""A header line means one thing: every line that Markdown would read otherwise than it looks
(indented by spaces, tabs or other spaces, a tab inside, an indented line under a key that takes
one line) is one (line, what, fix), and the fields are read as the contributor meant them."""

import pytest

from plugins.kinds.events.reading import LISTS
from plugins.model.error_report.header import MULTI_LINE_KEYS, markdown_lines, read_header

AT_COLUMN_0 = (
    "start every header line at the beginning of the line, with no spaces or tabs before the key"
)
ONE_LINE = (
    "write Summary on one line; only Event-Talks, Event-Location, Event-Skip and Event-Moved "
    "go on over lines indented by 4 spaces"
)
TALKS_INDENT = "indent a continuation line of Event-Talks by 4 spaces, not tabs or other spaces"


def header(*lines):
    return read_header(markdown_lines("\n".join(lines) + "\n\nThe body.\n"))


def values(found):
    return {key: field.value for key, field in found.fields.items()}


# (what, header lines, the one (line, what, fix), the fields as meant)
# fmt: off
REFUSED = [
    ("tab before Tags after Summary", ("Title: T", "Summary: S", "\tTags: asyncio"),
     (3, "the header line 'Tags: asyncio' is indented by a tab, so Markdown reads it as more of "
         "'Summary'", AT_COLUMN_0),
     {"title": "T", "summary": "S", "tags": "asyncio"}),
    ("tab before Title", ("\tTitle: T", "Date: 2025-05-01", "Summary: S"),
     (1, "the header line 'Title: T' is indented by a tab, so Markdown reads no header at all",
      AT_COLUMN_0),
     {"title": "T", "date": "2025-05-01", "summary": "S"}),
    ("tab before Tags after Topics", ("Title: T", "Topics: scale", "\tTags: asyncio"),
     (3, "the header line 'Tags: asyncio' is indented by a tab, so Markdown reads it as more of "
         "'Topics'", AT_COLUMN_0),
     {"title": "T", "topics": "scale", "tags": "asyncio"}),
    ("two tabs", ("Title: T", "\t\tAuthors: ada"),
     (2, "the header line 'Authors: ada' is indented by 2 tabs, so Markdown reads it as more of "
         "'Title'", AT_COLUMN_0),
     {"title": "T", "authors": "ada"}),
    ("one space: Markdown reads the key all the same", ("Title: T", " Tags: a"),
     (2, "the header line 'Tags: a' is indented by a space", AT_COLUMN_0),
     {"title": "T", "tags": "a"}),
    ("three spaces", ("Title: T", "   Tags: a"),
     (2, "the header line 'Tags: a' is indented by 3 spaces", AT_COLUMN_0),
     {"title": "T", "tags": "a"}),
    ("four spaces", ("Title: T", "Topics: scale", "    Tags: a"),
     (3, "the header line 'Tags: a' is indented by 4 spaces, so Markdown reads it as more of "
         "'Topics'", AT_COLUMN_0),
     {"title": "T", "topics": "scale", "tags": "a"}),
    ("spaces and a tab", ("Title: T", "  \tCategory: Essays"),
     (2, "the header line 'Category: Essays' is indented by spaces and tabs, so Markdown reads it "
         "as more of 'Title'", AT_COLUMN_0),
     {"title": "T", "category": "Essays"}),
    ("a no-break space", ("Title: T", "\u00a0Tags: a", "Summary: S"),
     (2, "the header line 'Tags: a' is indented by U+00A0 (no-break space), so Markdown ends the "
         "header there and shows it and the lines below as text", AT_COLUMN_0),
     {"title": "T", "tags": "a", "summary": "S"}),
    ("an ideographic space first", ("\u3000Title: T", "Summary: S"),
     (1, "the header line 'Title: T' is indented by U+3000 (ideographic space), so Markdown reads "
         "no header at all", AT_COLUMN_0),
     {"title": "T", "summary": "S"}),
    ("a zero-width space", ("Title: T", "\u200bDate: 2025-05-01"),
     (2, "the header line 'Date: 2025-05-01' is indented by U+200B (zero width space), so "
         "Markdown ends the header there and shows it and the lines below as text", AT_COLUMN_0),
     {"title": "T", "date": "2025-05-01"}),
    ("an Event- key indented under Event-Talks", ("Title: T", "Event-Talks: A | b",
                                                   "    Event-URL: https://x.example/"),
     (3, "the header line 'Event-URL: https://x.example/' is indented by 4 spaces, so Markdown "
         "reads it as more of 'Event-Talks'", AT_COLUMN_0),
     {"title": "T", "event-talks": "A | b", "event-url": "https://x.example/"}),
    ("plain text continuing Summary", ("Title: T", "Summary: S", "    and more"),
     (3, "the indented line 'and more' continues 'Summary', which takes one line", ONE_LINE),
     {"title": "T", "summary": "S and more"}),
    ("an unknown key-like text continuing Summary", ("Summary: S", "\tPython: the language"),
     (2, "the indented line 'Python: the language' continues 'Summary', which takes one line",
      ONE_LINE),
     {"summary": "S Python: the language"}),
    ("plain text indented by 2 spaces under Summary", ("Title: T", "Summary: S", "  and more"),
     (3, "the indented line 'and more' continues 'Summary', which takes one line, so Markdown "
         "ends the header there and shows it and the lines below as text", ONE_LINE),
     {"title": "T", "summary": "S and more"}),
    ("a talk indented by a tab", ("Title: T", "Event-Talks: A | b", "\tC | d"),
     (3, "the continuation line 'C | d' of Event-Talks is indented by a tab", TALKS_INDENT),
     {"title": "T", "event-talks": "A | b C | d"}),
    ("a talk indented by 2 spaces", ("Title: T", "Event-Talks: A | b", "  C | d"),
     (3, "the continuation line 'C | d' of Event-Talks is indented by 2 spaces, so Markdown ends "
         "the header there and shows it and the lines below as text", TALKS_INDENT),
     {"title": "T", "event-talks": "A | b C | d"}),
    ("a talk indented by no-break spaces", ("Event-Talks: A | b", "\u00a0\u00a0\u00a0\u00a0C | d"),
     (2, "the continuation line 'C | d' of Event-Talks is indented by U+00A0 (no-break space), so "
         "Markdown ends the header there and shows it and the lines below as text", TALKS_INDENT),
     {"event-talks": "A | b C | d"}),
    ("a tab in a value", ("Title: T", "Tags:\tasyncio"),
     (2, "the header line 'Tags:\\tasyncio' has a tab", "replace the tab with a space"),
     {"title": "T", "tags": "asyncio"}),
    ("a tab inside a talk", ("Event-Talks: A | b", "    C\t| d"),
     (2, "the header line 'C\\t| d' has a tab", "replace the tab with a space"),
     {"event-talks": "A | b C\t| d"}),
]
# fmt: on


@pytest.mark.parametrize(
    ("lines", "expected", "meant"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_a_line_markdown_reads_otherwise_is_one_problem_and_the_fields_are_as_meant(
    lines, expected, meant
):
    found = header(*lines)
    assert found.layout == [expected]
    assert values(found) == meant
    assert found.body_line == len(lines) + 2  # the blank line is the end of the header


@pytest.mark.parametrize(
    "lines",
    [
        ("Title: T", "Event-Talks: A | b", "    C | d", "    Keynote: the future | e"),
        ("Event-Location: Room 101,", "        the conference venue"),
        ("Event-Skip: 2027-08-04,", "    2027-09-01", "Event-Moved: 2027-04-07 -> 2027-04-14,",
         "    2027-05-05 -> 2027-05-12"),
        ("---", "Title: T", "Summary: S", "..."),
        ("Title: T", "Summary: S: with a colon, and  spaces  "),
    ],
    ids=["talks", "location", "skip and moved", "yaml markers", "plain"],
)  # fmt: skip
def test_column_0_lines_and_continuations_of_multi_line_keys_pass(lines):
    assert header(*lines).layout == []


def test_the_body_may_start_right_below_the_header_and_may_be_indented():
    text = "Title: T\nSome text at once\n\tan indented line of the body\n"
    assert read_header(markdown_lines(text)).layout == []
    code_first = "    print('a page that is code')\n\nText.\n"  # no header at all
    assert read_header(markdown_lines(code_first)).fields == {}
    assert read_header(markdown_lines(code_first)).layout == []


def test_the_multi_line_keys_are_those_the_events_plugin_reads_as_lines():
    assert {key.lower() for key in MULTI_LINE_KEYS} == {*LISTS, "event-talks"}


def test_a_long_line_is_cut_short_in_the_message():
    found = header("Title: T", "\tSummary: " + "word " * 40)
    assert found.layout[0][1] == (
        "the header line 'Summary: word word word word word word word word word word w…' "
        "is indented by a tab, so Markdown reads it as more of 'Title'"
    )
