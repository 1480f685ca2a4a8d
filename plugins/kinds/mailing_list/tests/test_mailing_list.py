"""The mailing_list plugin on a tiny site built from fictional archives (test_data/content/list/):
threads, decoding, sanitizing, privacy, members, feeds, search, incremental import, errors."""

import contextlib
import gzip
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import feedparser
import lxml.etree as etree
import lxml.html
import pytest
import rnc2rng

from conftest import ROOT, build_ok
from plugins.compat import pagefind
from plugins.kinds.mailing_list.tests.helpers import fixture_content

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"
ATOM = "{http://www.w3.org/2005/Atom}"
WELCOME = ["Ada Lovelace", "Grace Hopper", "Ada Lovelace", "Linus Example"]


def build(folder, content, *extra, name="output"):
    output = folder / name
    cache = f'MAILING_LIST_CACHE_PATH="{folder / "cache"}"'
    build_ok(SETTINGS, output, cache, *extra, content=content, cwd=TEST_DATA)
    return output


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mailing-list")
    content = fixture_content(folder)
    return folder, content, build(folder, content)


@pytest.fixture(scope="module")
def site(built):
    return built[2]


def html(site, path):
    return lxml.html.parse(str(site / path / "index.html")).getroot()


def thread_pages(site):
    return {
        page.xpath("string(//h1)"): page
        for page in (html(site, p.parent.relative_to(site)) for p in site.glob("list/threads/*/*"))
    }


def authors(page):
    return [" ".join(h.text_content().split()) for h in page.cssselect(".list-message-from")]


def test_threads_from_ids_references_and_subjects(site):
    threads = thread_pages(site)
    assert sorted(threads) == sorted(
        [
            "Welcome to the list",
            "A broken date",
            "Café talk on Twisted",
            "Messaging and presence — XMPP at scale",
            "No date header and no Message-ID",
        ]
    )
    # References, In-Reply-To alone, and neither (the subject) all join the first message.
    assert authors(threads["Welcome to the list"]) == WELCOME
    replies = threads["Welcome to the list"].xpath("//p[contains(., 'in reply to')]/a[1]/text()")
    assert replies == ["Ada Lovelace", "Grace Hopper", "Ada Lovelace"]
    assert authors(threads["Messaging and presence — XMPP at scale"]) == [
        "Zoë Example",
        "Mallory Example",
        "Zoë Example",
    ]
    index = html(site, "list")
    titles = [a.text_content() for a in index.cssselect(".list-thread-card h3 a")]
    assert titles == ["No date header and no Message-ID", "Messaging and presence — XMPP at scale"]
    assert (site / "list/page/3/index.html").is_file()  # 5 threads, 2 a page
    months = [a.get("href") for a in index.cssselect(".list-months a")]
    assert months == ["/list/2009/05/", "/list/2009/04/", "/list/2009/03/"]
    march = html(site, "list/2009/03")
    assert "5 messages in 2 threads" in " ".join(march.text_content().split())


def test_decoding_of_headers_charsets_and_transfer_encodings(site):
    threads = thread_pages(site)
    cafe = threads["Café talk on Twisted"]  # RFC 2047 subject and name, ISO-8859-1 8-bit body
    assert authors(cafe) == ["Hedy Müller"]
    assert "au café à München: über Twisted" in cafe.text_content()
    xmpp = threads["Messaging and presence — XMPP at scale"]
    text = " ".join(xmpp.text_content().split())
    assert "Café con leche: the quoted-printable plain version, a long line" in text  # QP
    assert "Grüße aus Köln — a base64 body in UTF-8" in text  # base64
    assert "load-test-results.pdf (1.0 kB)" in text  # attachment: listed by name and size
    assert not list(site.rglob("*.pdf")), "attachments are not published"
    unknown = threads["No date header and no Message-ID"]
    assert "in an unknown charset" in unknown.text_content()


def test_broken_and_missing_dates_fall_back(site):
    threads = thread_pages(site)
    broken = threads["A broken date"]  # from the mbox From_ line
    assert broken.xpath("//section//time/@datetime") == ["2009-03-18T07:15:00+00:00"]
    assert "date approximate" in broken.text_content()
    missing = threads["No date header and no Message-ID"]
    assert missing.xpath("//section//time/@datetime") == ["2009-05-06T09:00:00+00:00"]


def test_bodies_are_escaped_sanitized_and_shaped(site):
    threads = thread_pages(site)
    xmpp = threads["Messaging and presence — XMPP at scale"]
    raw = lxml.html.tostring(xmpp.cssselect("main")[0], encoding="unicode")
    for bad in ("<script", "alert(", "onclick", "onerror", "javascript:", "<iframe", "<style"):
        assert bad not in raw
    assert "An HTML-only reply." in xmpp.text_content()
    assert "flibbertigibbet" not in raw, "text/plain is preferred to the HTML alternative"
    welcome = threads["Welcome to the list"]
    quote = welcome.cssselect("details.list-quote")[0]
    assert quote.get("open") is None and "2 quoted lines" in quote.text_content()
    assert "Ada Lovelace" in welcome.cssselect(".list-signature")[0].text_content()
    link = welcome.xpath("//a[starts-with(@href, 'http://www.example.org/uls')]")[0]
    assert link.get("href") == "http://www.example.org/uls?topic=scale&x=1"
    assert set(link.get("rel").split()) >= {"nofollow", "ugc"}


def fixture_addresses():
    """Every address of the fixture archives and members.toml, in every spelling."""
    text = " ".join(
        p.read_bytes().decode("latin-1") for p in (TEST_DATA / "content").rglob("*") if p.is_file()
    )
    found = set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text))
    found |= {m.replace(" at ", "@") for m in re.findall(r"[\w.+-]+ at [\w-]+\.[a-z]+", text)}
    found.discard("uls-sig@python.org")  # the list's own address: the reply links use it
    return {a for a in found if not a.startswith(("welcome-", "broken-", "cafe-", "xmpp-"))}


def published_texts(site):
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # gzip'd: the search index's files
            with contextlib.suppress(OSError):
                data = gzip.decompress(data)
        text = data.decode("utf-8", "replace")
        yield path, unquote(text)


def test_no_address_is_published_anywhere(site):
    addresses = fixture_addresses()
    assert {"ada@example.org", "grace@example.org", "mallory@example.org"} <= addresses
    for path, text in published_texts(site):
        for address in addresses:
            local, domain = address.split("@")
            assert address not in text, f"{address} in {path}"
            assert f"{local} at {domain}" not in text, f"{address} in {path}"
    welcome = (site / "list").glob("threads/*/index.html")
    assert any("[address hidden]" in path.read_text() for path in welcome), "bodies are masked"


def test_members_are_linked_by_a_listed_address(site):
    welcome = thread_pages(site)["Welcome to the list"]
    links = [a.get("href") for a in welcome.cssselect(".list-message-from a")]
    assert links == ["/members/ada-lovelace/", "/members/ada-lovelace/"]


def test_discuss_on_the_list_links(site):
    post = html(site, "posts/2026/hello")
    href = post.cssselect(".discuss-on-list a")[0].get("href")
    assert href == "mailto:uls-sig@python.org?subject=Re%3A%20Hello%20from%20the%20test%20site"
    welcome = thread_pages(site)["Welcome to the list"]
    href = welcome.cssselect(".discuss-on-list a")[0].get("href")
    assert href == (
        "mailto:uls-sig@python.org?subject=Re%3A%20Welcome%20to%20the%20list"
        "&In-Reply-To=%3Cwelcome-4%40mail.example.org%3E"
    )


def test_home_page_and_feeds_page_show_the_list(site):
    home = html(site, "")
    latest = [a.text_content() for a in home.cssselect(".list-latest li a")]
    assert latest[:2] == [
        "No date header and no Message-ID",
        "Messaging and presence — XMPP at scale",
    ]
    nav = [a.get("href") for a in home.cssselect("nav a")]
    assert "/list/" in nav
    feeds = html(site, "feeds")
    assert "/feeds/list.atom.xml" in [a.get("href") for a in feeds.iter("a")]
    assert "feeds/list.atom.xml" in (site / "feeds/feeds.opml").read_text()


@pytest.fixture(scope="module")
def atom_schema():
    schema = ROOT / "tests" / "schemas" / "atom.rnc"
    rng = rnc2rng.dumps(rnc2rng.load(str(schema))).replace(' xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode()))


def test_feeds_are_valid_and_carry_full_text(site, atom_schema):
    atoms = [site / "feeds/list.atom.xml", *site.glob("feeds/list/threads/*.atom.xml")]
    assert len(atoms) == 6
    for path in atoms:
        document = etree.parse(str(path))
        assert atom_schema.validate(document), f"{path.name}: {atom_schema.error_log}"
    for path in [site / "feeds/list.rss.xml", *site.glob("feeds/list/threads/*.rss.xml")]:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{path.name}: {parsed.get('bozo_exception')}"
    main = feedparser.parse((site / "feeds/list.atom.xml").read_bytes())
    assert len(main.entries) == 10
    assert main.entries[0].title == "No date header and no Message-ID"
    welcome = next(e for e in main.entries if e.title == "Welcome to the list")
    assert "Hello everyone, and welcome" in welcome.content[0].value
    assert welcome.link.startswith("http://127.0.0.1:8000/list/threads/")
    assert welcome.id.startswith("tag:uls-sig.python.org,2009-03-14:list/")


def entry_ids(output):
    ids = {}
    for path in sorted(output.glob("feeds/list*.atom.xml")) + sorted(
        output.glob("feeds/list/threads/*.atom.xml")
    ):
        root = etree.parse(str(path)).getroot()
        ids[path.name] = sorted(e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry"))
    return ids


def test_entry_ids_are_stable_across_imports(built, tmp_path):
    folder, content, first = built
    shutil.rmtree(folder / "cache", ignore_errors=True)  # a fresh import, another address
    again = build(folder, content, 'SITEURL="https://list.example.org"', name="again")
    assert entry_ids(again) == entry_ids(first)
    ids = [i for values in entry_ids(first).values() for i in values]
    assert len(set(entry_ids(first)["list.atom.xml"])) == 10 and all("@" not in i for i in ids)


def test_the_import_is_incremental(tmp_path):
    content = fixture_content(tmp_path)
    build(tmp_path, content, name="one")
    cache = tmp_path / "cache"
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.json")}
    assert len(before) == 3  # one entry per archive file
    march = content / "list" / "2009-March.txt"
    march.write_bytes(march.read_bytes().replace(b"glad to be here", b"happy to be here"))
    output = build(tmp_path, content, name="two")
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.json")}
    kept = set(before) & set(after)
    # The changed month was parsed again, the others read from the cache; the stale entry went.
    assert len(kept) == 2 and all(before[name] == after[name] for name in kept)
    assert len(after) == 3
    assert "happy to be here" in thread_pages(output)["Welcome to the list"].text_content()


def test_search_indexes_threads_with_a_mailing_list_filter(site):
    fragments = pagefind.fragments(site / "pagefind")
    threads = {url: f for url, f in fragments.items() if url.startswith("/list/threads/")}
    assert len(threads) == 5
    assert all(f["filters"]["section"] == ["Mailing list"] for f in threads.values())
    found = [url for url, f in threads.items() if "zygomorphic" in f["content"]]
    assert len(found) == 1 and fragments[found[0]]["meta"]["title"] == "Welcome to the list"
    assert not any(url.startswith("/list/20") or url == "/list/" for url in fragments)


def test_an_empty_list_folder_writes_nothing_of_the_list(tmp_path):
    content = fixture_content(tmp_path)
    for path in (content / "list").iterdir():
        path.unlink()
    (content / "list" / "README.md").write_text("Notes for editors.\n")
    output = build(tmp_path, content)
    assert not (output / "list").exists() and not (output / "feeds/list.atom.xml").exists()
    home = html(output, "")
    assert not home.cssselect(".list-latest")
    assert "/list/" not in [a.get("href") for a in home.cssselect("nav a")]
    assert not html(output, "feeds").cssselect("#feeds-mailing-list")
