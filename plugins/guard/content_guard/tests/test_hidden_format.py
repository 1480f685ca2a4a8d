"""Hidden format characters: text that shows other than it is written ("Trojan Source").

A bidirectional override or isolate turns a line around on screen (in a review, on the page, in a
code block a reader copies); a tag character carries text no reader sees. The class is refused
wherever content text is: every header field, the body (code blocks included), raw or as a
numeric reference, members.toml, and the names of files and folders; and a report quoting one
never prints it raw. What right-to-left writers and emoji need is not in the class.
"""

import pytest

from plugins.guard.content_guard.content_tree import check_content_tree
from plugins.guard.content_guard.tests.helpers import post, write
from plugins.guard.content_guard.tests.test_header_lines import problems
from plugins.guard.content_guard.tests.test_text_checks import lines_of
from plugins.guard.content_guard.text_checks import controls
from plugins.model.error_report.error_report import printable
from plugins.model.plain_text import plain_line

BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
OTHERS = [0x206A, 0x206F, 0xFFF9, 0xFFFB, 0xE0001, 0xE0041, 0xE007F]
HIDDEN_FIX = (
    "(remove it; it makes readers see other text, or text in another order, than the characters "
    "written and reviewed; right-to-left words show in their own order without it)"
)
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


@pytest.mark.parametrize("codepoint", BIDI + OTHERS, ids=hex)
def test_each_hidden_character_is_refused_raw_in_every_place(tmp_path, codepoint):
    c = chr(codepoint)
    text = post(
        Title=f"Admin{c} check",
        Tags=f"safe{c}, fine",
        body=f"Prose {c} here.\n\n```python\nx = 'user{c}'  # ok\n```\n\nInline `a{c}b`.",
    )
    found = lines_of(tmp_path, text)
    assert [line.split(" contains ")[0] for line in found] == [
        ":1: Title",
        ":7: Tags",
        ":9: the body",
        ":12: the body",
        ":15: the body",
    ]
    assert all(f"invisible format character U+{codepoint:04X}" in line for line in found), found
    assert all(line.endswith(HIDDEN_FIX) for line in found), found


@pytest.mark.parametrize("written", ["&#x202E;", "&#8238;", "&#X2067", "&#x000e0041;"])
def test_each_hidden_character_is_refused_as_a_reference(tmp_path, written):
    found = lines_of(tmp_path, post(Summary=f"Hidden {written} here.", body=f"And {written}."))
    assert [line.split(", ")[0] for line in found] == [
        f":6: Summary contains {written}",
        f":8: the body contains {written}",
    ]
    # Hidden behind a second decoder in a header value: &amp;#x202E; is &#x202E; once decoded.
    hidden = lines_of(tmp_path, post(Title="Admin &amp;#x202E; check"))
    assert hidden == [
        ":1: Title contains &amp;#x202E;, which decodes to the invisible format character U+202E "
        "(right-to-left override) (remove it; a header value is one line of plain text, and "
        "feeds, calendars and mail clients decode the reference into that character)"
    ]


def test_right_to_left_text_marks_joiners_and_flags_pass(tmp_path):
    text = post(
        Title="שלום and مرحبا",
        Summary=f"Marks \u200f\u200e\u061c, a family 👨\u200d👩\u200d👧, a flag {SCOTLAND}.",
        body=f"ZWNJ in Persian: می\u200cخواهم. Emoji style: ✔\ufe0f. Flag: {SCOTLAND}.",
    )
    assert lines_of(tmp_path, text) == []
    # A tag outside a flag is hidden text again.
    assert lines_of(tmp_path, post(body=f"{SCOTLAND[:-1]} \U000e007f"))


def test_members_toml_values_use_the_same_check():
    assert [codepoint for _, codepoint, _ in controls("Steve \u202eHolden\u2069")] == [
        0x202E,
        0x2069,
    ]
    assert not controls(f"Ada \u200f {SCOTLAND}")


@pytest.mark.parametrize(
    "name",
    [
        "posts/six\u202edm.md",
        "images/photo\u2066.png",
        "posts/a\u2028b.md",
        "x\u202b/a.md",
        "posts/a\nb.md",
    ],
)
def test_a_file_or_folder_name_with_a_hidden_or_control_character_is_refused(tmp_path, name):
    write(tmp_path, {"posts/fine.md": "x", name: "x"})
    problems = check_content_tree({"PATH": str(tmp_path)})
    assert len(problems) == 1, problems
    assert "its name contains" in problems[0].message
    assert problems[0].fix == "rename it using visible characters only"
    shown = printable(str(problems[0]))  # as the report prints it: one line, in its order
    hidden = next(c for c in name if not c.isprintable())
    assert shown.isprintable() and ascii(hidden)[1:-1] in shown, shown


def test_plain_line_drops_hidden_characters_and_keeps_flags():
    assert plain_line("Admin\u202e check\u2066!") == "Admin check !"
    assert plain_line(f"UK: {SCOTLAND} ok") == f"UK: {SCOTLAND} ok"
    assert plain_line("A &#x202E; reference") == "A reference"


def test_a_tag_with_an_invisible_character_is_refused():
    """A zero width space, joiner or soft hyphen is no trap in prose, but `py<U+200B>thon`
    shows as the tag "python" and is a tag, with a page, of its own."""
    for hidden in ("\u200b", "\u200d", "\u00ad", "\u2060", "\ufeff"):
        found = problems(post(Tags=f"py{hidden}thon, scale", body=f"Pro{hidden}se."))
        assert len(found) == 1 and found[0].startswith(f":7: tag 'py{ascii(hidden)[1:-1]}thon'")
        assert "it looks like another tag but has a page of its own" in found[0]
    assert problems(post(Tags="python, load testing, café")) == []
