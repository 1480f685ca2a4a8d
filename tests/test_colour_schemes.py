"""The dark colour scheme changes colours and nothing else, in every stylesheet the site writes
(the theme's, the highlighting's) and in its SVG marks: so axe's rules about colour are all that
the browser tests need to run again in it (tests/browser/axe.py), and no script reacts to it."""

import re

from conftest import ROOT

DARK = "prefers-color-scheme:dark"
# What a scheme may set: colours, and custom properties (the theme's colour tokens and shadow).
COLOUR_PROPERTIES = {
    "color", "background-color", "border-color", "outline-color", "text-decoration-color",
    "fill", "stroke", "box-shadow", "font-weight", "font-style",
}  # fmt: skip
DECLARATION = re.compile(r"([-a-zA-Z]+)\s*:")


def dark_blocks(text):
    """The text inside each `@media (prefers-color-scheme: dark) { ... }` of a stylesheet."""
    squeezed = re.sub(r"\s+", "", text)
    blocks, start = [], squeezed.find(f"@media({DARK}){{")
    while start != -1:
        opening = squeezed.index("{", start)
        depth, end = 0, opening
        for end in range(opening, len(squeezed)):
            depth += {"{": 1, "}": -1}.get(squeezed[end], 0)
            if depth == 0:
                break
        blocks.append(squeezed[opening + 1 : end])
        start = squeezed.find(f"@media({DARK}){{", end)
    return blocks


def properties_set(block):
    """The properties the rules inside a block declare (the innermost {...} of each rule)."""
    bodies = re.findall(r"\{([^{}]*)\}", block)
    return {match for body in bodies for match in DECLARATION.findall(body)}


def test_the_reading_of_dark_blocks_finds_what_a_block_sets():
    css = "a{color:red}@media (prefers-color-scheme: dark) {\n :root { --bg: #000; }\n"
    css += " .x .y { display: none; color: #fff }\n}\nb{margin:0}"
    (block,) = dark_blocks(css)
    assert properties_set(block) == {"--bg", "display", "color"}


def test_the_dark_scheme_sets_colours_only(site):
    sheets = sorted(site.rglob("*.css")) + sorted(site.rglob("*.svg"))
    found = {}
    for sheet in sheets:
        blocks = dark_blocks(sheet.read_text(encoding="utf-8"))
        others = {
            name
            for block in blocks
            for name in properties_set(block)
            if not name.startswith("--") and name not in COLOUR_PROPERTIES
        }
        if blocks:
            found[sheet.relative_to(site).as_posix()] = others
    assert any(path.startswith("theme/css/site") for path in found), sorted(found)
    assert not {path: names for path, names in found.items() if names}


def test_no_script_or_template_reads_the_colour_scheme():
    readers = [
        path.relative_to(ROOT).as_posix()
        for folder in (ROOT / "theme" / "static" / "js", ROOT / "theme" / "templates")
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "prefers-color-scheme" in path.read_text(encoding="utf-8")
    ]
    assert readers == []
