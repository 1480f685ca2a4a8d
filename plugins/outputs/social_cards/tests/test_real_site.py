"""The real site (built once per test run by conftest's `site`): every post, page, topic and
member page names its own card, and the card is there, 1200 × 630."""

from pathlib import Path

import lxml.html
from PIL import Image


def og_image(index_html):
    root = lxml.html.fromstring(index_html.read_bytes())
    tags = {m.get("property"): m.get("content") for m in root.iter("meta") if m.get("property")}
    return tags.get("og:image"), tags.get("og:image:width"), tags.get("og:image:height")


def test_every_content_page_of_the_site_has_its_own_card(site):
    site = Path(site)
    pages = [
        *site.glob("posts/*/*/index.html"),
        *site.glob("topics/*/index.html"),
        *site.glob("members/*/index.html"),
        site / "about/index.html",
    ]
    # Leave out later pages of a list and the redirect pages of addresses that moved.
    pages = [p for p in pages if "/page/" not in str(p) and b"refresh" not in p.read_bytes()]
    assert len(pages) > 10
    cards = set()
    for index_html in pages:
        url, width, height = og_image(index_html)
        assert url and (width, height) == ("1200", "630"), index_html
        path = site / url.split("/social/", 1)[1].join(["social/", ""])
        with Image.open(path) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630))
        cards.add(url)
    assert len(cards) == len(pages)  # one card each, none shared
