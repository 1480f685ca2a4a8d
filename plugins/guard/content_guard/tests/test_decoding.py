"""Issue 24, class 1: a header value is judged as every decoder will read it, by the one
decoding of plugins/model/plain_text, and a reference that decodes to a line break, a tab or any
other control character is refused whatever its spelling, named as written."""

from conftest import run_pelican, snapshot
from plugins.guard.content_guard.problems import display_path
from plugins.guard.content_guard.sources import read_source
from plugins.guard.content_guard.tests.helpers import SETTINGS, copy_of_fixture, post, write
from plugins.guard.content_guard.text_checks import check_text

# The spellings an attacker has for a line break, a tab or a C0 control, each as written.
LINE_BREAKS = {
    "&NewLine;": "U+000A (line feed)",
    "&NewLine": "U+000A (line feed)",  # no `;`: some decoders read it all the same
    "&Tab;": "U+0009 (tab)",
    "&Tab": "U+0009 (tab)",
    "&#x0A": "U+000A (line feed)",
    "&#X0d;": "U+000D (carriage return)",
    "&#0000010;": "U+000A (line feed)",
    "&amp;NewLine;": "U+000A (line feed)",  # a second decoder (a feed reader's HTML)
    "&amp;amp;#10;": "U+000A (line feed)",
    "&#38;NewLine;": "U+000A (line feed)",
    "&#x26;Tab;": "U+0009 (tab)",
    "&#8232;": "the line separator U+2028",
    "&#x2029;": "the paragraph separator U+2029",
    "&#x1B;": "U+001B (escape)",
}


def problems(tmp_path, text, name="post.md", kind="post"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    source, _ = read_source(str(path), name, kind)
    return [str(problem).replace(display_path(str(path)), "") for problem in check_text(source)]


def test_every_spelling_of_a_line_break_in_a_title_is_refused_as_written(tmp_path):
    for written, character in LINE_BREAKS.items():
        found = problems(tmp_path, post(Title=f"Hello{written} Bcc: victim@example.org"))
        assert len(found) == 1, (written, found)
        assert found[0].startswith(f":1: Title contains {written}, which decodes to "), found
        assert character in found[0], found


def test_every_field_and_topics_and_pages_are_judged_the_same(tmp_path):
    text = post(Summary="A &NewLine; b", Tags="a, b&Tab;c", Aliases="/x/&#x85;")
    assert [line.split(",")[0] for line in problems(tmp_path, text)] == [
        ":6: Summary contains &NewLine;",
        ":7: Tags contains &Tab;",
    ]  # &#x85; is an ellipsis in HTML (Windows-1252), not a C1 control
    topic = "Title: Scale&#13;\nSummary: ok&amp;#9;\n\nText.\n"
    assert [line.split(",")[0] for line in problems(tmp_path, topic, "t.md", "topic")] == [
        ":1: Title contains &#13;",
        ":2: Summary contains &amp;#9;",
    ]


def test_a_reference_split_by_tags_is_refused_once_its_tags_are_dropped(tmp_path):
    # Markup.striptags (every `| striptags`) drops the tags, then decodes: a line break.
    found = problems(tmp_path, post(Title="Hi&<i></i>NewLine;Bcc: x", Summary="&<!-- -->Tab;"))
    assert found == [
        ":1: Title decodes to the control character U+000A (line feed) once its tags are "
        "dropped (remove it; a header value is one line of plain text, and feeds, calendars "
        "and mail clients decode the reference into that character)",
        ":6: Summary decodes to the control character U+0009 (tab) once its tags are dropped "
        "(remove it; a header value is one line of plain text, and feeds, calendars and mail "
        "clients decode the reference into that character)",
    ]


def test_a_raw_line_separator_in_the_header_is_refused_and_the_body_keeps_its_white_space(
    tmp_path,
):
    text = post(Title="One\u2028Two", body="Tab&Tab;and&NewLine;line\u2028break are text here.")
    assert problems(tmp_path, text) == [
        ":1: Title contains the line separator U+2028 (remove it; it is invisible to readers "
        "and feeds cannot carry it)"
    ]


def test_harmless_references_pass(tmp_path):
    text = post(
        Title="Q&amp;A: caf&eacute; &#233; &copy;2026 AT&T &#133; &lt;b&gt;",
        Summary="R&D at scale &amp; more.",
    )
    assert problems(tmp_path, text) == []


def test_a_reference_to_no_character_is_refused_anywhere(tmp_path):
    """html.unescape, and so every `| striptags` of a title, raises ValueError on `&#` and more
    than 4,300 digits: a traceback. Such references, and those to no character, are refused."""
    text = post(
        Title="&#" + "1" * 5000 + ";",
        Summary="&#" + "0" * 5000 + "10;",  # a line feed: named as such, once
        Tags="&#x110000;, &#xD800;",
        body="&#" + "0" * 20 + "65; &#99999999999999; &#x1F600; &#65;",
    )
    assert [line.split(" (")[0] for line in problems(tmp_path, text)] == [
        ":1: Title contains &#1111...11111;, a reference written with 5,000 digits",
        ":6: Summary contains &#0000...00010;, which decodes to the control character U+000A",
        ":7: Tags contains &#x110000;, a reference to no character",
        ":7: Tags contains &#xD800;, a reference to no character",
        ":9: the body contains &#0000...00065;, a reference written with 22 digits",
        ":9: the body contains &#9999...99999;, a reference to no character",
    ]


def test_a_build_with_a_bcc_in_a_title_stops_with_path_and_line(tmp_path):
    content, output = copy_of_fixture(tmp_path)
    before = snapshot(output)
    write(
        content,
        {
            "posts/2025/named.md": post(Title="Hi&NewLine;Bcc: victim@example.org"),
            "posts/2025/double.md": post(Title="Hi&amp;NewLine;Bcc: x"),
            "posts/2025/tags.md": post(Title="Hi&<b></b>#10;Bcc: x"),
            "posts/2025/digits.md": post(Title="&#" + "1" * 5000 + ";"),
        },
    )
    result = run_pelican(SETTINGS, output, content=content)
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    assert "Traceback" not in printed, printed
    assert snapshot(output) == before
    assert "posts/2025/named.md:1: Title contains &NewLine;, which decodes to" in printed
    assert "posts/2025/double.md:1: Title contains &amp;NewLine;, which decodes to" in printed
    assert "posts/2025/tags.md:1: Title decodes to the control character U+000A" in printed
    assert "posts/2025/digits.md:1: Title contains &#1111...11111;, a reference written" in printed
