"""Content may not reuse an id the theme gives its own elements.

Headings get ids from Python-Markdown's toc extension (`## Search` -> id="search") and a
contributor can set any id with attr_list (`{: #content }`). An id the theme already uses on the
same page (the skip link's `#content`, the search form's `search-term`...) would make the page
invalid, send the skip link or a script to the contributor's element instead of the theme's,
and let a post restyle or hijack the page chrome. Such an id is renamed as toc renames a
repeated heading (`search` -> `search-1`), and links to it in the same body follow.
"""

import re
from functools import lru_cache
from pathlib import Path

import lxml.html

LITERAL_ID = re.compile(r"""\bid=["']([^"'{}\s]+)["']""")


@lru_cache(maxsize=4)
def theme_ids(theme_path):
    """Every literal id="..." in the theme's templates (trusted code, read once per theme)."""
    templates = Path(theme_path, "templates")
    found = set()
    for template in sorted(templates.rglob("*.html")):
        found.update(LITERAL_ID.findall(template.read_text(encoding="utf-8")))
    return frozenset(found)


def rename_theme_ids(html, reserved):
    """`html` with every id in `reserved` renamed (and `href="#id"` links to it), else as it is."""
    if not reserved or "id=" not in html:
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    taken = {element.get("id") for element in root.iter() if element.get("id")}
    renamed = {}
    for element in root.iter():
        old = element.get("id") if isinstance(element.tag, str) else None
        if old in reserved:
            number = 1
            while f"{old}-{number}" in taken | reserved:
                number += 1
            renamed[old] = f"{old}-{number}"
            taken.add(renamed[old])
            element.set("id", renamed[old])
    if not renamed:
        return html
    for link in root.iter("a"):
        target = link.get("href", "")
        if target.startswith("#") and target[1:] in renamed:
            link.set("href", "#" + renamed[target[1:]])
    inner = [root.text or ""] + [lxml.html.tostring(child, encoding="unicode") for child in root]
    return "".join(inner)
