"""The highlighting stylesheet: AA contrast for every token, light and dark, and how it ships."""

import hashlib
import re
from pathlib import Path

import pytest

from conftest import ROOT, page
from plugins.outputs.highlight.contrast import AA, contrast, schemes, theme_colours
from plugins.outputs.highlight.highlight import DEFAULTS, css_path, dark_overrides, stylesheet

SITE_CSS = ROOT / "theme" / "static" / "css" / "site.css"
POST = "posts/2025/every-markdown-feature"


def token_colours(scheme_rules, fg):
    """{selector: (text colour, own background or None)} of every token rule with a colour."""
    found = {}
    for selector, declarations in scheme_rules.items():
        if selector.endswith(".hll") or "color" not in declarations:
            continue
        colour = declarations["color"]
        background = declarations.get("background-color")
        found[selector] = (fg if colour == "inherit" else colour, background)
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_token_meets_aa_on_the_code_background(scheme):
    """Code sits on site.css's --surface (and, on hl_lines, on the .hll background); a token
    with a background of its own (an error) is measured on that."""
    theme = theme_colours(SITE_CSS.read_text(encoding="utf-8"))[scheme]
    rules = schemes(stylesheet(DEFAULTS))[scheme]
    backgrounds = [theme["surface"], rules[".highlight .hll"]["background-color"]]
    colours = token_colours(rules, theme["fg"])
    assert len(colours) > 50, "the styles should colour most token types"
    failures = []
    for background in backgrounds:
        assert contrast(theme["fg"], background) >= AA, f"plain code text on {background}"
        for selector, (colour, own) in colours.items():
            ratio = contrast(colour, own or background)
            if ratio < AA:
                failures.append(f"{selector} {colour} on {own or background}: {ratio:.2f}")
    worst = min(contrast(c, o or b) for c, o in colours.values() for b in backgrounds)
    print(f"{scheme}: {len(colours)} token colours, the lowest contrast {worst:.2f}:1")
    assert not failures, "\n".join(failures)


def test_the_keyword_colour_differs_from_the_text_in_both_schemes():
    rules = schemes(stylesheet(DEFAULTS))
    theme = theme_colours(SITE_CSS.read_text(encoding="utf-8"))
    for scheme in ("light", "dark"):
        assert rules[scheme][".highlight .k"]["color"] != theme[scheme]["fg"]
    assert rules["light"][".highlight .k"] != rules["dark"][".highlight .k"]


def test_the_dark_block_undoes_what_only_the_light_style_sets():
    light = {"k": {"color": "#a90d91", "font-weight": "bold"}, "c": {"color": "#177500"}}
    dark = {"k": {"color": "#66d9ef"}, "c": {"color": "#177500"}, "s": {"color": "#e6db74"}}
    assert dark_overrides(light, dark) == {
        "k": {"color": "#66d9ef", "font-weight": "normal"},
        "s": {"color": "#e6db74"},
    }
    assert dark_overrides({"err": {"background-color": "#fff"}}, {}) == {
        "err": {"background-color": "transparent"}
    }


def test_the_stylesheet_is_the_same_every_time_and_named_by_its_hash():
    text = stylesheet(DEFAULTS)
    assert stylesheet(dict(DEFAULTS)) == text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    assert css_path({}, text) == f"theme/pygments-{digest}.css"
    assert "@media (prefers-color-scheme: dark) {" in text and text.endswith("}\n")


def test_a_build_writes_and_links_the_stylesheet(highlight_site):
    """One build of the fixture site (conftest.py's highlight_site): its post, full of footnotes
    and code, passes the link checker; the stylesheet is written under its hashed name and every
    page links to it. tests/test_html_valid.py validates the post and the stylesheet."""
    output = highlight_site
    written = sorted((output / "theme").glob("pygments-*.css"))
    assert [path.name for path in written] == [Path(css_path({}, stylesheet(DEFAULTS))).name]
    text = written[0].read_bytes()
    assert written[0].name == f"pygments-{hashlib.sha256(text).hexdigest()[:12]}.css"
    for path in ("", POST):
        links = page(output, path).xpath("//head/link[@rel='stylesheet']/@href")
        assert f"/theme/{written[0].name}" in links, links
    post = (output / POST / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="k">def</span>', post)
    assert "style=" not in post
