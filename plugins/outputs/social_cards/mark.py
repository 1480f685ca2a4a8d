"""The ULS-SIG mark, drawn once: a hub joined to a ring of six nodes, three of which reach out
to a further node (a network that goes on beyond the picture).

The geometry lives here and nowhere else. `draw_icons` makes the site's SVGs (logo.svg,
favicon.svg) and PNG icons from it, and the social cards paste `render()` of it, so every
picture of the mark is the same drawing. Change the drawing, then run
`python -m plugins.outputs.social_cards.draw_icons` (cached social cards are drawn again by
themselves:
their cache key includes a hash of this file and card.py).

Coordinates are in a 64 × 64 box, (0, 0) top left.
"""

import math
from dataclasses import dataclass

from PIL import Image, ImageDraw

BOX = 64
CENTRE = (32.0, 36.0)  # below the middle: the top leaf reaches further than the ring's foot
RING_RADIUS = 17.0
LEAF_RADIUS = 27.5  # distance of the outer nodes from the hub
NODE_RADIUS = 4.6
LEAF_NODE_RADIUS = 3.5
HUB_RADIUS = 7.0
STROKE = 3.2


def _around(radius, angles):
    """Points at `radius` from the hub, at `angles` in degrees clockwise from the top."""
    cx, cy = CENTRE
    return [
        (round(cx + radius * math.sin(math.radians(a)), 2),
         round(cy - radius * math.cos(math.radians(a)), 2))
        for a in angles
    ]  # fmt: skip


RING = _around(RING_RADIUS, range(0, 360, 60))  # a pointy-top hexagon, clockwise from the top
LEAVES = _around(LEAF_RADIUS, range(0, 360, 120))  # beyond ring nodes 0, 2 and 4
# Edges as pairs of points: the six spokes, the ring, the three reaching out.
EDGES = (
    [(CENTRE, p) for p in RING]
    + [(RING[k], RING[(k + 1) % 6]) for k in range(6)]
    + [(RING[2 * k], LEAVES[k]) for k in range(3)]
)
NODES = [(p, NODE_RADIUS) for p in RING] + [(p, LEAF_NODE_RADIUS) for p in LEAVES]


@dataclass(frozen=True)
class Colours:
    line: str  # edges and ring nodes
    hub: str  # the centre node
    text: str = "#1b1f24"  # the wordmark


# The palette of theme/static/css/site.css: its tokens --accent, --highlight and --fg.
LIGHT = Colours(line="#0e5a6e", hub="#a35200", text="#1b1f24")
DARK = Colours(line="#6cd0e0", hub="#f5b83d", text="#e6e9ee")
ON_ACCENT = Colours(line="#ffffff", hub="#f5b83d", text="#ffffff")  # on a #0e5a6e tile
TILE = "#0e5a6e"


def _num(value):
    """Shortest text of a coordinate: 32.0 -> 32, 13.81 -> 13.81."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def svg_shapes():
    """The mark as SVG elements with classes e (edges), n (ring nodes) and h (hub)."""
    path = "".join(f"M{_num(a[0])} {_num(a[1])}L{_num(b[0])} {_num(b[1])}" for a, b in EDGES)
    nodes = "".join(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}"/>' for (x, y), r in NODES)
    cx, cy = CENTRE
    return (
        f'<path class="e" fill="none" stroke-width="{_num(STROKE)}" d="{path}"/>'
        f'<g class="n">{nodes}</g>'
        f'<circle class="h" cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(HUB_RADIUS)}"/>'
    )


def _style(light, dark, variables, text=True):
    """Colours of classes e, n, h, t for light and dark; `variables` lets an inlined copy take
    the page's tokens (--accent, --highlight, --fg), the palette's values being the fallback."""

    def rules(c):
        def value(name, colour):
            return f"var(--{name},{colour})" if variables else colour

        wordmark = f".t{{fill:{value('fg', c.text)}}}" if text else ""
        return (
            f".e{{stroke:{value('accent', c.line)}}}.n{{fill:{value('accent', c.line)}}}"
            f".h{{fill:{value('highlight', c.hub)}}}{wordmark}"
        )

    return f"<style>{rules(light)}@media(prefers-color-scheme:dark){{{rules(dark)}}}</style>"


def favicon_svg():
    """The mark alone, light or dark with the browser's colour scheme."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BOX} {BOX}">'
        f"{_style(LIGHT, DARK, variables=False, text=False)}"
        f"{svg_shapes()}</svg>\n"
    )


WORDMARK = "ULS-SIG"
WORDMARK_SIZE = 34  # font size of the wordmark, in the units of the box
WORDMARK_LENGTH = 150  # its width: textLength keeps it the same whichever system font draws it
LOGO_WIDTH = BOX + 12 + WORDMARK_LENGTH + 4
FONTS = "system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif"


def logo_svg():
    """Mark and wordmark, one line: for the site header (as <img> or inlined)."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LOGO_WIDTH} {BOX}" '
        f'width="{LOGO_WIDTH}" height="{BOX}" role="img" aria-label="{WORDMARK}">'
        f"{_style(LIGHT, DARK, variables=True)}{svg_shapes()}"
        f'<text class="t" x="{BOX + 12}" y="44" font-family="{FONTS}" font-size="{WORDMARK_SIZE}"'
        f' font-weight="700" textLength="{WORDMARK_LENGTH}" lengthAdjust="spacingAndGlyphs">'
        f"{WORDMARK}</text></svg>\n"
    )


SUPERSAMPLE = 4


def render(size, colours, background=None, scale=1.0, supersample=SUPERSAMPLE):
    """The mark as a `size` × `size` RGBA image, antialiased by drawing it `supersample`
    times larger and scaling down. `scale` shrinks the drawing inside the square (0.7: a
    15 % margin)."""
    big = size * supersample
    image = Image.new("RGBA", (big, big), background or (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = big / BOX * scale
    offset = big * (1 - scale) / 2

    def at(point):
        return (offset + point[0] * unit, offset + point[1] * unit)

    width = round(STROKE * unit)
    for a, b in EDGES:
        draw.line([at(a), at(b)], fill=colours.line, width=width)
    for point, radius, fill in [*((p, r, colours.line) for p, r in NODES),
                                (CENTRE, HUB_RADIUS, colours.hub)]:  # fmt: skip
        cx, cy = at(point)
        r = radius * unit
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fill)
    return image.resize((size, size), Image.Resampling.LANCZOS)
