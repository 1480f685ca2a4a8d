"""Hostile archives (security review 6-12): bounded memory and work, no address, no traceback.

Nothing here reads a clock: work is counted (helpers.work: Python calls), and the regular
expressions, whose steps cannot be counted, get inputs so large (a megabyte) that a scan that is
not linear would never end, rather than a time to beat."""

import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from plugins.kinds.mailing_list import archive
from plugins.kinds.mailing_list.archive import ListArchiveError, file_month, read_archives
from plugins.kinds.mailing_list.message import BROKEN, read_message
from plugins.kinds.mailing_list.privacy import MASK, address_hash, mask
from plugins.kinds.mailing_list.tests.helpers import work
from plugins.kinds.mailing_list.threads import Post, Thread, build_threads, publishable_id

START = datetime(2009, 3, 14, tzinfo=UTC)


def test_gzip_bomb_stops_at_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_FILE_BYTES", 100_000)
    bomb = tmp_path / "2009-March.txt.gz"
    bomb.write_bytes(gzip.compress(b"\0" * 5_000_000))
    with pytest.raises(ListArchiveError, match=r"2009-March\.txt\.gz:1: .*split it by month"):
        archive.file_bytes(bomb)


def chain(count):
    return [
        Post(
            key=f"{n:020d}",
            message_id=f"{n}.x@example.org",
            in_reply_to=f"{n - 1}.x@example.org",
            references=[f"{m}.x@example.org" for m in range(max(0, n - 3), n)],
            subject="Re: Chain",
            author="a",
            sender="",
            date=START + timedelta(seconds=n),
            date_guessed=False,
            text="",
            attachments=[],
        )
        for n in range(count)
    ]


def test_a_long_chain_threads_in_linear_work():
    small = work(build_threads, chain(5_000))[1]
    threads, large = work(build_threads, chain(20_000))
    assert len(threads) == 1 and len(threads[0].posts) == 20_000
    assert large < 4.5 * small  # 4x the posts: about 4x the calls (quadratic: 16x)


def message(headers, body=b"Hello\n"):
    return (
        b"Message-ID: <1.x@example.org>\nFrom: Ada <ada@example.org>\n" + headers + b"\n\n" + body
    )


def test_a_huge_header_is_cut_before_parsing():
    ids = b" ".join(b"<%d.x@example.org>" % n for n in range(150_000))
    raw = message(b"Subject: " + b"word " * 700_000 + b"\nReferences: " + ids)
    record, calls = work(read_message, raw, "", START)
    assert calls < 20 * 150_000  # a few calls per id of References; parsing 16 KB headers only
    assert len(record["subject"]) < 20_000 and record["references"][-1] == "149999.x@example.org"


def test_addresses_in_any_script_or_disguise_are_masked():
    for address in (
        "josé@example.org", "ada@bücher.de", "ada@例え.jp", '"ada lovelace"@example.org',
        "ada@[10.0.0.1]", "ada@localhost", "ada@exam\u00adple.org", "ada\u200b@example.org",
        "ada\uff20example.org", "ada\ufe6bexample.org",
    ):  # fmt: skip
        assert mask(f"Write to {address}, please.") == f"Write to {MASK}, please.", address
    assert mask("We met at the sprint.") == "We met at the sprint."
    hostile = ("é" * 1_000_000 + "@", '"a' * 500_000, "a@" * 500_000, "a." * 500_000 + "@")
    for line in (*hostile, "&" * 1_000_000, "a&" * 500_000 + "@x", "&#64;" * 200_000):
        assert isinstance(mask(line), str)  # a megabyte each: a quadratic scan would never end


def test_reply_subject_and_in_reply_to_publish_no_address():
    thread = Thread(id="t", posts=chain(1))
    thread.posts[0].subject = "Ping ada&amp;#64;example.org <b>x</b>\r\nBcc: eve&#64;example.org"
    assert thread.reply_subject == f"Ping {MASK} x Bcc: {MASK}"
    senders = {address_hash("bob.2009@example.org")}
    assert not publishable_id("erin@example.org", senders)  # a name, no digit
    assert not publishable_id("bob.2009@example.org", senders)  # a sender's address
    assert publishable_id("20090314.1234.x@mail.example.org", senders)
    for hostile in (  # decoded once, judged: a reference or %-escape is never published
        "2009.1@mail.example.org&#10", "2009.1&NewLine;Bcc:x@mail.example.org",
        "2009.1%0d%0aBcc:x@mail.example.org", "2009.1&#x0A@mail.example.org",
        "2009.1&Tab@x.org", "2009.1@x.org\r\nBcc:x", "2009.1@[10.0.0.1]", "2009.1@x.org>",
    ):  # fmt: skip
        assert not publishable_id(hostile, senders), hostile


def test_deep_mime_and_huge_html_read_without_error():
    nested = b"".join(b"--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n" % (n, n + 1)
                      for n in range(1000))  # fmt: skip
    raw = message(b"Subject: Deep\nContent-Type: multipart/mixed; boundary=b0", nested)
    record = read_message(raw, "", START)
    assert record["subject"] == "Deep" and record["text"] == BROKEN
    html = b"<div>" * 100_000 + b"Hi &amp; bye" + b"</div>" * 100_000
    raw = message(b"Subject: Html\nContent-Type: text/html; charset=utf-8", html)
    record, calls = work(read_message, raw, "", START)
    assert calls < 100_000 and record["text"] == "Hi & bye"  # no sanitizer: a linear strip


def test_file_years_are_checked_and_cache_is_per_file(tmp_path):
    with pytest.raises(ListArchiveError, match=r"0000-March\.txt:1: .*1970 to 2200"):
        file_month(Path("0000-March.txt"))
    folder = tmp_path / "list"
    folder.mkdir()
    data = b"From ada at example.org  Sat Mar 14 10:00:00 2009\nSubject: Undated\n\nHi\n"
    data = data.replace(b"2009", b"1900")  # no usable date: the file's month is used
    for name in ("2009-March.txt", "2010-April.txt"):
        (folder / name).write_bytes(data)
    result, parsed = read_archives(folder, tmp_path / "cache", {})
    assert parsed == 2
    assert [records[0]["date"][:7] for _, records in result] == ["2009-03", "2010-04"]
