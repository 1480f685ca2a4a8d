"""Without the topics plugin, related posts read `Topics:` as the content check and the topics
plugin read it (error_report.split_list: on semicolons if there are any, else on commas)."""

import shutil
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest

from conftest import build_ok
from plugins.kinds.topics.topics import topic_names
from plugins.model.error_report import split_list
from plugins.outputs.related_posts.related_posts import topic_slugs

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
WITHOUT_TOPICS = (
    'PLUGINS=["plugins.outputs.template_cache", "plugins.model.error_report", '
    '"plugins.outputs.related_posts", '
    '"plugins.kinds.members"]'
)


@pytest.mark.parametrize(
    "value",
    ["x; y", "x, y", " x ;y; ", ["x;", "y"], ["x, y"], ["x", "y, x"]],
)
def test_topic_slugs_split_like_the_check_and_the_topics_plugin(value):
    article = SimpleNamespace(metadata={"topics": value})
    assert topic_slugs(article) == {"x", "y"}
    assert topic_slugs(article) == set(split_list(value)) == set(topic_names(article))


def test_topic_list_wins_over_the_metadata():
    article = SimpleNamespace(topic_list=[SimpleNamespace(slug="z")], metadata={"topics": "x; y"})
    assert topic_slugs(article) == {"z"}


def related_of(output, number):
    root = lxml.html.parse(str(output / f"posts/2024/p{number}/index.html")).getroot()
    return [a.text_content().strip() for a in root.xpath("//section[@class='related']//li/a")]


def test_semicolons_relate_the_same_posts_as_commas(tmp_path):
    """Posts 2 and 3 share the topics x and y: written `x; y` they still rank first for each
    other, as written `x, y` (split on commas only, `x; y` was one unknown topic)."""
    results = []
    for separator in (", ", "; "):
        content = tmp_path / f"content{len(results)}"
        shutil.copytree(TEST_DATA / "content", content)
        for number in (2, 3):
            source = content / "posts" / "2024" / f"p{number}.md"
            text = source.read_text(encoding="utf-8")
            assert "Topics: x, y\n" in text
            source.write_text(text.replace("Topics: x, y\n", f"Topics: x{separator}y\n"))
        output = tmp_path / f"output{len(results)}"
        build_ok(SETTINGS, output, WITHOUT_TOPICS, content=content, cwd=tmp_path)
        results.append({number: related_of(output, number) for number in range(1, 7)})
    assert results[0] == results[1]
    assert results[1][2][0] == "Post 3" and results[1][3][0] == "Post 2"
