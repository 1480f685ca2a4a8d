"""The topics plugin on a tiny site: hub pages, the index, feeds, pagination, errors."""

import shutil
from pathlib import Path

import feedparser
import pytest

from conftest import build_ok, page, post_titles, run_pelican, texts

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
SITE = "https://topics.example.org/"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    output = tmp_path_factory.mktemp("topics") / "output"
    build_ok(SETTINGS, output, cwd=TEST_DATA)
    return output


def feed_titles(output, path):
    feed = feedparser.parse((output / path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return [entry.title for entry in feed.entries]


def test_the_index_lists_every_topic_by_order_then_title(built):
    root = page(built, "topics")
    assert texts(root, "//h1") == ["Topics"]
    items = root.xpath("//ul[contains(@class, 'topic-list')]/li")
    assert [item.xpath("string(a)") for item in items] == [
        "Alpha systems",
        "Beta networks",
        "Gamma rays",
    ]
    assert [item.xpath("a/@href")[0] for item in items] == [
        f"{SITE}topics/alpha/",
        f"{SITE}topics/beta/",
        f"{SITE}topics/gamma/",
    ]
    assert texts(root, "//ul[contains(@class, 'topic-list')]//*[@class='count']") == [
        "3 posts",
        "3 posts",
        "1 post",
    ]
    assert "Everything about alpha." in items[0].text_content()


def test_a_topic_page_has_its_text_then_its_posts_newest_first(built):
    root = page(built, "topics/alpha")
    assert texts(root, "//h1") == ["Alpha systems"]
    body = root.xpath("//div[@class='topic-body']")[0]
    assert body.xpath(".//h2/text()") == ["Why alpha"]
    # {filename} links in the topic's text resolve like in pages.
    # (The others are the headings' own anchors, #why-alpha.)
    links = [href for href in body.xpath(".//a/@href") if not href.startswith("#")]
    assert links == [f"{SITE}posts/2024/one/"]
    assert post_titles(root) == ["Post three", "Post two", "Post one"]
    headings = texts(root, "//main//h2")
    assert headings[-2:] == ["Related topics", "Posts on this topic"]  # beside the text, then posts


def test_related_topics_are_ordered_by_shared_posts(built):
    def related(slug):
        return texts(page(built, f"topics/{slug}"), "//ul[@aria-label='Related topics']/li")

    assert related("alpha") == ["Beta networks", "Gamma rays"]  # 2 shared posts, then 1
    assert related("beta") == ["Alpha systems", "Gamma rays"]
    assert related("gamma") == ["Alpha systems", "Beta networks"]  # a tie: topic order


def test_each_topic_has_feeds_with_exactly_its_posts(built):
    expected = {
        "alpha": ["Post three", "Post two", "Post one"],
        "beta": ["Post four", "Post three", "Post two"],
        "gamma": ["Post three"],
    }
    for slug, titles in expected.items():
        assert feed_titles(built, f"feeds/topic/{slug}.atom.xml") == titles
        assert feed_titles(built, f"feeds/topic/{slug}.rss.xml") == titles
    feed = feedparser.parse((built / "feeds/topic/alpha.atom.xml").read_bytes())
    assert feed.feed.title == "ULS-SIG - Alpha systems"


def test_the_hub_links_its_feeds_visibly_and_for_autodiscovery(built):
    root = page(built, "topics/beta")
    atom = f"{SITE}feeds/topic/beta.atom.xml"
    rss = f"{SITE}feeds/topic/beta.rss.xml"
    assert atom in root.xpath("//head/link[@type='application/atom+xml']/@href")
    assert rss in root.xpath("//head/link[@type='application/rss+xml']/@href")
    assert root.xpath("//p[@class='hub-feeds']/a/@href") == [atom, rss]


def test_posts_list_their_topics_in_the_order_given(built):
    post = page(built, "posts/2024/three")
    assert texts(post, "//ul[@aria-label='Topics']/li") == [
        "Beta networks",
        "Alpha systems",
        "Gamma rays",
    ]
    # A post can link to a topic file with {filename}.
    two = page(built, "posts/2024/two")
    assert f"{SITE}topics/beta/" in two.xpath("//div[@class='post-body']//a/@href")


def test_a_topic_with_more_posts_than_a_page_is_paginated(tmp_path):
    output = tmp_path / "output"
    build_ok(SETTINGS, output, "DEFAULT_PAGINATION=2", cwd=TEST_DATA)
    assert post_titles(page(output, "topics/alpha")) == ["Post three", "Post two"]
    second = page(output, "topics/alpha/page/2")
    assert post_titles(second) == ["Post one"]
    assert texts(second, "//h1") == ["Alpha systems"]
    assert second.xpath("//a[@rel='prev']/@href") == [f"{SITE}topics/alpha/"]
    assert not (output / "topics/gamma/page/2").exists()
    # Feeds are not paginated.
    assert len(feed_titles(output, "feeds/topic/alpha.atom.xml")) == 3


def copy_content(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    return content


def failed_build(tmp_path, content):
    result = run_pelican(SETTINGS, tmp_path / "output", content=content, cwd=TEST_DATA)
    assert result.returncode != 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_an_unknown_topic_stops_the_build_with_file_and_line(tmp_path):
    content = copy_content(tmp_path)
    post = content / "posts/2024/two.md"
    post.write_text(
        post.read_text().replace("Topics: alpha, beta", "Topics: alpha, delta"), encoding="utf-8"
    )
    output = failed_build(tmp_path, content)
    expected = f"{post}:4: unknown topic 'delta' in Topics (known topics: alpha, beta, gamma)"
    assert expected in output
    assert "topics/delta.md" in output  # how to fix it


def test_a_topic_without_title_stops_the_build(tmp_path):
    content = copy_content(tmp_path)
    topic = content / "topics/gamma.md"
    topic.write_text(topic.read_text().replace("Title: Gamma rays\n", ""), encoding="utf-8")
    output = failed_build(tmp_path, content)
    assert f"{topic}:1: topic has no Title" in output


def test_an_order_that_is_not_a_number_stops_the_build(tmp_path):
    content = copy_content(tmp_path)
    topic = content / "topics/beta.md"
    topic.write_text(topic.read_text().replace("Order: 2", "Order: second"), encoding="utf-8")
    output = failed_build(tmp_path, content)
    assert f"{topic}:3: Order 'second' is not a whole number" in output
