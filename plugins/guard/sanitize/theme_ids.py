"""Ids from the theme and ids from content live in separate namespaces.

Content makes ids in many ways: headings (Python-Markdown's toc: `## Search` -> id="search"),
footnotes (`fn:1`), attribute lists (`{: #content }`) and raw HTML, in posts, pages, topics and
member bios. An id the theme also gives one of its elements on the same page would make the
page invalid and take that element's identity: the skip link, a section's label
(`aria-labelledby="members-1"`) or a script would find the contributor's element instead.

The theme's namespace is read from the theme itself: every literal id its templates write
(`content`, `search-term`); every id a template builds from a value, which claims all ids that
start as it does (`members-{{ loop.index }}` claims `members-…`); and the ids its scripts look
up or build (`byId("search-more")`, `` `search-filter-${key}` ``). A template id that is a value
alone (`id="{{ post.anchor }}"`, a list message's `m-…`) is a content id the theme writes as
it is. A content id in the theme's namespace is renamed out of it, into `content-<id>`
(numbered when taken: `content-search-1`), which no theme id may start with (theme_ids checks),
and links to it in the same body follow. One pass and a dict: linear in the ids of a body.
"""

import re
from functools import lru_cache
from pathlib import Path

import lxml.html

RENAMED_PREFIX = "content-"
TEMPLATE_ID = re.compile(r"""(?<![\w-])id=(["'])(.*?)\1""")
SINGLE_VALUE = re.compile(r"^\{\{[^{}]*\}\}$")
SCRIPT_ID_LOOKUP = re.compile(r"""(?:getElementById|byId)\(\s*["'`]([^"'`$\s]+)["'`]\s*\)""")
SCRIPT_ID_BUILT = re.compile(r"""\.id\s*=\s*["'`]([^"'`$]*)(\$\{)?""")
ID_REFERENCES = {"a": ("href",), "td": ("headers",), "th": ("headers",)}


class ThemeIds:
    """The theme's id namespace: `value in theme_ids` is True for every id the theme may use."""

    def __init__(self, literal=(), prefixes=()):
        self.literal = frozenset(literal)
        self.prefixes = tuple(sorted(set(prefixes)))

    def __contains__(self, value):
        return value in self.literal or value.startswith(self.prefixes)

    def __bool__(self):
        return bool(self.literal or self.prefixes)

    def __repr__(self):
        return f"ThemeIds({sorted(self.literal)!r}, {list(self.prefixes)!r})"


@lru_cache(maxsize=4)
def theme_ids(theme_path):
    """The ThemeIds of a theme (trusted code, read once per theme); ValueError when one of its
    ids cannot be kept apart from content ids."""
    literal, prefixes = set(), set()
    for template in sorted(Path(theme_path, "templates").rglob("*.html")):
        for _, value in TEMPLATE_ID.findall(template.read_text(encoding="utf-8")):
            head, dynamic, _ = value.partition("{")
            if not dynamic:
                literal.add(value)
            elif head:
                prefixes.add(head)
            elif not SINGLE_VALUE.match(value.strip()):
                raise ValueError(
                    f"{template}: id={value!r} starts with a value: give it a fixed start "
                    "(section-{{ … }}) so that content ids can be kept out of it"
                )
    for script in sorted(Path(theme_path, "static").rglob("*.js")):
        text = script.read_text(encoding="utf-8")
        literal.update(SCRIPT_ID_LOOKUP.findall(text))
        for head, dynamic in SCRIPT_ID_BUILT.findall(text):
            (prefixes if dynamic else literal).add(head)
    namespace = ThemeIds(literal, prefixes)
    overlaps = [p for p in prefixes if p.startswith(RENAMED_PREFIX) or RENAMED_PREFIX.startswith(p)]
    if overlaps or any(name.startswith(RENAMED_PREFIX) for name in literal):
        raise ValueError(f"a theme id starts with {RENAMED_PREFIX!r}, kept for renamed content ids")
    return namespace


def fresh_ids(old_ids, taken):
    """A new id for each of `old_ids`: `content-<old>`, numbered past the ids in `taken` (a set,
    which grows with the new ids). Each base's numbers only go up, so every id in `taken` stops
    at most two probes: the work is linear in old_ids and taken."""
    next_number = {}
    new_ids = []
    for old in old_ids:
        base = RENAMED_PREFIX + old
        number = next_number.get(base, 0)
        candidate = f"{base}-{number}" if number else base
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        next_number[base] = number + 1
        taken.add(candidate)
        new_ids.append(candidate)
    return new_ids


def rename_theme_ids(html, reserved):
    """`html` with every id in `reserved` (the theme's namespace) renamed, with the links and
    header references to it, else `html` as it is."""
    if not reserved or "id=" not in html:
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    with_ids = [e for e in root.iter() if isinstance(e.tag, str) and e.get("id") is not None]
    clashing = [element for element in with_ids if element.get("id") in reserved]
    if not clashing:
        return html
    taken = {element.get("id") for element in with_ids}
    renamed = {}
    for element, new_id in zip(
        clashing, fresh_ids([e.get("id") for e in clashing], taken), strict=True
    ):
        renamed.setdefault(element.get("id"), new_id)  # links go to the first one, as before
        element.set("id", new_id)
    for element in root.iter(*ID_REFERENCES):
        for attribute in ID_REFERENCES[element.tag]:
            value = element.get(attribute)
            if value and attribute == "href" and value.startswith("#") and value[1:] in renamed:
                element.set(attribute, "#" + renamed[value[1:]])
            elif value and attribute == "headers":
                element.set(attribute, " ".join(renamed.get(i, i) for i in value.split()))
    inner = [root.text or ""] + [lxml.html.tostring(child, encoding="unicode") for child in root]
    return "".join(inner)
