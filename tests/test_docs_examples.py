"""Every example of README.md and CONTRIBUTING.md builds as printed and shows where the docs say.

The examples are read from the two files when the tests run (docs_examples.py), added to a copy
of the site's content as a contributor adds them (a post at posts/<year>/<slug>.md, a meeting at
events/<slug>.md, a member's table at the end of members.toml) and built together, once, with
the site's settings. The meetings' "now" is fixed (EVENTS_NOW), so that their dates are upcoming
in this build whenever it runs; the docs' `Date:` lines are in 2026, in the past for good.
"""

import datetime as dt
import shutil
import subprocess
import sys

import icalendar
import pytest
from docs_examples import MEETING_KINDS, examples, filename_links, inventory, scaffold_commands
from site_content import copy_content_as_of

from conftest import ROOT, page, run_pelican, texts
from plugins.guard.content_guard.metadata import split_list
from plugins.model.error_report.header import read_header_of

# What the docs hold: a new example changes the count, which says to check where it shows.
KNOWN_EXAMPLES = {
    "README.md": {"post": 1, "meeting": 1, "series": 1, "cancelled": 1},
    "CONTRIBUTING.md": {"member": 1, "post": 1, "project": 1, "snippet": 1},
}
KNOWN_FILENAME_LINKS = 2
KNOWN_NEWPOST_COMMANDS = 2
KNOWN_NEWEVENT_COMMANDS = 2  # a one-off meeting and a series
EVENTS_NOW = "2026-12-10"  # before every Event-Start of the docs
LINKS_POST = "posts/2026/links-as-the-docs-write-them"
LINKS_POST_TEXT = """\
Title: Links as the docs write them
Date: 2026-11-01 10:00
Authors: editors
Summary: The internal links that README.md and CONTRIBUTING.md show, one per line.

{links}
"""


def of_kind(found, *kinds):
    return [example for example in found if example.kind in kinds]


def the_one(found, kind):
    (example,) = of_kind(found, kind)
    return example


def words(root, xpath):
    """The text of what `xpath` selects, its white space collapsed."""
    return " ".join(" ".join(texts(root, xpath)).split())


def vevents(path):
    return icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")


def summaries(path):
    return [str(event["SUMMARY"]) for event in vevents(path)]


def day_month_year(day):
    return f"{day.day} {day:%B %Y}"  # DEFAULT_DATE_FORMAT, %-d %B %Y


@pytest.fixture(scope="module")
def found():
    return examples()


@pytest.fixture(scope="module")
def built(tmp_path_factory, found):
    """The site's content with every example added, built once: the output folder."""
    root = tmp_path_factory.mktemp("docs-examples")
    content = root / "content"
    copy_content_as_of(content, EVENTS_NOW)
    origins = []
    for example in of_kind(found, "post", "project", *MEETING_KINDS):
        source = content / example.source
        assert not source.exists(), f"{example.where}: content/{example.source} exists already"
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(example.text, encoding="utf-8")
        origins.append(f"content/{example.source} is {example.where}")
    with (content / "members.toml").open("a", encoding="utf-8") as members_file:
        for example in of_kind(found, "member"):
            members_file.write(f"\n{example.text}")
            origins.append(f"the end of content/members.toml is {example.where}")
    links = "\n".join(f"- {link} (from {where})" for where, link in filename_links())
    (content / f"{LINKS_POST}.md").write_text(LINKS_POST_TEXT.format(links=links), "utf-8")
    output = root / "output"
    result = run_pelican(
        ROOT / "pelicanconf.py",
        output,
        f'EVENTS_NOW="{EVENTS_NOW}"',
        "URL_LOCK_FILE=null",  # the examples' addresses are not the site's: not in urls.lock
        "SEARCH_INDEX=false",
        content=content,
    )
    if result.returncode != 0:
        pytest.fail(
            f"the docs' examples do not build as printed ({'; '.join(origins)}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return output


def test_the_docs_hold_the_examples_these_tests_know(found):
    """A new example, or one no longer recognised, changes the count: update KNOWN_EXAMPLES
    and make sure a test below checks where the new one shows."""
    assert inventory(found) == KNOWN_EXAMPLES
    assert len(filename_links()) == KNOWN_FILENAME_LINKS
    assert len(scaffold_commands("newpost")) == KNOWN_NEWPOST_COMMANDS
    assert len(scaffold_commands("newevent")) == KNOWN_NEWEVENT_COMMANDS


def test_each_post_and_meeting_is_published_at_its_address_with_its_body(built, found):
    for example in of_kind(found, "post", *MEETING_KINDS):
        assert (built / example.url / "index.html").is_file(), f"{example.where}: no {example.url}"
        root = page(built, example.url)
        assert texts(root, "//main//h1")[:1] == [example.header["title"]], example.where
        plain_body = example.body.replace("`", "").replace("*", "")  # as the page shows it
        assert plain_body in words(root, "//main//article"), example.where


def test_the_project_has_its_page_and_a_card_in_the_directory_and_on_its_topics(built, found):
    for example in of_kind(found, "project"):
        root = page(built, example.url)
        assert texts(root, "//main//h1") == [example.header["title"]], example.where
        assert example.body in words(root, "//main//article"), example.where
        listed = texts(page(built, "projects"), "//ul[contains(@class, 'project-list')]//a")
        assert example.header["title"] in listed, example.where
        for topic in split_list(example.header["topics"]):
            shown = page(built, f"projects/topic/{topic}")
            assert example.header["title"] in texts(shown, "//main//li/a"), example.where


def test_each_author_lists_the_post_on_their_member_page(built, found):
    for example in of_kind(found, "post", *MEETING_KINDS):
        for author in split_list(example.header["authors"]):
            pages = [built / "members" / author, *(built / "members" / author).glob("page/*")]
            listed = [
                href for folder in pages for href in page(folder, "").xpath("//main//a/@href")
            ]
            assert f"/{example.url}" in listed, f"{example.where}: not on /members/{author}/"


def test_the_member_entry_has_its_page_and_a_place_on_the_members_page(built, found):
    for example in of_kind(found, "member"):
        for member_id, fields in example.members.items():
            root = page(built, f"members/{member_id}")
            assert texts(root, "//main//h1") == [fields["name"]], example.where
            assert fields["name"] in texts(page(built, "members"), "//main//a"), example.where


def test_the_one_off_meeting_is_on_its_page_on_events_and_in_the_calendars(built, found):
    example = the_one(found, "meeting")
    header = example.header
    root = page(built, example.url)
    assert header["event-location"] in words(root, "//aside[contains(@class, 'event-details')]")
    upcoming = words(page(built, "events"), "//section[@aria-labelledby='events-upcoming']")
    assert header["title"] in upcoming
    assert header["title"] in summaries(built / example.url / "event.ics")
    assert header["title"] in summaries(built / "calendar.ics")
    for topic in split_list(header["topics"]):
        assert header["title"] in summaries(built / f"calendar/topic/{topic}.ics"), topic
    # The first talk's speaker is a member id: a link to the member's page, which lists the talk.
    talk, speaker = [part.strip() for part in header["event-talks"].split("|")[:2]]
    assert root.xpath(f"//ul[@class='event-talks']//a[@href='/members/{speaker}/']")
    assert talk in texts(page(built, f"members/{speaker}"), "//main//*")


def test_the_series_shows_its_skipped_and_moved_meetings(built, found):
    example = the_one(found, "series")
    header = example.header
    root = page(built, example.url)
    assert root.xpath("//*[contains(@class, 'event-banner-example')]")
    original, moved_to = [part.strip() for part in header["event-moved"].split("->")]
    original = dt.date.fromisoformat(original)
    moved_to = dt.date.fromisoformat(moved_to[:10])
    listed = words(root, "//ol[contains(@class, 'event-occurrences')]")
    assert f"{day_month_year(moved_to)}, " in listed
    assert f"(moved from {day_month_year(original)}, " in listed
    # One event: the series with its skipped date, and the moved meeting as its override.
    series, moved = sorted(vevents(built / example.url / "event.ics"), key=lambda e: e.keys())
    assert "RRULE" in series and "RECURRENCE-ID" in moved
    skipped = [value.dt.date() for value in series["EXDATE"].dts]
    assert skipped == [dt.date.fromisoformat(day) for day in split_list(header["event-skip"])]
    assert moved["RECURRENCE-ID"].dt.date() == original
    assert moved["DTSTART"].dt.date() == moved_to
    # An illustration is flagged on /events/ and stays out of the calendars one subscribes to.
    events = page(built, "events")
    (card,) = events.xpath(f"//article[.//a[normalize-space()='{header['title']}']]")
    assert card.xpath(".//*[contains(@class, 'event-flag-example')]")
    assert header["title"] not in summaries(built / "calendar.ics")


def test_the_cancelled_meeting_keeps_its_page_with_a_banner(built, found):
    example = the_one(found, "cancelled")
    root = page(built, example.url)
    assert words(root, "//*[contains(@class, 'event-banner-cancelled')]").startswith("Cancelled.")
    events = page(built, "events")
    (card,) = events.xpath(f"//article[.//a[normalize-space()='{example.header['title']}']]")
    assert card.xpath(".//*[contains(@class, 'event-flag-cancelled')]")
    (event,) = vevents(built / example.url / "event.ics")
    assert str(event["STATUS"]) == "CANCELLED"


def test_the_filename_links_of_the_docs_lead_to_built_pages(built):
    hrefs = page(built, LINKS_POST).xpath("//main//article//li/a/@href")
    assert len(hrefs) == KNOWN_FILENAME_LINKS
    for href in hrefs:
        assert href.startswith("/") and (built / href[1:] / "index.html").is_file(), href


def repository_copy(folder, found):
    """What `make newpost` and `make newevent` need of the repository, copied into `folder` (they
    write into its content/), with the members entries of the docs added as the contributor adds
    theirs first."""
    folder.mkdir(exist_ok=True)
    for name in ("Makefile", "pyproject.toml", "pelicanconf.py"):
        shutil.copy(ROOT / name, folder / name)
    skip = shutil.ignore_patterns("tests", "__pycache__")
    for name in ("plugins", "theme", "content"):
        shutil.copytree(ROOT / name, folder / name, ignore=skip)
    with (folder / "content" / "members.toml").open("a", encoding="utf-8") as members_file:
        members_file.writelines(f"\n{example.text}" for example in of_kind(found, "member"))
    return folder


def scaffold(folder, where, argv):
    """Run a docs' `make newpost`/`make newevent` command in `folder`: ({KEY: value} of its
    arguments, {lowercased key: value} of the header of the one file it wrote)."""
    before = set((folder / "content").rglob("*.md"))
    bin_folder = f"BIN={sys.executable.rsplit('/', 1)[0]}"
    result = subprocess.run(
        [*argv, bin_folder, "STAMP=pyproject.toml", "--no-print-directory"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{where}: {result.stdout}{result.stderr}"
    (created,) = set((folder / "content").rglob("*.md")) - before
    assert not (ROOT / created.relative_to(folder)).exists(), "written into the repository"
    header = {key: field.value for key, field in read_header_of(created).fields.items()}
    return dict(argument.split("=", 1) for argument in argv[2:]), created, header


def test_the_newpost_commands_of_the_docs_scaffold_their_posts(tmp_path, found):
    """`make newpost` as printed, in a copy of the repository."""
    repository_copy(tmp_path, found)
    for where, argv in scaffold_commands("newpost"):
        arguments, created, header = scaffold(tmp_path, where, argv)
        assert header["title"] == arguments["TITLE"], where
        assert created.parent.name == header["date"][:4] and created.parent.parent.name == "posts"
        for key in ("AUTHOR", "TOPICS"):
            if key in arguments:
                field = "authors" if key == "AUTHOR" else "topics"
                assert split_list(header[field]) == split_list(arguments[key]), where


def test_the_newevent_commands_of_the_docs_scaffold_meetings_that_build_as_written(tmp_path, found):
    """`make newevent` as printed, in a copy of the repository; the site is then built with
    the meetings as they were written (the build's now is the clock's, like their Date)."""
    folder = repository_copy(tmp_path / "repository", found)
    meetings = []
    for where, argv in scaffold_commands("newevent"):
        arguments, created, header = scaffold(folder, where, argv)
        assert created.parent.name == "events", where
        assert header["title"] == arguments["TITLE"] and header["category"] == "Events", where
        assert header["event-start"] == arguments["START"], where
        assert header["event-timezone"] == arguments.get("TIMEZONE", "UTC"), where
        assert header.get("event-repeat") == arguments.get("REPEAT"), where
        assert split_list(header["authors"]) == split_list(arguments["AUTHOR"]), where
        meetings.append((where, arguments, f"posts/{header['date'][:4]}/{created.stem}"))
    assert any("REPEAT" in arguments for _, arguments, _ in meetings), "no series shown"
    assert any("REPEAT" not in arguments for _, arguments, _ in meetings), "no one-off shown"
    output = tmp_path / "output"
    result = run_pelican(
        ROOT / "pelicanconf.py",
        output,
        "URL_LOCK_FILE=null",  # the meetings' addresses are not the site's
        "SEARCH_INDEX=false",
        content=folder / "content",
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    for where, arguments, url in meetings:
        assert texts(page(output, url), "//main//h1")[:1] == [arguments["TITLE"]], where
        (event, *overrides) = vevents(output / url / "event.ics")
        assert str(event["SUMMARY"]) == arguments["TITLE"] and not overrides, where
        assert event["DTSTART"].dt.strftime("%Y-%m-%d %H:%M") == arguments["START"], where
        assert str(event["DTSTART"].dt.tzinfo) == arguments["TIMEZONE"], where
        assert ("RRULE" in event) == ("REPEAT" in arguments), where


def test_posts_written_after_the_pinned_day_are_left_out_not_refused(tmp_path):
    """The examples' build pins its day: a real post dated later did not exist on that day."""
    source = tmp_path / "content"
    dated = {"posts/a.md": "2026-12-01", "posts/b.md": "2027-01-05 10:00",
             "events/c.md": "2027-02-01", "pages/d.md": "2030-01-01"}  # fmt: skip
    for relative, date in dated.items():
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        (source / relative).write_text(f"Title: {relative}\nDate: {date}\n\nText.\n", "utf-8")
    copy = copy_content_as_of(tmp_path / "copy", EVENTS_NOW, content=source)
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*.md")) == [
        "pages/d.md",
        "posts/a.md",
    ]
