"""Real builds of the fixture site: the attributes on the pages, the same bytes whatever the
number of writers, and the content check refusing images over their budget.

The images are made by the test (make_images.py) so each one's size is written here."""

import shutil
from pathlib import Path

import pytest

from conftest import build_ok, page, run_pelican
from plugins.guard.images.tests.make_images import gif, jpeg, png, png_header

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
IMAGES = {
    "images/wide.png": png(40, 20),
    "images/tall.gif": gif(10, 30),
    # stored 1600 x 1200, shown turned a quarter (Exif orientation 6) as browsers do
    "posts/2025/portrait.jpg": jpeg(1600, 1200, orientation=6),
}


def content_with(tmp_path, files):
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    for relative, data in files.items():
        (content / relative).write_bytes(data)
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The site built once."""
    folder = tmp_path_factory.mktemp("images")
    content = content_with(folder, IMAGES)
    build_ok(SETTINGS, folder / "output", content=content)
    return folder / "output"


def images_of(output, path):
    return [dict(img.attrib) for img in page(output, path).xpath("//main//img")]


def test_every_image_from_content_gets_its_size_and_all_but_the_first_load_lazily(built):
    site = "https://images.example.org"
    assert images_of(built, "posts/2025/pictures") == [
        {"src": f"{site}/images/wide.png", "alt": "A wide diagram", "width": "40", "height": "20"},
        {
            "src": f"{site}/images/tall.gif",
            "alt": "A tall chart, from beside the post",
            "width": "10",
            "height": "30",
            "loading": "lazy",
        },
        {  # the author's sizes are kept
            "src": "/images/wide.png",
            "alt": "Sized by the author",
            "width": "400",
            "height": "100",
            "loading": "lazy",
        },
        {  # a relative address; the author's width, and the height of the same proportions
            "src": "../../../images/wide.png",
            "alt": "A relative address, width given",
            "width": "80",
            "height": "40",
            "loading": "lazy",
        },
        {
            "src": f"{site}/posts/2025/portrait.jpg",
            "alt": "A portrait beside the post",
            "width": "1200",
            "height": "1600",
            "loading": "lazy",
        },
        {"src": "https://example.org/photo.png", "alt": "An external image"},
        {"src": "data:image/gif;base64,R0lGODlhAQABAAAAACw=", "alt": "A data image"},
    ]
    # A page's only image is its first: it stays eager.
    assert images_of(built, "about") == [
        {"src": f"{site}/images/tall.gif", "alt": "A tall chart", "width": "10", "height": "30"}
    ]


def test_the_readme_of_the_images_folder_is_not_published(built):
    assert (built / "images/wide.png").is_file()
    assert not (built / "images/README.md").exists()


def test_images_over_their_budget_are_refused_with_how_to_shrink_them(tmp_path):
    """One build, every kind of refusal: bytes, pixels, a header that cannot be read; a PDF has
    its own limit (lowered here with CONTENT_GUARD_MAX_STATIC_BYTES, which images ignore)."""
    heavy = png(40, 30, padding=600_000)
    files = {
        **IMAGES,
        "images/heavy.png": heavy,
        "images/bomb.png": png_header(20_000, 300),
        "images/cut.jpg": jpeg(10, 10)[:26],
        "images/slides.pdf": b"%PDF-1.4\n" + b"0" * 2_000,
    }
    content = content_with(tmp_path, files)
    result = run_pelican(
        SETTINGS, tmp_path / "output", "CONTENT_GUARD_MAX_STATIC_BYTES=1000", content=content
    )
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    assert "Traceback" not in printed, printed
    assert "content_guard: 4 problem(s) in the content" in printed, printed
    shrink = (
        "export it at the width it is shown, e.g. 1600 px wide, as WebP or JPEG at quality 80 "
        "(`cwebp -q 80 -resize 1600 0 photo.png -o photo.webp`), or shrink a PNG with "
        "`optipng -o5`"
    )
    for expected in (
        f"images/heavy.png:1: the image is {len(heavy):,} bytes, over the budget of 500,000 "
        f"for an image ({shrink}; CONTENT_GUARD_MAX_IMAGE_BYTES sets the budget)",
        "images/bomb.png:1: the image is 20,000 x 300 pixels, over 10,000 on a side: a browser "
        f"would hold every pixel in memory ({shrink})",
        "images/cut.jpg:1: the image's width and height cannot be read: the file is cut short "
        "or damaged (open it in an image editor and export it again)",
        "images/slides.pdf:1: the PDF is 2,009 bytes, over the limit of 1,000 (save it again "
        "with its images reduced for the screen (`ps2pdf` does); CONTENT_GUARD_MAX_STATIC_BYTES "
        "sets the limit)",
    ):
        assert expected in printed, printed
