"""The size readers, in-process, on images made byte by byte; then the budget that uses them."""

import io
import os

import pytest

from plugins.guard.images.budget import MAX_IMAGE_SIDE, size_problem
from plugins.guard.images.dimensions import MAX_STEPS, image_size, stream_size
from plugins.guard.images.tests.make_images import (
    avif,
    gif,
    jpeg,
    png,
    png_header,
    webp_extended,
    webp_lossless,
    webp_lossy,
)


def size(data):
    return stream_size(io.BytesIO(data))


class CountingStream(io.BytesIO):
    """A stream that counts the reads and seeks made on it: the work of a size reader, which
    the test bounds instead of timing it. Past `limit` calls it raises, so a reader that loops
    forever fails the test at once instead of hanging it."""

    def __init__(self, data, limit):
        super().__init__(data)
        self.calls, self.limit = 0, limit

    def count(self):
        self.calls += 1
        if self.calls > self.limit:
            raise AssertionError(f"over {self.limit:,} reads and seeks: the reader is unbounded")

    def read(self, *arguments):
        self.count()
        return super().read(*arguments)

    def seek(self, *arguments):
        self.count()
        return super().seek(*arguments)


# Every reader does a bounded number of steps (MAX_STEPS markers, fill bytes or boxes), each a
# few reads and seeks; a loop over the input or a cycle would make many times more.
MAX_CALLS = 10 * MAX_STEPS


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (png(37, 21), (37, 21)),
        (gif(640, 480), (640, 480)),
        (jpeg(1600, 900), (1600, 900)),
        (jpeg(1600, 900, sof=0xC2), (1600, 900)),  # progressive
        (jpeg(1600, 900, fill=3), (1600, 900)),  # fill bytes before the frame marker
        (jpeg(1600, 900, orientation=1), (1600, 900)),
        (jpeg(1600, 900, orientation=3), (1600, 900)),  # upside down: same size
        (jpeg(1600, 900, orientation=6), (900, 1600)),  # a phone held upright
        (jpeg(1600, 900, orientation=8, byte_order="MM"), (900, 1600)),
        (webp_lossy(800, 600), (800, 600)),
        (webp_lossless(1, 16384), (1, 16384)),
        (webp_extended(16777216, 3), (16777216, 3)),
        (avif([(1200, 800)], 1), (1200, 800)),
        (avif([(1200, 800)], 1, rotate=1), (800, 1200)),  # irot: a quarter turn
        (avif([(1200, 800)], 1, rotate=2), (1200, 800)),
        # a grid: the image is item 1, its tiles items 2 and 3, each with its own extents
        (avif([(1200, 800), (600, 800), (600, 800)], 1), (1200, 800)),
        (avif([(600, 800), (1200, 800)], 2), (1200, 800)),
    ],
    ids=[
        "png", "gif", "jpeg", "jpeg-progressive", "jpeg-fill", "jpeg-exif-1", "jpeg-exif-3",
        "jpeg-exif-6", "jpeg-exif-8-motorola", "webp-lossy", "webp-lossless", "webp-extended",
        "avif", "avif-irot-90", "avif-irot-180", "avif-grid", "avif-primary-second",
    ],
)  # fmt: skip
def test_the_size_is_read_from_the_header(data, expected):
    assert size(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not an image at all",
        png(4, 4)[:20],  # cut inside IHDR
        png_header(0, 10),  # a zero side
        b"\xff\xd8\xff\xda\x00\x02" + b"\x00" * 64,  # scan data before any frame
        jpeg(10, 10)[:26],  # cut inside the frame
        jpeg(0, 0),
        b"\xff\xd8" + b"\xff" * 300_000,  # nothing but fill bytes
        b"\xff\xd8\xff\xe0\x00\x01",  # a segment length under 2
        b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 20,  # no key frame start code
        b"\x00\x00\x00\x10ftypavif\x00\x00\x00\x00",  # no meta box
        b"\x00\x00\x00\x10ftypavif\x00\x00\x00\x00\xff\xff\xff\xffmeta",  # a box past the end
        avif([], 1),  # no extents at all
    ],
    ids=[
        "empty", "text", "png-cut", "png-zero", "jpeg-scan-first", "jpeg-cut", "jpeg-zero",
        "jpeg-fill-only", "jpeg-bad-length", "webp-no-start-code", "avif-no-meta",
        "avif-box-too-long", "avif-no-ispe",
    ],
)  # fmt: skip
def test_an_unreadable_header_gives_no_size(data):
    assert stream_size(CountingStream(data, MAX_CALLS)) is None


def test_the_work_is_bounded_however_long_the_junk():
    """Fill bytes are the one thing a JPEG reader walks byte by byte: ten times as many of them
    cost no more reads, past the bound of steps."""
    work = []
    for fill in (300_000, 3_000_000):
        stream = CountingStream(b"\xff\xd8" + b"\xff" * fill, MAX_CALLS)
        assert stream_size(stream) is None
        work.append(stream.calls)
    assert work[0] == work[1] <= MAX_STEPS + 10, work  # and a few reads of the header


def test_a_file_is_read_without_following_a_link_or_waiting_on_a_pipe(tmp_path):
    (tmp_path / "real.png").write_bytes(png(3, 2))
    (tmp_path / "link.png").symlink_to(tmp_path / "real.png")
    os.mkfifo(tmp_path / "pipe.png")
    assert image_size(tmp_path / "real.png") == (3, 2)
    assert image_size(tmp_path / "link.png") is None
    assert image_size(tmp_path / "pipe.png") is None
    assert image_size(tmp_path / "missing.png") is None


# --- The budget (content_guard prints these as `path:1: message (fix)`) ------------------------


def budget(tmp_path, name, data, **limits):
    path = tmp_path / name
    path.write_bytes(data)
    return size_problem(str(path), len(data), **limits)


def test_an_image_over_the_byte_budget_is_refused_with_how_to_shrink_it(tmp_path):
    message, fix = budget(tmp_path, "photo.png", png(40, 30), max_image=10)
    assert message.startswith("the image is ") and message.endswith(
        " bytes, over the budget of 10 for an image"
    )
    assert fix == (
        "export it at the width it is shown, e.g. 1600 px wide, as WebP or JPEG at quality 80 "
        "(`cwebp -q 80 -resize 1600 0 photo.png -o photo.webp`), or shrink a PNG with "
        "`optipng -o5`; CONTENT_GUARD_MAX_IMAGE_BYTES sets the budget"
    )


def test_an_image_of_absurd_pixel_size_is_refused_however_small_the_file(tmp_path):
    message, _ = budget(tmp_path, "bomb.png", png_header(50_000, 50_000))
    assert message == (
        "the image is 50,000 x 50,000 pixels, over 10,000 on a side: a browser would hold "
        "every pixel in memory"
    )
    side = MAX_IMAGE_SIDE
    assert budget(tmp_path, "edge.gif", gif(side, side)) is None
    assert budget(tmp_path, "wide.gif", gif(side + 1, 1)) is not None


def test_an_image_whose_size_cannot_be_read_is_refused(tmp_path):
    message, fix = budget(tmp_path, "cut.jpg", jpeg(10, 10)[:26])
    assert (
        message == "the image's width and height cannot be read: the file is cut short or damaged"
    )
    assert fix == "open it in an image editor and export it again"


def test_a_pdf_has_its_own_larger_limit(tmp_path):
    document = b"%PDF-1.4\n" + b"0" * 600_000
    assert budget(tmp_path, "slides.pdf", document) is None  # over an image's budget: fine
    message, fix = budget(tmp_path, "slides.pdf", document, max_document=500_000)
    assert message == "the PDF is 600,009 bytes, over the limit of 500,000"
    assert fix.endswith("CONTENT_GUARD_MAX_STATIC_BYTES sets the limit")
