"""Social cards: an Open Graph / Twitter image for every post, page, topic and member.

Once every generator has its context (`all_generators_finalized`), each listed post, page,
topic and member gets `social_image` (url, width, height, alt), and the context gets
`social_image_site`, the card of the pages that are none of those (home, feeds, events...).
theme/templates/partials/social_meta.html turns it into og:image and twitter:card tags.

SocialCardsGenerator writes the PNGs with `writer.write_own_file` (plugins/guard/output_plan plans
them like any page) under SOCIAL_CARDS_PATH, after the address of what they show:

    social/posts/2009/announcing-uls-sig.png    social/pages/about.png
    social/topics/python-on-the-jvm.png         social/members/jim-baker.png
    social/site.png

A card's bytes depend only on its words, the drawing, the font and Pillow (card.py), so a
card is drawn once and kept in SOCIAL_CARDS_CACHE_PATH under a hash of those: a rebuild copies
it. Titles are content, so untrusted: they are drawn as plain text, never parsed.
"""

import functools
import logging
import multiprocessing
import os
import tempfile
from dataclasses import dataclass

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

import plugins.guard.output_plan as output_plan
from plugins.model.defaults import cache_path, use_defaults
from plugins.model.kinds import kinds
from plugins.model.listed import is_listed

from .card import HEIGHT, WIDTH, Card, draw, plain

logger = logging.getLogger(__name__)

DEFAULTS = {
    "SOCIAL_CARDS": True,  # False: no cards, no og:image
    "SOCIAL_CARDS_PATH": "social",  # folder of the output
    "SOCIAL_CARDS_CACHE_PATH": None,  # None: <CACHE_PATH>/social_cards
    "SOCIAL_CARDS_WORKERS": None,  # processes drawing the cards due; None: one per core
}
# Fewer cards due than this are drawn in the build process (a pool costs more than it saves).
POOL_MIN_CARDS = 32
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Listed content only (plugins/model/listed.py): a hidden or draft post or page gets no card,
# so its page shows the site's card and nothing about it reaches social/.
ARTICLE_LISTS = ("articles",)  # and their translations
PAGE_LISTS = ("pages",)


@dataclass(frozen=True)
class SocialImage:
    """What a template needs for og:image; `url` is site-relative like `article.url`."""

    url: str
    alt: str
    width: int = WIDTH
    height: int = HEIGHT


def cache_folder(settings):
    """SOCIAL_CARDS_CACHE_PATH, else social_cards/ in Pelican's CACHE_PATH."""
    return cache_path(settings, "SOCIAL_CARDS_CACHE_PATH", "social_cards")


def article_card(article, settings):
    """(title, label, detail) of a post's or meeting's card."""
    event = getattr(article, "event", None)
    when = event.start if event else article.date
    detail = [when.strftime(settings.get("DEFAULT_DATE_FORMAT") or "%Y-%m-%d")]
    if event:
        detail.append(event.location)
    topics = [str(topic.title) for topic in getattr(article, "topic_list", None) or []]
    detail += topics[:2] + ([f"+{len(topics) - 2}"] if len(topics) > 2 else [])
    label = "Meeting" if event else str(getattr(article, "category", "") or "Post")
    return article.title, label, " · ".join(detail)


def page_card(page, settings):
    return page.title, "", settings.get("SITESUBTITLE") or ""


def card_path(folder, url, fallback):
    """`folder/<url without its trailing slash>.png`: posts/2009/x/ -> social/posts/2009/x.png."""
    name = url.strip("/").removesuffix("/index.html").removesuffix(".html") or fallback
    return f"{folder}/{name}.png"


def published(generators, kind, attribute_names):
    """Listed content objects of the lists named, with their translations, that have a page."""
    for generator in generators:
        if not isinstance(generator, kind):
            continue
        for name in attribute_names:
            for item in getattr(generator, name, None) or []:
                for one in (item, *getattr(item, "translations", [])):
                    if getattr(one, "save_as", None) and is_listed(one):
                        yield one


def attach_cards(generators):
    """all_generators_finalized: every item's `social_image`, and the list of cards to write."""
    if not generators:
        return
    context, settings = generators[0].context, generators[0].settings
    context["social_cards"] = cards = {}  # output path -> Card, this build's
    context["social_image_site"] = None
    if not settings.get("SOCIAL_CARDS", DEFAULTS["SOCIAL_CARDS"]):
        return
    root = settings.get("SOCIAL_CARDS_PATH", DEFAULTS["SOCIAL_CARDS_PATH"]).strip("/")
    items = [
        *(
            (a, article_card, root, a.url)
            for a in published(generators, ArticlesGenerator, ARTICLE_LISTS)
        ),
        *(
            (p, page_card, f"{root}/pages", p.url)
            for p in published(generators, PagesGenerator, PAGE_LISTS)
        ),
        # The kinds with cards of their own (plugins/model/kinds.py): topics, members, projects...
        *(
            (item, kind.card, root, item.url)
            for kind in kinds(settings, "social_cards")
            if kind.card is not None
            for item in context.get(kind.plural) or []
        ),
    ]
    for item, make_card, folder, url in items:
        card = Card(*make_card(item, settings), settings["SITENAME"])
        fallback = getattr(item, "slug", None) or getattr(item, "id", "card")
        path = card_path(folder, url, fallback)
        if path in cards:  # two items on one address: output_plan names them; no second card
            continue
        cards[path] = card
        item.social_image = SocialImage(path, alt=alt_text(card))
    site_card = Card(settings.get("SITESUBTITLE") or settings["SITENAME"], "", "",
                     settings["SITENAME"])  # fmt: skip
    cards[f"{root}/site.png"] = site_card
    context["social_image_site"] = SocialImage(f"{root}/site.png", alt=alt_text(site_card))


def alt_text(card):
    """og:image:alt: what the picture says, as plain text (the template escapes it)."""
    title = plain(card.title) or card.site
    return f"{card.site}: {title}" if title != card.site else card.site


class CardCache:
    """PNG bytes by Card.key() in a folder; a card missing or unreadable there is drawn."""

    def __init__(self, folder):
        self.folder = folder
        self.drawn = self.reused = 0

    def path_of(self, card):
        return os.path.join(self.folder, card.key() + ".png")

    def has(self, card):
        try:
            with open(self.path_of(card), "rb") as cached:
                return cached.read(len(PNG_SIGNATURE)) == PNG_SIGNATURE
        except OSError:
            return False

    def draw_due(self, cards, workers=None):
        """Draw the cards missing from the cache into it, in a pool of `workers` forked
        processes (None: one per core) when there are POOL_MIN_CARDS of them or more (a clean
        clone's build: 1,000 cards, about 10 ms each)."""
        due = list({card.key(): card for card in cards if not self.has(card)}.values())
        workers = (os.cpu_count() or 1) if workers is None else workers
        if len(due) < POOL_MIN_CARDS or workers < 2:
            return
        with multiprocessing.get_context("fork").Pool(min(workers, len(due))) as pool:
            for card, data in zip(due, pool.imap(draw, due, chunksize=8), strict=True):
                self.drawn += 1
                self.store(self.path_of(card), data)

    def bytes_of(self, card):
        path = self.path_of(card)
        try:
            with open(path, "rb") as cached:
                data = cached.read()
            if data.startswith(PNG_SIGNATURE):
                self.reused += 1
                return data
        except OSError:
            pass
        data = draw(card)
        self.drawn += 1
        self.store(path, data)
        return data

    def store(self, path, data):
        """Write atomically (a temporary file renamed), so a killed build leaves no half card.
        A cache that cannot be written only costs the drawing next time."""
        try:
            os.makedirs(self.folder, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
            with os.fdopen(handle, "wb") as output:
                output.write(data)
            os.replace(temporary, path)
        except OSError as error:
            logger.info("social cards: not cached (%s)", error)


class SocialCardsGenerator(Generator):
    """Writes the cards `attach_cards` listed; drawn (or read from the cache) only when the
    build process writes them, never while the output is planned."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        cards = self.context.get("social_cards") or {}
        cache = CardCache(cache_folder(self.settings))
        if getattr(writer, "is_build_process", True) and not getattr(writer, "planning", False):
            workers = self.settings.get("SOCIAL_CARDS_WORKERS", DEFAULTS["SOCIAL_CARDS_WORKERS"])
            cache.draw_due(cards.values(), workers)
        for path, card in cards.items():
            make_bytes = functools.partial(cache.bytes_of, card)
            writer.write_own_file(path, make_bytes, "social card", made_from=card)
        if cards and getattr(writer, "is_build_process", True):
            logger.debug("social cards: %d drawn, %d from the cache", cache.drawn, cache.reused)


def add_generator(pelican):
    return SocialCardsGenerator


def register():
    output_plan.register()  # the cards are written with writer.write_own_file
    use_defaults(DEFAULTS)
    signals.all_generators_finalized.connect(attach_cards)
    signals.get_generators.connect(add_generator)
