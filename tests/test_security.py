"""Every built page forbids inline script and opens external links without an opener."""

from urllib.parse import urlsplit

import lxml.html

from conftest import ROOT
from plugins.outputs.addresses.url_lock import published_urls, read_lock


def html_pages(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    return pages


def test_every_page_has_a_content_security_policy_without_inline_script(site):
    for page in html_pages(site):
        root = lxml.html.parse(str(page)).getroot()
        policies = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert len(policies) == 1, page
        directives = dict(
            (part.split()[0], part.split()[1:]) for part in policies[0].split(";") if part.strip()
        )
        script_sources = directives.get("script-src", directives.get("default-src"))
        assert script_sources and "'unsafe-inline'" not in script_sources, page
        assert "'self'" in script_sources, page
        for script in root.iter("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", page


def test_external_links_have_noopener(site):
    for page in html_pages(site):
        root = lxml.html.parse(str(page)).getroot()
        for link in root.iter("a"):
            if urlsplit(link.get("href", "")).scheme in ("http", "https"):
                assert "noopener" in link.get("rel", "").split(), (page, link.get("href"))


def test_urls_lock_is_up_to_date(site):
    """Run `make lock` after adding a post: a URL missing from urls.lock is unprotected, and one
    the lock keeps but the site no longer writes would fail every build of main once merged."""
    written, locked = published_urls(site), set(read_lock(ROOT / "urls.lock"))
    assert not written - locked, f"urls.lock is missing {sorted(written - locked)[:5]}: make lock"
    assert not locked - written, f"urls.lock lists {sorted(locked - written)[:5]}: make lock"
