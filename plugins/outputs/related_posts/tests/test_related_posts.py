"""The related_posts plugin on a tiny site: previous/next posts and related posts."""

from pathlib import Path

import lxml.html
import pytest

from conftest import build_ok

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
SITE = "https://related.example.org/"
# Post n: (topics, tags). Related posts rank shared topics, then shared tags, then recency.
EXPECTED_RELATED = {
    1: ["Post 3", "Post 6", "Post 4"],  # p3 shares a topic and a tag; three of the four at most
    2: ["Post 3", "Post 6", "Post 4"],  # p3 shares two topics
    3: ["Post 2", "Post 1", "Post 6"],
    4: ["Post 6", "Post 3", "Post 2"],  # a shared topic beats the shared tag of post 5
    5: ["Post 4"],  # only the tag "green" in common; nothing else is related
    6: ["Post 4", "Post 3", "Post 2"],
}
# posts/2024/example.md, dated between posts 3 and 4, shares every topic and tag but is an
# illustrative meeting (Event-Example: yes): never a neighbour nor related.
EXAMPLE = f"{SITE}posts/2024/example/"
WITH_EVENTS = (
    'PLUGINS=["plugins.outputs.template_cache", "plugins.model.error_report", '
    '"plugins.outputs.related_posts", '
    '"plugins.kinds.topics", "plugins.kinds.members", "plugins.kinds.events"]'
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    output = tmp_path_factory.mktemp("related") / "output"
    build_ok(SETTINGS, output, cwd=TEST_DATA)
    return output


def post(output, number):
    return lxml.html.parse(str(output / f"posts/2024/p{number}/index.html")).getroot()


def related_titles(root):
    return [a.text_content().strip() for a in root.xpath("//section[@class='related']//li/a")]


def neighbour(root, rel):
    return root.xpath(f"//nav[@class='post-nav']/a[@rel='{rel}']/@href")


def test_previous_and_next_follow_the_dates(built):
    for number in range(1, 7):
        root = post(built, number)
        older = [f"{SITE}posts/2024/p{number - 1}/"] if number > 1 else []
        newer = [f"{SITE}posts/2024/p{number + 1}/"] if number < 6 else []
        assert neighbour(root, "prev") == older, number
        assert neighbour(root, "next") == newer, number


def test_related_posts_rank_topics_then_tags_then_recency(built):
    for number, titles in EXPECTED_RELATED.items():
        assert related_titles(post(built, number)) == titles, number


def test_without_the_topics_plugin_the_topics_line_is_read_directly(tmp_path):
    output = tmp_path / "output"
    build_ok(
        SETTINGS,
        output,
        'PLUGINS=["plugins.model.error_report", "plugins.outputs.related_posts"]',
        cwd=TEST_DATA,
    )
    assert not (output / "topics").exists()
    for number, titles in EXPECTED_RELATED.items():
        assert related_titles(post(output, number)) == titles, number


def test_the_number_of_related_posts_is_a_setting(tmp_path):
    output = tmp_path / "output"
    build_ok(SETTINGS, output, "RELATED_POSTS_MAX=1", cwd=TEST_DATA)
    assert related_titles(post(output, 1)) == ["Post 3"]


@pytest.mark.parametrize("events_plugin", [False, True], ids=["metadata", "events-plugin"])
def test_an_illustrative_meeting_is_never_a_neighbour_nor_related(tmp_path, events_plugin):
    """Read from `Event-Example:` without the events plugin, from article.event with it."""
    output = tmp_path / "output"
    build_ok(SETTINGS, output, *([WITH_EVENTS] if events_plugin else []), cwd=TEST_DATA)
    assert (output / "posts/2024/example/index.html").is_file()
    for number, titles in EXPECTED_RELATED.items():
        root = post(output, number)
        assert related_titles(root) == titles, number
        assert EXAMPLE not in root.xpath("//a/@href"), number
    assert neighbour(post(output, 3), "next") == [f"{SITE}posts/2024/p4/"]
    assert neighbour(post(output, 4), "prev") == [f"{SITE}posts/2024/p3/"]
