"""One social card: a 1200 × 630 PNG with the mark, the group's name, a kind label, the title
(wrapped, shrunk to fit, ellipsised when still too long) and a line of detail (date, topics).

`Card` holds the words; `draw(card)` returns PNG bytes that depend on nothing but the words,
the drawing code (this file and mark.py), the font and Pillow: no time, no metadata, so two
builds write the same bytes and `Card.key()`, a hash of all of those, names a cached copy.
"""

import functools
import hashlib
import io
import json
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, features

import plugins.model.plain_text.plain_text as decoding
from plugins.model.plain_text import plain_line

from . import mark

WIDTH, HEIGHT = 1200, 630
FONT_PATH = Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold.ttf"
MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
BACKGROUND = "#0c2f38"  # a deep shade of the accent (#0e5a6e)
DECORATION = mark.Colours(line="#12414d", hub="#164c59")  # the mark, large and faint
WHITE = "#ffffff"
LABEL = "#f5b83d"  # --highlight (dark)
DETAIL = "#a6e6f0"  # --accent-hover (dark)
TITLE_SIZES = (72, 64, 56, 48)  # the largest at which the title fits is used
TITLE_TOP, TITLE_BOTTOM = 236, 520
LINE_HEIGHT = 1.2
ELLIPSIS = "…"
MAX_CHARS = 400  # longer titles are cut before measuring (they are ellipsised anyway)


@dataclass(frozen=True)
class Card:
    title: str
    label: str = ""  # "Post", "Topic", ...
    detail: str = ""  # "17 April 2009 · Concurrency and networking at scale"
    site: str = "ULS-SIG"

    def key(self):
        """A hash of everything the bytes depend on: the cache file's name."""
        inputs = {
            **asdict(self),
            "drawing": drawing_digest(),
            "font": font_digest(),
            "pillow": PIL.__version__,
            "layout": layout_engine().name,
        }
        return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


@functools.cache
def drawing_digest():
    """A hash of the code that draws (this file, mark.py and the decoding of its words,
    plugins/model/plain_text): a change redraws every card."""
    sources = (mark.__file__, __file__, decoding.__file__)
    code = b"".join(Path(source).read_bytes() for source in sources)
    return hashlib.sha256(code).hexdigest()


@functools.cache
def font_digest():
    return hashlib.sha256(FONT_PATH.read_bytes()).hexdigest()


def layout_engine():
    """Raqm (bidirectional text, Arabic shaping) where Pillow has it, else the basic layout."""
    if features.check("raqm"):
        return ImageFont.Layout.RAQM
    return ImageFont.Layout.BASIC


@functools.cache
def font(size):
    return ImageFont.truetype(str(FONT_PATH), size, layout_engine=layout_engine())


def _pixels(char):
    """The grey pixels of one character drawn at 40 px."""
    image = Image.new("L", (80, 80))
    ImageDraw.Draw(image).text((10, 60), char, font=font(40), fill=255, anchor="ls")
    return image.tobytes()


@functools.cache
def _notdef():
    return _pixels("\ufffe")  # a noncharacter: drawn as the font's empty box


@functools.cache
def has_glyph(char):
    """Whether the font draws `char` (not its empty-box glyph): emoji and other scripts it
    lacks are left out rather than shown as boxes."""
    if char.isspace() or unicodedata.category(char).startswith("M"):
        return True
    return _pixels(char) != _notdef()


def plain(text, limit=MAX_CHARS):
    """Readable text from a title: no tags, entities decoded (plugins.model.plain_text.plain_line,
    as
    the content check decodes them), no control, format or missing characters, one space
    between words."""
    text = plain_line(text)[: limit * 2]
    kept = (
        " " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
        for c in text
        if unicodedata.category(c) != "Cs"
    )
    text = "".join(c for c in kept if has_glyph(c))
    return " ".join(text.split())[:limit]


def direction(text):
    """ "rtl" when the first letter with a direction is Hebrew, Arabic..., else "ltr"."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def fits(text, face, width):
    return face.getlength(text) <= width


def ellipsised(text, face, width):
    """`text`, cut at a word (else a character) and ended with … so that it fits."""
    if fits(text, face, width):
        return text
    words = text.split(" ")
    while len(words) > 1 and not fits(" ".join(words) + ELLIPSIS, face, width):
        words.pop()
    text = " ".join(words)
    while text and not fits(text + ELLIPSIS, face, width):
        text = text[:-1]
    return text.rstrip(" ,.;:–-") + ELLIPSIS


def wrap(text, face, width):
    """Lines of `text` no wider than `width`, broken between words (inside a word too long
    for a line)."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if fits(candidate, face, width):
            line = candidate
            continue
        if line:
            lines.append(line)
        while not fits(word, face, width):  # a word wider than the line: break it
            cut = len(word) - 1
            while cut > 1 and not fits(word[:cut], face, width):
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def title_lines(title):
    """(font size, lines): the largest size at which the title fits, else the smallest with
    the last line ellipsised."""
    for size in TITLE_SIZES:
        face = font(size)
        room = int((TITLE_BOTTOM - TITLE_TOP) // (size * LINE_HEIGHT))
        lines = wrap(title, face, TEXT_WIDTH)
        if len(lines) <= room:
            return size, lines
    rest = " ".join(lines[room - 1 :])
    return size, [*lines[: room - 1], ellipsised(rest + " " + ELLIPSIS, face, TEXT_WIDTH)]


@functools.cache
def background(site):
    """The card without its words: colour, the faint large mark, the mark and the site's name,
    the amber rule."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    big = mark.render(620, DECORATION, supersample=2)  # large and soft: 2× is smooth enough
    image.paste(big, (WIDTH - 430, HEIGHT - 470), big)
    logo = mark.render(72, mark.ON_ACCENT)
    image.paste(logo, (MARGIN - 6, 58), logo)
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN + 80, 94), plain(site, 40), font=font(42), fill=WHITE, anchor="lm")
    draw.rectangle([0, HEIGHT - 12, WIDTH, HEIGHT], fill=LABEL)
    return image


def picture(card):
    """The card as an RGB image."""
    image = background(card.site).copy()
    pen = ImageDraw.Draw(image)
    label = plain(card.label, 80)
    if label:
        pen.text((MARGIN, 196), ellipsised(label.upper(), font(26), TEXT_WIDTH),
                 font=font(26), fill=LABEL, anchor="ls")  # fmt: skip
    title = plain(card.title) or plain(card.site, 40)
    size, lines = title_lines(title)
    step = round(size * LINE_HEIGHT)
    right_to_left = direction(title) == "rtl"
    x, anchor = (WIDTH - MARGIN, "rs") if right_to_left else (MARGIN, "ls")
    # Every line in the title's direction (a mixed line otherwise guesses its own).
    options = {"direction": direction(title)} if layout_engine() == ImageFont.Layout.RAQM else {}
    for number, line in enumerate(lines):
        top = TITLE_TOP + number * step
        pen.text((x, top + size), line, font=font(size), fill=WHITE, anchor=anchor, **options)
    detail = plain(card.detail, 300)
    if detail:
        pen.text((MARGIN, 574), ellipsised(detail, font(30), TEXT_WIDTH),
                 font=font(30), fill=DETAIL, anchor="ls")  # fmt: skip
    return image


# A card in the shape of most: a label, a title of two lines at the largest size, a detail line.
SPECIMEN = {
    "label": "A topic's name",
    "title": "A title of some words, in the largest size of the titles on the site",
    "detail": "A member's name · 1 January 2026",
}
COLOURS = 128


@functools.cache
def palette(site):
    """The colours of every card of `site`: those of a specimen card (the background, and each
    colour of text blended over it as its edges are smoothed), chosen once. Mapping a card to
    them takes a fifth of the time of choosing colours for each card (1.2 against 5.7 ms), and
    strays less from the drawing (at most 11 levels in a channel, 46 with 96 colours a card)."""
    specimen = picture(Card(site=site, **SPECIMEN))
    return specimen.quantize(COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


def draw(card):
    """The PNG bytes of `card`."""
    # The site's palette, no dithering: a third of the RGB size and as sharp; zlib level 6
    # (level 9: three times as slow for 10 % less).
    quantized = picture(card).quantize(palette=palette(card.site), dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    quantized.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()
