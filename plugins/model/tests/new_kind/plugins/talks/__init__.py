"""An illustrative content kind for the test of the kinds registry (test_new_kind.py): talks,
one Markdown file each in talks/, with a required Speaker. It is declared once, here, and lives
outside the site's `plugins` package: nothing in plugins/ names it, yet the content checks, the
output plan, social cards, the feeds index, the sitemap and the redirects take it in."""

import os

from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator

from plugins.model.kinds import Field, Kind, Owner, declare


class Talk:
    def __init__(self, page, settings):
        self.page = page
        self.slug = os.path.splitext(os.path.basename(page.source_path))[0]
        self.title, self.date, self.content = page.title, page.date, page.content
        self.speaker = page.metadata["speaker"]
        self.url = settings["TALK_URL"].format(slug=self.slug)
        self.save_as = settings["TALK_SAVE_AS"].format(slug=self.slug)
        page.override_url, page.override_save_as = self.url, self.save_as


class TalksGenerator(Generator):
    def generate_context(self):
        self.talks = []
        for relative in sorted(self.get_files(["talks"], extensions=self.readers.extensions)):
            page = self.readers.read_file(
                base_path=self.path, path=relative, content_class=Page, context=self.context
            )
            self.talks.append(Talk(page, self.settings))
        self.context["talks"] = self.talks

    def generate_output(self, writer):
        for talk in self.talks:
            writer.write_file(talk.save_as, self.get_template("talk"), self.context, talk=talk)
        pages = [talk.page for talk in self.talks]
        writer.write_feed(pages, self.context, "feeds/talks.atom.xml", url="feeds/talks.atom.xml")


def talk_feeds(context):
    if context.get("talks"):
        yield "Talks", "Talks", "Every talk.", "feeds/talks.atom.xml", None, "talks/"


KIND = declare(
    Kind(
        "talk",
        "talks",
        "TALK",
        plugin=__name__,
        sources="TALKS_PATH",
        fields=(Field("Speaker", required=True),),
        required=("title", "date", "speaker"),
        unique=("title",),
        templates=("talk",),
        outputs=frozenset({"feeds", "sitemap", "social_cards", "redirects", "search"}),
        card=lambda talk, settings: (talk.title, "Talk", talk.speaker),
        feeds=talk_feeds,
        entries=lambda context: [talk.page for talk in context.get("talks") or []],
        owner=lambda talk: Owner("the talk", talk.page.source_path, 1, "rename the file"),
    )
)


def add_generator(pelican):
    return TalksGenerator


def register():
    signals.get_generators.connect(add_generator)
