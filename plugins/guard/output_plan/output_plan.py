"""output_plan: before anything is written, the build knows every file it writes and its owner.

A content-only pull request must not be able to take over a file another source or the site
itself writes (the home page, a feed, calendar.ics, /search/, another member's post...). So when
Pelican asks for its writer (`get_writer`, once every generator has its context), this plugin
runs every generator's `generate_output` with a PlanningWriter that renders nothing and only
records the files each call would write (paginated pages included) and who asked for them:
the post, page, topic or member behind the call, or the site. Static files, the theme's assets
(`theme/`) and what finishing steps write (the search index, sitemap.xml, robots.txt: plugins
declare them with `reserve()`) are claimed too. A path claimed twice (also differing only in
case), or one that leaves the output folder, refuses the build naming every claimant with
`path:line`, before a single file is written.

The writer the build then uses (PlannedWriter) refuses any write the plan does not hold.
Generators that write files themselves (the JSON Feed, calendars) do it
through `writer.write_own_file(path, make_bytes)`, which the plan records like any other write.
"""

import logging
import os
from collections import Counter

from pelican import signals
from pelican.generators import StaticGenerator
from pelican.paginator import Paginator
from pelican.writers import Writer

from plugins.model import build as build_object
from plugins.model.build import build_of
from plugins.model.defaults import use_defaults
from plugins.model.error_report import metadata_line
from plugins.model.finishing import RECORD, add_step
from plugins.model.kinds import kinds

from .memo import DEFAULTS, open_memo
from .plan import Owner, Plan, site

logger = logging.getLogger(__name__)

_reserved = []  # functions settings -> [(path or folder/, what)] of files written after output


class UnplannedWriteError(RuntimeError):
    """A writer call the plan does not hold: a plugin writes conditionally or outside the plan."""


def reserve(declare):
    """Register `declare(settings)` -> [(path, what)]: files a plugin writes in a finishing step.

    A path ending in "/" reserves the whole folder (e.g. the search index)."""
    if declare not in _reserved:
        _reserved.append(declare)
    register()


FIXES = {
    "aliases": "remove the alias: Aliases only keeps this post's own old addresses alive",
    "save_as": "remove Save_as: the address comes from the file name or Slug",
    "url": "remove URL: the address comes from the file name or Slug",
    "slug": "give it another Slug",
    "lang": "fix Lang: a language code such as de or pt-br",
    "tags": "rename the tag",
    "category": "use another Category",
    "": "rename the file",
}


def content_owner(item, key, what):
    """The Owner of a file written for a content object, at the line of `key` if it is set."""
    path = item.source_path
    line = metadata_line(path, key) if key in getattr(item, "metadata", {}) else 1
    return Owner(what, path, line, FIXES.get(key if line > 1 else "", FIXES[""]))


def address_key(item):
    """The metadata key that set an item's address, else the file name (line 1)."""
    metadata = getattr(item, "metadata", {})
    return next((k for k in ("save_as", "url", "slug", "lang") if k in metadata), "")


def owner_of_call(template_name, template, kwargs, settings):
    """Who a write_file call writes for, from the objects it passes to the template."""
    if kwargs.get("target") is not None:  # plugins/outputs/addresses: a redirect for an alias
        return content_owner(kwargs["target"], "aliases", "an alias in")
    for kind in ("article", "page"):
        item = kwargs.get(kind)
        if getattr(item, "source_path", None):
            key = address_key(item)
            return content_owner(item, key, f"the {'post' if kind == 'article' else kind}")
    for kind in kinds(settings):  # topics, members, projects... (plugins/model/kinds.py)
        item = kwargs.get(kind.name)
        if item is not None and kind.owner is not None:
            found = kind.owner(item)
            fix = found.fix or FIXES.get(found.key if found.line > 1 else "", FIXES[""])
            return Owner(found.what, found.path, found.line, fix)
    for kind, key in (("tag", "tags"), ("category", "category")):
        value = kwargs.get(kind)
        if value is not None:
            articles = kwargs.get("articles") or []
            first = min(articles, key=lambda a: a.source_path, default=None)
            if first is None:
                return site(f"{kind} page for {str(value)!r}")
            return content_owner(first, key, f"{kind} {str(value)!r} in")
    name = template_name or getattr(template, "name", "page").rsplit(".", 1)[0]
    return site(f"{name} page")


class PlanningWriter(Writer):
    """Records the files every write_file / write_feed / write_own_file call would write."""

    is_build_process = False  # generators that write files themselves use write_own_file
    planning = True

    def __init__(self, output_path, settings, plan):
        super().__init__(output_path, settings=settings)
        self.plan = plan

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):  # fmt: skip
        if not name:
            return
        owner = owner_of_call(template_name, template, kwargs, self.settings)
        paths = self.paginated_paths(name, url, paginated, template_name, kwargs)
        for path in paths:
            self.plan.claim(path, owner)
        self.plan.write_order.append(name)
        self.plan.paths_of[name] = paths

    def paginated_paths(self, name, url, paginated, template_name, kwargs):
        """The files Writer.write_file writes for one call: one, or one per page."""
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        templates = self.settings["PAGINATED_TEMPLATES"]
        if not paginated or template_name not in templates:
            return [name]
        per_page = templates[template_name] or self.settings["DEFAULT_PAGINATION"]
        paginator = Paginator(name, url, next(iter(paginated.values())), self.settings, per_page)
        return [paginator.page(number).save_as for number in range(1, paginator.num_pages + 1)]

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                   override_output=False, feed_title=None):  # fmt: skip
        if path:
            self.plan.claim(path, site(f"{feed_type} feed"))
            self.plan.write_order.append(path)
            self.plan.paths_of[path] = [path]

    def write_own_file(self, path, make_bytes, what="file", made_from=None):
        self.plan.claim(path, site(what))
        self.plan.paths_of[path] = [path]


class PlannedWriter(Writer):
    """Pelican's writer, refusing any call the plan does not hold; a call made from the same
    inputs as in the last build is linked from it instead of rendered (memo.py)."""

    is_build_process = True
    plan = None  # set on the subclass made for a build
    memo = None  # the build's OutputMemo, or None

    def planned(self, name):
        if name not in self.plan.planned_names:
            raise UnplannedWriteError(
                f"{name!r} is written but was not in the output plan: a generator writes "
                "differently the second time it runs; make its generate_output deterministic"
            )
        return True

    def through_memo(self, name, arguments, render, replay=lambda path: None, context=None,
                     whole=False):  # fmt: skip
        """`render(context)`, or reuse the last build's files (a name written once, absolute
        links); `context` None: a file the generator makes itself (from the whole context when
        `whole`)."""
        if self.memo is None or name not in self.plan.written_once:
            return render(context)
        paths = self.plan.paths_of[name]
        return self.memo.write(name, paths, arguments, render, replay, context, whole)

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):  # fmt: skip
        if not (name and self.planned(name)):
            return None
        options = (relative_urls, paginated, template_name, override_output, url)

        def render(given):
            super(PlannedWriter, self).write_file(name, template, given, *options, **kwargs)

        def replay(path):  # what Pelican tells plugins of each file written (plugins/model/listed)
            local = {**context, "output_file": name, **kwargs}
            signals.content_written.send(os.path.join(self.output_path, path), context=local)

        if relative_urls:  # Pelican then sets the context's localsiteurl as it writes
            return render(context)
        arguments = ("file", name, getattr(template, "name", template), options, kwargs)
        return self.through_memo(name, arguments, render, replay, context)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if not (path and self.planned(path)):
            return None

        def render(given):
            super(PlannedWriter, self).write_feed(elements, given, path, *args, **kwargs)

        arguments = ("feed", path, elements, args, kwargs)
        return self.through_memo(path, arguments, render, context=context)

    def write_own_file(self, path, make_bytes, what="file", made_from=None):
        """Write a file a generator makes itself, once (in the build process). `make_bytes()`
        makes it from the context, the settings and the code alone (the memo's key holds them,
        not the function: its closure holds the generator, state of the build); or, when
        `made_from` is given, from `made_from`, the settings and the code alone (a social card
        from its text: the key holds that instead of the whole context)."""
        if self.plan.owner_of(path) is None:
            raise UnplannedWriteError(f"{path!r} is written but was not in the output plan")
        if not self.is_build_process:
            return None
        full_path = os.path.join(self.output_path, path)

        def render(_):
            os.makedirs(os.path.dirname(full_path), exist_ok=True)
            with open(full_path, "wb") as output:
                output.write(make_bytes())

        arguments = ("own", path, what, made_from)
        return self.through_memo(path, arguments, render, whole=made_from is None)


def make_plan(pelican, generators):
    """Run every generator's output with the PlanningWriter; add static and reserved files."""
    plan = Plan()
    settings = pelican.settings
    planner = PlanningWriter(pelican.output_path, settings, plan)
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            for static in generator.staticfiles:
                owner = Owner("the file", static.source_path, 1, "rename the file")
                plan.claim(static.save_as, owner)
        elif hasattr(generator, "generate_output"):
            generator.generate_output(planner)
    theme_folder = settings.get("THEME_STATIC_DIR", "theme")
    plan.reserve_folder(theme_folder, site(f"theme assets ({theme_folder}/)"))
    for declare in _reserved:
        for path, what in declare(settings):
            if path.endswith("/"):
                plan.reserve_folder(path, site(what))
            else:
                plan.claim(path, site(what))
    plan.planned_names = set(plan.write_order)
    counts = Counter(plan.write_order)
    plan.written_once = {name for name in plan.paths_of if counts[name] <= 1}
    return plan


def remember_generators(generators):
    """all_generators_finalized: the generators whose output is planned (in the build object)."""
    if generators:
        build_of(generators[0].settings).planned_generators = list(generators)


def planned_writer(pelican):
    """get_writer: plan the output, refuse conflicts, then give Pelican a writer keeping to it."""
    build = build_of(pelican.settings)
    generators = build.planned_generators
    plan = make_plan(pelican, generators)
    plan.raise_problems()
    context = generators[0].context if generators else {}
    build.output_memo = open_memo(pelican, context, generators)
    return type("BuildWriter", (PlannedWriter,), {"plan": plan, "memo": build.output_memo})


def save_memo(pelican):
    """RECORD step: the build published; its writer calls are the record for the next one."""
    memo = build_of(pelican.settings).output_memo
    if memo is not None:
        memo.save()
        rendered = len(memo.rendered)
        logger.info("Output memo: %d writer calls rendered, %d reused", rendered, memo.reused)


def register():
    build_object.register()
    use_defaults(DEFAULTS)
    signals.all_generators_finalized.connect(remember_generators)
    signals.get_writer.connect(planned_writer)
    add_step(save_memo, RECORD)
