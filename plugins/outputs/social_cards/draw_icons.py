"""Draw the site's logo and icons from the one drawing of the mark (mark.py).

    python -m plugins.outputs.social_cards.draw_icons           # write them into theme/static/
    python -m plugins.outputs.social_cards.draw_icons --check   # exit 1 if a committed file differs

The files are committed; plugins/outputs/social_cards/tests/test_icons.py checks that they are
exactly
what this command makes, so the drawing and the files cannot drift apart.
"""

import argparse
import io
import sys
from pathlib import Path

from . import mark

STATIC = Path(__file__).resolve().parents[3] / "theme" / "static"


def png_bytes(image):
    """PNG bytes with nothing but the pixels: no time, no text chunks, the same on every run."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def touch_icon(size):
    """An opaque square (iOS and Android round the corners): the mark on the accent colour."""
    tile = mark.render(size, mark.ON_ACCENT, background=mark.TILE, scale=0.74)
    return png_bytes(tile.convert("RGB"))


def icons():
    """{file name under theme/static/: bytes}."""
    return {
        "logo.svg": mark.logo_svg().encode(),
        "favicon.svg": mark.favicon_svg().encode(),
        "apple-touch-icon.png": touch_icon(180),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    parser.add_argument("--into", type=Path, default=STATIC, help="folder (theme/static)")
    arguments = parser.parse_args(argv)
    stale = []
    for name, data in icons().items():
        path = arguments.into / name
        if path.is_file() and path.read_bytes() == data:
            continue
        stale.append(name)
        if not arguments.check:
            path.write_bytes(data)
            print(f"wrote {path} ({len(data)} bytes)")
    if arguments.check and stale:
        print(
            f"{', '.join(stale)} in {arguments.into} differ from the drawing "
            "(run python -m plugins.outputs.social_cards.draw_icons)",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
