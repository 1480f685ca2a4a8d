"""The build object: what the plugins keep during one build, and nowhere else.

Pelican passes no object of its own to every signal, but every signal's argument leads to the
build's settings dict (`pelican.settings`, `generator.settings`, `content.settings`, the first
of `all_generators_finalized`'s generators), and each run of Pelican reads its settings afresh.
So the build object lives in that dict, under a key no setting can have (settings are upper
case), created at `initialized`:

    from plugins.model.build import build_of
    build_of(generator.settings).listed_pages[path] = lastmod

Two builds in one process therefore share nothing (tests/test_build_object.py builds twice in one
process and compares the bytes with builds in processes of their own). What a plugin keeps for
the life of the process (its receivers, its finishing steps, the reservations of its register())
is not build state and stays in the plugin.
"""

from pelican import signals

KEY = "plugins.model.build"  # lower case: never a setting, and not a name a template can reach


class Build:
    """The plugins' state during one build; each attribute is written by one plugin."""

    def __init__(self):
        self.guard = None  # content_guard: what its checks found (content_guard.GuardRun)
        self.sanitized = []  # sanitize: content objects cleaned, checked again once links resolve
        self.planned_generators = []  # output_plan: the generators whose output is planned
        self.listed_pages = {}  # search/listed.py: absolute path of a listed page -> lastmod
        self.newest_listed = {}  # listed.py: {id of a list of posts: (the list, newest date)}
        self.over_budget = []  # render_budget: "path: seconds" of files over their budget
        self.budget_announced = False  # render_budget: a generator is about to read its files
        self.read_cache = None  # read_cache: the reader's results kept for the next build
        self.output_memo = None  # output_plan: the writer calls of this build and the last
        self.feed_links = None  # feeds: (what it was made from, {item link: post})
        self.feed_absolute_html = {}  # feeds: {(body, base): the body with absolute links}

    def __reduce__(self):
        # Pelican's content cache may pickle content objects with their settings: a build is
        # never carried to another build, so it is saved as a new, empty one.
        return (Build, ())


def build_of(settings):
    """The build object of the build these settings belong to (made on first use outside a
    build, as in a test that calls a plugin's function with a settings dict of its own)."""
    build = settings.get(KEY)
    if build is None:
        build = settings[KEY] = Build()
    return build


def start_build(pelican):
    """initialized: a new build object for this run of Pelican."""
    pelican.settings[KEY] = Build()


def register():
    """Connected by every plugin that keeps build state (blinker connects a receiver once)."""
    signals.initialized.connect(start_build)
