"""card.py without a build: text cleaning, wrapping and ellipsis, determinism, the cache key."""

import io

import pytest
from PIL import Image, ImageChops

from plugins.outputs.social_cards import card as cards
from plugins.outputs.social_cards.card import (
    ELLIPSIS,
    TEXT_WIDTH,
    Card,
    draw,
    font,
    plain,
    title_lines,
)
from plugins.outputs.social_cards.social_cards import alt_text, cache_folder, card_path


def test_plain_text_has_no_tags_controls_or_missing_glyphs():
    assert plain("<b>Bold</b> &amp; <script>x</script>") == "Bold & x"
    assert plain("tab\there\x00and\u202enewline\nend") == "tab here and newline end"
    assert plain("rocket 🚀 launch") == "rocket launch"  # the font has no emoji
    assert plain("שלום مرحبا") == "שלום مرحبا"  # it has Hebrew and Arabic
    assert plain("x" * 1000) == "x" * cards.MAX_CHARS


@pytest.mark.parametrize(
    "title",
    ["Short", "word " * 100, "A" * 500, "مرحبا بالعالم " * 20, "", "🚀🔥", "\u0301" * 50],
)
def test_titles_fit_in_the_room_for_them(title):
    size, lines = title_lines(plain(title) or "ULS-SIG")
    room = int((cards.TITLE_BOTTOM - cards.TITLE_TOP) // (size * cards.LINE_HEIGHT))
    assert 1 <= len(lines) <= room
    assert all(font(size).getlength(line) <= TEXT_WIDTH for line in lines)


def test_a_long_title_is_ellipsised_at_the_smallest_size():
    size, lines = title_lines("many words " * 60)
    assert size == cards.TITLE_SIZES[-1] and lines[-1].endswith(ELLIPSIS)
    size, lines = title_lines("A short one")
    assert size == cards.TITLE_SIZES[0] and lines == ["A short one"]


def test_drawing_is_deterministic_and_1200_by_630():
    card = Card("Same words", "Post", "1 January 2026 · Topic")
    first, second = draw(card), draw(card)
    assert first == second
    assert Image.open(io.BytesIO(first)).size == (1200, 630)


def test_the_key_changes_with_every_input(monkeypatch):
    base = Card("Title", "Post", "Detail")
    variants = [("Title!", "Post", "Detail"), ("Title", "Topic", "Detail"),
                ("Title", "Post", "Other"), ("Title", "Post", "Detail", "X")]  # fmt: skip
    keys = {base.key(), *(Card(*words).key() for words in variants)}
    monkeypatch.setattr(cards, "drawing_digest", lambda: "another drawing")
    keys.add(base.key())
    assert len(keys) == 6


def test_paths_and_alt_text():
    assert card_path("social", "posts/2026/x/", "x") == "social/posts/2026/x.png"
    assert card_path("social/pages", "about/", "about") == "social/pages/about.png"
    assert card_path("social/pages", "", "home") == "social/pages/home.png"
    assert alt_text(Card("<i>Hi</i>", site="ULS-SIG")) == "ULS-SIG: Hi"
    assert alt_text(Card("", site="ULS-SIG")) == "ULS-SIG"


def test_the_cache_defaults_to_a_folder_of_cache_path():
    assert cache_folder({"CACHE_PATH": "/tmp/somewhere"}) == "/tmp/somewhere/social_cards"
    assert cache_folder({"SOCIAL_CARDS_CACHE_PATH": "/x", "CACHE_PATH": "/y"}) == "/x"


def test_a_right_to_left_title_is_drawn_from_the_right():
    assert cards.direction("שלום world") == "rtl" and cards.direction("1. hello שלום") == "ltr"
    pixels = Image.open(io.BytesIO(draw(Card("שלום", "Topic")))).convert("L")
    title_row = pixels.crop((0, cards.TITLE_TOP, 1200, cards.TITLE_TOP + 80))
    left, _, right, _ = title_row.point(lambda v: 255 if v > 200 else 0).getbbox()
    assert left > 600 and right <= 1200 - cards.MARGIN + 2


@pytest.mark.parametrize(
    "card",
    [
        Card("What we learned from a year of asyncio services", "Post", "Ada · 1 May 2026"),
        Card("A"),  # no label, no detail, the largest size
        Card("Ελληνικά και العربية في عنوان واحد", "Meeting", "Every first Wednesday · 18:00"),
        Card("x" * 400, "A label much longer than any topic's name " * 3, "d" * 300),
        Card("Another site", site="Another group"),
    ],
)
def test_every_card_keeps_its_colours_in_the_sites_palette(card):
    """Mapped to the site's palette (card.palette), no pixel strays far from the drawing."""
    drawn = cards.picture(card)
    written = Image.open(io.BytesIO(draw(card))).convert("RGB")
    stray = max(high for _, high in ImageChops.difference(drawn, written).getextrema())
    assert stray <= 16, f"a pixel is {stray} levels off"
