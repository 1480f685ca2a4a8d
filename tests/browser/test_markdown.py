"""Every Markdown feature a contributor may use works in a browser, light and dark (issue 13).

The real site has no post that uses them all, so this serves the fixture site of
plugins/outputs/highlight (one post with footnotes, an aligned table, definitions, abbreviations,
attribute lists, Markdown in HTML, code, `[TOC]`, heading anchors and admonitions), built once
for the run (conftest.py's `highlight_site`) with the repository's settings, theme and the
plugins that check, clean and style a post, like the `server` fixture serves the real site.
"""

import pytest
from browser.axe import format_violations, run_axe
from browser.conftest import Visit
from browser.serving import serving

from plugins.outputs.highlight.contrast import AA, contrast

pytestmark = pytest.mark.browser

POST = "/posts/2025/every-markdown-feature/"
SCHEMES = ["light", "dark"]


@pytest.fixture(scope="session")
def markdown_server(highlight_site):
    """Base URL of the fixture site (conftest.py's highlight_site: one build for the run, shared
    with the highlight plugin's tests and the HTML validation)."""
    with serving(highlight_site) as base:
        yield base


@pytest.fixture
def open_post(browser, markdown_server, tab_on):
    """open_post(color_scheme, clicks=False) -> the fixture post's page (no smooth scrolling):
    in a reused tab, or in a new context for a test that clicks (see tab_on)."""
    opened = []

    def open_page(color_scheme="light", clicks=False):
        options = {"color_scheme": color_scheme, "reduced_motion": "reduce"}
        if clicks:
            visit = Visit(browser, markdown_server, POST, **options)
            opened.append(visit)
        else:
            visit = tab_on(markdown_server, POST, **options)
        assert visit.response.status == 200, f"{POST} answered {visit.response.status}"
        return visit.page

    yield open_page
    for visit in opened:
        visit.close()


TARGET_IN_VIEW = """() => {
  const target = document.querySelector(':target');
  if (!target) return null;
  const box = target.getBoundingClientRect();
  return {id: target.id, visible: box.top >= 0 && box.bottom <= window.innerHeight};
}"""


def follow(page, selector):
    """Click the link `selector` and return {id, visible} of the element it targets."""
    page.click(selector)
    page.wait_for_function("() => location.hash !== ''")
    return page.evaluate(TARGET_IN_VIEW)


def test_footnote_links_and_back_links_land_on_their_targets(open_post):
    page = open_post(clicks=True)
    references = page.locator("a.footnote-ref")
    assert references.count() == 2
    for label in ("uvloop", "1"):
        assert follow(page, f'a.footnote-ref[href="#fn:{label}"]') == {
            "id": f"fn:{label}",
            "visible": True,
        }
        assert page.evaluate("() => location.hash") == f"#fn:{label}"
        back = page.locator(f'li[id="fn:{label}"] a.footnote-backref')
        assert back.get_attribute("aria-label").startswith("Back to the text of footnote")
        assert follow(page, f'li[id="fn:{label}"] a.footnote-backref') == {
            "id": f"fnref:{label}",
            "visible": True,
        }


def test_a_right_aligned_column_is_right_aligned(open_post):
    page = open_post()
    aligns = page.evaluate(
        """() => Array.from(document.querySelectorAll('tbody tr:first-child td'),
                            cell => getComputedStyle(cell).textAlign)"""
    )
    assert aligns == ["left", "right", "center"]
    header = page.locator("th.align-right")
    assert header.evaluate("cell => getComputedStyle(cell).textAlign") == "right"


TOKEN_COLOURS = """() => {
  const pre = document.querySelector('.highlight pre');
  const code = pre.querySelector('code');
  const spans = Array.from(code.querySelectorAll('span[class]'));
  return {
    background: getComputedStyle(pre).backgroundColor,
    text: getComputedStyle(code).color,
    keyword: getComputedStyle(code.querySelector('span.k')).color,
    tokens: Object.fromEntries(spans.map(span => [span.className, getComputedStyle(span).color])),
  };
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_code_is_highlighted_with_readable_colours(open_post, scheme):
    page = open_post(scheme)
    colours = page.evaluate(TOKEN_COLOURS)
    assert colours["keyword"] != colours["text"], colours
    assert contrast(colours["keyword"], colours["background"]) >= AA, colours
    for css_class, colour in colours["tokens"].items():
        ratio = contrast(colour, colours["background"])
        assert ratio >= AA, f"{scheme}: .{css_class} {colour} on {colours['background']}: {ratio}"


def test_the_light_and_dark_keywords_differ(open_post):
    light, dark = (open_post(scheme).evaluate(TOKEN_COLOURS) for scheme in SCHEMES)
    assert light["keyword"] != dark["keyword"] and light["background"] != dark["background"]


def test_the_toc_links_to_the_headings(open_post):
    page = open_post(clicks=True)
    targets = page.evaluate(
        """() => Array.from(document.querySelectorAll('.toc a'), link => {
             const target = document.getElementById(link.hash.slice(1));
             return [link.textContent, target && target.tagName,
                     target && target.firstChild.textContent];
           })"""
    )
    assert [name for name, _, _ in targets] == [
        "Footnotes",
        "Tables",
        "Definitions and abbreviations",
        "Attributes and HTML blocks",
        "Code",
        "Admonitions",
    ]
    assert all(tag == "H2" for _, tag, _ in targets), targets
    assert follow(page, '.toc a[href="#admonitions"]') == {"id": "admonitions", "visible": True}


def test_heading_anchors_show_on_focus_and_have_a_name(open_post):
    page = open_post()
    anchor = page.locator("h2#tables a.headerlink")
    assert anchor.get_attribute("aria-label") == "Link to the section “Tables”"
    opacity = "link => getComputedStyle(link).opacity"
    assert anchor.evaluate(opacity) == "0"
    anchor.focus()
    assert anchor.evaluate(opacity) == "1"


ADMONITIONS = """() => Array.from(document.querySelectorAll('.admonition'), box => {
  const style = getComputedStyle(box), title = box.querySelector('.admonition-title');
  return {
    kind: box.className, border: parseFloat(style.borderLeftWidth),
    borderColour: style.borderLeftColor, background: style.backgroundColor,
    page: getComputedStyle(document.body).backgroundColor,
    title: title.textContent, titleColour: getComputedStyle(title).color,
    titleWeight: Number(getComputedStyle(title).fontWeight),
  };
})"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_admonitions_are_styled_asides(open_post, scheme):
    boxes = open_post(scheme).evaluate(ADMONITIONS)
    assert [box["title"] for box in boxes] == ["Before you start", "Warning", "A shorter loop"]
    for box in boxes:
        assert box["border"] >= 3 and box["background"] != box["page"], box
        assert box["titleWeight"] >= 700, box
        assert contrast(box["titleColour"], box["background"]) >= AA, box
    assert len({box["borderColour"] for box in boxes}) == 3, "note, warning and tip look alike"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations_on_the_post(open_post, axe_path, scheme):
    page = open_post(scheme)
    violations = run_axe(page, axe_path)
    assert not violations, f"{scheme} scheme:\n{format_violations(violations)}"
