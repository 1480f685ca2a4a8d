"""URL lock: URLs readers have seen never silently disappear.

`urls.lock` (committed) lists every page and feed URL the site writes. A URL is *published*
once it is in the lock on the main branch (lockfile.py reads it with git); a build that no
longer writes a published URL fails, with the real fix first: restore the post, or give the
post that replaces it `Aliases: /old/` (a redirect page is written at each alias) and, for a
post, `Guid: <old slug>` (its feed entry ID stays: plugins/outputs/feeds/feed_urls.py). URLs a pull
request added to the lock are not published: its post may still be renamed, dropped or turned
back into a draft during review.

Redirect pages count as written: the aliases and the automatic redirects of vanished tag,
category, topic and member pages are written by plugins/outputs/addresses (which reads the lock to
know
what is published). Their feeds may vanish (plugins/outputs/addresses/automatic.py says why).

`make lock` (URL_LOCK_UPDATE) rewrites the lock from the build. `make check`
(URL_LOCK_STALE_IS_ERROR) also fails when the lock is out of date: the build writes URLs the
lock lacks, or the lock lists URLs that are no longer written and may go; `make lock` fixes
both. Ordinary builds do not: a post being written should preview without ceremony.

Pagination pages (`…/page/N/`), theme assets and the search index are not locked: they come
and go with the number of posts.
"""

import os
import re

from plugins.model.error_report import ContentError, display_path
from plugins.model.finishing import CHECK, add_step
from plugins.outputs.addresses.automatic import PLACEHOLDER, SLUG, family_feed, pattern

from .lockfile import (
    HEADER,
    lock_state,
    parse_lock,
    read_lock,
    url_of,
    write_lock,
    written_urls,
)

__all__ = ["HEADER", "parse_lock", "published_urls", "read_lock", "url_of", "write_lock"]

published_urls = written_urls  # the name tests/test_security.py uses
SHOWN = 4  # new URLs named in the stale-lock line; the rest are counted


class UrlLockError(ContentError):
    """A published URL disappeared, or (in `make check`) the lock is out of date."""

    headline = "Published addresses would disappear (readers may have bookmarked them):"


class StaleLockError(UrlLockError):
    """`make check` only: the lock lacks URLs the build writes, or lists unpublished ones it no
    longer writes. Merged as it is, main would then protect a URL that does not exist."""

    headline = "urls.lock is out of date:"


def kind_of(url, settings):
    """'post' when url has the shape of ARTICLE_URL, else 'page'."""
    article_url = settings.get("ARTICLE_URL")
    return "post" if article_url and pattern(article_url).match(url) else "page"


def slug_of(url, settings):
    """The {slug} of ARTICLE_URL in a post's url ("/posts/2024/x/" -> "x"); None for a page."""
    template = settings.get("ARTICLE_URL") or ""
    texts, holes = PLACEHOLDER.split(template), PLACEHOLDER.findall(template)
    if holes.count("{slug}") != 1:
        return None
    regex = "^/" + re.escape(texts[0])
    for hole, text in zip(holes, texts[1:], strict=True):
        regex += (f"(?P<slug>{SLUG})" if hole == "{slug}" else SLUG) + re.escape(text)
    found = re.match(regex + "$", url)
    return found.group("slug") if found else None


def removal_fix(url, settings, locked):
    """How to keep url: the real fix first, `make lock` last."""
    slug = slug_of(url, settings)
    if slug and url.endswith("/"):
        # A renamed post keeps its address, and its feed entry ID (plugins/outputs/feeds: Guid or
        # slug).
        return (
            f"restore the post, or give the post that replaces it `Aliases: {url}` (the old "
            f"address redirects) and `Guid: {slug}` (feed readers keep its entry, unless the "
            "post has a `Guid:` already); if removing it is intended, run `make lock`"
        )
    if url.endswith("/"):
        kind = kind_of(url, settings)
        return (
            f"restore the {kind}, or give the {kind} that replaces it `Aliases: {url}`; "
            "if removing it is intended, run `make lock`"
        )
    folder = url.rsplit("/", 1)[0] + "/"
    if folder in locked:  # a post's calendar file, next to its page
        kind = kind_of(folder, settings)
        return (
            f"it belongs to the {kind} {folder}: restore that {kind}; if the {kind} was renamed "
            "or removed on purpose, run `make lock`"
        )
    return "restore the post or page that wrote it; if removing it is intended, run `make lock`"


def lock_problems(state, written, settings, name, stale_is_error=False):
    """(removals, stale): the lines of published URLs that disappear, and of a stale lock.

    `state` is a lockfile.LockState, `written` the URLs of the output (redirects included)."""
    removals, stale = [], []
    for url, line in sorted(state.working.items(), key=lambda item: item[1]):
        if url in written:
            continue
        if url in state.published and not family_feed(url, settings):
            removals.append(
                f"{name}:{line}: {url} was published and this build no longer writes it "
                f"({removal_fix(url, settings, state.working)})"
            )
        elif url in state.published:
            stale.append(
                f"{name}:{line}: {url} is no longer written (a tag, category, topic or member "
                "feed with no posts left goes without a redirect; run `make lock`)"
            )
        else:
            where = f"on {state.main}" if state.main else "on main"
            stale.append(
                f"{name}:{line}: {url} is no longer written and was never published (it is not "
                f"in {name} {where}; run `make lock`)"
            )
    new = sorted(url for url in written if url not in state.working)
    if new:
        shown = ", ".join(new[:SHOWN]) + (
            f" and {len(new) - SHOWN} more" if len(new) > SHOWN else ""
        )
        stale.insert(
            0,
            f"{name}: {len(new)} address{'es' if len(new) > 1 else ''} this build writes "
            f"{'are' if len(new) > 1 else 'is'} not in the lock yet: {shown} "
            f"(run `make lock` and commit {os.path.basename(name)} with your change)",
        )
    return removals, (stale if stale_is_error else [])


def check_lock(pelican):
    """CHECK step: compare what the build wrote with urls.lock (or rewrite it)."""
    settings = pelican.settings
    lock_file = settings.get("URL_LOCK_FILE")
    if not lock_file:
        return
    written = written_urls(pelican.output_path)
    name = display_path(lock_file)
    if settings.get("URL_LOCK_UPDATE"):
        before = set(read_lock(lock_file)) if os.path.exists(lock_file) else set()
        write_lock(lock_file, written)
        added, removed = len(written - before), len(before - written)
        print(f"{name}: written with {len(written)} URLs ({added} added, {removed} removed)")
        return
    stale_is_error = settings.get("URL_LOCK_STALE_IS_ERROR")
    if not os.path.exists(lock_file):
        missing = f"{name} does not exist yet: run `make lock` to create it"
        if stale_is_error:
            raise StaleLockError(missing)
        print(missing)
        return
    removals, stale = lock_problems(lock_state(lock_file), written, settings, name, stale_is_error)
    if removals:
        raise UrlLockError("\n".join(removals + stale))
    if stale:
        raise StaleLockError("\n".join(stale))


def register():
    add_step(check_lock, CHECK)
