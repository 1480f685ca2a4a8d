"""The cards of a topic or member (its posts, and apart its illustrative examples) leave no empty
slot in their grid, at every width the theme is tested at and whatever their number: pages.css
makes the newest card span what the last row would leave empty. Which posts a topic lists is the
hubs' (plugins/kinds/topics/tests/test_topic_examples.py)."""

import lxml.html
import pytest
from browser.conftest import WIDTHS

pytestmark = pytest.mark.browser

GRIDS = ":is(.hub-posts, .hub-examples) .post-grid"
# For every grid of the page (and, `fewer`, again with its last card removed until one is left):
# the number of cards and the width each row leaves empty (px; the gaps between cards counted).
EMPTY_SLOTS = """([selector, fewer]) => [...document.querySelectorAll(selector)].flatMap((grid) => {
    const found = [];
    const gap = parseFloat(getComputedStyle(grid).columnGap) || 0;
    for (let count = grid.children.length; count > 0; count = fewer ? count - 1 : 0) {
        const rows = new Map();
        for (const card of grid.children) {
            const box = card.getBoundingClientRect();
            const top = Math.round(box.top);
            rows.set(top, [...(rows.get(top) || []), box.width]);
        }
        const width = grid.getBoundingClientRect().width;
        const left = [...rows.values()].map(
            (widths) => width - widths.reduce((a, b) => a + b, 0) - gap * (widths.length - 1));
        found.push([count, left.map(Math.round)]);
        grid.lastElementChild.remove();
    }
    return found;
})"""


@pytest.fixture(scope="module")
def topic_pages(built_site):
    """Paths of the topic pages, the one with the most posts first."""
    pages = {}
    for path in (built_site / "topics").glob("*/index.html"):
        cards = lxml.html.parse(str(path)).getroot().cssselect(".topic-posts .post-card")
        pages[f"/topics/{path.parent.name}/"] = len(cards)
    assert pages, "no topic page was built"
    return sorted(pages, key=lambda url: (-pages[url], url))


@pytest.mark.parametrize("width", WIDTHS)
def test_no_empty_slot_in_a_topic_grid_whatever_the_number_of_cards(tab, topic_pages, width):
    page = tab(topic_pages[0], width=width).page
    found = page.evaluate(EMPTY_SLOTS, [GRIDS, True])
    assert max(count for count, _ in found) >= 6, "too few posts to try every remainder"
    holes = [(count, left) for count, left in found if any(px > 1 for px in left)]
    assert not holes, f"{topic_pages[0]} at {width} px: (cards, px left empty per row) {holes}"


def test_no_topic_or_member_page_has_an_empty_slot_at_1280_px(tab, topic_pages, built_site):
    members = [
        f"/members/{path.parent.name}/" for path in (built_site / "members").glob("*/index.html")
    ]
    assert members, "no member page was built"
    for url in topic_pages + sorted(members):
        found = tab(url, width=1280).page.evaluate(EMPTY_SLOTS, [GRIDS, False])
        holes = [(count, left) for count, left in found if any(px > 1 for px in left)]
        assert not holes, f"{url}: (cards, px left empty per row) {holes}"
