"""What the dev server shows that `make html` does not: drafts with a banner, feeds for the port
it serves, and an error page in the browser while the build fails (helpers.py, conftest.py)."""

import re

import pytest

from conftest import build_ok
from plugins.tools.devserver.tests.helpers import (
    DEADLINE,
    POST_URL,
    TEST_DATA,
    browser_context,
    save,
    wait_until_live,
)

DRAFT_URL = "/posts/2025/draft-post/"
FUTURE_URL = "/posts/2099/future-draft/"  # Date 2099: held back as a draft
BANNER = '<p class="draft-banner" id="draft-banner"><strong>Draft: not published.</strong>'


def test_drafts_are_previewed_with_a_banner_and_feeds_follow_the_port(unedited_devserver):
    devserver = unedited_devserver
    for url, text in ((DRAFT_URL, "The text of the draft."), (FUTURE_URL, "the future post")):
        status, body = devserver.get(url)
        assert status == 200 and text in body, url
        assert BANNER in body
        assert "data-pagefind-body" not in body  # not indexed for search
    post = devserver.get(POST_URL)[1]
    assert "draft-banner" not in post and "data-pagefind-body" in post
    # Drafts stay out of the lists and the feeds.
    for listing in ("/", "/archives/", "/feeds/all.atom.xml", "/feeds/all.rss.xml"):
        status, body = devserver.get(listing)
        assert status == 200 and "A draft in progress" not in body, listing
        assert "A post for next year" not in body, listing
    # Feeds, and the feed links of every page, use the address served: not the default :8000.
    address = f"http://127.0.0.1:{devserver.port}/"
    feed = devserver.get("/feeds/all.atom.xml")[1]
    assert f'<link href="{address}feeds/all.atom.xml" rel="self"/>' in feed
    assert f'href="{address}feeds/all.atom.xml"' in post
    assert ":8000" not in feed + post


def test_make_html_writes_no_draft(tmp_path):
    output = tmp_path / "output"
    build_ok(TEST_DATA / "pelicanconf.py", output)
    assert (output / POST_URL.strip("/") / "index.html").is_file()
    assert not (output / DRAFT_URL.strip("/")).exists()
    assert not (output / FUTURE_URL.strip("/")).exists()
    assert not (output / "drafts").exists()
    pages = "".join(path.read_text(encoding="utf-8") for path in output.rglob("*.html"))
    assert "draft-banner" not in pages and "A draft in progress" not in pages
    feed = (output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert '<link href="http://127.0.0.1:8000/feeds/all.atom.xml" rel="self"/>' in feed


NEW_POST = "content/posts/2025/new-post.md"
# Errors content_guard finds once the post is rendered (not before): Pelican warns of both first.
BROKEN = "A [broken link]({filename}<b>nope</b>.md) and ![]({static}/images/missing.png).\n"


def new_post(body):
    return (
        "Title: A new post\nDate: 2025-06-01 10:00\nAuthors: ada-lovelace\nCategory: Essays\n"
        f"Summary: Written during the test.\n\n{body}"
    )


def show_error_and_fix(devserver, browser, seen):
    """In Chromium: an open page turns into the error page, then back once the post is fixed.
    A new post is not previewed: each build sends the page exactly one reload."""
    path = devserver.root / NEW_POST
    with browser_context(browser) as context:
        page = context.new_page()
        page.on("console", lambda message: seen["console"].append(message.text))
        page.goto(devserver.url + POST_URL)
        wait_until_live(page)
        with page.expect_navigation(timeout=DEADLINE * 1000):
            save(path, new_post(BROKEN))
        page.wait_for_selector("h1:text('The content needs fixing')", timeout=DEADLINE * 1000)
        seen["title"] = page.title()
        seen["problems"] = page.locator(".problems li").all_inner_texts()
        seen["markup"] = page.locator("main b, main img").count()  # quoted markup stays text
        seen["scripts"] = page.locator("script").evaluate_all("s => s.map(e => e.src)")
        seen["styled"] = page.locator("h1").evaluate("e => getComputedStyle(e).fontSize")
        wait_until_live(page)
        with page.expect_navigation(timeout=DEADLINE * 1000):
            save(path, new_post("Fixed, and back to the site.\n"))
        page.wait_for_selector("text=The original text of the first post.")
        seen["after"] = page.locator("h1").all_inner_texts()


@pytest.mark.browser
def test_the_browser_shows_the_errors_until_they_are_fixed(devserver, browser):
    seen = {"console": []}
    show_error_and_fix(devserver, browser, seen)
    where = f"{NEW_POST.removeprefix('content/')}:7"
    assert seen["title"] == "Build failed: 3 problems – make devserver"
    assert [re.sub(r" \(.*", "", line) for line in seen["problems"]] == [
        f"content/{where}: image '{{static}}/images/missing.png' has no alt text",
        f"content/{where}: image '{{static}}/images/missing.png' points at nothing: there is "
        "no content/images/missing.png",
        f"content/{where}: link '{{filename}}<b>nope</b>.md' points at nothing: there is no "
        "content/posts/2025/<b>nope</b>.md",
    ]
    assert seen["markup"] == 0
    assert seen["scripts"] == [f"{devserver.url}/livereload.js?port={devserver.port}"]
    assert seen["styled"] == "25.6px"  # the page's own stylesheet loaded under its policy
    # No policy violation, no failed load: only the page's own status, 500 while failing.
    assert seen["console"] == [
        "Failed to load resource: the server responded with a status of 500 (Build failed)"
    ]
    assert seen["after"] == ["The first post"]
    # The terminal has one line per problem: none of Pelican's warnings about the same things.
    log = devserver.log()
    assert f"{where}: link '{{filename}}<b>nope</b>.md' points at nothing" in log
    assert "WARNING" not in log and "Unable to find" not in log and "Empty alt" not in log
    assert "500 GET" not in log  # the server's access log stays quiet
