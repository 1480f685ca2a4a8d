"""Class 3: a file of the archive cannot take a message's identity, whatever its name.

An attacker names a file to be read first (or last) and reuses a real message's Message-ID:
two different messages with one identity stop the build, naming both places; the same message
twice (a month downloaded as .txt and .txt.gz) is kept once."""

import gzip
import hashlib
from itertools import count
from pathlib import Path

import pytest

from conftest import snapshot
from plugins.kinds.mailing_list import identity
from plugins.kinds.mailing_list.archive import parse_archive
from plugins.kinds.mailing_list.identity import unique_records
from plugins.kinds.mailing_list.limits import ListArchiveError
from plugins.kinds.mailing_list.tests.helpers import ATOMIC, build, message, refused, site

GENUINE = message(1, "Welcome", body="The genuine welcome.\n") + message(2, "Re: Welcome")


def records_of(archives):
    """[(path, records)] of {name: text}, parsed as read_archives parses them."""
    return [
        (Path("content/list") / name, parse_archive(Path(name), text.encode(), {}))
        for name, text in sorted(archives.items())
    ]


@pytest.mark.parametrize(
    ("name", "stolen_id"),
    [
        ("0000-first.mbox", "<1.list@mail.example.org>"),  # read first by name
        ("zzzz-last.mbox", "<1.list@mail.example.org>"),  # read last by name
        ("2009-March.txt.gz", "<1.list@mail.example.org>"),  # the month's own name, gzip'd
        ("!.mbox", "(a comment) <1.list@mail.example.org>"),  # the id behind a comment
        ("a.mbox", "\n <1.list@mail.example.org>"),  # the id on a folded line
        ("b.mbox", "<1.list@mail.example.org> <other@mail.example.org>"),  # two ids
    ],
)
def test_a_different_message_with_a_real_message_id_is_refused(name, stolen_id):
    forged = message(9, "Welcome", body="The forged welcome.\n", message_id=stolen_id)
    files = {"2009-March.txt": GENUINE, name: forged}
    with pytest.raises(ListArchiveError) as error:
        unique_records(records_of(files))
    text = str(error.value)
    assert "Message-ID <1.list@mail.example.org> is already the one of another message" in text
    assert "content/list/2009-March.txt:1" in text and f"content/list/{name}:1" in text


def test_two_messages_with_one_id_in_one_file_are_refused():
    forged = message(9, "Welcome", body="Forged.\n", message_id="<1.list@mail.example.org>")
    with pytest.raises(ListArchiveError, match=r"March\.txt:\d+: .*March\.txt:1 \(two messages"):
        unique_records(records_of({"2009-March.txt": GENUINE + forged}))


@pytest.mark.parametrize(
    "copy",
    [
        GENUINE,  # the same month twice
        GENUINE.replace("\n", "\r\n"),  # downloaded with other line endings
        GENUINE.replace("Sat Mar 14 10:00:00 2009", "Sun Mar 15 11:00:00 2009"),  # From_ lines
    ],
)
def test_the_same_message_twice_is_kept_once(copy):
    kept = unique_records(records_of({"2009-March.txt": GENUINE, "copy.mbox": copy}))
    assert [r["message_id"] for r in kept] == ["1.list@mail.example.org", "2.list@mail.example.org"]
    assert "The genuine welcome." in kept[0]["text"]


def test_messages_without_an_id_are_known_by_their_bytes():
    no_id = message(5, "Anonymous", message_id="")
    other = message(6, "Anonymous", body="Another text.\n", message_id="")
    kept = unique_records(records_of({"a.mbox": no_id + other, "b.mbox": no_id}))
    assert len(kept) == 2  # the copy of the first went, the different one stays


def test_a_made_up_id_naming_another_thread_page_is_refused(monkeypatch):
    monkeypatch.setattr(identity, "SHORT", 2)  # a clash of 2 characters is quick to make
    keys = {}
    for number in count():
        message_id = f"{number}.made-up@mail.example.org"
        short = hashlib.sha256(message_id.encode()).hexdigest()[:2]
        if short in keys:
            break
        keys[short] = message_id
    first, second = keys[short], message_id
    files = {
        "a.mbox": message(1, "One", message_id=f"<{first}>"),
        "b.mbox": message(2, "Two", message_id=f"<{second}>"),
    }
    with pytest.raises(ListArchiveError, match=r"names the same thread page and anchor as"):
        unique_records(records_of(files))


def test_a_build_refuses_a_stolen_id_and_keeps_the_previous_site(tmp_path):
    content = site(tmp_path, {"2009-March.txt": GENUINE})
    assert build(tmp_path, content, ATOMIC).returncode == 0
    before = snapshot(tmp_path / "output")
    forged = message(9, "Welcome", body="<b>Forged</b>\n", message_id="<1.list@mail.example.org>")
    (content / "list" / "0-first.mbox").write_text(forged)
    refused(
        build(tmp_path, content, ATOMIC),
        "0-first.mbox:1: Message-ID <1.list@mail.example.org> is already the one of another "
        "message at ",
        "2009-March.txt:1 (",
    )
    assert snapshot(tmp_path / "output") == before


def test_a_build_keeps_a_month_downloaded_twice_once(tmp_path):
    twice = {"2009-March.txt": GENUINE, "2009-March.txt.gz": gzip.compress(GENUINE.encode())}
    content = site(tmp_path, twice)
    assert build(tmp_path, content).returncode == 0
    pages = list((tmp_path / "output/list/threads").glob("*/index.html"))
    assert len(pages) == 1
    assert pages[0].read_text().count("The genuine welcome.") == 1
