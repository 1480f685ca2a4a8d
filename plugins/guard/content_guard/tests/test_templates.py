"""Issue 24, class 7: content chooses only among the templates its kind is written with; any
other `Template:` is one `path:line`, never Jinja's traceback (`'article' is undefined`)."""

from conftest import run_pelican, snapshot
from plugins.guard.content_guard.addresses import check_addresses
from plugins.guard.content_guard.sources import read_source
from plugins.guard.content_guard.tests.helpers import SETTINGS, copy_of_fixture, post, write

PAGE = "Title: A page\n{template}\nText of the page.\n"
TOPIC = "Title: A topic\nSummary: What it is about.\n{template}\nText.\n"


def template_problems(tmp_path, kind, line):
    text = {"post": post(body="Text.") .replace("\n\n", f"\n{line}\n\n", 1),
            "page": PAGE.format(template=line + "\n"),
            "topic": TOPIC.format(template=line + "\n")}[kind]  # fmt: skip
    path = tmp_path / f"{kind}.md"
    path.write_text(text, encoding="utf-8")
    source, _ = read_source(str(path), f"{kind}s/{kind}.md", kind)
    return [f"{p.line}: {p.message} ({p.fix})" for p in check_addresses(source, {}) if p.blocking]


def test_each_kind_keeps_its_own_templates(tmp_path):
    assert template_problems(tmp_path, "post", "Template: article") == []
    assert template_problems(tmp_path, "page", "Template: page") == []
    assert template_problems(tmp_path, "page", "Template: members") == []


def test_a_template_of_another_kind_is_refused(tmp_path):
    assert template_problems(tmp_path, "page", "Template: article") == [
        "2: a page cannot use Template 'article': it is made for another kind "
        "(remove the line, or use page or members)"
    ]
    for other in ("members", "page"):
        assert template_problems(tmp_path, "post", f"Template: {other}") == [
            f"7: a post cannot use Template '{other}': it is made for another kind "
            "(remove the line, or use article)"
        ]


def test_unknown_empty_and_odd_names_are_refused(tmp_path):
    for name in ("redirect", "base", "ARTICLE", "article.html", "../../etc/passwd", "index"):
        assert template_problems(tmp_path, "page", f"Template: {name}") == [
            f"2: unknown Template {name!r} (remove the line, or use page or members)"
        ], name
    assert template_problems(tmp_path, "page", "Template:") == [
        "2: empty Template (remove the line, or use page or members)"
    ]


def test_a_topic_chooses_no_template(tmp_path):
    for line in ("Template: topic", "Template: page", "Template:"):
        assert template_problems(tmp_path, "topic", line) == [
            "3: a topic cannot choose its Template: every topic page uses topic.html "
            "(remove the line)"
        ], line


def test_a_build_with_templates_of_other_kinds_stops_with_path_and_line(tmp_path):
    content, output = copy_of_fixture(tmp_path)
    before = snapshot(output)
    write(
        content,
        {
            "pages/article.md": PAGE.format(template="Template: article\n"),
            "posts/2025/members.md": post(Template="members"),
            "pages/empty.md": PAGE.format(template="Template:\n"),
            "topics/chosen.md": TOPIC.format(template="Template: page\n"),
        },
    )
    result = run_pelican(SETTINGS, output, content=content)
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    assert "Traceback" not in printed and "UndefinedError" not in printed, printed
    assert snapshot(output) == before
    for expected in (
        "pages/article.md:2: a page cannot use Template 'article'",
        "posts/2025/members.md:7: a post cannot use Template 'members'",
        "pages/empty.md:2: empty Template",
        "topics/chosen.md:3: a topic cannot choose its Template",
    ):
        assert expected in printed, printed
