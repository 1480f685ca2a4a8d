"""The mailing_list plugin's parts, without a build: masking, rendering, threading, reading."""

from datetime import UTC, datetime, timedelta

from plugins.kinds.mailing_list.archive import escape_body_from_lines
from plugins.kinds.mailing_list.message import read_message
from plugins.kinds.mailing_list.privacy import MASK, address_hash, display_name, mask
from plugins.kinds.mailing_list.render import body_html
from plugins.kinds.mailing_list.threads import Post, build_threads

START = datetime(2009, 3, 14, tzinfo=UTC)


def test_mask_covers_both_spellings_and_leaves_prose():
    text = "Mail <ada@example.org>, bob at example.org or http://x.org/?to=carol%40example.org."
    assert mask(text) == f"Mail <{MASK}>, {MASK} or http://x.org/?to={MASK}."
    assert mask("We met at the sprint.") == "We met at the sprint."
    assert display_name('"ada@example.org"', "ada@example.org") == "ada"
    assert display_name("", "") == "Unknown sender"
    assert address_hash("Ada at Example.ORG") == address_hash("<ada@example.org>") != ""


def test_mask_is_linear_on_hostile_text():
    # Inputs a quadratic scan would never finish (no clock: the regexes' steps are not counted).
    for text in ("a" * 300_000 + "@", "a." * 150_000 + "@x", ("x" * 5000 + " at ") * 60):
        assert mask(text).endswith(("@", f"{MASK}", " at "))


def test_body_html_escapes_and_shapes():
    html = body_html(
        "Hi <b>all</b> & see https://example.org/a_(b), (https://example.org/c).\n\n"
        "Ada wrote:\n> quoted\n> more\n\nreply\n-- \nsig line\n"
    )
    assert "&lt;b&gt;all&lt;/b&gt; &amp; see" in html
    assert '<a href="https://example.org/a_(b)" rel="nofollow ugc noopener">' in html
    assert '<a href="https://example.org/c" rel="nofollow ugc noopener">' in html
    assert '<details class="list-quote"><summary>2 quoted lines</summary>' in html
    assert '<div class="list-signature"><p>sig line</p></div>' in html
    assert "href" not in body_html("javascript:alert(1) data:text/html,x")
    assert "<script" not in body_html("<script>alert(1)</script>")


def post(key, date, subject="Topic", reply_to="", references=()):
    return Post(
        key=key * 4, message_id=f"{key}@example.org" if key else "", in_reply_to=reply_to,
        references=list(references), subject=subject, author=key, sender="",
        date=START + timedelta(hours=date), date_guessed=False, text="", attachments=[],
    )  # fmt: skip


def test_threads_follow_ids_then_subjects_and_break_cycles():
    posts = [
        post("a", 0),
        post("b", 1, "Re: Topic", reply_to="a@example.org"),
        post("c", 2, "Re: Topic", references=["a@example.org", "b@example.org"]),
        post("d", 3, "Re: [uls-sig] topic"),  # no headers: by subject
        post("e", 4, "Other", reply_to="f@example.org"),  # a cycle: e -> f -> e
        post("f", 5, "Re: Other", reply_to="e@example.org"),
        post("g", 6, "Re: Unknown parent", reply_to="missing@example.org"),
    ]
    threads = build_threads(posts)
    by_root = {t.root.author: [p.author for p in t.posts] for t in threads}
    assert by_root == {"a": ["a", "b", "c", "d"], "e": ["e", "f"], "g": ["g"]}
    assert [t.root.author for t in threads] == ["g", "e", "a"]  # newest activity first


def test_unescaped_body_from_lines_are_not_messages():
    data = b"From a at example.org  Sat Mar 14 10:00:00 2009\nSubject: x\n\nFrom the start\n"
    assert b"\n>From the start" in escape_body_from_lines(data)


def test_read_message_never_raises_on_garbage():
    fallback = START
    for raw in (b"", b"\xff\xfe\x00garbage", b"Date: 99 Foo 99999\nSubject: =?x?q?=ZZ?=\n\n\xff"):
        record = read_message(raw, "From x", fallback)
        assert record["date"] == fallback.isoformat() and record["date_guessed"]
        assert record["key"] and isinstance(record["text"], str)
