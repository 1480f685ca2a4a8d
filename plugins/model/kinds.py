"""The content kinds of the site, each declared once: where its sources are, what their header
holds, its address settings, the templates its sources may choose and the outputs it takes part
in. The plugins that make those outputs (the content checks, the output plan, feeds, social
cards, redirects and the URL lock) read the declarations; none lists kinds by hand.

Pelican's own kinds (posts, meetings among them, and pages) are declared here. A plugin that adds
a kind declares it when it is imported, with the functions only it knows (how an item is named
on its card, in the feeds index, and which source line owns its page):

    KIND = declare(Kind(name="project", plural="projects", setting="PROJECT",
                        plugin=__spec__.parent, sources="PROJECTS_PATH", fields=FIELDS, ...))

A declared kind counts for a build only when its plugin is in that build's PLUGINS (which
`kinds(settings)` imports, as Pelican does).
"""

import contextlib
import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

# What a kind may take part in (Kind.outputs).
OUTPUTS = frozenset(
    {"lists", "feeds", "calendars", "search", "sitemap", "social_cards", "redirects", "url_lock"}
)


@dataclass(frozen=True)
class Field:
    """A header field of a kind's sources. `check(value) -> None or (problem, fix)` for a
    single value (each item of a list-valued field); "topics" and "authors" are checked
    against topics/ and members.toml by the content checks."""

    name: str  # as written, e.g. "Homepage"
    required: bool = False
    list_valued: bool = False
    check: Callable | None = None


@dataclass(frozen=True)
class Owner:
    """The source line that owns an item's page: what it is, its file, the line, and the fix
    (None: the output plan's fix for the metadata `key` that set the address, if any)."""

    what: str
    path: str
    line: int = 1
    fix: str | None = None
    key: str = ""


@dataclass(frozen=True)
class Kind:
    name: str  # "topic": its template (topic.html) and its template variable
    plural: str  # "topics": the context list of its items and its index template
    setting: str  # "TOPIC": TOPIC_URL, TOPIC_SAVE_AS, TOPICS_URL, ... (*_FEED_ATOM/RSS)
    plugin: str | None = None  # declared by this plugin; None: Pelican's own
    sources: str | None = None  # the setting naming the folder of its Markdown sources
    fields: tuple = ()  # its own header fields (Field), beyond the common ones
    required: tuple = ("title",)  # header keys (lower case) its sources must have
    unique: tuple = ()  # header keys (lower case) no two of its sources may share
    templates: tuple = ()  # the templates `Template:` may choose in its sources
    outputs: frozenset = field(default_factory=frozenset)
    card: Callable | None = None  # (item, settings) -> (title, label, detail) of its card
    feeds: Callable | None = None  # context -> [(group, title, purpose, atom, rss, url)]
    entries: Callable | None = None  # context -> content objects its feeds list (not posts)
    owner: Callable | None = None  # item -> Owner of its page

    @property
    def field_names(self):
        return tuple(item.name for item in self.fields)


POST = Kind(
    "post",
    "posts",
    "ARTICLE",
    sources="ARTICLE_PATHS",
    required=("title", "date", "authors", "summary"),
    templates=("article",),
    outputs=OUTPUTS,
)
PAGE = Kind(
    "page",
    "pages",
    "PAGE",
    sources="PAGE_PATHS",
    templates=("page", "members"),
    outputs=frozenset({"search", "sitemap", "social_cards", "url_lock"}),
)
_declared = {POST.name: POST, PAGE.name: PAGE}  # name -> Kind, as the plugins registered them


def declare(kind):
    """At the import of the plugin that adds `kind`: declare it; returns it."""
    unknown = set(kind.outputs) - OUTPUTS
    if unknown:
        raise ValueError(f"kind {kind.name!r}: unknown outputs {sorted(unknown)}")
    _declared[kind.name] = kind
    return kind


def plugin_names(settings):
    """The module names of the PLUGINS of `settings`, each imported (its kind declared)."""
    names = {getattr(plugin, "__name__", str(plugin)) for plugin in settings.get("PLUGINS") or []}
    for name in names - set(sys.modules):
        # One Pelican imports from PLUGIN_PATHS (not on sys.path here) declares no kind of ours.
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    return names


def kinds(settings, output=None):
    """The kinds of the build of `settings` (Pelican's and those of its PLUGINS), in the order
    declared; with `output`, only those taking part in it."""
    active = plugin_names(settings)
    return [
        kind
        for kind in _declared.values()
        if (kind.plugin is None or kind.plugin in active)
        and (output is None or output in kind.outputs)
    ]


def kind_named(settings, name):
    return next((kind for kind in kinds(settings) if kind.name == name), None)
