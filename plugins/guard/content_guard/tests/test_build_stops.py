"""Every class of bad content stops a real build with `path:line: message (fix)`, and the
output folder of the previous good build stays byte-identical."""

import pytest

from conftest import build_ok, run_pelican, snapshot
from plugins.guard.content_guard.tests.helpers import (
    SETTINGS,
    TEST_DATA,
    copy_of_build,
    files_of,
    lines_missing,
    post,
    write,
)

BIG = "word " * 200_001  # over the default CONTENT_GUARD_MAX_BYTES of 1,000,000
LATIN_1 = post(body="Caf\xe9 au lait.").encode("latin-1")  # é as the single byte 0xe9, line 8
MANY_TAGS = ", ".join(f"tag-{number}" for number in range(3000))

# (what goes wrong, files to add to the fixture site, the line the build must print), by the point
# of the build where the guard stops on it alone (content_guard.py): each case has files of its
# own, so that one build of all the cases of a point lists every line at once.
# fmt: off
BEFORE_READING = [  # blocking: the guard stops the build before Pelican reads any file
    ("missing title", {"posts/2025/no-title.md": post(drop=["Title"])},
     "posts/2025/no-title.md:1: missing Title (add a `Title:` line)"),
    ("empty title", {"posts/2025/empty-title.md": post(Title="")},
     "posts/2025/empty-title.md:1: empty Title (give Title a value)"),
    ("missing date", {"posts/2025/no-date.md": post(drop=["Date"])},
     "posts/2025/no-date.md:1: missing Date (add a `Date:` line)"),
    ("missing authors", {"posts/2025/no-authors.md": post(drop=["Authors"])},
     "posts/2025/no-authors.md:1: missing Authors (add a `Authors:` line)"),
    ("empty authors", {"posts/2025/empty-authors.md": post(Authors="")},
     "posts/2025/empty-authors.md:3: empty Authors"),
    ("date that does not parse", {"posts/2025/bad-date.md": post(Date="next tuesday")},
     "posts/2025/bad-date.md:2: Date 'next tuesday' is not an ISO 8601 date (write it as "
     "YYYY-MM-DD"),
    ("impossible date", {"posts/2025/impossible-date.md": post(Date="2026-02-30")},
     "posts/2025/impossible-date.md:2: Date '2026-02-30' is not a real date or time: day is out "
     "of range for month (write it as YYYY-MM-DD HH:MM"),
    ("impossible modified", {"posts/2025/impossible-modified.md": post(Modified="2025-13-01")},
     "posts/2025/impossible-modified.md:7: Modified '2025-13-01' is not a real date or time: "
     "month must be"),
    ("unknown author", {"posts/2025/unknown-author.md": post(Authors="grace-hopper, ada")},
     "posts/2025/unknown-author.md:3: unknown author 'ada' in Authors (did you mean "
     "'ada-lovelace'? known member ids: ada-lovelace, grace-hopper"),
    ("unknown topic", {"posts/2025/unknown-topic.md": post(Topics="scale, netwrking")},
     "posts/2025/unknown-topic.md:4: unknown topic 'netwrking' in Topics (did you mean "
     "'networking'? known topics: networking, scale"),
    ("not utf-8", {"posts/2025/latin-1.md": LATIN_1},
     "posts/2025/latin-1.md:8: the file is not valid UTF-8 (byte 0xe9 at column 4) (save it as "
     "UTF-8"),
    ("indented key after Topics",
     {"posts/2025/indented-key.md": post(Topics="scale\n    Tags: asyncio")},
     "posts/2025/indented-key.md:5: the header line 'Tags: asyncio' is indented by 4 spaces, so "
     "Markdown reads it as more of 'Topics' (start every header line at the beginning of the line"),
    ("post over the size limit", {"posts/2025/big.md": post(body=BIG)},
     "posts/2025/big.md:1: the file is 1,000,"),
    ("thousands of tags", {"posts/2025/many-tags.md": post(Tags=MANY_TAGS)},
     "posts/2025/many-tags.md:7: 3,000 tags in Tags, more than the 20 a post may have (keep the "
     "few that describe it)"),
    ("too many topics", {"posts/2025/many-topics.md": post(Topics=", ".join(["scale"] * 11))},
     "posts/2025/many-topics.md:4: 11 topics in Topics, more than the 10 a post may have"),
    ("too many authors",
     {"posts/2025/many-authors.md": post(Authors="; ".join(["ada-lovelace"] * 12))},
     "posts/2025/many-authors.md:3: 12 authors in Authors, more than the 10 a post may have "
     "(keep the main ones)"),
    ("a tag far too long", {"posts/2025/long-tag.md": post(Tags="short, " + "long" * 40)},
     "posts/2025/long-tag.md:7: tag '" + "long" * 10 + "…' in Tags is 160 characters long, "
     "more than 60 (a tag is a word or a few"),
]
SAME_ADDRESS = [  # the guard stops the build once Pelican has read every file
    ("same address as another post", {"posts/2025/same-address.md": post(Slug="second-post")},
     "posts/2025/same-address.md:7: its address /posts/2025/second-post/ is the same as "
     "/posts/2025/second-post/ of "),
    ("address differing only in case", {"posts/2025/case-slug.md": post(Slug="First-Post")},
     "posts/2025/case-slug.md:7: its address /posts/2025/First-Post/ differs only in case "
     "from /posts/2025/first-post/ of "),
    ("page address differing only in case",
     {"pages/contact.md": "Title: About us\nSlug: About\nSummary: Again.\n\nText.\n"},
     "pages/contact.md:2: its address /About/ differs only in case from /about/ of "),
]
# A build of its own: first-post.md is the address the Slug differing in case above takes too.
SAME_ADDRESS_BY_NAME = [
    ("file name differing only in case", {"posts/2025/First-Post.md": post()},
     "posts/2025/First-Post.md:1: its address /posts/2025/first-post/ is the same as "
     "/posts/2025/first-post/ of "),
]
ONCE_WRITTEN = [  # the build goes on and the guard stops it before the output is published
    ("modified before date", {"posts/2025/modified-before.md": post(Modified="2025-04-30 09:00")},
     "posts/2025/modified-before.md:7: Modified 2025-04-30 09:00 is before Date 2025-05-01 10:00 "
     "(Modified is the date of the last real change"),
    ("a post without text", {"posts/2025/no-text.md": post(body="<!-- later -->")},
     "posts/2025/no-text.md:8: there is no text below the header (write at least a sentence "
     "below the header: the feeds and the post page carry it)"),
    ("misspelled metadata key", {"posts/2025/misspelled-key.md": post(Tgas="testing")},
     "posts/2025/misspelled-key.md:7: unknown metadata key 'Tgas' (did you mean 'Tags'?)"),
    ("misspelled key in a page", {"pages/contact.md": "Title: Contact\nSumary: Write.\n\nHi.\n"},
     "pages/contact.md:2: unknown metadata key 'Sumary' (did you mean 'Summary'?)"),
    ("{filename} link to nothing",
     {"posts/2025/filename-link.md": post(body="See [it]({filename}/posts/2025/secnd-post.md).")},
     "posts/2025/filename-link.md:8: link '{filename}/posts/2025/secnd-post.md' points at "
     "nothing: there is no "),
    ("{static} image of nothing",
     {"posts/2025/static-image.md": post(body="Intro.\n\n![A chart]({static}/images/chart.png)")},
     "posts/2025/static-image.md:10: image '{static}/images/chart.png' points at nothing: there "
     "is no "),
    ("{filename} link to a draft",
     {"posts/2025/draft-link.md": post(body="Soon: [later]({filename}later.md)."),
      "posts/2025/later.md": post(Status="draft", Title="Later")},
     "posts/2025/draft-link.md:8: link '{filename}later.md' points at a draft, which is not "
     "published"),
    ("link to a source file without {filename}",
     {"posts/2025/source-link.md": post(body="See [the second post](second-post.md).")},
     "posts/2025/source-link.md:8: link 'second-post.md' points at nothing: the build writes no "
     "/posts/2025/source-link/second-post.md (a link to a source file needs the marker"),
    ("root link to nothing",
     {"posts/2025/root-link.md": post(body="A [root link](/posts/2025/nope/).")},
     "posts/2025/root-link.md:8: link '/posts/2025/nope/' points at nothing: the build writes no "
     "/posts/2025/nope/"),
    ("relative link to nothing",
     {"posts/2025/relative-link.md": post(body="Intro.\n\nA [link](../nope/).")},
     "posts/2025/relative-link.md:10: link '../nope/' points at nothing: the build writes no "
     "/posts/2025/nope/"),
    ("root image of nothing", {"pages/about.md": "Title: About\n\n<img src='/x.png' alt='X'>\n"},
     "pages/about.md:3: image '/x.png' points at nothing: the build writes no /x.png"),
    ("image without alt text",
     {"posts/2025/no-alt.md": post(body="Intro.\n\n![]({static}/images/diagram.png)")},
     "posts/2025/no-alt.md:10: image '{static}/images/diagram.png' has no alt text (describe"),
    ("html image without alt text",
     {"posts/2025/html-no-alt.md": post(body='<img src="/images/diagram.png">')},
     "posts/2025/html-no-alt.md:8: image '/images/diagram.png' has no alt text"),
    ("future date without draft", {"posts/2025/future.md": post(Date="2099-01-01 10:00")},
     "posts/2025/future.md:2: Date 2099-01-01 10:00 is in the future, so the post would go out "
     "now with a date that has not come yet (fix the Date, or add `Status: draft`"),
]
# fmt: on
STOPS = {
    "before reading": BEFORE_READING,
    "same address": SAME_ADDRESS,
    "same address by name": SAME_ADDRESS_BY_NAME,
    "once written": ONCE_WRITTEN,
}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    output = tmp_path_factory.mktemp("good") / "output"
    build_ok(SETTINGS, output, content=TEST_DATA / "content")
    return output


@pytest.fixture
def site(tmp_path, good_build):
    """A copy of the fixture content and of a previous good build of it."""
    return copy_of_build(tmp_path, TEST_DATA / "content", good_build)


def build_fails(site, files, *extra_settings, fresh=False):
    """Add files, build; assert the build failed and left the output as it was. The build runs
    in a fork of the test process (conftest.run_pelican); `fresh`: as `python -m pelican`."""
    content, output = site
    before = snapshot(output)
    write(content, files)
    result = run_pelican(SETTINGS, output, *extra_settings, content=content, fresh=fresh)
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    assert snapshot(output) == before, "a failed build changed the previous output"
    return printed


@pytest.mark.parametrize("cases", STOPS.values(), ids=STOPS.keys())
def test_bad_content_stops_the_build_with_path_line_and_message(site, cases):
    """One build of every case that stops at the same point: the guard lists every problem it
    found there at once, so each case's line is among them."""
    printed = build_fails(site, files_of(cases))
    assert not lines_missing(printed, cases), (
        f"no line for {lines_missing(printed, cases)}:\n{printed}"
    )
    # One list, the guard's: Pelican's own "Could not process" never comes first.
    assert printed.count("problem(s) in the content") == 1, printed
    assert "Could not process" not in printed, printed


def test_the_size_limit_is_a_setting(site):
    printed = build_fails(site, {"posts/2025/new.md": post()}, "CONTENT_GUARD_MAX_BYTES=100")
    assert "posts/2025/new.md:1: the file is " in printed
    assert "bytes, over the limit of 100 (split it" in printed


def test_every_problem_of_a_build_is_listed_at_once(site):
    printed = build_fails(
        site,
        {
            "posts/2025/new.md": post(Tgas="x", body="![]({static}/images/diagram.png)"),
            "posts/2025/other.md": post(Title="Other", body="[gone](/posts/2025/gone/)"),
            "pages/contact.md": "Title: Contact\nSumary: Write.\n\nHi.\n",
        },
        fresh=True,  # the real command line: its exit code and what it prints
    )
    assert "content_guard: 4 problem(s) in the content" in printed, printed
    for expected in (
        "posts/2025/new.md:7: unknown metadata key 'Tgas'",
        "posts/2025/new.md:9: image '{static}/images/diagram.png' has no alt text",
        "posts/2025/other.md:8: link '/posts/2025/gone/' points at nothing",
        "pages/contact.md:2: unknown metadata key 'Sumary'",
    ):
        assert expected in printed, printed


def test_a_file_pelican_cannot_read_is_reported_with_the_others(site):
    printed = build_fails(
        site,
        {"posts/2025/new.md": LATIN_1, "posts/2025/other.md": post(Date="2025-02-30")},
    )
    assert "posts/2025/new.md:8: the file is not valid UTF-8" in printed
    assert "posts/2025/other.md:2: Date '2025-02-30' is not a real date" in printed
    assert "Could not process" not in printed


# The same mistake, one line, and none of what Markdown's other reading would give (a header
# with no Title, an unknown topic 'scale Tags: asyncio', a post without tags). All stop the build
# before Pelican reads a file, so one build has them all: one line each.
# fmt: off
HEADER_LINES = [
    ("tab before Tags after Summary",
     {"posts/2025/tab-summary.md": post(Summary="S.\n\tTags: asyncio")},
     "posts/2025/tab-summary.md:7: the header line 'Tags: asyncio' is indented by a tab, so "
     "Markdown reads it as more of 'Summary' (start every header line at the beginning of the "
     "line, with no spaces or tabs before the key)"),
    ("tab before Title", {"posts/2025/tab-title.md": "\t" + post()},
     "posts/2025/tab-title.md:1: the header line 'Title: A post made by a test' is indented by a "
     "tab, so Markdown reads no header at all (start every header line"),
    ("tab before Tags after Topics",
     {"posts/2025/tab-topics.md": post(Topics="scale\n\tTags: asyncio")},
     "posts/2025/tab-topics.md:5: the header line 'Tags: asyncio' is indented by a tab, so "
     "Markdown reads it as more of 'Topics' (start every header line"),
    ("no-break space before a page's Summary",
     {"pages/contact.md": "Title: Contact\n\u00a0Summary: Write.\n\nHi.\n"},
     "pages/contact.md:2: the header line 'Summary: Write.' is indented by U+00A0 (no-break "
     "space), so Markdown ends the header there and shows it and the lines below as text"),
    ("tab in a topic's header", {"topics/scale.md": "Title: Scale\nSummary:\tBig.\n\nText.\n"},
     "topics/scale.md:2: the header line 'Summary:\\tBig.' has a tab (replace the tab with a "
     "space)"),
]
# fmt: on


def test_a_header_line_read_otherwise_stops_the_build_with_that_one_line(site):
    printed = build_fails(site, files_of(HEADER_LINES))
    assert not lines_missing(printed, HEADER_LINES), (
        f"no line for {lines_missing(printed, HEADER_LINES)}:\n{printed}"
    )
    # Each case's line is printed and there are as many lines as cases: one line each.
    assert f"content_guard: {len(HEADER_LINES)} problem(s) in the content" in printed, printed
    for misleading in ("missing ", "unknown topic", "Could not process", "Traceback"):
        assert misleading not in printed, printed
