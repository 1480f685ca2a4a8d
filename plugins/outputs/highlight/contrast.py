"""WCAG 2 contrast, and the colours of the highlighting and theme stylesheets, for the tests.

Pure Python: the relative luminance and contrast ratio of WCAG 2.x (1.4.3, AA: 4.5:1 for
text), and small readers of the two stylesheets the colours come from.
"""

import re

AA = 4.5
HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\b")
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
DARK_BLOCK = re.compile(r"@media \(prefers-color-scheme: dark\) \{(.*)\}\s*$", re.S)
COMMENT = re.compile(r"/\*.*?\*/", re.S)
CUSTOM_PROPERTY = re.compile(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})\s*;")


def channels(colour):
    """(r, g, b) in 0..255 of #rgb, #rrggbb or rgb(a)(r, g, b[, a]) (as browsers report it)."""
    colour = colour.strip()
    if colour.startswith("rgb"):
        return tuple(int(float(part)) for part in re.findall(r"[\d.]+", colour)[:3])
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return tuple(int(digits[index : index + 2], 16) for index in (0, 2, 4))


def luminance(colour):
    """Relative luminance, WCAG 2: linearised sRGB channels weighted 0.2126/0.7152/0.0722."""

    def linear(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(value) for value in channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one, other):
    """The contrast ratio, 1 to 21."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rules(css):
    """{selector: {property: value}} of the plain rules of a CSS text (no nested blocks)."""
    found = {}
    for selector, body in RULE.findall(COMMENT.sub("", css)):
        declarations = {}
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            if name.strip():
                declarations[name.strip()] = value.strip()
        found.setdefault(selector.strip(), {}).update(declarations)
    return found


def schemes(css):
    """{"light": rules, "dark": rules} of a stylesheet whose dark rules are one media block at
    the end; the dark rules are the light ones with that block's applied on top."""
    dark_block = DARK_BLOCK.search(css)
    light = rules(css[: dark_block.start()] if dark_block else css)
    dark = {selector: dict(declarations) for selector, declarations in light.items()}
    for selector, declarations in rules(dark_block[1] if dark_block else "").items():
        dark.setdefault(selector, {}).update(declarations)
    return {"light": light, "dark": dark}


def theme_colours(site_css):
    """{"light": {name: #hex}, "dark": {...}} of site.css's design tokens (--fg, --surface...)."""
    dark_start = site_css.index("@media (prefers-color-scheme: dark)")
    light = dict(CUSTOM_PROPERTY.findall(site_css[:dark_start]))
    dark_end = site_css.index("}\n}", dark_start)
    dark = {**light, **dict(CUSTOM_PROPERTY.findall(site_css[dark_start:dark_end]))}
    return {"light": light, "dark": dark}
