"""An illustrative meeting (`Event-Example: yes`) on a topic is not one of the topic's posts: the
topic's page lists its real posts, then the example apart and labelled (as /events/ does); its
count of posts, feeds and related topics leave the example out."""

import json
import shutil
from pathlib import Path

import feedparser
import pytest

from conftest import build_ok, page, texts

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "plugins.kinds.topics",
    "plugins.kinds.members",
    "plugins.kinds.events",
]
# The newest post on beta, and on gamma beside "Post three" (also on alpha and beta).
EXAMPLE = """Title: Illustrative example: a weekly call
Date: 2024-06-01 10:00
Authors: ada
Topics: beta, gamma
Category: Events
Summary: A made-up call that shows how a meeting appears.
Event-Example: yes
Event-Start: 2027-02-03 18:00
Event-Duration: 1h
Event-Timezone: Europe/Berlin
Event-Location: Online (illustrative: no call is planned)

Not a real meeting.
"""
REAL_POSTS = ["Post four", "Post three", "Post two"]  # beta's
SECTION = "//section[contains(@class, '{}')]"


def cards(root, section):
    return texts(root, SECTION.format(section) + "//*[contains(@class, 'post-card-title')]")


def build(tmp_path, *settings):
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    (content / "events").mkdir()
    (content / "events" / "weekly-call-example.md").write_text(EXAMPLE, encoding="utf-8")
    output = tmp_path / "output"
    plugins = f"PLUGINS={json.dumps(PLUGINS)}"
    build_ok(SETTINGS, output, plugins, 'BUILD_NOW="2027-01-01T00:00Z"', *settings, content=content)
    return output


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(tmp_path_factory.mktemp("hub-examples"))


def feed_titles(output, path):
    return [entry.title for entry in feedparser.parse((output / path).read_bytes()).entries]


def test_the_topic_lists_its_real_posts_then_the_example_apart_and_labelled(built):
    root = page(built, "topics/beta")
    assert cards(root, "topic-posts") == REAL_POSTS
    assert cards(root, "hub-examples") == ["Illustrative example: a weekly call"]
    headings = texts(root, "//main//h2")
    assert headings[-2:] == ["Posts on this topic", "Illustrative examples"]
    flag = texts(root, SECTION.format("hub-examples") + "//*[contains(@class, 'event-flag')]")
    assert flag == ["Illustrative example, not a scheduled meeting"]
    assert texts(root, "//header//*[@class='count']") == ["3 posts"]


def test_the_example_is_in_no_count_feed_or_related_topic(built):
    counts = texts(page(built, "topics"), "//ul[contains(@class, 'topic-list')]//*[@class='count']")
    assert counts == ["3 posts", "3 posts", "1 post"]  # alpha, beta, gamma: as without it
    for feed in ("feeds/topic/beta.atom.xml", "feeds/topic/beta.rss.xml"):
        assert feed_titles(built, feed) == REAL_POSTS
    assert feed_titles(built, "feeds/topic/gamma.atom.xml") == ["Post three"]
    # Gamma shares "Post three" with alpha and beta: a tie, in topic order (the example would
    # make beta share two).
    related = texts(page(built, "topics/gamma"), "//ul[@aria-label='Related topics']/li")
    assert related == ["Alpha systems", "Beta networks"]


def test_a_topic_without_examples_has_no_examples_section(built):
    assert not page(built, "topics/alpha").xpath(SECTION.format("hub-examples"))


def test_pages_of_a_paginated_topic_hold_real_posts_and_the_first_the_examples(tmp_path):
    output = build(tmp_path, "DEFAULT_PAGINATION=2")
    first, second = page(output, "topics/beta"), page(output, "topics/beta/page/2")
    assert cards(first, "topic-posts") == REAL_POSTS[:2]
    assert cards(first, "hub-examples") == ["Illustrative example: a weekly call"]
    assert cards(second, "topic-posts") == REAL_POSTS[2:]
    assert not second.xpath(SECTION.format("hub-examples"))
