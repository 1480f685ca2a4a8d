"""A feed opened in the browser is the feed itself, styled by the site's CSS (no XSLT, which
browsers are removing): its entries' titles show in the site's colours, at 375 px, light and dark.
"""

import feedparser
import pytest
from browser.fits import overflow_of

pytestmark = pytest.mark.browser

# The site's tokens (theme/static/css/site.css): --bg and --accent, light and dark.
COLOURS = {
    "light": {"bg": "rgb(255, 255, 255)", "accent": "rgb(14, 90, 110)"},
    "dark": {"bg": "rgb(18, 22, 27)", "accent": "rgb(108, 208, 224)"},
}
# What the browser made of the document: its root, its processing instructions, and for each
# entry title its text, whether it is laid out, and its colour.
SHOWN = """() => {
    const root = document.documentElement;
    const instructions = [...document.childNodes]
        .filter(node => node.nodeType === Node.PROCESSING_INSTRUCTION_NODE)
        .map(node => node.target + " " + node.data);
    const titles = [...root.querySelectorAll("entry > title, item > title")].map(title => ({
        text: title.textContent,
        shown: title.checkVisibility() && title.getBoundingClientRect().height > 0,
        colour: getComputedStyle(title).color,
    }));
    return {
        root: root.localName, namespace: root.namespaceURI, instructions, titles,
        background: getComputedStyle(root).backgroundColor,
        explanation: getComputedStyle(root.querySelector("entry, item").parentNode, "::before")
            .content,
    };
}"""
ROOTS = {"atom": ("feed", "http://www.w3.org/2005/Atom"), "rss": ("rss", None)}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "feeds/all.rss.xml"])
def test_a_feed_opened_in_the_browser_is_the_styled_feed_not_a_transform(
    tab, built_site, feed, scheme
):
    parsed = feedparser.parse((built_site / feed).read_bytes())
    assert parsed.entries, f"{feed} has no entries to show"
    page = tab("/" + feed, width=375, color_scheme=scheme).page
    shown = page.evaluate(SHOWN)
    # Not transformed: the document is still the feed, and nothing asks for XSLT.
    assert (shown["root"], shown["namespace"]) == ROOTS[feed.split(".")[1]]
    assert shown["instructions"], "the feed links no stylesheet"
    assert all('type="text/css"' in pi for pi in shown["instructions"]), shown["instructions"]
    # The readable view: what a feed is, then every entry's title in the site's colours.
    assert "feed reader" in shown["explanation"]
    assert [title["text"] for title in shown["titles"]] == [e.title for e in parsed.entries]
    assert all(title["shown"] for title in shown["titles"]), shown["titles"]
    assert {title["colour"] for title in shown["titles"]} == {COLOURS[scheme]["accent"]}
    assert shown["background"] == COLOURS[scheme]["bg"]
    assert overflow_of(page) is None


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "feeds/all.rss.xml"])
def test_opening_a_feed_gives_no_xslt_warning(visit, feed):
    """Chromium warns in the console (and with a banner over the page) about every document
    that asks for XSLT; a feed styled with CSS gets no such warning."""
    opened = visit(None)  # a blank tab: the listener is in place before the feed loads
    messages = []
    opened.page.on("console", lambda message: messages.append(message.text))
    assert opened.goto("/" + feed).status == 200
    opened.page.evaluate("() => document.fonts.ready")  # the stylesheets are in
    assert not [text for text in messages if "XSLT" in text.upper()], messages
    assert not [url for url in opened.requests if ".xsl" in url], opened.requests
