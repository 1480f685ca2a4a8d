"""No executable vector from a post reaches any built page or feed."""

import re
from pathlib import Path

import lxml.etree as etree
import lxml.html
import pytest

from conftest import build_ok, run_pelican

TEST_DATA = Path(__file__).parent / "test_data"
CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")
FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "svg",
    "math",
    "style",
    "base",
    "frame",
    "frameset",
    "applet",
    "textarea",
    "link",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "xlink:href", "poster"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("xss") / "output"
    build_ok(TEST_DATA / "pelicanconf.py", output, cwd=TEST_DATA)
    return output


SITE = "https://xss.example.org/"


def is_theme_markup(element):
    """The theme's own script, links and search form, which are not content."""
    tag = element.tag.lower()
    if tag == "script":
        return element.get("type") == "application/ld+json" or (
            element.get("src", "").startswith(SITE + "theme/") and not (element.text or "").strip()
        )
    if tag == "link" or (tag == "meta" and element.get("http-equiv") == "Content-Security-Policy"):
        return True
    form = next(element.iterancestors("form"), element if tag == "form" else None)
    return (
        form is not None
        and form.get("role") == "search"
        and (form.get("action", "").startswith(SITE))
    )


def vectors_in(root, allow_theme_markup=False):
    """Every executable construct in a parsed HTML tree."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if allow_theme_markup and is_theme_markup(element):
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
                    compact.startswith("data:")
                    and not compact.startswith(
                        ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")
                    )
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


def test_no_feed_carries_an_executable_vector(site):
    feeds = sorted(site.glob("feeds/**/*.xml"))
    assert feeds
    for feed in feeds:
        for node in etree.parse(str(feed)).iter():
            text = node.text or ""
            if "<" in text:  # escaped HTML content of an entry
                root = lxml.html.fragment_fromstring(text, create_parent="div")
                assert vectors_in(root) == [], (feed.name, node.tag)


def test_markup_in_titles_and_summaries_is_shown_as_text(site):
    page = (site / "posts/2024/xss-vectors/index.html").read_text(encoding="utf-8")
    assert (
        "<h1>Vectors &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; in the title</h1>" in page
    )


def test_safe_content_survives(site):
    page = (site / "posts/2024/xss-vectors/index.html").read_text(encoding="utf-8")
    assert 'href="https://www.python.org/" rel="noopener"' in page
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in page
    assert "Harmless text first" in page
    assert "<details open" in page and "ontoggle" not in page


def test_markup_that_link_resolution_would_write_refuses_the_build(tmp_path):
    """Pelican pastes a {filename} target's URL into href after the body was cleaned. This site
    has no content_guard (whose address rule refuses such a Slug first): the sanitizer's second
    look, at the resolved HTML, is what refuses it."""
    content = tmp_path / "content" / "posts"
    content.mkdir(parents=True)
    (content / "target.md").write_text(
        'Title: Target\nDate: 2024-01-01\nSlug: t"><img src=x onerror=alert(1)>\n\nText.\n',
        encoding="utf-8",
    )
    (content / "linker.md").write_text(
        "Title: Linker\nDate: 2024-01-02\n\nSee [the target]({filename}target.md).\n",
        encoding="utf-8",
    )
    settings = tmp_path / "pelicanconf.py"
    settings.write_text(
        (TEST_DATA / "pelicanconf.py").read_text(encoding="utf-8")
        + f"\nPATH = {str(tmp_path / 'content')!r}\n"
        + "PLUGINS = ['plugins.model.error_report', 'plugins.guard.sanitize']\n",
        encoding="utf-8",
    )
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "HERE = Path(__file__).resolve().parent", f"HERE = Path({str(TEST_DATA)!r})"
        ),
        encoding="utf-8",
    )
    result = run_pelican(settings, tmp_path / "output", content=tmp_path / "content")
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    assert "linker.md:1: once its links were resolved, the body has markup the sanitizer " in (
        printed
    ), printed
    assert "removed onerror attribute from <img>" in printed, printed
    assert "Traceback" not in printed
    assert not (tmp_path / "output").exists()
