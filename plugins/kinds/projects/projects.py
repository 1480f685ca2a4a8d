"""The projects directory: Python software that works at ultra-large scale, one Markdown file a
project in content/projects/ (fields.py), extended by members' pull requests.

It writes a page per project (project.html), the directory (projects.html at PROJECTS_SAVE_AS),
the directory filtered by state and by topic (projects.html again, one page each: filters that
work without JavaScript), and an Atom and an RSS feed of the projects newest to the directory.
Each topic gets `projects` (the projects serving it) for its page. The project kind is declared
once (KIND): the content checks, the output plan, social cards, the feeds index and redirects
read it from plugins/model/kinds.py.
"""

import os

from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator

from plugins.compat import set_output_location
from plugins.model.defaults import use_defaults
from plugins.model.error_report import split_list
from plugins.model.kinds import Kind, Owner, declare
from plugins.model.listed import is_listed

from .fields import FIELDS, REQUIRED, STATES, UNIQUE

DEFAULTS = {
    "PROJECTS_PATH": "projects",
    "PROJECT_URL": "projects/{slug}/",
    "PROJECT_SAVE_AS": "projects/{slug}/index.html",
    "PROJECTS_URL": "projects/",
    "PROJECTS_SAVE_AS": "projects/index.html",
    "PROJECTS_STATE_URL": "projects/state/{state}/",
    "PROJECTS_STATE_SAVE_AS": "projects/state/{state}/index.html",
    "PROJECTS_TOPIC_URL": "projects/topic/{slug}/",
    "PROJECTS_TOPIC_SAVE_AS": "projects/topic/{slug}/index.html",
    "PROJECTS_FEED_ATOM": "feeds/projects.atom.xml",
    "PROJECTS_FEED_RSS": "feeds/projects.rss.xml",
}


class Project:
    """One project of the directory; `page` is the Page read from its file."""

    def __init__(self, slug, page, settings):
        self.slug = slug
        self.page = page
        self.title = page.title
        self.date = page.date
        self.modified = getattr(page, "modified", None)
        self.homepage = page.metadata["homepage"]
        self.repository = page.metadata["repository"]
        self.licence = page.metadata["licence"]
        self.state = page.metadata["state"]
        self.state_meaning = STATES[self.state]
        self.topic_names = split_list(page.metadata.get("topics"))
        self.topic_list = []  # Topic objects, once the topics are read
        # Its feed entry's ID: tag:<authority>,<Date>:projects/<slug>, never a post's.
        page.metadata.setdefault("guid", f"projects/{slug}")
        self.url = settings["PROJECT_URL"].format(slug=slug)
        self.save_as = settings["PROJECT_SAVE_AS"].format(slug=slug)
        set_output_location(page, self.url, self.save_as)  # {filename} links reach the page

    @property
    def content(self):
        return self.page.content

    @property
    def summary(self):
        return self.page.summary

    def __str__(self):
        return self.title


class Filter:
    """A page of the directory showing some of the projects: all, one state, one topic."""

    def __init__(self, title, url, save_as, projects, key=""):
        self.title, self.url, self.save_as = title, url, save_as
        self.projects, self.key = projects, key


class ProjectsGenerator(Generator):
    def generate_context(self):
        folder = self.settings["PROJECTS_PATH"]
        self.projects = []
        for relative in sorted(self.get_files([folder], extensions=self.readers.extensions)):
            slug = os.path.splitext(os.path.basename(relative))[0]
            page = self.readers.read_file(
                base_path=self.path, path=relative, content_class=Page, context=self.context
            )
            if is_listed(page):
                self.projects.append(Project(slug, page, self.settings))
            self.add_source_path(page)
        self.projects.sort(key=lambda project: project.title.casefold())
        self.context["projects"] = self.projects

    def filters(self):
        """The directory, then a page per state and per topic that has projects."""
        s = self.settings
        pages = [Filter("All projects", s["PROJECTS_URL"], s["PROJECTS_SAVE_AS"], self.projects)]
        for state in STATES:
            chosen = [p for p in self.projects if p.state == state]
            if chosen:
                url = s["PROJECTS_STATE_URL"].format(state=state)
                save_as = s["PROJECTS_STATE_SAVE_AS"].format(state=state)
                pages.append(Filter(state.capitalize(), url, save_as, chosen, state))
        for topic in self.context.get("topics") or []:
            chosen = getattr(topic, "projects", None)
            if chosen:
                url = s["PROJECTS_TOPIC_URL"].format(slug=topic.slug)
                save_as = s["PROJECTS_TOPIC_SAVE_AS"].format(slug=topic.slug)
                pages.append(Filter(topic.title, url, save_as, chosen, topic.slug))
        return pages

    def generate_output(self, writer):
        for project in self.projects:
            writer.write_file(
                project.save_as,
                self.get_template("project"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=project.url,
                project=project,
            )
        filters = self.filters()
        for shown in filters:
            writer.write_file(
                shown.save_as,
                self.get_template("projects"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=shown.url,
                shown=shown,
                filters=filters,
            )
        newest = sorted(self.projects, key=lambda project: project.date, reverse=True)
        for feed_type in ("atom", "rss"):
            path = self.settings[f"PROJECTS_FEED_{feed_type.upper()}"]
            if path:
                pages = [project.page for project in newest]
                writer.write_feed(pages, self.context, path, url=path, feed_type=feed_type,
                                  feed_title="New projects")  # fmt: skip


def link_topics(generators):
    """all_generators_finalized: each project's topics, and each topic's projects (the
    generators read their sources in an order of their own, so this waits for all of them)."""
    context = generators[0].context if generators else {}
    topics = {topic.slug: topic for topic in context.get("topics") or []}
    for topic in topics.values():
        topic.projects = []
    for project in context.get("projects") or []:
        project.topic_list = [topics[name] for name in project.topic_names if name in topics]
        for topic in project.topic_list:
            topic.projects.append(project)


def project_card(project, settings):
    """(title, label, detail) of a project's social card."""
    return project.title, f"Project · {project.state}", str(project.summary or "")


def project_feeds(context):
    """The feed of new projects, for the feeds index (the context holds the settings)."""
    atom, rss = context["PROJECTS_FEED_ATOM"], context["PROJECTS_FEED_RSS"]
    if context.get("projects") and (atom or rss):
        purpose = "Projects as they join the directory, newest first."
        yield "Projects", "New projects", purpose, atom, rss, context["PROJECTS_URL"]


def project_owner(project):
    return Owner("the project", project.page.source_path, 1, "rename the file")


KIND = declare(
    Kind(
        "project",
        "projects",
        "PROJECT",
        plugin=__spec__.parent,
        sources="PROJECTS_PATH",
        fields=FIELDS,
        required=REQUIRED,
        unique=UNIQUE,
        outputs=frozenset({"lists", "feeds", "search", "sitemap", "social_cards", "redirects"}),
        card=project_card,
        feeds=project_feeds,
        entries=lambda context: [project.page for project in context.get("projects") or []],
        owner=project_owner,
    )
)


def add_generator(pelican):
    return ProjectsGenerator


def register():
    use_defaults(DEFAULTS)
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(link_topics)
