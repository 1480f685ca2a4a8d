"""Hubs: one page per item of a kind (a topic, a member) listing its posts, and its feeds.

Topics and members are the same idea: each item gets a page (paginated, its posts newest first),
an Atom and an RSS feed of exactly those posts, and the kind an index page; every post, draft and
translation names its items in one metadata line. The kinds differ only in where the items come
from (Markdown files, members.toml), what a post writes to name them and what the pages show.
This library is that shared part, so a new kind (speakers, say) is a small subclass:

    class Speaker(Hub):
        kind, setting, placeholder = "speaker", "SPEAKER", "slug"
        # settings SPEAKER_URL, SPEAKER_SAVE_AS, SPEAKER_FEED_ATOM, SPEAKER_FEED_RSS,
        # SPEAKERS_URL, SPEAKERS_SAVE_AS; templates speaker.html and speakers.html

    class SpeakersGenerator(HubsGenerator):
        hub_class, attribute = Speaker, "speakers"  # article.speakers: its Speaker objects
        defaults = DEFAULTS                       # those settings' defaults
        def read_hubs(self): ...                  # [Speaker], in the order pages list them
        def hubs_of(self, article, by_key): ...   # its speakers; a ContentError if unknown

    register = SpeakersGenerator.register

It is a library, not a plugin: topics and members import it (`from hubs import Hub`).
"""

from typing import ClassVar

from pelican import signals
from pelican.generators import Generator

from plugins.model.listed import is_example, listed

# Context lists of the ArticlesGenerator whose posts name hubs; translations are reached
# through each post's `translations`. Only listed posts (`articles` that plugins/model/listed.py
# calls listed: never a hidden post or a draft) are on a hub's page and feeds.
ARTICLE_LISTS = ("articles", "hidden_articles", "drafts")


def posts_by_hub(hubs, posts, attribute):
    """{hub: its posts, newest first} from each post's list of hubs (`attribute`): one pass over
    the posts and their hubs, whatever the number of hubs (not hubs x posts)."""
    found = {hub: [] for hub in hubs}
    for post in sorted(posts, key=lambda post: post.date, reverse=True):
        for hub in dict.fromkeys(getattr(post, attribute, None) or ()):
            if hub in found:
                found[hub].append(post)
    return found


def feed_path(pattern, **fields):
    """The feed's path from a *_FEED_ATOM/_RSS pattern; None when the setting turns it off."""
    return pattern.format(**fields) if pattern else None


class Hub:
    """One item of a kind. `kind` names its template and its template variable (`topic`);
    `setting` is the prefix of its settings (TOPIC_URL, ...), whose patterns are formatted with
    `{placeholder}` set to the item's key."""

    kind = "hub"
    setting = "HUB"
    placeholder = "slug"

    def __init__(self, key, settings):
        fields = {self.placeholder: key}
        self.url = settings[f"{self.setting}_URL"].format(**fields)
        self.save_as = settings[f"{self.setting}_SAVE_AS"].format(**fields)
        self.feed_atom = feed_path(settings[f"{self.setting}_FEED_ATOM"], **fields)
        self.feed_rss = feed_path(settings[f"{self.setting}_FEED_RSS"], **fields)
        self.articles = []  # its published posts, newest first
        self.examples = []  # illustrative meetings that name it: shown apart, not its posts

    @property
    def feed_title(self):
        """The title of its feeds; Pelican's writer puts "<SITENAME> - " in front."""
        return str(self)


class HubsGenerator(Generator):
    """Reads the hubs of one kind, links them with the posts, writes their pages and feeds.

    A subclass sets `hub_class`, `defaults` (its settings, set at `initialized` so that
    templates see them too) and `attribute` (the list of hubs each post gets, e.g.
    `topic_list`), and implements `read_hubs()` and `hubs_of(article, by_key)`. The index page
    is template `<kind>s.html` at `<SETTING>S_SAVE_AS` (topics.html at TOPICS_SAVE_AS).
    """

    hub_class = Hub
    defaults: ClassVar[dict] = {}
    attribute = "hubs"

    @classmethod
    def set_defaults(cls, pelican):
        for key, value in cls.defaults.items():
            pelican.settings.setdefault(key, value)

    @classmethod
    def add_generator(cls, pelican):
        return cls

    @classmethod
    def register(cls):
        """Pelican's register() of a hub plugin. Connected as class methods (one receiver per
        class, however often register runs in one process)."""
        signals.initialized.connect(cls.set_defaults)
        signals.get_generators.connect(cls.add_generator)

    def read_hubs(self):
        raise NotImplementedError

    def hubs_of(self, article, by_key):
        raise NotImplementedError

    def key(self, hub):
        """The name posts give the hub: its slug, its id."""
        return getattr(hub, hub.placeholder)

    def generate_context(self):
        """Reads the hubs, sets each post's list of hubs and each hub's published posts."""
        self.hubs = self.read_hubs()
        by_key = {self.key(hub): hub for hub in self.hubs}
        for article in self.every_article():
            setattr(article, self.attribute, self.hubs_of(article, by_key))
        listed_posts = listed(self.context.get("articles", []))
        for hub, posts in posts_by_hub(self.hubs, listed_posts, self.attribute).items():
            # Illustrative meetings are not the hub's posts (not in its pages, count, feeds or
            # related topics): its first page shows them apart (partials/hub_examples.html).
            hub.articles = [post for post in posts if not is_example(post)]
            hub.examples = [post for post in posts if is_example(post)]
        return self.hubs

    def every_article(self):
        """Every post that may name a hub: published, hidden and draft, and their translations."""
        for kind in ARTICLE_LISTS:
            for article in self.context.get(kind, []):
                yield article
                yield from article.translations

    def generate_output(self, writer):
        for hub in self.hubs:
            self.write_hub(writer, hub)
            self.write_feeds(writer, hub)
        self.write_index(writer)

    def write_hub(self, writer, hub):
        """The hub's page: template `<kind>.html`, its posts paginated like an index."""
        writer.write_file(
            hub.save_as,
            self.get_template(hub.kind),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            paginated={"articles": hub.articles, "dates": hub.articles},
            template_name=hub.kind,
            url=hub.url,
            articles=hub.articles,
            dates=hub.articles,
            **{hub.kind: hub},
        )

    def write_feeds(self, writer, hub):
        for feed_type, path in (("atom", hub.feed_atom), ("rss", hub.feed_rss)):
            if path:
                writer.write_feed(
                    hub.articles,
                    self.context,
                    path,
                    url=path,
                    feed_type=feed_type,
                    feed_title=hub.feed_title,
                )

    def write_index(self, writer, **extra):
        """The page listing every hub of the kind; `extra` goes to the template."""
        setting = self.hub_class.setting + "S"
        writer.write_file(
            self.settings[f"{setting}_SAVE_AS"],
            self.get_template(self.hub_class.kind + "s"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings[f"{setting}_URL"],
            **extra,
        )
