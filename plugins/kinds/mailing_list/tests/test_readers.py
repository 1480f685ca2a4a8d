"""Classes 5, 1 and 9: what an attacker's message becomes for each reader of the list's output.

One build of an archive written as an attacker sends it: markup and javascript: links in
subjects and names (each feed field read as a feed reader reads it), character references that
hide an address or a line break on the way to a mailto: link, and messages whose sender asked
for no archive."""

import gzip
import html
from email.header import Header
from urllib.parse import parse_qs, urlsplit

import feedparser
import lxml.html
import pytest

from plugins.kinds.mailing_list.tests.helpers import build, message, site

SUBJECTS = [
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(2)" class="stretched-link">click</a>',
    "&lt;script&gt;alert(3)&lt;/script&gt;",
    "<svg><script>alert(4)</script></svg>",
    Header("<b onmouseover=alert(5)>encoded</b>", "utf-8").encode(),  # RFC 2047
    "]]><script>alert(6)</script>",
]
MAILTO = [  # subject, Message-ID: what an attacker hopes reaches the mail program as a header
    ("Ping&NewLine;Bcc: eve&#64;example.org", "<20090314.1@mail.example.org&#10;Bcc:x>"),
    ("Tab&Tab;Cc: eve&commat;example.org&#x0A;", "<20090314.2%0d%0aBcc:x@mail.example.org>"),
    ("Crlf&#13;&#10;Bcc: x&amp;#64;example.org", "<20090314.3&#x0A@mail.example.org>"),
]
UNLISTED = ["X-No-Archive: yes\n", "X-No-Archive: \n", "X-Archive: No\n", "x-no-archive: YES\n"]


def archive():
    messages = [message(n, subject) for n, subject in enumerate(SUBJECTS)]
    messages += [
        message(10 + n, subject, message_id=message_id)
        for n, (subject, message_id) in enumerate(MAILTO)
    ]
    messages += [
        message(20 + n, f"Unlisted {n}", headers, body=f"hushword{n} is not for the archive.\n")
        for n, headers in enumerate(UNLISTED)
    ]
    messages.append(
        message(30, "References", body="Write ada&#64;example.org or grace&commat;example.org "
                "or carol&amp;#x40;example.org or dave&#32;at&#32;example.org.\n",
                headers='From: "Mal <img src=x onerror=alert(7)>" <mal@example.org>\n')
    )  # fmt: skip
    return "".join(messages)


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    folder = tmp_path_factory.mktemp("readers")
    content = site(folder, {"2009-March.txt": archive()})
    result = build(folder, content)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "output"


def feeds(output):
    return sorted(output.glob("feeds/list*.xml")) + sorted(output.glob("feeds/list/threads/*"))


def elements(value):
    """The elements an HTML reader makes of `value`, beside the wrapper."""
    root = lxml.html.fragment_fromstring(value or " ", create_parent="div")
    return [element for element in root.iter() if element is not root]


def test_every_feed_field_is_inert_for_its_reader(output):
    paths = feeds(output)
    assert len(paths) == 2 + 2 * (len(SUBJECTS) + len(MAILTO) + 1)
    for path in paths:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, path
        details = [parsed.feed.get("title_detail"), parsed.feed.get("subtitle_detail")]
        for entry in parsed.entries:
            details.append(entry.get("title_detail"))
            details.append({"type": "text/html", "value": entry.get("author", "")})  # as RSS
        for detail in filter(None, details):
            if detail["type"] != "text/plain":  # read as HTML: no element may come of it
                assert not elements(detail["value"]), (path.name, detail["value"])
        for entry in parsed.entries:  # bodies: only what render.py makes
            for body in [*entry.get("content", []), entry.get("summary_detail")]:
                for element in elements(body and body["value"]):
                    assert element.tag in {"p", "br", "a", "details", "summary", "blockquote"}
                    assert set(element.attrib) <= {"href", "rel", "class"}
                    assert element.get("href", "https:").startswith(("http:", "https:"))
                    assert element.get("class") in (None, "list-quote")


def test_rss_channel_description_is_text_twice(output):
    raw = (output / "feeds/list/threads").glob("*.rss.xml")
    texts = [path.read_text() for path in raw]
    assert any("&amp;lt;img src=x onerror=alert(1)&amp;gt;" in text for text in texts)
    assert not any("<img" in text or "&lt;img" in text.replace("&amp;lt;img", "") for text in texts)


def reply_links(output):
    for page in output.glob("list/threads/*/index.html"):
        root = lxml.html.parse(str(page)).getroot()
        for link in root.cssselect(".discuss-on-list a"):
            yield root.xpath("string(//h1)"), link.get("href")


def test_a_mailto_is_made_of_decoded_values_that_passed(output):
    links = dict(reply_links(output))
    assert len(links) == len(SUBJECTS) + len(MAILTO) + 1
    for title, href in links.items():
        query = parse_qs(urlsplit(href).query, keep_blank_values=True)
        assert set(query) <= {"subject", "In-Reply-To"}, href
        subject = query["subject"][0]
        for decoded in (subject, html.unescape(subject), html.unescape(html.unescape(subject))):
            assert not any(char in decoded for char in "\r\n\t\x0b\x0c"), (title, href)
            assert "@" not in decoded and "<" not in decoded, (title, href)
        for value in query.get("In-Reply-To", []):  # only ids that pass, never the hostile ones
            assert value.startswith("<") and value.endswith(">") and "&" not in value
            assert "%" not in value and "\n" not in html.unescape(value)
    pings = [href for title, href in links.items() if title.startswith(("Ping", "Tab", "Crlf"))]
    assert len(pings) == 3 and not any("In-Reply-To" in href for href in pings)


def published(output):
    for path in output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield path, data.decode("utf-8", "replace")


def test_unlisted_messages_and_hidden_addresses_reach_no_output(output):
    for path, text in published(output):
        decoded = html.unescape(html.unescape(text))  # as a search excerpt may decode it
        for n in range(len(UNLISTED)):
            assert f"hushword{n}" not in text and f"Unlisted {n}" not in text, path
        for address in ("ada@", "grace@", "carol@", "dave at example"):
            assert address not in decoded, (address, path)
