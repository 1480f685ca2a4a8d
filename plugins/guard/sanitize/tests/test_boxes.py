"""Contributed markup stays in its box, built: a post, a page with the members template and a
member bio (tests/box_data) that use the theme's classes, positioning, popovers and the theme's
own element ids. The browser clicks the result in tests/browser/test_contributed_markup.py."""

from collections import Counter

import lxml.html
import pytest

from plugins.guard.sanitize.allowed import ALLOWED_ATTRIBUTES, CONTENT_CLASSES, REL_VALUES
from plugins.guard.sanitize.theme_ids import RENAMED_PREFIX

CONTENT_BOXES = "//div[@class='post-body'] | //div[@class='member-bio']"
POST = "posts/2024/out-of-the-box/index.html"


@pytest.fixture(scope="module")
def site(box_site):
    """box_data built once for the run (conftest.py), also clicked in tests/browser."""
    return box_site


def pages(site):
    return {str(path.relative_to(site)): lxml.html.parse(str(path)).getroot()
            for path in sorted(site.rglob("*.html"))}  # fmt: skip


def in_content(element):
    return any(
        "post-body" in ancestor.get("class", "").split()
        or "member-bio" in ancestor.get("class", "").split()
        for ancestor in element.iterancestors()
    )


def test_no_page_has_an_id_twice(site):
    built = pages(site)
    assert {POST, "people/index.html", "members/ada-lovelace/index.html"} <= set(built)
    for name, root in built.items():
        ids = Counter(e.get("id") for e in root.iter() if isinstance(e.tag, str) and e.get("id"))
        assert [i for i, count in ids.items() if count > 1] == [], name


def test_every_label_and_skip_target_of_the_theme_is_the_theme_s_element(site):
    for name, root in pages(site).items():
        references = root.xpath("//@aria-labelledby | //a[@class='skip-link']/@href")
        for reference in references:
            target = root.get_element_by_id(reference.lstrip("#"), None)
            assert target is not None and not in_content(target), (name, reference)


def test_content_ids_in_the_theme_s_namespace_were_renamed_with_their_links(site):
    post = lxml.html.parse(str(site / POST)).getroot()
    body_ids = [e.get("id") for e in post.xpath(CONTENT_BOXES)[0].iter() if e.get("id")]
    for theme_id in ("related-title", "content", "search-link", "members-1"):
        assert RENAMED_PREFIX + theme_id in body_ids
    links = post.xpath("//div[@class='post-body']//a/@href")
    assert {"#content-content", "#content-members-1", "#content-related-title"} <= set(links)
    people = lxml.html.parse(str(site / "people/index.html")).getroot()
    assert people.get_element_by_id("members-1").text_content() == "Members"
    bio = lxml.html.parse(str(site / "members/ada-lovelace/index.html")).getroot()
    assert bio.get_element_by_id("member-posts-title").text_content().startswith("Posts by")


def test_content_keeps_only_content_classes_and_attributes(site):
    for name, root in pages(site).items():
        for box in root.xpath(CONTENT_BOXES):
            for element in box.iterdescendants():
                if not isinstance(element.tag, str):
                    continue
                for token in element.get("class", "").split():
                    assert token in CONTENT_CLASSES.get(element.tag, ()), (name, element.tag, token)
                allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(element.tag, set())
                assert set(element.attrib) <= allowed, (name, element.tag, dict(element.attrib))
                assert set(element.get("rel", "").split()) <= REL_VALUES
