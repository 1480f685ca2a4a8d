"""Content-only pull requests cannot hurt the site (issue 12), tried on a copy of the real site.

Each contribution below is what an attacker could send as a pull request that touches only
content/. It is either refused, with `path:line: what is wrong (how to fix)` lines, no traceback
and the previous output/ byte for byte as it was, or it builds a site in which nothing was
injected.
"""

from urllib.parse import unquote

import lxml.html
import pytest
from hostile import (  # tests/hostile.py
    FAST,
    SETTINGS,
    add_files,
    embedded_html,
    injected,
    page,
    post,
    refused,
)

from conftest import ROOT, build_ok
from plugins.guard.content_guard.tests.helpers import copy_of_build, files_of, lines_missing


@pytest.fixture(scope="module")
def good_output(tmp_path_factory):
    output = tmp_path_factory.mktemp("good") / "output"
    build_ok(SETTINGS, output, *FAST, content=ROOT / "content")
    return output


@pytest.fixture
def contribution(tmp_path, good_output):
    """(content, output): a copy of the real content and of a good build of it."""
    return copy_of_build(tmp_path, ROOT / "content", good_output)


# The output plan: a content claim on an address another source or the site owns.
TAKEOVERS = {
    "pages/evil-search.md": page(Slug="search"),
    "pages/feeds.md": page(),
    "pages/tags.md": page(),
    "posts/2026/aliases.md": post(Aliases="/, /feeds/, /posts/2009/announcing-uls-sig/"),
    "posts/2026/pagefind.md": post(Aliases="/pagefind/index.html, /theme/x.html"),
    "posts/2026/404.md": post(Aliases="/404.html"),
    "topics/search.md": page(Summary="A topic page taking /topics/search/ is fine."),
    "pages/folder.md": page(Slug="index.html"),
}
TAKEOVER_LINES = [
    "content/pages/evil-search.md:2: /search/ is already the address of the site's search page",
    "content/pages/feeds.md:1: /feeds/ is already the address of an alias in "
    "content/posts/2026/aliases.md:6, the site's feeds page (rename the file)",
    "content/pages/tags.md:1: /tags/ is already the address of the site's tags page",
    "content/posts/2026/aliases.md:6: / is already the address of the site's index page "
    "(remove the alias",
    "content/posts/2026/aliases.md:6: /feeds/ is already the address of the page "
    "content/pages/feeds.md:1, the site's feeds page",
    "content/posts/2026/aliases.md:6: /posts/2009/announcing-uls-sig/ is already the address of "
    "the post content/posts/2009/announcing-uls-sig.md:1",
    "content/posts/2026/pagefind.md:6: /pagefind/ is already the address of the site's search "
    "index",
    "content/posts/2026/pagefind.md:6: /theme/x.html is already the address of the site's theme",
    "content/posts/2026/404.md:6: /404.html is already the address of the site's 404 page",
    "content/pages/folder.md:2: /index.html would be both a file and the folder of "
    "/index.html/index.html (with the site's index page, an alias in",
]


def test_a_claim_on_an_address_someone_else_owns_is_refused(contribution):
    printed = refused(contribution, TAKEOVERS)
    for line in TAKEOVER_LINES:
        assert line in printed, printed
    # One more: the alias on / also meets pages/folder.md, which needs index.html as a folder.
    assert "content/posts/2026/aliases.md:6: /index.html would be both a file and the" in printed
    assert f"output plan: {len(TAKEOVER_LINES) + 1} address problem(s)" in printed, printed
    assert "topics/search.md" not in printed, printed


ADDRESS_FILES = {
    "posts/2026/markup-slug.md": post(Slug='x"><script src=/x.js></script>'),
    "posts/2026/lang.md": post(Lang="../../feeds"),
    "posts/2026/url.md": post(URL="index.html", Save_as="index.html"),
    "posts/2026/alias.md": post(Aliases="//evil.example/, /a/../../etc/, /calendar.ics"),
    "posts/2026/tag.md": post(Tags="asyncio, ---"),
    "posts/2026/template.md": post(Template="redirect"),
    "posts/2026/guid.md": post(Guid='x"><script>'),
    "posts/2026/¿¿¿.md": post(),
}
ADDRESS_LINES = [
    "content/posts/2026/markup-slug.md:6: Slug 'x\"><script src=/x.js></script>' is not a valid "
    "address part (use ASCII letters, digits",
    "content/posts/2026/lang.md:6: Lang '../../feeds' is not a language code",
    "content/posts/2026/url.md:6: URL cannot be set in content",
    "content/posts/2026/url.md:7: Save_as cannot be set in content",
    "content/posts/2026/alias.md:6: alias '//evil.example/' is not an old address of this site",
    "content/posts/2026/alias.md:6: alias '/a/../../etc/' is not an old address of this site",
    "content/posts/2026/alias.md:6: alias '/calendar.ics' is not an old address of this site",
    "content/posts/2026/tag.md:6: tag '---' gives no usable address",
    "content/posts/2026/template.md:6: unknown Template 'redirect'",
    "content/posts/2026/guid.md:6: Guid 'x\"><script>' is not an old slug",
    "content/posts/2026/¿¿¿.md:1: the file name gives no usable address once slugified",
    "content/members.toml:",
]


def test_addresses_from_content_follow_one_rule(contribution):
    content, _ = contribution
    members = content / "members.toml"
    members.write_text(
        members.read_text(encoding="utf-8")
        + '\n["../feeds"]\nname = "Path Walker"\nrole = "member"\n',
        encoding="utf-8",
    )
    printed = refused(contribution, ADDRESS_FILES)
    for line in ADDRESS_LINES:
        assert line in printed, printed
    assert "member id '../feeds' is not a valid address part" in printed, printed


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000000000200015e2b4d1c0000000049454e44ae426082"
)
# One contribution per class of issue 12 that the previous tests do not cover; each is refused.
# The refusals of one point of the build are tried in one build (content_guard lists every
# problem it finds there at once; each case has files of its own); another plugin stops at its
# first problem, so its cases have a build each.
# fmt: off
STATIC_REFUSALS = [  # content_guard, of the files Pelican is about to copy
    ("script as an image", {"images/chart.js": "alert(1)\n"},
     "content/images/chart.js:1: a .js file cannot be published from content/"),
    ("HTML named .png", {"images/chart.png": "<html><script>alert(1)</script>"},
     "content/images/chart.png:1: the file is not a PNG image (its bytes look like HTML"),
    ("SVG", {"images/logo.svg": '<svg onload="alert(1)"/>'},
     "content/images/logo.svg:1: a .svg file cannot be published from content/"),
    ("markup in an image name", {'images/x" onerror="alert(1).png': PNG},
     'content/images/x" onerror="alert(1).png:1: the file name cannot be part of an address'),
]
SOURCE_REFUSALS = [  # content_guard, before Pelican reads any file
    ("control character in a title", {"posts/2026/bell.md": post(title="Ding\x07\x1b[2J")},
     "content/posts/2026/bell.md:1: Title contains the control character U+0007"),
    ("control character as a reference", {"posts/2026/ff.md": post(Summary="A &#12; page.")},
     "content/posts/2026/ff.md:5: Summary contains &#12;"),
    ("members.toml not UTF-8", {"members.toml": '[x]\nname = "Caf\xe9"\n'.encode("latin-1")},
     "content/members.toml:1: the file is not valid UTF-8 (byte 0xe9)"),
    ("a post of thousands of tags",
     {"posts/2026/tags.md": post(Tags=", ".join(f"t{number}" for number in range(3000)))},
     "content/posts/2026/tags.md:6: 3,000 tags in Tags, more than the 20 a post may have"),
    # Issue 24: any reference that decodes to a line break (class 1), a template of another
    # kind (class 7), a list the check and the build would split differently (class 8).
    ("a Bcc: behind a named reference", {"posts/2026/bcc.md": post(title="Hi&NewLine;Bcc: x")},
     "content/posts/2026/bcc.md:1: Title contains &NewLine;, which decodes to the control"),
    ("a tab for a second decoder", {"posts/2026/tab.md": post(Summary="A&amp;Tab;B")},
     "content/posts/2026/tab.md:5: Summary contains &amp;Tab;, which decodes to the control"),
    ("a post's template on a page", {"pages/tpl.md": page(Template="article")},
     "content/pages/tpl.md:2: a page cannot use Template 'article'"),
    ("a page's template on a post", {"posts/2026/tpl.md": post(Template="members")},
     "content/posts/2026/tpl.md:6: a post cannot use Template 'members'"),
    ("a template on a topic", {"topics/tpl.md": page(Summary="S.", Template="page")},
     "content/topics/tpl.md:3: a topic cannot choose its Template"),
    ("aliases split two ways", {"posts/2026/al.md": post(Aliases="/a/, /b/; /c/")},
     "content/posts/2026/al.md:6: alias '/a/, /b/' is not an old address of this site"),
]
ONE_BUILD_EACH = [  # feed IDs, members, the Markdown budget; content_guard once all is written
    ("a stolen feed ID",
     {"posts/2009/thief.md": post(Date="2009-04-17 10:00", Guid="announcing-uls-sig")},
     "content/posts/2009/thief.md:6: its feed ID tag:uls-sig.python.org,2009-04-17:"
     "announcing-uls-sig is already the ID of content/posts/2009/announcing-uls-sig.md"),
    ("a member URL that would scan for minutes",
     {"members.toml+": '\n[x]\nname = "X"\nrole = "member"\nurl = "http://' + "a" * 200_000
      + ' b"\n'},
     "url of member 'x' is 200,009 characters, over the limit of 300 (shorten it)"),
    ("Markdown that renders for minutes", {"posts/2026/slow.md": post(body="[a](" * 40_000)},
     "content/posts/2026/slow.md:1: Markdown took longer than 2 s to render"),
    ("a member bio that renders for minutes",
     {"members.toml+": '\n[x]\nname = "X"\nrole = "member"\nbio = """' + "[a](" * 40_000
      + '"""\n'},
     "bio of member 'x' is 160,000 characters, over the limit of 2,000 (shorten it)"),
    ("a page written as HTML", {"pages/evil.html": "<html><head><title>x</title></head></html>"},
     "content/pages/evil.html:1: a .html file is not read: every content source is Markdown"),
]
# fmt: on
REFUSAL_BUILDS = {
    "static files": STATIC_REFUSALS,
    "sources": SOURCE_REFUSALS,
    **{name: [(name, files, expected)] for name, files, expected in ONE_BUILD_EACH},
}


@pytest.mark.parametrize("cases", REFUSAL_BUILDS.values(), ids=REFUSAL_BUILDS.keys())
def test_every_class_is_refused_with_path_and_line(contribution, cases):
    printed = refused(contribution, files_of(cases), "RENDER_BUDGET_SECONDS=2")
    assert not lines_missing(printed, cases), (
        f"no line for {lines_missing(printed, cases)}:\n{printed}"
    )
    assert len(max(printed.splitlines(), key=len)) < 1000, "a message quotes a value whole"


def test_a_symbolic_link_to_a_file_outside_is_refused(contribution, tmp_path):
    content, _ = contribution
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY\n")
    (content / "images").mkdir(exist_ok=True)
    (content / "images" / "key.png").symlink_to(secret)
    (content / "posts" / "linked").symlink_to(tmp_path)
    printed = refused(contribution, {})
    assert f"content/images/key.png:1: is a symbolic link (to {secret})" in printed
    assert "content/posts/linked:1: is a symbolic link" in printed
    assert "PRIVATE KEY" not in printed


ODD_BUT_HARMLESS = {
    # A file name with spaces, an accent and markup is slugified; links to it still work.
    "posts/2026/Meeting notes café.md": post(title="Meeting notes"),
    'posts/2026/q"><img src=x onerror=alert(1)>.md': post(title="Markup in a file name"),
    'posts/2026/q"onmouseover="alert.md': post(title="An attribute in a file name"),
    "posts/2026/links.md": post(
        title='<script>alert("title")</script> & friends',
        body="See [the notes]({filename}Meeting notes café.md) and "
        '[the other]({filename}q"onmouseover="alert.md).',
        Tags="<b>bold</b>, asyncio",
        Aliases="/old-links/;/older-links.html",  # two aliases, as the check reads them
    ),
}


def test_odd_names_build_with_nothing_injected(contribution, tmp_path):
    content, _ = contribution
    add_files(content, ODD_BUT_HARMLESS)
    one = tmp_path / "one"
    build_ok(SETTINGS, one, content=content)
    assert (one / "posts/2026/meeting-notes-cafe/index.html").is_file()
    assert (one / "posts/2026/q/index.html").is_file()  # slugify drops the tag
    links = (one / "posts/2026/links/index.html").read_text(encoding="utf-8")
    assert 'href="/posts/2026/meeting-notes-cafe/"' in links
    assert 'href="/posts/2026/qonmouseoveralert/"' in links
    assert "edit/main/content/posts/2026/q%22%3E%3Cimg%20src%3Dx" in (
        one / "posts/2026/q/index.html"
    ).read_text(encoding="utf-8")
    assert (one / "old-links/index.html").is_file() and (one / "older-links.html").is_file()
    for path in one.rglob("*.html"):
        root = lxml.html.parse(str(path)).getroot()
        assert not injected(root), path
        for href in root.xpath("//a[starts-with(@href, 'mailto:')]/@href"):
            assert unquote(href).isprintable(), (path, href)  # one subject line, no Bcc:
    for path in [*(one / "feeds").rglob("*.xml"), *(one / "feeds").rglob("*.json")]:
        for html in embedded_html(path):
            assert not injected(lxml.html.fragment_fromstring(html, create_parent="div")), path


def test_the_injection_detector_sees_script():
    fragment = '<p><img src="x" onerror="alert(1)"><script>alert(2)</script><a href="javascript:x">'
    assert injected(lxml.html.fragment_fromstring(fragment, create_parent="div")) == [
        "onerror",
        "inline script",
        "href=javascript:",
    ]
