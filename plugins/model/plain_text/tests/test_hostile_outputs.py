"""Hostile values in a meeting's fields and a list message, on a copy of the golden site (every
plugin, the content check first): refused with `path:line`, or built into pages, calendars and
cards whose text fields read as the decoded text (plain_line), with no control character, no
live markup and never a traceback."""

import json
import shutil
from urllib.parse import parse_qs, urlsplit

import icalendar
import lxml.html
import pytest

from conftest import ROOT, build_ok, run_pelican
from plugins.kinds.events.ics import plain as calendar_text
from plugins.model.plain_text import CONTROL, plain_line

GOLDEN = ROOT / "tests" / "golden"
SETTINGS = GOLDEN / "pelicanconf.py"
DIGITS = "&#" + "9" * 5000
SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt; Q&amp;A"  # accepted: it decodes to no control
REFUSED = [DIGITS, "&NewLine;", "&Tab;", "&amp;NewLine;"]
# The fields of a meeting that reach the outputs, each with its own line number.
FIELDS = {"Title": 1, "Summary": 6, "Event-Location": 11, "Event-Talks": 12}
SITE = "ULS-SIG"


def meeting(value):
    return (
        f"Title: Meet {value} x\nDate: 2025-04-11 09:00\nAuthors: grace-hopper\n"
        "Topics: networking; scale\nCategory: Events\n"
        f"Summary: Sum {value} x\nAliases: /old-hostile/\nEvent-Start: 2025-06-20 16:00\n"
        "Event-End: 2025-06-20 17:00\nEvent-Timezone: UTC\n"
        f"Event-Location: Room {value} x\nEvent-Talks: Talk {value} x | Ada Example\n\nBody.\n"
    )


def list_archive(values):
    messages = [
        f"From ada at example.org  Sat Mar 14 1{n}:00:00 2009\n"
        f"From: ada at example.org (Ada {value})\n"
        f"Date: Sat, 14 Mar 2009 1{n}:00:00 +0000\n"
        f"Subject: [uls-sig] Hi {value} there\n"
        f"Message-ID: <2009031{n}.{n}@mail.example.org>\n\n"
        f"Body {value} end, ada&#64;example.org.\n\n"
        for n, value in enumerate(values)
    ]
    return "".join(messages)


def site_with(tmp_path, files):
    content = tmp_path / "content"
    shutil.copytree(GOLDEN / "content", content)
    for relative, text in files.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")
    return content


def test_a_value_that_decodes_to_a_control_is_refused_at_its_lines(tmp_path):
    """A meeting per refused value, in one build: the content check lists every line at once."""
    names = dict(zip(["digits", "NewLine", "Tab", "amp-NewLine"], REFUSED, strict=True))
    files = {f"events/hostile-{name}.md": meeting(value) for name, value in names.items()}
    content = site_with(tmp_path, files)
    result = run_pelican(SETTINGS, tmp_path / "output", content=content, cwd=tmp_path)
    printed = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in printed and "Error:" not in printed
    missing = [
        (name, key)
        for name in names
        for key, line in FIELDS.items()
        if f"content/events/hostile-{name}.md:{line}: {key} contains " not in printed
    ]
    assert not missing, f"no line for {missing}:\n{printed}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    files = {
        "events/hostile.md": meeting(SHOWN),
        "list/2009-March.txt": list_archive([*REFUSED, SHOWN]),
    }
    content = site_with(folder, files)
    build_ok(SETTINGS, folder / "output", content=content, cwd=folder)
    return folder / "output"


def clean(text, expected):
    """A field as its reader sees it: one line, the decoded text (markup the contributor wrote
    as references reads as those characters: text, never an element)."""
    assert not CONTROL.search(text), repr(text)
    assert text == expected


def test_the_meeting_page_reads_as_the_decoded_text(built):
    title, summary = plain_line(f"Meet {SHOWN} x"), plain_line(f"Sum {SHOWN} x")
    assert title == "Meet <script>alert(1)</script> Q&A x"  # what the contributor wrote
    raw = (built / "posts/2025/hostile/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "alert(1)</script" not in raw
    root = lxml.html.fromstring(raw)
    clean(root.findtext(".//title"), f"{title} – {SITE}")

    def meta(attribute, name):
        return root.xpath(f"//meta[@{attribute}='{name}']/@content")[0]

    clean(meta("name", "description"), summary)
    for attribute, name in (("property", "og:title"), ("name", "twitter:title")):
        clean(meta(attribute, name), f"{title} – {SITE}")
    for attribute, name in (("property", "og:description"), ("name", "twitter:description")):
        clean(meta(attribute, name), summary)
    clean(meta("property", "og:image:alt"), f"{SITE}: {title}")
    clean(root.xpath("//ul[@class='add-to-calendar']/@aria-label")[0], f"Add {title} to a calendar")
    scripts = root.xpath("//script[@type='application/ld+json']")
    assert len(scripts) == 2
    for script in scripts:  # the JSON escapes < > & so nothing in it can end the block
        assert not {"<", ">", "&"} & set(script.text)
    data = {item["@type"]: item for item in (json.loads(script.text) for script in scripts)}
    clean(data["BlogPosting"]["headline"], title)
    clean(data["BlogPosting"]["description"], summary)
    clean(data["Event"]["name"], calendar_text(title))  # event data is calendar text: no tags
    clean(data["Event"]["location"]["name"], calendar_text(f"Room {SHOWN} x"))
    google = root.xpath("//a[contains(@href, 'calendar.google.com')]/@href")[0]
    clean(parse_qs(urlsplit(google).query)["text"][0], calendar_text(title))


def test_the_calendar_reads_as_the_decoded_text(built):
    calendar = icalendar.Calendar.from_ical((built / "posts/2025/hostile/event.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    clean(str(event["summary"]), "Meet alert(1) Q&A x")
    clean(str(event["location"]), "Room alert(1) Q&A x")
    description = str(event["description"])
    assert description.startswith("Sum alert(1) Q&A x\n\nAgenda:\n- Talk alert(1) Q&A x (")
    assert "<" not in description and not CONTROL.search(description.replace("\n", ""))


def test_the_redirect_page_reads_as_the_decoded_text(built):
    root = lxml.html.parse(str(built / "old-hostile/index.html")).getroot()
    raw = (built / "old-hostile/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "alert(1)</script" not in raw
    clean(root.findtext(".//title"), f"Moved: Meet <script>alert(1)</script> Q&A x – {SITE}")
    clean(root.xpath("//main//a")[0].text_content(), "Meet <script>alert(1)</script> Q&A x")


def test_every_hostile_list_message_builds_a_clean_thread_page(built):
    pages = sorted((built / "list" / "threads").glob("*/index.html"))
    assert len(pages) == len(REFUSED) + 1
    titles = []
    for path in pages:
        root = lxml.html.parse(str(path)).getroot()
        subject = root.findtext(".//h1")  # the subject as written, shown escaped
        title = plain_line(subject)
        clean(root.findtext(".//title"), f"{title} – {SITE} mailing list")
        og_title = root.xpath("//meta[@property='og:title']/@content")[0]
        clean(og_title, f"{title} – {SITE} mailing list")
        mailto = root.xpath("//a[starts-with(@href, 'mailto:')]/@href")[0]
        subject = parse_qs(urlsplit(mailto).query)["subject"][0]
        assert subject.startswith("Re: Hi ") and subject.isprintable(), subject  # one line
        assert "ada@example.org" not in path.read_text(encoding="utf-8")
        titles.append(title)
    assert sorted(titles) == sorted(plain_line(f"Hi {value} there") for value in [*REFUSED, SHOWN])
    assert {"Hi \ufffd there", "Hi there", "Hi &NewLine; there"} <= set(titles)
    assert "Hi <script>alert(1)</script> Q&A there" in titles  # text, shown escaped
