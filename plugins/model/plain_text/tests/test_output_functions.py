"""Every plugin function that makes text of content reads it as plugins/model/plain_text does (one
decoding, as one reader sees it): no ValueError on `&#` and 5,000 digits (html.unescape's limit
on the digits of an int), no control character, and the decoded text; calendars also drop tags."""

import pytest

from plugins.guard.images.images import attributes_of
from plugins.kinds.events.ics import plain as calendar_text
from plugins.kinds.mailing_list.message import html_as_text, read_message
from plugins.kinds.mailing_list.privacy import MASK, display_name, mask, plain_masked
from plugins.kinds.mailing_list.threads import publishable_id
from plugins.model.plain_text import CONTROL, plain_line
from plugins.outputs.social_cards.card import Card
from plugins.outputs.social_cards.card import plain as card_text
from plugins.outputs.social_cards.social_cards import alt_text

DIGITS = "&#" + "9" * 5000
HOSTILE = {  # value: what one reader sees, as one line
    f"Meet {DIGITS} x": "Meet \ufffd x",
    "Meet&NewLine;Bcc: x": "Meet Bcc: x",
    "Meet&Tab;x": "Meet x",
    "Meet&amp;NewLine;x": "Meet&NewLine;x",  # the check refuses it; read once, it is text
    "Meet &lt;script&gt;alert(1)&lt;/script&gt; Q&amp;A": "Meet <script>alert(1)</script> Q&A",
}
WITHOUT_TAGS = {"Meet <script>alert(1)</script> Q&A": "Meet alert(1) Q&A"}  # calendars


def assert_plain(text, expected):
    assert not CONTROL.search(text)
    assert text == expected


@pytest.mark.parametrize(("value", "expected"), HOSTILE.items())
def test_calendar_and_card_text_is_the_decoded_line(value, expected):
    assert plain_line(value) == expected
    in_calendar = WITHOUT_TAGS.get(expected, expected)
    assert_plain(calendar_text(value), in_calendar)  # SUMMARY, DESCRIPTION, LOCATION, JSON-LD
    assert "<" not in calendar_text(value)
    assert_plain(card_text(value), expected)  # the words drawn on a social card
    assert_plain(calendar_text(f"<p>{value}</p>\n<p>more</p>"), f"{in_calendar} more")


def test_the_card_alt_text_is_the_decoded_title():
    for value, expected in HOSTILE.items():
        assert alt_text(Card(value, site="ULS-SIG")) == f"ULS-SIG: {expected}"


@pytest.mark.parametrize(("value", "expected"), HOSTILE.items())
def test_mailing_list_masking_never_raises(value, expected):
    assert mask(value) == value  # no address: the text is kept as written (shown escaped)
    in_mailto = " ".join(expected.replace("<", " ").split())  # no "<" left in a subject
    assert_plain(plain_masked(value), in_mailto)  # the mailto: subject of a reply
    assert display_name(value, "ada@example.org") == " ".join(value.split())
    hidden = f"{value} ada&amp;#64;example.org"
    assert mask(hidden) == f"{value} {MASK}"
    assert plain_masked(hidden) == f"{in_mailto} {MASK}"


def test_a_reference_hidden_by_tags_still_hides_no_address():
    assert mask("Write ada&<b></b>#64;example.org") == f"Write {MASK}"
    assert plain_masked("Re: ada<i>&#64;</i>example.org") == f"Re: {MASK}"


def test_a_message_id_with_a_huge_reference_is_not_published():
    assert not publishable_id(f"2009.1{DIGITS};@mail.example.org", set())
    assert publishable_id("2009.1@mail.example.org", set())


def test_a_huge_html_body_with_a_huge_reference_reads_as_text():
    body = "<p>" + "word " * 50_000 + f"{DIGITS}; &lt;b&gt; end</p>"
    text = html_as_text(body)  # over MAX_HTML: the linear strip, then one decoding
    assert text.endswith("word \ufffd <b> end")


def test_a_hostile_message_is_read_without_error():
    raw = (
        "Message-ID: <2009.1@mail.example.org>\n"
        f"From: ada at example.org (Ada {DIGITS})\n"
        "Date: Sat, 14 Mar 2009 10:00:00 +0000\n"
        f"Subject: [uls-sig] Hi {DIGITS} &NewLine;Bcc: eve&#64;example.org\n\n"
        f"Body {DIGITS} &amp;NewLine; &lt;script&gt; ada&#64;example.org\n"
    ).encode()
    record = read_message(raw, "", None)
    assert record["subject"] == f"Hi {DIGITS} &NewLine;Bcc: {MASK}"  # as written, masked
    assert record["text"].strip() == f"Body {DIGITS} &amp;NewLine; &lt;script&gt; {MASK}"
    assert record["author"] == f"Ada {DIGITS}"


def test_image_attributes_decode_once_without_error():
    found = attributes_of(f' src="a.png" alt="x {DIGITS}; &amp;lt;b&amp;gt;" width="10"')
    assert found == {"src": "a.png", "alt": "x \ufffd &lt;b&gt;", "width": "10"}
