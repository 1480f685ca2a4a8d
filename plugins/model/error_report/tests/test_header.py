"""The one header reader, in-process: the line every plugin's error names for a key, and one way
to show a path and one error type for every plugin."""

import os

from plugins.guard.content_guard.problems import ContentGuardError, Problem
from plugins.kinds.events.events import EventError, Source
from plugins.model.error_report import ContentError, display_path, metadata_line
from plugins.model.error_report.header import markdown_lines, read_header

HEADER = (
    "---\r\n"
    "Title: A post\r\n"
    "Topics: jython,\r\n"
    "    Tags: soa\r\n"  # indented: Markdown reads it as more of Topics
    "Event-Start: 2027-05-15 14:00\r\n"
    "\r\n"
    "Authors: not-a-key (the body)\r\n"
)


def test_metadata_line_reads_the_header_as_markdown_does(tmp_path):
    path = tmp_path / "post.md"
    path.write_bytes(("\ufeff" + HEADER).encode())  # a byte order mark and CRLF line breaks
    assert metadata_line(path, "title") == 2
    assert metadata_line(path, "TOPICS") == 3
    assert metadata_line(path, "tags") == 4  # the indented line, where the contributor wrote it
    assert metadata_line(path, "authors") == 1  # after the header: not a key
    assert metadata_line(tmp_path / "missing.md", "title") == 1


def test_the_header_is_split_at_markdown_line_breaks_only():
    lines = markdown_lines("Title: a\x0cb\u2028c\nSummary: d\n")
    assert lines == ["Title: a\x0cb\u2028c", "Summary: d"]
    assert read_header(lines).line_of("summary") == 2


def test_an_event_error_names_the_line_of_its_key_else_the_first_event_key(tmp_path):
    path = tmp_path / "event.md"
    path.write_text(HEADER, encoding="utf-8")
    source = Source(type("Article", (), {"source_path": str(path)})())
    assert source.line("event-start") == 5
    assert source.line("event-location") == 5  # not set: the first Event- line
    error = source.error("event-url", "no address", "add one")
    assert isinstance(error, ContentError)
    assert str(error) == f"{display_path(path)}:5: no address (add one)"


def test_one_path_display_and_one_error_type(tmp_path):
    inside = os.path.join(os.getcwd(), "content", "x.md")
    assert display_path(inside) == os.path.join("content", "x.md")
    outside = os.path.join(os.path.dirname(os.path.abspath(os.getcwd())), "elsewhere.md")
    assert display_path(os.path.relpath(outside)) == outside  # absolute, not ../elsewhere.md
    problem = Problem(inside, 3, "bad", "fix it")
    assert str(problem) == f"{os.path.join('content', 'x.md')}:3: bad (fix it)"
    assert isinstance(ContentGuardError([problem]), ContentError)
    assert EventError.content_error and ContentGuardError.content_error
