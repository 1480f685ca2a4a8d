"""mailing_list: the list's archive (content/list/) as threads, month pages, feeds and search.

Reading (archive.py, message.py): pipermail months and mbox files with `mailbox` and `email`
(policy default), each file parsed only when its bytes change (a JSON cache keyed by their
hash). One message per identity (identity.py: the same message twice is kept once, two
different ones with one Message-ID stop the build), a message marked `X-No-Archive` left out,
and limits on every count (limits.py: MAILING_LIST_MAX_*, over one the build stops with
`path:line`). Threads (threads.py) from Message-ID, In-Reply-To and References, the subject as
a fallback. Privacy (privacy.py): no address reaches a page, feed or the search index; a member
who lists an address in members.toml (`list_addresses = ["ada@example.org"]`) is linked from
their messages. Bodies (render.py) are escaped text with quotes collapsed, signatures dimmed
and links rel="nofollow ugc".

Pages: MAILING_LIST_URL (`list/`, threads by newest message, paginated), one page per month
with messages (`list/<year>/<month>/`) and per thread (`list/threads/<id>/`), indexed by
Pagefind with the filter section "Mailing list". Feeds (feeds.py): `feeds/list.atom.xml`,
`feeds/list.rss.xml` and one pair per thread. Context: `list_threads`, `list_months`,
`list_latest_threads` (the home page), `list_feeds` (plugins/outputs/feeds lists them on /feeds/).
With no archive in content/list/ (the repository as committed), nothing of this is written.
"""

import logging
import os
from collections import Counter
from itertools import groupby

from pelican import signals
from pelican.generators import Generator

import plugins.guard.output_plan as output_plan
from plugins.model.defaults import apply_defaults, cache_path

from .archive import read_archives
from .feeds import list_feeds
from .identity import unique_records
from .limits import LIMITS, check_threads
from .members import match_members
from .message import parse_date
from .render import body_html
from .threads import Post, build_threads

logger = logging.getLogger(__name__)

DEFAULTS = {
    "MAILING_LIST_PATH": "list",  # under PATH
    "MAILING_LIST_CACHE_PATH": None,  # None: <CACHE_PATH>/mailing_list
    "MAILING_LIST_SUBJECT_PREFIX": r"^\s*\[uls-sig\]\s*",  # the tag Mailman puts in subjects
    "MAILING_LIST_URL": "list/",
    "MAILING_LIST_SAVE_AS": "list/index.html",
    "MAILING_LIST_PER_PAGE": 25,  # threads per page of MAILING_LIST_URL
    "MAILING_LIST_MONTH_URL": "list/{year}/{month:02d}/",
    "MAILING_LIST_MONTH_SAVE_AS": "list/{year}/{month:02d}/index.html",
    "MAILING_LIST_THREAD_URL": "list/threads/{id}/",
    "MAILING_LIST_THREAD_SAVE_AS": "list/threads/{id}/index.html",
    "MAILING_LIST_FEED_ATOM": "feeds/list.atom.xml",
    "MAILING_LIST_FEED_RSS": "feeds/list.rss.xml",
    "MAILING_LIST_THREAD_FEED_ATOM": "feeds/list/threads/{id}.atom.xml",
    "MAILING_LIST_THREAD_FEED_RSS": "feeds/list/threads/{id}.rss.xml",
    "MAILING_LIST_FEED_MAX_ITEMS": 50,
    # Entry IDs are tag:<FEED_ID_AUTHORITY>,<this>:list/<hash of the Message-ID>; never change.
    "MAILING_LIST_FEED_ID_DATE": "2009-03-14",
    "MAILING_LIST_LATEST": 5,  # threads on the home page
    "MAILING_LIST_MENU_LABEL": "List archive",  # added to MAIN_MENU when there are threads
    **LIMITS,  # MAILING_LIST_MAX_*: anything over one stops the build (limits.py)
}


class Month:
    """A month with messages: its page lists the threads with a message in it."""

    def __init__(self, year, month, threads, count, settings):
        self.year, self.month, self.threads, self.count = year, month, threads, count
        self.url = settings["MAILING_LIST_MONTH_URL"].format(year=year, month=month)
        self.save_as = settings["MAILING_LIST_MONTH_SAVE_AS"].format(year=year, month=month)

    @property
    def title(self):
        return self.threads[0].posts[0].date.replace(year=self.year, month=self.month, day=1)


def set_defaults(pelican):
    settings = apply_defaults(pelican.settings, DEFAULTS)
    settings["MAILING_LIST_CACHE_PATH"] = cache_path(
        settings, "MAILING_LIST_CACHE_PATH", "mailing_list"
    )
    templates = settings.setdefault("PAGINATED_TEMPLATES", {})
    templates.setdefault("list_index", settings["MAILING_LIST_PER_PAGE"])


def to_post(record):
    fields = {key: record[key] for key in Post.__dataclass_fields__ if key in record}
    fields["date"] = parse_date(record["date"])
    post = Post(**fields)
    post.html = body_html(post.text)
    return post


def thread_months(threads, settings):
    """[Month], newest first: each month with its threads (newest activity first)."""
    counts = Counter((post.date.year, post.date.month) for t in threads for post in t.posts)
    by_month = {}
    for thread in threads:  # already newest activity first
        for key in dict.fromkeys((post.date.year, post.date.month) for post in thread.posts):
            by_month.setdefault(key, []).append(thread)
    return [
        Month(year, month, by_month[year, month], counts[year, month], settings)
        for year, month in sorted(by_month, reverse=True)
    ]


def months_by_year(months):
    return [(year, list(items)) for year, items in groupby(months, key=lambda m: m.year)]


class MailingListGenerator(Generator):
    """Reads the archive (generate_context), writes its pages and feeds (generate_output)."""

    def generate_context(self):
        settings = self.settings
        folder = os.path.join(self.path, settings["MAILING_LIST_PATH"])
        files, parsed = read_archives(folder, settings["MAILING_LIST_CACHE_PATH"], settings)
        posts = [to_post(record) for record in unique_records(files)]
        self.threads = build_threads(posts)
        check_threads(self.threads, settings)
        for thread in self.threads:
            fields = {"id": thread.id}
            thread.url = settings["MAILING_LIST_THREAD_URL"].format(**fields)
            thread.save_as = settings["MAILING_LIST_THREAD_SAVE_AS"].format(**fields)
            for kind in ("ATOM", "RSS"):
                pattern = settings[f"MAILING_LIST_THREAD_FEED_{kind}"]
                setattr(thread, f"feed_{kind.lower()}", pattern.format(**fields) if pattern else "")
        self.posts = posts
        self.months = thread_months(self.threads, settings)
        self.context["list_threads"] = self.threads
        self.context["list_months"] = self.months
        self.context["list_latest_threads"] = self.threads[: settings["MAILING_LIST_LATEST"]]
        self.context["list_feeds"] = self.feed_entries() if self.threads else []
        if self.threads and settings["MAILING_LIST_MENU_LABEL"]:
            menu = list(self.context.get("MAIN_MENU") or [])
            entry = (settings["MAILING_LIST_MENU_LABEL"], settings["MAILING_LIST_URL"])
            if entry not in menu:
                self.context["MAIN_MENU"] = [*menu, entry]
        if files:
            logger.info(
                "Mailing list: %d messages in %d threads from %d files (%d parsed, %d cached)",
                len(posts), len(self.threads), len(files), parsed, len(files) - parsed,
            )  # fmt: skip

    def link_members(self):
        """Once every generator has its context (members come from plugins/kinds/members)."""
        match_members(self.posts, self.context.get("members") or [], self.path, self.settings)

    def feed_entries(self):
        """(title, purpose, atom, rss, page url) of the list's main feeds, for /feeds/."""
        settings = self.settings
        return [
            (
                "Mailing list",
                "The newest messages of the mailing list, in full.",
                settings["MAILING_LIST_FEED_ATOM"],
                settings["MAILING_LIST_FEED_RSS"],
                settings["MAILING_LIST_URL"],
            )
        ]

    def generate_output(self, writer):
        if not self.threads:
            return
        settings, common = self.settings, {"relative_urls": self.settings["RELATIVE_URLS"]}
        years = months_by_year(self.months)
        writer.write_file(
            settings["MAILING_LIST_SAVE_AS"],
            self.get_template("list_index"),
            self.context,
            paginated={"threads": self.threads},
            template_name="list_index",
            url=settings["MAILING_LIST_URL"],
            threads=self.threads,
            list_years=years,
            hub_feeds=(
                settings["MAILING_LIST_FEED_ATOM"],
                settings["MAILING_LIST_FEED_RSS"],
                f"{settings['SITENAME']} mailing list",
            ),
            **common,
        )
        for month in self.months:
            writer.write_file(
                month.save_as,
                self.get_template("list_month"),
                self.context,
                url=month.url,
                month=month,
                list_years=years,
                **common,
            )
        for thread in self.threads:
            writer.write_file(
                thread.save_as,
                self.get_template("list_thread"),
                self.context,
                url=thread.url,
                thread=thread,
                hub_feeds=(thread.feed_atom, thread.feed_rss, f"Thread: {thread.subject}"),
                **common,
            )
        for path, make_bytes, what in list_feeds(self.threads, settings):
            writer.write_own_file(path, make_bytes, what)


def add_generator(pelican):
    return MailingListGenerator


def link_members(generators):
    """all_generators_finalized: generators run in no fixed order, so members are matched
    once all of them have read their content."""
    for generator in generators:
        if isinstance(generator, MailingListGenerator):
            generator.link_members()


def register():
    output_plan.register()  # the feeds are written with writer.write_own_file
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(link_members)
