"""links.py in-process: what it finds, and that no body under the size limit makes it hang."""

import signal

import pytest

from plugins.guard.content_guard import links
from plugins.guard.content_guard.links import Link, find_links, readable
from plugins.guard.content_guard.metadata import read_header
from plugins.guard.content_guard.sources import Source
from plugins.model.read_cache.read_cache import ReadCache


def source(body):
    text = "Title: T\n\n" + body  # the body starts on line 3
    lines = text.splitlines()
    return Source("x.md", "x.md", "post", len(text), lines, read_header(lines))


def found(body):
    return [(link.line, link.target, link.is_image, link.alt) for link in find_links(source(body))]


def test_links_and_images_with_their_lines():
    body = (
        "A [link](/posts/a/) and ![a chart]({static}/c.png).\n"
        '[titled](<b c.md> "The title") [t2](d.md (paren)) ![](e.png)\n'
        "![ref alt][label]\n\n"
        "[label]: <{filename}f.md>\n"
        '<a href="/g/">G</a> <IMG src=\'h.png\' alt="H">\n'
        "[outer [inner] text](i.md) [a\\]b](j.md)\n"
    )
    assert found(body) == [
        (3, "/posts/a/", False, None),
        (3, "{static}/c.png", True, "a chart"),
        (4, "b c.md", False, None),
        (4, "d.md", False, None),
        (4, "e.png", True, ""),
        (5, "", True, "ref alt"),
        (7, "{filename}f.md", False, None),
        (8, "/g/", False, None),
        (8, "h.png", True, "H"),
        (9, "i.md", False, None),
        (9, "j.md", False, None),
    ]


def test_code_and_comments_are_not_read_and_keep_their_lines():
    body = (
        "```python\n[a](fenced.md)\n```\n"
        "~~~~\n[b](tilde.md)\n~~~~~\n"
        "`[c](span.md)` and ``[d](`tick`.md)``\n"
        "<!-- [e](comment.md)\n-->\n"
        "`not a span\n\n[f](after-blank-line.md)`\n"
    )
    assert found(body) == [(14, "after-blank-line.md", False, None)]
    assert readable(body).count("\n") == body.count("\n")


def test_markdown_that_is_not_a_link_is_not_read():
    """Footnotes, abbreviations, indented code: the constructs of Python-Markdown's `extra`."""
    body = (
        "A claim.[^uvloop] Another.[^1] HTML is fine.\n"  # 3
        "\n"
        "[^uvloop]: uvloop is a drop-in replacement, see [its docs](uv.md).\n"  # 5
        "[^1]: A note\n"
        "    that goes on.\n"
        "\n"
        "    A second paragraph of the note: [in note](note.md)\n"  # 9
        "\n"
        "*[HTML]: Hyper Text [not a link](abbr.md)\n"  # 11
        "*[CSS]:\n"
        "    Cascading [Style](sheets.md)\n"
        "\n"
        "Text.\n"  # 15
        "\n"
        "    [code](indented.md)\n"
        "    [ref]: indented-definition.md\n"
        "\n"
        "\tafter a blank line [still](code.md)\n"  # 20
        "[real]: real.md\n"
    )
    assert found(body) == [
        (5, "uv.md", False, None),
        (9, "note.md", False, None),
        (21, "real.md", False, None),
    ]


def test_text_indented_under_a_list_admonition_or_definition_is_read_and_its_code_is_not():
    body = (
        "- item\n"  # 3
        "\n"
        "    continued [in item](item.md)\n"
        "\n"
        "        [code in item](code1.md)\n"
        "\n"
        '!!! note "Title"\n'  # 9
        "    [in note](admonition.md)\n"
        "\n"
        "        [code in note](code2.md)\n"
        "\n"
        "Term\n"  # 14
        ":   [in definition](definition.md)\n"
        "\n"
        "Back at the top.\n"  # 17
        "\n"
        "    [top-level code](code3.md)\n"
        "- a list\n"  # 20
        "## A heading ends it\n"
        "\n"
        "    [code after the heading](code4.md)\n"
    )
    assert found(body) == [
        (5, "item.md", False, None),
        (10, "admonition.md", False, None),
        (15, "definition.md", False, None),
    ]


def test_link_kinds():
    kinds = [Link(1, t, False).kind for t in ("{filename}a.md", "{tag}x", "{nope}y", "/a", "b")]
    assert kinds == ["file", "skip", "marker", "root", "relative"]
    assert Link(1, "https://x.org", False).kind == "skip"


N = 50_000
ATTACKS = {
    "unclosed [": "[" * N,
    "unclosed [a](": "[a](" * N,
    "unclosed ![": "![" * N,
    "backticks": "`" * N,
    "backtick runs": "`a" * N + "``b" * N,
    "unclosed <!--": "<!--" * N,
    "fence openers": "```a\n" * N,
    "tilde fences": "~~~\n" * N,
    "angle targets": "[a](<" * N,
    "titles": '[a](b "x' * N,
    "escaped brackets": "[\\] " * N,
    "nested brackets": "[[]" * N,
    "reference images": "![a][" * N,
    "definitions": "[\n" * N + "]:" + " " * N,
    "html tags": "<img a=" * N,
    "long attribute word": "<a " + "b" * N * 10,
    "quotes": '<a x="' * N,
    "blank lines": "`a\n\n" * N,
    "indented lines": "    [a](b)\n\n- c\n" * N,
    "abbreviations": "*[" * N + "\n" + "*[a]:\n" * N,
    "footnotes": "[^" * N + "\n" + "[^a]: [b](c)\n" * N,
}


# A hang guard, not a measure: CPU time (ITIMER_PROF), which a busy machine does not eat into.
# find_links is the scan the build runs (link_checks.py), readable (code and comments
# blanked) its first pass. The scans are linear and take a few seconds at most on these bodies
# (the largest the size limit lets through); the regular expressions of before backtracked over
# them for minutes to hours.
GUARD_CPU_SECONDS = 120


@pytest.mark.parametrize("body", ATTACKS.values(), ids=ATTACKS.keys())
def test_no_body_makes_the_scan_hang(body):
    """Each of these took from seconds to hours with the regular expressions of before."""

    def hang(signum, frame):
        raise TimeoutError(f"links.py used more than {GUARD_CPU_SECONDS} s of CPU time")

    previous = signal.signal(signal.SIGPROF, hang)
    signal.setitimer(signal.ITIMER_PROF, GUARD_CPU_SECONDS)
    try:
        find_links(source(body))  # readable first, on the same body
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def test_the_links_of_a_body_are_found_once_for_every_build(tmp_path, monkeypatch):
    """With the build's read cache, a body seen before is not scanned again (the same links)."""
    body = "[a](/posts/a/) and ![an owl](owl.png)\n"
    first = find_links(source(body), ReadCache(tmp_path))
    assert first == find_links(source(body))
    scans, scan = [], links.links_in
    monkeypatch.setattr(links, "links_in", lambda *args: scans.append(args) or scan(*args))
    assert find_links(source(body), ReadCache(tmp_path)) == first  # the next build's cache
    assert scans == []
    find_links(source(body + "[b](b.md)\n"), ReadCache(tmp_path))
    assert len(scans) == 1
