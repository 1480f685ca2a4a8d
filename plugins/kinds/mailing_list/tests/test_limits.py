"""Class 6: bounded work. Each documented limit (limits.py) refuses an input over it with
`path:line`; the work of each step over content is counted (Python calls, not a clock) on an
input and on one four times as large: linear work grows four times, quadratic sixteen."""

import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import snapshot
from plugins.kinds.mailing_list.archive import parse_archive
from plugins.kinds.mailing_list.feeds import list_feeds
from plugins.kinds.mailing_list.identity import unique_records
from plugins.kinds.mailing_list.limits import LIMITS, ListArchiveError, check_threads
from plugins.kinds.mailing_list.mailing_list import DEFAULTS, thread_months, to_post
from plugins.kinds.mailing_list.tests.helpers import ATOMIC, build, message, refused, site, work
from plugins.kinds.mailing_list.threads import build_threads

SETTINGS = {**DEFAULTS, "SITEURL": "https://example.org", "SITENAME": "Test"}


def mbox(count, reply=False):
    """`count` messages: each a thread of its own, or (reply) each answering the one before."""
    return "".join(
        message(n, "Re: Chain" if reply and n else "Chain" if reply else f"Topic {n}",
                f"In-Reply-To: <{n - 1}.list@mail.example.org>\n" if reply and n else "")
        for n in range(count)
    ).encode()  # fmt: skip


def refusal(data, name="2009-March.txt", **limits):
    settings = {**SETTINGS, **{f"MAILING_LIST_MAX_{k}": v for k, v in limits.items()}}
    with pytest.raises(ListArchiveError) as error:
        parse_archive(Path(name), data, settings)
    return str(error.value)


def test_the_limits_are_the_documented_ones():
    assert LIMITS == {
        "MAILING_LIST_MAX_MESSAGES": 10_000,
        "MAILING_LIST_MAX_FILE_MESSAGES": 5_000,
        "MAILING_LIST_MAX_MESSAGE_BYTES": 5_000_000,
        "MAILING_LIST_MAX_HEADER_FIELDS": 500,
        "MAILING_LIST_MAX_THREAD_MESSAGES": 1_000,
    }


def test_forty_thousand_messages_are_refused_before_any_is_read():
    """The 0.7 MB .mbox.gz of 40,000 messages: refused at the 5,001st, nothing parsed."""
    data = gzip.decompress(gzip.compress(mbox(40_000)))
    text, calls = work(refusal, data)
    assert text.startswith("2009-March.txt:40001: 40,000 messages in one file, more than the")
    assert "at most 5,000, MAILING_LIST_MAX_FILE_MESSAGES; split the archive" in text
    # A dozen calls a message to split the file; parsing one takes about a thousand.
    assert calls < 20 * 40_000


def test_each_message_limit_refuses_with_path_and_line():
    assert parse_archive(Path("a.mbox"), mbox(3), {**SETTINGS, "MAILING_LIST_MAX_FILE_MESSAGES": 3})
    assert refusal(mbox(4), FILE_MESSAGES=3).startswith("2009-March.txt:25: 4 messages in one")
    big = message(1, "Big", body="x" * 2_000) + message(2, "Small")
    assert refusal(big.encode(), MESSAGE_BYTES=1_000).startswith(
        "2009-March.txt:1: 2,"
    )  # the message at line 1, its size
    many = message(1, "Fine") + message(2, "Many", headers="X-A: 1\n" * 20)
    text = refusal(many.encode(), HEADER_FIELDS=15)
    assert text.startswith("2009-March.txt:9: 24 header fields in one message")
    folded = message(1, "Folded", headers="X-A: 1\n" + " more\n" * 50)  # one field, 51 lines
    assert parse_archive(
        Path("a.mbox"), folded.encode(), {**SETTINGS, "MAILING_LIST_MAX_HEADER_FIELDS": 10}
    )


def test_the_archive_limit_counts_every_file(tmp_path):
    settings = {**SETTINGS, "MAILING_LIST_MAX_MESSAGES": 5}
    first = parse_archive(Path("a.mbox"), mbox(3), settings)
    assert len(first) == 3
    with pytest.raises(ListArchiveError, match=r"^b\.mbox:17: 6 messages or more in the archive"):
        parse_archive(Path("b.mbox"), mbox(3), settings, earlier=3)


def test_a_thread_over_its_limit_is_refused():
    records = parse_archive(Path("2009-March.txt"), mbox(6, reply=True), SETTINGS)
    posts = [to_post(record) for record in unique_records([(Path("2009-March.txt"), records)])]
    threads = build_threads(posts)
    check_threads(threads, {"MAILING_LIST_MAX_THREAD_MESSAGES": 6})
    with pytest.raises(ListArchiveError, match=r"^2009-March\.txt:45: 6 messages or more in one"):
        check_threads(threads, {"MAILING_LIST_MAX_THREAD_MESSAGES": 5})


def test_a_build_over_a_limit_stops_and_keeps_the_previous_site(tmp_path):
    content = site(tmp_path, {"2009-March.txt": mbox(3)})
    assert build(tmp_path, content, ATOMIC).returncode == 0
    before = snapshot(tmp_path / "output")
    (content / "list" / "2010-May.txt").write_bytes(mbox(3))
    limit = "MAILING_LIST_MAX_MESSAGES=5"
    refused(build(tmp_path, content, ATOMIC, limit), "2010-May.txt:17: 6 messages or more")
    assert snapshot(tmp_path / "output") == before


def grows_linearly(make_input, step, size=100):
    """The calls `step` makes on make_input(4 * size) are about four times those on size."""
    small = work(step, make_input(size))[1]
    large = work(step, make_input(4 * size))[1]
    assert large < 4.5 * small, (small, large)


START = datetime(1970, 1, 1, tzinfo=UTC)


def posts(count, months=False):
    """A thread of `count` posts, one a month (months) or one a minute, as to_post makes them."""
    records = parse_archive(Path("a.mbox"), mbox(count, reply=True), SETTINGS)
    made = [to_post(record) for record in records]
    for n, post in enumerate(made):
        post.date = START + (timedelta(days=31 * n) if months else timedelta(minutes=n))
    return made


def test_threading_is_linear_in_a_long_chain():
    grows_linearly(posts, build_threads)


def test_month_pages_are_linear_in_a_thread_spread_over_every_month():
    def month_pages(made):  # what the index and month pages ask of each listed thread
        months = thread_months(build_threads(made), SETTINGS)
        return sum(len(thread.authors) for month in months for thread in month.threads)

    grows_linearly(lambda n: posts(n, months=True), month_pages)


def test_reading_and_feeds_are_linear():
    grows_linearly(lambda n: mbox(n), lambda data: parse_archive(Path("a.mbox"), data, SETTINGS))

    def feeds(made):
        threads = build_threads(made)
        for thread in threads:
            thread.url, thread.feed_atom, thread.feed_rss = "t/", "t.atom", "t.rss"
        return [make() for _, make, _ in list_feeds(threads, SETTINGS)]

    grows_linearly(lambda n: posts(n), feeds)
