"""Nothing from outside the repository is read, and only inert files are published from content/:
the type detection in-process, then real builds of the fixture site (one with every kind of link
and special file, one with every kind of bad static file, one with good files published)."""

import os
import shutil

import pytest

from conftest import build_ok, run_pelican, snapshot
from plugins.guard.content_guard.content_tree import (
    check_content_tree,
    name_problem,
    static_file_problem,
)
from plugins.guard.content_guard.file_types import FILE_TYPES, detect_type, looks_like
from plugins.guard.content_guard.tests.helpers import SETTINGS, TEST_DATA, post, write

PNG = (TEST_DATA / "content/images/diagram.png").read_bytes()
# JFIF, then a start of frame (1 x 1): its size is read (plugins/guard/images/dimensions.py)
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00\xff\xd9"
)
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88"
AVIF = b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"\x00" * 16
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


# --- In-process: what the bytes are ----------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "key"),
    [(PNG, "png"), (JPEG, "jpeg"), (GIF, "gif"), (WEBP, "webp"), (AVIF, "avif"), (PDF, "pdf")],
    ids=["png", "jpeg", "gif", "webp", "avif", "pdf"],
)
def test_every_allowed_type_is_recognised_by_its_bytes(head, key):
    assert detect_type(head) is FILE_TYPES[key]


@pytest.mark.parametrize(
    "head",
    [
        b"",
        HTML,
        SVG,
        b"\x89PNG\r\n",  # a PNG signature cut short
        b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script>",  # a signature, then no IHDR
        b"RIFF\x1a\x00\x00\x00WAVEfmt ",  # RIFF, but sound
        b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",  # ISO media, but HEIC
        b"PK\x03\x04\x14\x00",
    ],
    ids=["empty", "html", "svg", "cut-png", "png-then-html", "wave", "heic", "zip"],
)
def test_other_bytes_are_no_allowed_type(head):
    assert detect_type(head) is None


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"", "are empty"),
        (HTML, "look like HTML"),
        (b"\xef\xbb\xbf  <p onclick=alert(1)>hi", "look like HTML"),
        (SVG, "look like an SVG drawing"),
        (b"<?xml version='1.0'?><feed/>", "look like XML"),
        (b"alert(document.cookie)", "look like text"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\xff\xfe\x00\x00\x00\x00\x00\x00", "are of a type"),
        (JPEG, "are a JPEG image"),
    ],
    ids=["empty", "html", "html-with-bom", "svg", "xml", "text", "binary", "jpeg"],
)
def test_the_message_says_what_the_bytes_look_like(head, what):
    assert looks_like(head).startswith(what)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("evil.js", "a .js file cannot be published from content/"),
        ("page.png.html", "a .html file cannot be published from content/"),
        ("notes.txt", "a .txt file cannot be published from content/"),
        ("logo.svg", "a .svg file cannot be published from content/: SVG can carry scripts"),
        ("README", "the file name has no extension"),
        (".htaccess", "the file name has no extension"),
        ("x.html.png", "the name x.html.png also has the extension .html"),
        ("shell.PHP.jpg", "the name shell.PHP.jpg also has the extension .php"),
        ("diagram.png", None),
        ("IMG_0042.JPG", None),
        ("chart.v2.final.webp", None),
        ("minutes-2025.05.pdf", None),
    ],
)
def test_only_the_extensions_of_inert_types_are_published(name, expected):
    problem = name_problem(f"/site/content/images/{name}")
    if expected is None:
        assert problem is None
    else:
        assert problem.message.startswith(expected)
        assert problem.blocking


def test_a_file_is_checked_by_its_bytes_against_its_extension(tmp_path):
    write(tmp_path, {"chart.png": HTML, "photo.png": JPEG, "ok.jpeg": JPEG, "doc.pdf": PDF})
    chart = static_file_problem(str(tmp_path / "chart.png"), str(tmp_path))
    assert str(chart).endswith(
        "chart.png:1: the file is not a PNG image (its bytes look like HTML; export it again "
        "as PNG, or remove it)"
    )
    photo = static_file_problem(str(tmp_path / "photo.png"), str(tmp_path))
    assert "(its bytes are a JPEG image; rename it to photo.jpg)" in str(photo)
    assert static_file_problem(str(tmp_path / "ok.jpeg"), str(tmp_path)) is None
    assert static_file_problem(str(tmp_path / "doc.pdf"), str(tmp_path)) is None


def test_a_file_outside_the_content_folder_is_never_published(tmp_path):
    (tmp_path / "content").mkdir()
    write(tmp_path, {"secret.png": PNG})
    path = str(tmp_path / "content" / ".." / "secret.png")  # what a {static}../ link gives
    problem = static_file_problem(path, str(tmp_path / "content"))
    assert "publishes this file from outside the content folder" in problem.message


def test_the_tree_check_reports_links_and_special_files_without_following_them(tmp_path):
    content, outside = tmp_path / "content", tmp_path / "outside"
    write(content, {"posts/a.md": "x", "images/a.png": PNG})
    write(outside, {"secret.md": "x", "inner/deep.md": "x"})
    (content / "posts/linked.md").symlink_to(content / "posts/a.md")  # a link, even inside
    (content / "posts/folder").symlink_to(outside)  # reported, not entered
    (content / "images/gone.png").symlink_to(tmp_path / "nowhere.png")
    os.mkfifo(content / "images/pipe.png")
    (outside / "trap.md").symlink_to("/etc/passwd")  # behind the linked folder: never seen
    (content / "images/odd.png").symlink_to("a\nb.png")  # a name that would break the line

    found = {os.path.relpath(p.path, content): p for p in check_content_tree({"PATH": content})}

    assert sorted(found) == [
        "images/gone.png",
        "images/odd.png",
        "images/pipe.png",
        "posts/folder",
        "posts/linked.md",
    ]
    assert all(problem.blocking for problem in found.values())
    assert found["posts/folder"].message == (
        f"is a symbolic link (to {outside}); the build does not follow links"
    )
    assert (
        found["posts/folder"].fix == "replace it with the file itself, committed in the repository"
    )
    assert "(to a\\nb.png)" in str(found["images/odd.png"])
    assert found["images/pipe.png"].message.startswith("is a named pipe (FIFO), not a regular file")


# --- Real builds -------------------------------------------------------------------------------

GOOD_FILES = {
    "images/photo.jpg": JPEG,
    "images/Holiday.JPEG": JPEG,
    "images/agenda.pdf": PDF,
    "posts/2025/slides.pdf": PDF,  # outside STATIC_PATHS: published because a post links it
    "posts/2025/with-slides.md": post(
        Title="With slides", body="See [the slides]({static}slides.pdf)."
    ),
}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """The fixture site with a PNG, JPEGs and PDFs, built: the previous output of every test."""
    content = tmp_path_factory.mktemp("good") / "content"
    shutil.copytree(TEST_DATA / "content", content)
    write(content, GOOD_FILES)
    output = content.parent / "output"
    build_ok(SETTINGS, output, content=content)
    return content, output


@pytest.fixture
def site(tmp_path, good_build):
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(good_build[0], content)
    shutil.copytree(good_build[1], output)
    return content, output


def build_fails(content, output):
    before = snapshot(output)
    result = run_pelican(SETTINGS, output, content=content)
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    assert snapshot(output) == before, "a failed build changed the previous output"
    assert "Traceback" not in printed, printed
    assert printed.count("problem(s) in the content") == 1, printed
    return printed


def test_png_jpeg_and_pdf_files_are_published_as_they_are(good_build):
    content, output = good_build
    for relative in ("images/diagram.png", "images/photo.jpg", "images/Holiday.JPEG",
                     "images/agenda.pdf", "posts/2025/slides.pdf"):  # fmt: skip
        assert (output / relative).read_bytes() == (content / relative).read_bytes(), relative


def test_links_and_special_files_in_content_stop_the_build(site, tmp_path):
    content, output = site
    write(
        tmp_path / "elsewhere", {"id_rsa": "-----BEGIN OPENSSH PRIVATE KEY-----\n", "p.md": post()}
    )
    (content / "images/key.png").symlink_to(tmp_path / "elsewhere/id_rsa")
    (content / "posts/2026").symlink_to(tmp_path / "elsewhere")  # a folder of posts
    (content / "pages/about-again.md").symlink_to("about.md")  # inside, but still a link
    (content / "images/gone.png").symlink_to("nowhere.png")
    os.mkfifo(content / "images/pipe.gif")

    printed = build_fails(content, output)

    link = "the build does not follow links (replace it with the file itself, committed in the"
    assert "content_guard: 5 problem(s) in the content" in printed, printed
    for expected in (
        f"images/key.png:1: is a symbolic link (to {tmp_path}/elsewhere/id_rsa); {link}",
        f"posts/2026:1: is a symbolic link (to {tmp_path}/elsewhere); {link}",
        f"pages/about-again.md:1: is a symbolic link (to about.md); {link}",
        f"images/gone.png:1: is a symbolic link (to nowhere.png); {link}",
        "images/pipe.gif:1: is a named pipe (FIFO), not a regular file; the build reads only "
        "files and folders (remove it from the content folder)",
    ):
        assert expected in printed, printed


def test_static_files_of_no_inert_type_stop_the_build_all_at_once(site, tmp_path):
    content, output = site
    write(tmp_path, {"secret.png": PNG})  # a real PNG, but outside the content folder
    body = (
        "[a]({static}evil.js), [b]({static}/downloads/page.html), ![c]({static}../../../secret.png)"
    )
    files = {
        "images/evil.js": b"fetch('/x?'+document.cookie)",
        "images/chart.png": HTML,
        "images/logo.svg": SVG,
        "images/photo.png": JPEG,
        "images/x.html.png": PNG,
        "images/x.png.html": HTML,
        "images/LICENSE": b"MIT",
        "posts/2025/evil.js": b"alert(1)",  # outside STATIC_PATHS, published by a {static} link
        "downloads/page.html": HTML,  # the same, from a folder Pelican does not read
        "images/heavy.jpg": JPEG + b"\x00" * 600_000,  # over an image's budget of 500 KB
        "images/bomb.gif": b"GIF89a\x20\x4e\x20\x4e\x00\x00\x00;",  # 20,000 px a side
        "images/cut.jpg": JPEG[:24],  # cut before its size
        "posts/2025/new.md": post(Tgas="x", body=body),
    }
    write(content, files)

    printed = build_fails(content, output)

    allowed = "only images (PNG, JPEG, GIF, WebP, AVIF) and PDF documents are"
    for expected in (
        f"images/evil.js:1: a .js file cannot be published from content/ ({allowed}; remove "
        "it, or convert it to one of them)",
        "images/chart.png:1: the file is not a PNG image (its bytes look like HTML; export it "
        "again as PNG, or remove it)",
        "images/logo.svg:1: a .svg file cannot be published from content/: SVG can carry "
        "scripts (export the drawing as PNG or WebP, or ask an editor to add it to the theme)",
        "images/photo.png:1: the file is not a PNG image (its bytes are a JPEG image; rename "
        "it to photo.jpg)",
        "images/x.html.png:1: the name x.html.png also has the extension .html, which web "
        "servers act on (rename it without the inner extension, e.g. x-html.png)",
        "images/x.png.html:1: a .html file cannot be published from content/",
        "images/LICENSE:1: the file name has no extension, so it cannot be published from "
        f"content/ ({allowed}; name it after its type: .png, .jpg, .jpeg, .gif, .webp, .avif, "
        ".pdf)",
        "posts/2025/evil.js:1: a .js file cannot be published from content/",
        "downloads/page.html:1: a .html file cannot be published from content/",
        f"{tmp_path}/secret.png:1: a {{static}} or {{attach}} link publishes this file from "
        "outside the content folder (link only to files under content/)",
        f"images/heavy.jpg:1: the image is {len(JPEG) + 600_000:,} bytes, over the budget of "
        "500,000 for an image (export it at the width it is shown, e.g. 1600 px wide, as WebP "
        "or JPEG at quality 80",
        "images/bomb.gif:1: the image is 20,000 x 20,000 pixels, over 10,000 on a side",
        "images/cut.jpg:1: the image's width and height cannot be read",
        # the source checks' problems come in the same list
        "posts/2025/new.md:7: unknown metadata key 'Tgas'",
    ):
        assert expected in printed, printed
