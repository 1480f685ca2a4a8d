"""What contributed markup may carry: the tags, attributes and classes content needs, and nothing
that lets it reach outside its box.

A class is a hook into the theme's stylesheet: `class="card-link"` gives a link the theme's
stretched-link rule (an `::after` covering its positioned ancestor), so a link in a post would
take the clicks meant for the page title, the previous/next links and the related posts. Only
the classes the site's Markdown extensions write are kept, each on the element that carries it
(the real set, found by rendering content/ and tests/golden/content and every feature of
CONTRIBUTING.md): Pygments' token classes and codehilite's wrappers, admonitions of the kinds
the theme styles, footnotes, table alignment, the table of contents and heading anchors, and
`{: .lead }` on a paragraph. Any other class is removed and listed like any other removal.

No attribute that positions, styles, focuses, submits, opens or scripts an element is allowed
(`style`, `data-*`, `role`, `tabindex`, `accesskey`, `form*`, `target`, `popover*`, `hidden`,
`inert`...): they are simply not in ALLOWED_ATTRIBUTES. `rel` keeps only link types that say
nothing about the site (no `me`, which would let a post verify a stranger's profile as the
site's, no `author`, `license` or `tag`).
"""

from pygments.token import STANDARD_TYPES

ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "picture",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "source",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    ]
)
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang", "rel", "aria-label"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "source": {"srcset", "sizes", "media", "type"},
    # align: left, right or center only, turned into a class (markdown_markup.py)
    "td": {"colspan", "rowspan", "headers", "align"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "align"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "pre": {"tabindex"},  # "0" only (markdown_markup.value_is_allowed), set on every <pre>
    "table": {"tabindex"},  # likewise: a table scrolls sideways when wider than its column
}

PYGMENTS_TOKEN_CLASSES = frozenset(name for name in STANDARD_TYPES.values() if name)
# The kinds of `!!! kind` the theme styles (pages.css); `note` is the default look.
ADMONITION_KINDS = frozenset(
    [
        "note",
        "tip",
        "hint",
        "important",
        "success",
        "warning",
        "caution",
        "attention",
        "danger",
        "error",
        "failure",
    ]
)
ALIGN_CLASSES = frozenset({"align-left", "align-right", "align-center"})
CONTENT_CLASSES = {
    # heading anchors (toc), footnote references and back-links (footnotes)
    "a": frozenset({"headerlink", "footnote-ref", "footnote-backref"}),
    # codehilite's wrapper and line-number column, [TOC], footnotes, admonitions
    "div": frozenset(
        {"highlight", "linenodiv", "toc", "footnote", "admonition"} | ADMONITION_KINDS
    ),
    # an admonition's title; `{: .lead }` (CONTRIBUTING.md)
    "p": frozenset({"admonition-title", "lead"}),
    # Pygments' tokens, highlighted lines (hl_lines) and line numbers (linenums)
    "span": PYGMENTS_TOKEN_CLASSES | {"hll", "normal"},
    "table": frozenset({"highlighttable"}),
    "td": ALIGN_CLASSES | {"linenos", "code"},
    "th": ALIGN_CLASSES,
}
REL_VALUES = frozenset({"external", "nofollow", "noopener", "noreferrer", "sponsored", "ugc"})
TOKEN_LISTS = {"class": CONTENT_CLASSES, "rel": {"a": REL_VALUES}}


def kept_tokens(tag, attribute, value):
    """The value of a token-list attribute (class, rel) with only the allowed tokens, or None
    when none is left; any other attribute's value as it is."""
    if attribute not in TOKEN_LISTS:
        return value
    allowed = TOKEN_LISTS[attribute].get(tag, frozenset())
    kept = [token for token in value.split() if token in allowed]
    return " ".join(dict.fromkeys(kept)) or None


def removed_tokens(tag, attribute, value):
    """The tokens of a class or rel value that kept_tokens drops, in order, once each."""
    if attribute not in TOKEN_LISTS:
        return []
    allowed = TOKEN_LISTS[attribute].get(tag, frozenset())
    return list(dict.fromkeys(token for token in value.split() if token not in allowed))
