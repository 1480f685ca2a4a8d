"""The logo and icons in theme/static are the drawing of mark.py, as draw_icons makes them."""

import io
import xml.etree.ElementTree as ET

from PIL import Image

from plugins.outputs.social_cards import draw_icons, mark

SVG = "{http://www.w3.org/2000/svg}"


def test_committed_icons_are_what_the_command_draws(tmp_path, capsys):
    assert draw_icons.main(["--check"]) == 0, capsys.readouterr().err
    for name, data in draw_icons.icons().items():
        assert (draw_icons.STATIC / name).read_bytes() == data, name


def test_check_notices_a_stale_file_and_writing_fixes_it(tmp_path, capsys):
    assert draw_icons.main(["--check", "--into", str(tmp_path)]) == 1
    assert "draw_icons" in capsys.readouterr().err
    assert draw_icons.main(["--into", str(tmp_path)]) == 0
    assert draw_icons.main(["--check", "--into", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(draw_icons.icons())


def test_the_svgs_are_small_self_contained_and_follow_the_colour_scheme():
    for name in ("logo.svg", "favicon.svg"):
        data = (draw_icons.STATIC / name).read_bytes()
        assert len(data) < 3000, name
        root = ET.fromstring(data)
        assert root.tag == f"{SVG}svg"
        text = data.decode()
        assert "prefers-color-scheme:dark" in text
        assert "http" not in text.replace("http://www.w3.org/2000/svg", "")  # nothing fetched
        assert "<script" not in text and "href" not in text
    logo = (draw_icons.STATIC / "logo.svg").read_text()
    assert "var(--accent,#0e5a6e)" in logo and ">ULS-SIG</text>" in logo


def test_the_touch_icon_is_180_px_and_opaque():
    image = Image.open(io.BytesIO((draw_icons.STATIC / "apple-touch-icon.png").read_bytes()))
    assert image.size == (180, 180) and image.mode == "RGB"
    assert image.getpixel((2, 2)) == Image.new("RGB", (1, 1), mark.TILE).getpixel((0, 0))


def test_every_picture_of_the_mark_has_the_same_nodes():
    shapes = mark.svg_shapes()
    assert shapes.count("<circle") == len(mark.NODES) + 1  # the ring, the leaves, the hub
    assert len(mark.EDGES) == 6 + 6 + 3
    for (x, y), radius in mark.NODES:
        assert radius <= x <= mark.BOX - radius and radius <= y <= mark.BOX - radius
