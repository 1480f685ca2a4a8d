"""Event-Skip, Event-Moved and a talk's speakers are split by error_report.split_list, the rule
of every list field (on semicolons if there are any, else on commas; each continuation line by
the same rule), on the value as Pelican gives it: a string, or a list of its lines."""

import shutil
from pathlib import Path
from types import SimpleNamespace

import icalendar
import pytest
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from conftest import build_ok, run_pelican
from plugins.kinds.events.reading import Source, read_fields
from plugins.kinds.events.series import listed
from plugins.kinds.events.talks import parse_talks
from plugins.model.error_report import split_list

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
WITH_REPORT = (
    'PLUGINS=["plugins.model.error_report", "plugins.kinds.events"]'  # errors without a traceback
)
SERIES = (TEST_DATA / "content" / "events" / "monthly-call.md").read_text(encoding="utf-8")
SKIP_LINE = "Event-Skip: 2027-05-05\n"
SKIPS = ["2027-05-05", "2027-07-07", "2027-09-01"]  # first Wednesdays of the series
SKIP_FORMS = {
    "semicolons": "Event-Skip: 2027-05-05; 2027-07-07; 2027-09-01\n",
    "commas": "Event-Skip: 2027-05-05, 2027-07-07, 2027-09-01\n",
    "lines": "Event-Skip: 2027-05-05\n    2027-07-07\n    2027-09-01\n",
    "lines of lists": "Event-Skip: 2027-05-05;\n    2027-07-07, 2027-09-01\n",
}


def series_with(tmp_path, skip_lines, name="series.md"):
    source = tmp_path / name
    assert SKIP_LINE in SERIES
    source.write_text(SERIES.replace(SKIP_LINE, skip_lines), encoding="utf-8")
    return source


def pelican_article(source):
    reader = MarkdownReader(read_settings(override={"PATH": str(source.parent)}))
    _content, metadata = reader.read(str(source))
    return SimpleNamespace(metadata=metadata, source_path=str(source))


@pytest.mark.parametrize("form", SKIP_FORMS)
def test_every_form_of_event_skip_gives_the_same_dates(tmp_path, form):
    article = pelican_article(series_with(tmp_path, SKIP_FORMS[form]))
    source = Source(article)
    fields = read_fields(article, source)
    assert listed(fields, "event-skip", "Event-Skip", source) == SKIPS
    assert split_list(article.metadata["event-skip"]) == SKIPS


def test_event_moved_is_split_the_same_way(tmp_path):
    moves = (
        "Event-Moved: 2027-02-03 -> 2027-02-10 18:30;\n"
        "    2027-03-03 -> 2027-03-10, 2027-04-07 -> 2027-04-14\n"
    )
    source = tmp_path / "series.md"
    source.write_text(
        SERIES.replace("Event-Moved: 2027-02-03 -> 2027-02-10 18:30\n", moves), encoding="utf-8"
    )
    article = pelican_article(source)
    fields = read_fields(article, Source(article))
    assert listed(fields, "event-moved", "Event-Moved", Source(article)) == [
        "2027-02-03 -> 2027-02-10 18:30",
        "2027-03-03 -> 2027-03-10",
        "2027-04-07 -> 2027-04-14",
    ]


def test_an_empty_list_is_no_field(tmp_path):
    article = pelican_article(series_with(tmp_path, "Event-Skip: ;\n"))
    assert "event-skip" not in read_fields(article, Source(article))


def test_the_forms_build_the_same_calendar(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    for number, form in enumerate(SKIP_FORMS):
        text = SERIES.replace("Title: Monthly call", f"Title: Skipped with {form}")
        source = content / "events" / f"skipped-{number}.md"
        source.write_text(text.replace(SKIP_LINE, SKIP_FORMS[form]), encoding="utf-8")
    build_ok(SETTINGS, tmp_path / "output", content=content, cwd=tmp_path)
    calendar = icalendar.Calendar.from_ical((tmp_path / "output" / "calendar.ics").read_bytes())
    skipped = {}
    for event in calendar.walk("VEVENT"):
        if str(event["summary"]).startswith("Skipped with") and "recurrence-id" not in event:
            exdates = event["exdate"] if isinstance(event["exdate"], list) else [event["exdate"]]
            days = sorted(f"{d.dt:%Y-%m-%d}" for exdate in exdates for d in exdate.dts)
            skipped[str(event["summary"])] = days
    assert skipped == {f"Skipped with {form}": SKIPS for form in SKIP_FORMS}


def test_semicolons_and_commas_on_one_line_are_not_both_separators(tmp_path):
    """`a; b, c` is the items `a` and `b, c` for every list field (Pelican's rule for Tags):
    refused at its line, as a date that is not one, rather than read another way here."""
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    source = content / "events" / "monthly-call.md"
    skips = "Event-Skip: 2027-05-05; 2027-07-07, 2027-09-01\n"
    source.write_text(SERIES.replace(SKIP_LINE, skips), encoding="utf-8")
    line = SERIES.splitlines().index(SKIP_LINE.strip()) + 1
    result = run_pelican(SETTINGS, tmp_path / "output", WITH_REPORT, content=content, cwd=tmp_path)
    printed = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0 and "Traceback" not in printed
    assert (
        f"content/events/monthly-call.md:{line}: Event-Skip '2027-07-07, 2027-09-01' is not a "
        "date (write dates as YYYY-MM-DD, separated by commas or by semicolons, not both)"
    ) in printed


def test_speakers_of_a_talk_follow_the_same_rule():
    def fail(index, problem, fix):
        raise AssertionError(problem)

    lines = ["Queues | Doe, Jane; Doe, John", "Sockets | ada-example, Grace Example", "Solo | x;"]
    speakers = [words for _title, words, _links in parse_talks(lines, fail)]
    assert speakers == [["Doe, Jane", "Doe, John"], ["ada-example", "Grace Example"], ["x"]]
    assert speakers == [split_list(line.split("|")[1]) for line in lines]
