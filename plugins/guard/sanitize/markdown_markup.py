"""What the site's Markdown extensions write that the safelist and the CSP would otherwise lose.

The site's Content-Security-Policy blocks `style` attributes, so the tables extension is set to
write `align="right"` on `<th>`/`<td>` instead of `style="text-align: right"` (pelicanconf.py).
`align` is obsolete HTML (the validator refuses it), so once nh3 has kept it, only with one of
the three values tables writes, it becomes a class the theme styles: `class="align-right"`.

The heading anchors of the toc extension (`¶`) and the footnotes' back-links (`↩`) are links
whose text is a symbol a screen reader reads out as "pilcrow" or "leftwards arrow with hook":
each gets an `aria-label` that says where it leads.

A code block (`<pre>`) scrolls sideways when its lines are longer than the column (on a phone,
most are), and so does a table wider than the column (the theme's `table` rule, with a shadow on
the side that has more to see): each gets `tabindex="0"` so that a keyboard can reach it and
scroll it (WCAG 2.1.1; axe's scrollable-region-focusable; Safari focuses no scroller by itself).
Which elements those are is the safelist's word: every tag allowed.py lets carry `tabindex`.
The line-number table of a code block (`highlighttable`) is left as it is: its `<pre>` is
reachable. Content may write `tabindex="0"` on a `<pre>` or a `<table>` itself, nothing else: a
value that reorders the page's focus is removed.

This runs on HTML nh3 has already cleaned, and writes only attributes the safelist allows, so
the sanitizer's second look at resolved bodies (sanitize.check_resolved) finds nothing to remove.
"""

import lxml.html

from .allowed import ALLOWED_ATTRIBUTES

ALIGN_VALUES = frozenset({"left", "right", "center"})
ALIGNED_CELLS = ("th", "td")
PERMALINK_CLASS = "headerlink"  # the toc extension's default permalink_class
BACKLINK_CLASS = "footnote-backref"


# <pre> and <table>: they scroll sideways when wider than the column.
FOCUSABLE_BLOCKS = tuple(tag for tag, names in ALLOWED_ATTRIBUTES.items() if "tabindex" in names)
CODE_TABLE_CLASS = "highlighttable"  # codehilite's line numbers beside a <pre>


def value_is_allowed(tag, attribute, value):
    """The value rule of attributes the safelist only keeps with certain values."""
    if attribute == "align" and tag in ALIGNED_CELLS:
        return value.strip().lower() in ALIGN_VALUES
    if attribute == "tabindex":
        return tag in FOCUSABLE_BLOCKS and value.strip() == "0"
    return True


def classes(element):
    return element.get("class", "").split()


def add_class(element, name):
    if name not in classes(element):
        element.set("class", " ".join([*classes(element), name]))


def needs_finishing(html):
    return (
        "align=" in html
        or PERMALINK_CLASS in html
        or BACKLINK_CLASS in html
        or any(f"<{tag}" in html for tag in FOCUSABLE_BLOCKS)
    )


def finish_markup(html):
    """Cleaned `html` with aligned cells as classes, symbol links labelled and blocks that
    scroll reachable by keyboard, else as it is."""
    if not html or not needs_finishing(html):
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    changed = False
    for cell in root.iter(*ALIGNED_CELLS):
        align = cell.attrib.pop("align", None)
        if align is not None:
            add_class(cell, f"align-{align.strip().lower()}")
            changed = True
    for block in root.iter(*FOCUSABLE_BLOCKS):
        if block.get("tabindex") != "0" and CODE_TABLE_CLASS not in classes(block):
            block.set("tabindex", "0")
            changed = True
    for link in root.iter("a"):
        label = link_label(link)
        if label and not link.get("aria-label"):
            link.set("aria-label", label)
            changed = True
    if not changed:
        return html
    inner = [root.text or ""] + [lxml.html.tostring(child, encoding="unicode") for child in root]
    return "".join(inner)


def link_label(link):
    """The accessible name of a heading anchor or a footnote back-link, else None."""
    if PERMALINK_CLASS in classes(link):
        heading = link.getparent()
        text = " ".join((heading.text_content() if heading is not None else "").split())
        text = text.removesuffix(link.text_content().strip()).strip()
        return f"Link to the section “{text}”" if text else "Link to this section"
    if BACKLINK_CLASS in classes(link):
        return link.get("title") or "Back to the text"
    return None
