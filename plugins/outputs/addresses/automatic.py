"""Pages that come and go with the posts: tags, categories, and the kinds that take part in
redirects (plugins/model/kinds.py: topics, members, projects).

A tag page exists while some post has the tag. Removing the tag from its last post during an
edit is ordinary editing, not the removal of something readers rely on, and an `Aliases:` would
be the wrong fix (it belongs to the post that replaces an old post). So a published page of one
of these families that the build no longer writes gets a redirect to the family's index
(/tags/x/ -> /tags/), written by RedirectGenerator (redirects.py) like an alias.

Their feeds (/feeds/tag/x.atom.xml) are not redirected: a feed reader cannot follow an HTML
redirect, and an empty feed kept forever would tell subscribers nothing happened. A vanished
family feed is simply allowed to go (a 404 tells the reader the feed ended); `make lock`
then drops it from the lock.

Whether the build writes a page is read from the generators' context (every generator has its
context when the output is planned): Pelican's `tags` and `categories`, and each kind's list
(`topics`, `members`...). A family whose context is missing (its plugin is off) gets no
redirects, so its vanished pages stay errors.
"""

import re
from dataclasses import dataclass
from types import SimpleNamespace

from plugins.model.kinds import kinds


@dataclass(frozen=True)
class Family:
    context_key: str  # the list in the context: items, or (item, articles) pairs
    url: str  # the setting of one item's URL, e.g. TAG_URL = "tags/{slug}/"
    index: str  # the prefix of the index's settings: TAGS -> TAGS_URL, TAGS_SAVE_AS
    feeds: tuple  # the settings of the item's feeds
    title: str  # the index's title on the redirect page
    direct: str | None = None  # the DIRECT_TEMPLATES entry that writes the index, if any


PELICAN_FAMILIES = (
    Family("tags", "TAG_URL", "TAGS", ("TAG_FEED_ATOM", "TAG_FEED_RSS"), "Tags", "tags"),
    Family(
        "categories",
        "CATEGORY_URL",
        "CATEGORIES",
        ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS"),
        "Categories",
        "categories",
    ),
)


def families(settings):
    """Pelican's tags and categories, then every kind that takes part in redirects."""
    return PELICAN_FAMILIES + tuple(
        Family(
            kind.plural,
            f"{kind.setting}_URL",
            f"{kind.setting}S",
            (f"{kind.setting}_FEED_ATOM", f"{kind.setting}_FEED_RSS"),
            kind.plural.capitalize(),
        )
        for kind in kinds(settings, "redirects")
    )


PLACEHOLDER = re.compile(r"\{[^{}]*\}")  # {slug}, {date:%Y}


# What a placeholder stands for: the characters of a slug or id (the address rule of
# content_guard), never a `.`/`..` segment. urls.lock is a file a pull request can edit: without
# git its lines are taken as they are, and a redirect is written at each matching one.
SLUG = r"(?!\.+(?:/|$))[\w.-]+"


def pattern(template):
    """A regular expression for the site URLs of a setting such as "tags/{slug}/"."""
    parts = PLACEHOLDER.split(template)
    return re.compile("^/" + SLUG.join(re.escape(part) for part in parts) + "$")


def index_of(family, settings):
    """The index the family's pages redirect to (title, url), or None when it is not written."""
    url, save_as = settings.get(f"{family.index}_URL"), settings.get(f"{family.index}_SAVE_AS")
    if url is None or not save_as:
        return None
    if family.direct and family.direct not in settings.get("DIRECT_TEMPLATES", ()):
        return None
    return SimpleNamespace(title=family.title, url=url)


def written_items(items):
    """The site URLs ("/tags/x/") of a family's context list."""
    urls = set()
    for item in items or ():
        item = item[0] if isinstance(item, tuple) else item
        url = getattr(item, "url", None)
        if url is not None:
            urls.add("/" + url)
    return urls


def automatic_redirects(protected, context, settings):
    """[(url, index)]: the protected family pages this build does not write, with their index."""
    redirects = []
    for family in families(settings):
        template = settings.get(family.url)
        index = index_of(family, settings)
        if not template or index is None or family.context_key not in context:
            continue
        matches, written = pattern(template), written_items(context[family.context_key])
        redirects += [
            (url, index)
            for url in protected
            if url.endswith("/") and matches.match(url) and url not in written
        ]
    return sorted(redirects, key=lambda redirect: redirect[0])


def family_feed(url, settings):
    """True when url is the feed of a tag, category, topic or member (allowed to vanish)."""
    for family in families(settings):
        for key in family.feeds:
            template = settings.get(key)
            if template and pattern(template).match(url):
                return True
    return False
