"""No executable vector from a post reaches any built page or feed."""

import re
from pathlib import Path

import lxml.etree as etree
import lxml.html
import pytest
from conftest import build_ok

TEST_DATA = Path(__file__).parent / "test_data"
CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "form", "svg", "math", "style", "base",
                  "frame", "frameset", "applet", "button", "input", "textarea", "link"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "xlink:href", "poster"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("xss") / "output"
    build_ok(TEST_DATA / "pelicanconf.py", output, cwd=TEST_DATA)
    return output


def vectors_in(root, allow_theme_markup=False):
    """Every executable construct in a parsed HTML tree."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "script" and allow_theme_markup and element.get("type") == "application/ld+json":
            continue
        if tag == "link" and allow_theme_markup:
            continue
        if tag in FORBIDDEN_TAGS or (tag == "meta" and element.get("http-equiv")):
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on") or name == "style":
                found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES:
                compact = CONTROL_AND_SPACE.sub("", value).lower()
                if compact.startswith(("javascript:", "vbscript:")) or (
                    compact.startswith("data:") and not compact.startswith(
                        ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"))
                ):
                    found.append(f"<{tag} {name}={value!r}>")
    return found


def test_the_fixture_has_at_least_fifteen_vectors():
    text = (TEST_DATA / "content/posts/xss-vectors.md").read_text(encoding="utf-8")
    assert len(re.findall(r"alert\(|msgbox\(|evil\.example|expression\(", text)) >= 15


def test_no_built_page_carries_an_executable_vector(site):
    pages = sorted(site.rglob("*.html"))
    assert any("xss-vectors" in str(page) for page in pages)
    for page in pages:
        root = lxml.html.parse(str(page)).getroot()
        assert vectors_in(root, allow_theme_markup=True) == [], page
        assert "alert(" not in lxml.html.tostring(root, encoding="unicode").replace(
            "&lt;script&gt;alert(", ""
        ), page


def test_no_feed_carries_an_executable_vector(site):
    feeds = sorted(site.glob("feeds/**/*.xml"))
    assert feeds
    for feed in feeds:
        for node in etree.parse(str(feed)).iter():
            text = node.text or ""
            if "<" in text:  # escaped HTML content of an entry
                root = lxml.html.fragment_fromstring(text, create_parent="div")
                assert vectors_in(root) == [], (feed.name, node.tag)


def test_safe_content_survives(site):
    page = (site / "posts/2024/xss-vectors/index.html").read_text(encoding="utf-8")
    assert 'href="https://www.python.org/" rel="noopener"' in page
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in page
    assert "Harmless text first" in page
    assert "<details open" in page and "ontoggle" not in page
