"""The social_cards plugin on a tiny site: a card for every post, page, topic and member,
1200 × 630, the same bytes on every build, drawn once (then read from the cache), hostile
titles drawn as text, and the og:image tags of the pages."""

import io
import shutil
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from conftest import build_ok, snapshot
from plugins.outputs.social_cards.card import Card, draw
from plugins.outputs.social_cards.social_cards import POOL_MIN_CARDS, CardCache

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
SITEURL = "https://cards.example.org"
CARDS = {
    "social/posts/2026/hello.png",
    "social/posts/2026/script.png",
    "social/posts/2026/long.png",
    "social/posts/2026/rtl-emoji.png",
    "social/posts/2026/unbroken.png",
    "social/pages/about.png",
    "social/topics/scale.png",
    "social/topics/rtl.png",
    "social/members/zed.png",
    "social/members/amy.png",
    "social/site.png",
}


def build(output, cache, *extra):
    build_ok(SETTINGS, output, f'SOCIAL_CARDS_CACHE_PATH="{cache}"', *extra, cwd=TEST_DATA)
    return output


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cards")
    return build(folder / "output", folder / "cache")


def cards_in(output):
    return {str(p.relative_to(output)) for p in (output / "social").rglob("*") if p.is_file()}


def meta(output, page):
    """{property or name: content} of the meta tags of a built page."""
    root = lxml.html.fromstring((output / page / "index.html").read_bytes())
    return {
        (tag.get("property") or tag.get("name")): tag.get("content")
        for tag in root.iter("meta")
        if tag.get("property") or tag.get("name")
    }


def test_a_card_for_every_post_page_topic_and_member(site):
    assert cards_in(site) == CARDS


@pytest.mark.parametrize("card", sorted(CARDS))
def test_cards_are_1200_by_630_png_without_metadata(site, card):
    data = (site / card).read_bytes()
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert set(image.info) <= {"transparency"}  # no text, time or physical-size chunks
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"tIME", b"eXIf"):
        assert chunk not in data
    assert len(data) < 120_000


@pytest.mark.parametrize(
    ("page", "card", "alt"),
    [
        ("posts/2026/hello", "social/posts/2026/hello.png", "ULS-SIG: Hello, large-scale world"),
        ("about", "social/pages/about.png", None),
        ("topics/scale", "social/topics/scale.png", "ULS-SIG: Scale & size"),
        ("members/zed", "social/members/zed.png", "ULS-SIG: Zed Example"),
        ("", "social/site.png", None),  # the home page: the site's card
    ],
)
def test_pages_name_their_card_in_open_graph_and_twitter_tags(site, page, card, alt):
    tags = meta(site, page)
    assert tags["og:image"] == f"{SITEURL}/{card}"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:type"] == "image/png"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:image:alt"] == tags["twitter:image:alt"]
    if alt:
        assert tags["og:image:alt"] == alt
    assert (site / card).is_file()


def test_a_hostile_title_is_text_in_the_alt_and_no_markup_in_the_page(site):
    html = (site / "posts/2026/script/index.html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html
    tags = meta(site, "posts/2026/script")
    assert "alert" in tags["og:image:alt"] and "<" not in tags["og:image:alt"]


def test_two_builds_write_the_same_bytes(site, tmp_path):
    again = build(tmp_path / "again", tmp_path / "another-cache")
    first, second = snapshot(site), snapshot(again)
    assert {k: v for k, v in first.items() if k.startswith("social/")} == {
        k: v for k, v in second.items() if k.startswith("social/")
    }
    assert first == second


def test_a_rebuild_reads_the_cache_and_draws_nothing(tmp_path):
    cache = tmp_path / "cache"
    first = build(tmp_path / "first", cache)
    cached = sorted(cache.glob("*.png"))
    assert len(cached) == len(CARDS)
    # Put a different picture in the cache in place of the hello card: if the rebuild
    # drew its cards, the output would not show it.
    hello = (first / "social/posts/2026/hello.png").read_bytes()
    entry = next(path for path in cached if path.read_bytes() == hello)
    marker = io.BytesIO()
    Image.new("RGB", (1200, 630), "#ff00ff").save(marker, "PNG")
    entry.write_bytes(marker.getvalue())
    second = build(tmp_path / "second", cache)
    assert (second / "social/posts/2026/hello.png").read_bytes() == marker.getvalue()
    assert sorted(cache.glob("*.png")) == cached  # nothing new drawn
    assert not list(cache.glob("*.part"))


def test_a_damaged_cache_entry_is_drawn_again(tmp_path):
    cache = tmp_path / "cache"
    first = build(tmp_path / "first", cache)
    for entry in cache.glob("*.png"):
        entry.write_bytes(b"not a png")
    second = build(tmp_path / "second", cache)
    assert snapshot(first / "social") == snapshot(second / "social")


def test_an_unwritable_cache_only_costs_the_drawing(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    output = build(tmp_path / "output", blocked / "cache")
    assert cards_in(output) == CARDS


def test_switched_off_there_are_no_cards_and_a_summary_card(tmp_path):
    output = build(tmp_path / "output", tmp_path / "cache", "SOCIAL_CARDS=false")
    assert not (output / "social").exists()
    tags = meta(output, "posts/2026/hello")
    assert "og:image" not in tags and tags["twitter:card"] == "summary"


def test_the_cards_folder_is_a_setting(tmp_path):
    output = build(tmp_path / "output", tmp_path / "cache", 'SOCIAL_CARDS_PATH="og"')
    assert (output / "og/topics/scale.png").is_file()
    assert meta(output, "topics/scale")["og:image"] == f"{SITEURL}/og/topics/scale.png"
    shutil.rmtree(output)


def test_many_cards_due_are_drawn_by_a_pool_as_the_build_draws_them(tmp_path):
    """A clean clone's build has a card due for every post: they are drawn by one process per
    core into the cache, each the bytes the build process draws itself."""
    cards = [Card(f"Post number {n}", "Post", "1 December 2026") for n in range(POOL_MIN_CARDS)]
    pooled = CardCache(str(tmp_path / "pooled"))
    pooled.draw_due([*cards, cards[0]], workers=2)  # a card twice is drawn once
    assert pooled.drawn == len(cards)
    alone = CardCache(str(tmp_path / "alone"))
    alone.draw_due(cards, workers=1)  # one process: drawn later, by bytes_of
    assert alone.drawn == 0
    assert [pooled.bytes_of(card) for card in cards] == [draw(card) for card in cards]
    assert pooled.reused == len(cards)
    few = CardCache(str(tmp_path / "few"))
    few.draw_due(cards[:-1], workers=2)
    assert few.drawn == 0, "fewer than POOL_MIN_CARDS cards are not worth a pool"
