"""In-process: what the site's Markdown extensions write survives the sanitizer, usable.

The HTML comes from Python-Markdown configured with the real MARKDOWN setting, so a change of
extension or option that the sanitizer does not follow shows up here.
"""

import runpy

import lxml.html
import markdown
import pytest

from conftest import ROOT
from plugins.guard.sanitize.markdown_markup import finish_markup
from plugins.guard.sanitize.sanitize import removed_elements_and_attributes, sanitize_html

SOURCE = """[TOC]

## Numbers

A claim.[^1] Another.[^uvloop]

[^1]: The first note.
[^uvloop]: uvloop is a drop-in replacement.

| Name | Count | Mid |
|:-----|------:|:---:|
| a    |     1 | x   |

Term
:   Definition.

*[HTML]: Hyper Text Markup Language

HTML text.
{: .lead }

<div markdown="1">*inside*</div>

```python
def f(): return 1
```

!!! warning "Careful"
    Text.
"""


@pytest.fixture(scope="module")
def rendered():
    settings = runpy.run_path(str(ROOT / "pelicanconf.py"))["MARKDOWN"]
    configs = settings["extension_configs"]
    converter = markdown.Markdown(
        extensions=list(configs), extension_configs=configs, output_format="html5"
    )
    html = converter.convert(SOURCE)
    clean, removals = sanitize_html(html)
    return html, clean, removals, lxml.html.fragment_fromstring(clean, create_parent="div")


def test_nothing_the_extensions_write_is_removed(rendered):
    html, clean, removals, _ = rendered
    assert removals == []
    assert "style=" not in html, "the tables extension must write align, not style"
    assert removed_elements_and_attributes(clean) == [], "the resolved-body check would refuse"


def test_aligned_cells_get_classes_and_lose_align(rendered):
    _, clean, _, root = rendered
    cells = [(cell.tag, cell.get("class")) for cell in root.iter("th", "td")]
    assert cells == [
        ("th", "align-left"),
        ("th", "align-right"),
        ("th", "align-center"),
        ("td", "align-left"),
        ("td", "align-right"),
        ("td", "align-center"),
    ]
    assert " align=" not in clean


def test_footnote_ids_and_links_are_kept(rendered):
    _, _, _, root = rendered
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    assert {"fnref:1", "fn:1", "fnref:uvloop", "fn:uvloop", "numbers"} <= ids
    hrefs = [link.get("href") for link in root.iter("a")]
    assert {"#fn:1", "#fnref:1", "#fn:uvloop", "#fnref:uvloop", "#numbers"} <= set(hrefs)
    backrefs = root.find_class("footnote-backref")
    assert [link.get("aria-label") for link in backrefs] == [
        "Back to the text of footnote 1",
        "Back to the text of footnote 2",
    ]


def test_every_feature_keeps_its_markup(rendered):
    _, clean, _, root = rendered
    permalink = root.find_class("headerlink")[0]
    assert permalink.get("href") == "#numbers" and permalink.text == "¶"
    assert permalink.get("aria-label") == "Link to the section “Numbers”"
    assert root.find_class("toc")[0].xpath(".//a/@href") == ["#numbers"]
    assert '<abbr title="Hyper Text Markup Language">HTML</abbr>' in clean
    assert "<dt>Term</dt>" in clean and "<dd>Definition.</dd>" in clean
    assert "<div>\n<p><em>inside</em></p>\n</div>" in clean  # md_in_html
    assert root.xpath('//p[@class="lead"]')  # attr_list
    assert root.xpath('//div[@class="highlight"]/pre/code/span[@class="k"]')
    admonition = root.xpath('//div[@class="admonition warning"]')[0]
    assert admonition[0].get("class") == "admonition-title" and admonition[0].text == "Careful"


@pytest.mark.parametrize(
    ("raw", "removal"),
    [
        ('<td align="javascript:x">a</td>', "removed align='javascript:x' from <td>"),
        ('<th align="justify">a</th>', "removed align='justify' from <th>"),
        ('<p align="right">a</p>', "removed align attribute from <p>"),
        ('<td style="text-align:right">a</td>', "removed style attribute from <td>"),
    ],
)
def test_align_keeps_only_the_three_values_on_cells(raw, removal):
    clean, removals = sanitize_html(f"<table><tr>{raw}</tr></table>")
    assert removals == [removal]
    assert "align" not in clean and "style" not in clean


def test_an_aria_label_already_set_is_kept_and_other_links_get_none():
    html = (
        '<h2 id="a">A<a class="headerlink" href="#a" aria-label="Mine">¶</a></h2>'
        '<p><a href="#a">plain</a></p>'
    )
    finished = finish_markup(html)
    assert 'aria-label="Mine"' in finished and finished.count("aria-label") == 1
    assert finish_markup("<p>nothing to do</p>") == "<p>nothing to do</p>"


def test_every_code_block_is_reachable_by_keyboard():
    """A <pre> scrolls sideways on a narrow screen: tabindex="0" lets a keyboard reach it."""
    configs = runpy.run_path(str(ROOT / "pelicanconf.py"))["MARKDOWN"]["extension_configs"]
    converter = markdown.Markdown(extensions=list(configs), extension_configs=configs)
    html = converter.convert("```python\nresult = compute(a_long_argument, another_one)\n```")
    assert 'class="highlight"' in html
    clean, removals = sanitize_html(html)
    (block,) = lxml.html.fragment_fromstring(clean, create_parent="div").iter("pre")
    assert block.get("tabindex") == "0"
    assert removals == []
    assert removed_elements_and_attributes(clean) == []  # the second look finds nothing


def test_every_table_is_reachable_by_keyboard_but_not_a_code_blocks_line_numbers():
    """A table wider than the column scrolls sideways (the theme's `table` rule): tabindex="0"
    lets a keyboard reach it. Line numbers beside code (codehilite's highlighttable) are not a
    stop of their own: the <pre> in them is."""
    configs = runpy.run_path(str(ROOT / "pelicanconf.py"))["MARKDOWN"]["extension_configs"]
    converter = markdown.Markdown(extensions=list(configs), extension_configs=configs)
    html = converter.convert(
        "| a | b | c | d | e | f |\n|---|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 | 6 |"
    )
    code = '<table class="highlighttable"><tr><td class="code"><pre>x = 1</pre></td></tr></table>'
    clean, removals = sanitize_html(html + code)
    root = lxml.html.fragment_fromstring(clean, create_parent="div")
    tables = [(table.get("class"), table.get("tabindex")) for table in root.iter("table")]
    assert tables == [(None, "0"), ("highlighttable", None)]
    assert [block.get("tabindex") for block in root.iter("pre")] == ["0"]
    assert removals == []
    assert removed_elements_and_attributes(clean) == []  # the second look finds nothing


@pytest.mark.parametrize(
    ("written", "removed"),
    [
        ('<pre tabindex="1">x</pre>', "removed tabindex='1' from <pre>"),
        ('<pre tabindex="-1">x</pre>', "removed tabindex='-1' from <pre>"),
        ('<table tabindex="-1"><tr><td>x</td></tr></table>', "removed tabindex='-1' from <table>"),
        ('<p tabindex="0">x</p>', "removed tabindex attribute from <p>"),
        ('<a href="/x/" tabindex="0">x</a>', "removed tabindex attribute from <a>"),
    ],
)
def test_content_cannot_reorder_focus(written, removed):
    clean, removals = sanitize_html(written)
    assert removals == [removed]
    kept = written.startswith(("<pre", "<table"))  # set again on every <pre> and <table>
    assert 'tabindex="0"' in clean if kept else "tabindex" not in clean
