"""In-process: contributed markup keeps only the classes and attributes content needs.

Written as an attacker sends them: through the site's own Markdown (attr_list, admonition
kinds, fenced-code classes) and as raw HTML, on the element a content class belongs to and on
others, with case and whitespace variants.
"""

import re
import runpy

import lxml.html
import markdown
import pytest

from conftest import ROOT
from plugins.guard.sanitize.allowed import CONTENT_CLASSES, REL_VALUES
from plugins.guard.sanitize.sanitize import removed_elements_and_attributes, sanitize_html

THEME = ROOT / "theme"


def render(source):
    configs = runpy.run_path(str(ROOT / "pelicanconf.py"))["MARKDOWN"]["extension_configs"]
    converter = markdown.Markdown(
        extensions=list(configs), extension_configs=configs, output_format="html5"
    )
    return converter.convert(source)


def classes_by_tag(html):
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return {
        (element.tag, name)
        for element in root.iter()
        if isinstance(element.tag, str)
        for name in element.get("class", "").split()
    }


def theme_classes():
    """Every fixed class name the theme's templates write."""
    found = set()
    for template in (THEME / "templates").rglob("*.html"):
        for value in re.findall(r'class="([^"]*)"', template.read_text(encoding="utf-8")):
            found.update(re.sub(r"\{[{%].*?[}%]\}", " ", value).split())
    return found


HOSTILE = [
    '<a class="card-link" href="https://evil.example/">x</a>',
    '<a class="headerlink card-link" href="https://evil.example/">x</a>',
    '<a class="CARD-LINK\tcard-link\nskip-link" href="https://evil.example/">x</a>',
    '<p class="lead visually-hidden"><a href="https://evil.example/">x</a></p>',
    '<div class="admonition note hero site-header">x</div>',
    '<span class="k mi post-nav">x</span>',
    '<td class="align-right card-link">x</td>',
    '<p class="headerlink">a class of links on a paragraph</p>',
    '<div class="lead">a class of paragraphs on a div</div>',
    '<li class="card member-card"><a class="card-link" href="/">fake card</a></li>',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_raw_html_keeps_only_content_classes_on_their_own_elements(html):
    clean, removals = sanitize_html(html)
    for tag, name in classes_by_tag(clean):
        assert name in CONTENT_CLASSES.get(tag, ()), (tag, name, clean)
    assert classes_by_tag(clean) <= classes_by_tag(html)
    assert removals and all(item.startswith("removed ") for item in removals), removals
    assert removed_elements_and_attributes(clean) == [], "the resolved-body check would refuse"


@pytest.mark.parametrize(
    "source",
    [
        "[prize](https://evil.example/){: .card-link }",
        "A paragraph.\n{: .lead .card-link .skip-link }",
        '!!! card-link "A box"\n    [x](https://evil.example/)',
        '!!! note stretched-link skip-link "A box"\n    text',
        "``` { .python .card-link }\nx = 1\n```",
        "## Heading {: .card-link }",
        "| a |\n|--:|\n| b |\n{: .card-link }",
    ],
)
def test_markdown_cannot_give_a_theme_class_either(source):
    clean, removals = sanitize_html(render(source))
    names = {name for _, name in classes_by_tag(clean)}
    assert not names & {"card-link", "stretched-link", "skip-link"}, clean
    assert any("card-link" in item or "stretched-link" in item for item in removals), removals


def test_the_kinds_of_admonition_the_theme_styles_are_kept():
    for kind in ("note", "tip", "warning", "danger"):
        clean, removals = sanitize_html(render(f'!!! {kind} "T"\n    text'))
        assert f'class="admonition {kind}"' in clean and removals == []


def test_no_allowed_class_is_one_the_theme_uses_for_itself_but_lead():
    allowed = set().union(*CONTENT_CLASSES.values())
    assert allowed & theme_classes() == {"lead"}  # typography only (site.css)


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("style", "position:fixed;inset:0;z-index:9999"),
        ("popover", "manual"),
        ("popovertarget", "x"),
        ("tabindex", "1"),
        ("accesskey", "h"),
        ("target", "_top"),
        ("form", "f"),
        ("formaction", "https://evil.example/"),
        ("role", "navigation"),
        ("aria-hidden", "true"),
        ("data-pagefind-body", ""),
        ("data-pagefind-meta", "title:Other"),
        ("hidden", ""),
        ("inert", ""),
        ("autofocus", ""),
        ("contenteditable", "true"),
    ],
)
def test_attributes_that_reach_outside_are_removed_and_listed(attribute, value):
    for tag in ("a", "div", "p"):
        html = f'<{tag} href="https://e.example/" {attribute}="{value}">x</{tag}>'
        clean, removals = sanitize_html(html)
        assert f"{attribute}=" not in clean, clean
        assert f"removed {attribute} attribute from <{tag}>" in removals


def test_rel_keeps_only_link_types_that_claim_nothing():
    html = '<a href="https://e.example/" rel="me author license tag nofollow ugc">x</a>'
    clean, removals = sanitize_html(html)
    assert 'rel="nofollow ugc noopener"' in clean
    assert {"removed rel 'me' from <a>", "removed rel 'author' from <a>"} <= set(removals)
    assert set(re.search(r'rel="([^"]*)"', clean).group(1).split()) <= REL_VALUES
