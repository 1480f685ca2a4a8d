"""`Topics:` is split as the content check splits it (error_report.split_list: on semicolons if
there are any, else on commas), so a value the check passes never fails in the topics plugin."""

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from conftest import ROOT, build_ok, page, post_titles
from plugins.kinds.topics.topics import topic_names
from plugins.model.error_report import split_list
from plugins.model.error_report.header import markdown_lines, read_header

GOLDEN = ROOT / "tests" / "golden"  # every plugin, the content check first
HEADER = "Title: Listed\nDate: 2025-05-01 10:00\nAuthors: ada-lovelace\nSummary: A test post.\n"


def read_both(tmp_path, topics_lines):
    """(Pelican's metadata, the content check's header) of a post with these Topics lines."""
    source = tmp_path / "post.md"
    source.write_text(HEADER + topics_lines + "\nText.\n", encoding="utf-8")
    reader = MarkdownReader(read_settings(override={"PATH": str(tmp_path)}))
    _content, metadata = reader.read(str(source))
    header = read_header(markdown_lines(source.read_text(encoding="utf-8")))
    return metadata, header


@pytest.mark.parametrize(
    "topics_lines",
    [
        "Topics: scale; networking\n",
        "Topics: scale, networking\n",
        "Topics: scale ; networking ; scale\n",  # a repeat is kept once
        "Topics:  scale,networking,\n",
    ],
)
def test_topic_names_are_the_items_the_check_reads(tmp_path, topics_lines):
    metadata, header = read_both(tmp_path, topics_lines)
    names = topic_names(SimpleNamespace(metadata=metadata))
    assert names == ["scale", "networking"]
    assert names == list(dict.fromkeys(split_list(header.fields["topics"].value)))


def test_a_list_of_lines_is_split_line_by_line():
    """Pelican's value of a field with continuation lines is a list: each line by the same rule
    (the check refuses continuation lines of Topics, so this is the plugin's own safety)."""
    for value in (["scale;", "networking"], ["scale, networking"], ["scale", "networking; scale"]):
        assert topic_names(SimpleNamespace(metadata={"topics": value})) == ["scale", "networking"]
    assert topic_names(SimpleNamespace(metadata={})) == []


def test_semicolon_and_comma_lists_build_the_same_topic_pages(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(GOLDEN / "content", content)
    posts = content / "posts" / "2025"
    for slug, topics in (("semicolons", "networking; scale"), ("commas", "scale , networking")):
        text = HEADER.replace("Listed", f"Listed with {slug}") + f"Topics: {topics}\n\nText.\n"
        (posts / f"{slug}.md").write_text(text, encoding="utf-8")
    build_ok(GOLDEN / "pelicanconf.py", tmp_path / "output", content=content, cwd=tmp_path)
    for topic in ("networking", "scale"):
        titles = post_titles(page(tmp_path / "output", f"topics/{topic}"))
        assert {"Listed with semicolons", "Listed with commas"} <= set(titles), topic
    chips = page(tmp_path / "output", "posts/2025/semicolons").xpath(
        "//a[contains(@href, '/topics/')]"
    )
    assert {Path(a.get("href")).name for a in chips} >= {"networking", "scale"}
