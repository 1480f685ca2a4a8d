"""Control characters in sources: refused with the line Markdown counts, raw or as references."""

import html.entities

from conftest import run_pelican, snapshot
from plugins.guard.content_guard.problems import display_path
from plugins.guard.content_guard.sources import read_source
from plugins.guard.content_guard.tests.helpers import SETTINGS, TEST_DATA, post, write
from plugins.guard.content_guard.text_checks import RAW, REFUSED_REFERENCES, check_text, controls

FIX = "(remove it; it is invisible to readers and feeds cannot carry it)"
# CVE-2021-42574's example: the comment shows at the end of the line, the string really ends there.
TROJAN_SOURCE = (
    'Check it:\n\n```python\nif access_level != "user\u202e \u2066# Check if admin\u2069 \u2066":\n'
    '    print("You are an admin.")\n```\n'
)
HEADER_FIX = (
    "(remove it; a header value is one line of plain text, and feeds, calendars and mail "
    "clients decode the reference into that character)"
)


def lines_of(tmp_path, text, name="post.md", kind="post"):
    """The printed problems of check_text for a file with `text`, without the path."""
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    source, _ = read_source(str(path), name, kind)
    return [str(problem).replace(display_path(str(path)), "") for problem in check_text(source)]


def test_a_clean_file_and_allowed_characters_pass(tmp_path):
    text = post(body="Tab\there, &amp;#12; is text, &#133; is an ellipsis, &#x41; is A.\r\nEnd.")
    assert lines_of(tmp_path, text) == []


def test_raw_control_characters_name_the_field_or_the_body_and_the_line(tmp_path):
    text = post(Title="A\x0cform feed", Tags="one,\n    two\x7f", body="Intro.\n\nA bell\x07.")
    assert lines_of(tmp_path, text) == [
        f":1: Title contains the control character U+000C (form feed) {FIX}",
        f":8: Tags contains the control character U+007F (delete) {FIX}",  # continuation line
        f":12: the body contains the control character U+0007 (bell) {FIX}",
    ]


def test_references_to_control_characters_are_refused_in_every_spelling(tmp_path):
    text = post(Summary="Feed &#12; me.", body="&#x0C; &#0012; &#7 &#X1b;")
    assert lines_of(tmp_path, text) == [
        f":6: Summary contains &#12;, which decodes to the control character U+000C (form feed) "
        f"{HEADER_FIX}",
        ":8: the body contains &#x0C;, a reference to the control character U+000C (form feed) "
        "(remove it; to show the text &#x0C; write it as &amp;#x0C;)",
        ":8: the body contains &#0012;, a reference to the control character U+000C (form feed) "
        "(remove it; to show the text &#0012; write it as &amp;#0012;)",
        ":8: the body contains &#7, a reference to the control character U+0007 (bell) "
        "(remove it; to show the text &#7 write it as &amp;#7)",
        ":8: the body contains &#X1b;, a reference to the control character U+001B (escape) "
        "(remove it; to show the text &#X1b; write it as &amp;#X1b;)",
    ]


def test_line_numbers_count_only_the_line_breaks_markdown_knows(tmp_path):
    # str.splitlines() would also break at U+000B, U+000C, U+001C and U+0085.
    text = "Title: A\x0bB\nSummary: S\x1c\r\n\r\nOne\x85\rTwo\x0c\nThree \ufffe\n"
    assert lines_of(tmp_path, text, name="page.md", kind="page") == [
        f":1: Title contains the control character U+000B (vertical tab) {FIX}",
        f":2: Summary contains the control character U+001C (file separator) {FIX}",
        f":4: the body contains the control character U+0085 (a C1 control) {FIX}",
        f":5: the body contains the control character U+000C (form feed) {FIX}",
        f":6: the body contains the noncharacter U+FFFE {FIX}",
    ]


def test_header_markers_and_files_that_are_not_markdown(tmp_path):
    assert lines_of(tmp_path, "---\x00\nTitle: T\n---\n\nBody.\n", name="topic.md") == [
        f":1: the metadata header contains the control character U+0000 (null) {FIX}"
    ]
    assert lines_of(tmp_path, "<p>\x1b[31m</p>", name="old.html") == [
        f":1: the file contains the control character U+001B (escape) {FIX}"
    ]


def test_a_file_full_of_control_characters_gives_a_short_list(tmp_path):
    found = lines_of(tmp_path, post(body="\x01\n" * 500))
    assert len(found) == 21
    assert found[-1] == ":28: and 480 more control characters from here on (remove them)"


def test_what_is_refused():
    refused = {chr(c) for c in range(0x10000) if RAW.match(chr(c))}
    hidden = [*range(0x202A, 0x202F), *range(0x2066, 0x2070), *range(0xFFF9, 0xFFFC)]
    expected = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF, *hidden]}
    assert refused == expected - {"\t", "\n", "\r"}
    assert {c for c in range(0x100) if controls(f"&#{c};")} == {
        c for c in range(0x20) if c not in (9, 10, 13)
    } | {0x7F}
    assert controls("&#xFFFF;") and controls("&#65534;")
    assert not controls("&#" + "0" * 50 + "65;") and not controls("&#99999999999999;")
    # No named reference of HTML5 stands for a refused character: only numeric ones are checked.
    assert not [name for name, value in html.entities.html5.items() if RAW.search(value)]
    assert 0x80 not in REFUSED_REFERENCES  # HTML decodes &#128; to the euro sign


def test_a_build_with_control_characters_stops_with_every_line(tmp_path):
    """One real build: raw and referenced control characters in a title, a summary, a body and
    a topic; the build stops with each `path:line`, no traceback, the output untouched."""
    content, output = tmp_path / "content", tmp_path / "output"
    write(
        content,
        {
            name.relative_to(TEST_DATA / "content").as_posix(): name.read_bytes()
            for name in (TEST_DATA / "content").rglob("*")
            if name.is_file()
        },
    )
    write(output, {"index.html": "<p>The previous build.</p>\n"})
    before = snapshot(output)
    write(
        content,
        {
            "posts/2025/title.md": post(Title="Form\x0cfeed"),
            "posts/2025/summary.md": post(Summary="A reference &#12; to a form feed."),
            "posts/2025/body.md": post(body="Intro.\n\nA bell\x07 rings."),
            "posts/2025/trojan.md": post(body=TROJAN_SOURCE),
            "topics/escape.md": "Title: Escape\nSummary: Colours \x1b[31m red.\n\nText.\n",
        },
    )
    result = run_pelican(SETTINGS, output, content=content)
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    assert "Traceback" not in printed, printed
    assert snapshot(output) == before, "a failed build changed the previous output"
    for expected in (
        "posts/2025/title.md:1: Title contains the control character U+000C (form feed) "
        "(remove it; it is invisible to readers and feeds cannot carry it)",
        "posts/2025/summary.md:6: Summary contains &#12;, which decodes to the control character "
        "U+000C (form feed)",
        "posts/2025/body.md:10: the body contains the control character U+0007 (bell)",
        "topics/escape.md:2: Summary contains the control character U+001B (escape)",
        "posts/2025/trojan.md:11: the body contains the invisible format character U+202E "
        "(right-to-left override)",
    ):
        assert expected in printed, printed
    for raw in ("\x1b", "\x07", "\u202e", "\u2066"):  # nothing raw reaches the terminal
        assert raw not in printed


def test_a_long_reference_is_shortened_in_the_message(tmp_path):
    found = lines_of(tmp_path, post(body="&#" + "0" * 5000 + "12;"))
    assert found == [
        ":8: the body contains &#0000...00012;, a reference to the control character U+000C "
        "(form feed) (remove it; to show the text &#0000...00012; write it as &amp;#0000...00012;)"
    ]


def test_a_reference_to_a_line_break_is_refused_in_the_header_only(tmp_path):
    """`Title: Hello&#13;&#10;Bcc: x` would decode to a real line break in a mailto: subject or a
    feed; in the body, a reference to a line break is ordinary text."""
    text = post(Title="Hello&#13;&#10;Bcc: victim", body="A line&#10;break and a tab&#9;here.")
    refused = ":1: Title contains &#{0};, which decodes to the control character U+000{1} ({2}) "
    assert lines_of(tmp_path, text) == [
        refused.format(13, "D", "carriage return") + HEADER_FIX,
        refused.format(10, "A", "line feed") + HEADER_FIX,
    ]
