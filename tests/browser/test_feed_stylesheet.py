"""A feed opened in the browser renders as a readable page through the site's XSL stylesheet."""

import feedparser
import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "feeds/all.rss.xml"])
def test_site_feed_renders_through_the_stylesheet(tab, built_site, feed):
    parsed = feedparser.parse((built_site / feed).read_bytes())
    page = tab("/" + feed).page
    heading = page.locator("h1")
    heading.wait_for()
    assert heading.inner_text() == parsed.feed.title
    assert "feed reader" in page.locator("main").inner_text()
    shown = page.locator("main article h3").all_inner_texts()
    assert shown == [entry.title for entry in parsed.entries]
