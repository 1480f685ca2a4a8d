"""Checks of the whole site once Pelican has read everything: output URLs and what was sanitized."""

import os
from collections import defaultdict

from .problems import Note, Problem, display_path


def content_objects(generators):
    """Every content object the generators hold (posts, pages, drafts, static files, topics)."""
    found = {}
    for generator in generators:
        for value in vars(generator).values():
            if not isinstance(value, list):
                continue
            for item in value:
                if hasattr(item, "source_path") and hasattr(item, "save_as"):
                    found[id(item)] = item
    return sorted(found.values(), key=lambda item: (item.source_path, item.save_as or ""))


def url_of(item):
    return getattr(item, "url", None) or item.save_as


def urls_by_source(objects):
    """{absolute source path: site-relative URL} of everything that is written."""
    return {os.path.abspath(o.source_path): url_of(o) for o in objects if o.save_as}


def url_collisions(objects, sources_by_path):
    """Two sources written to the same file, also when the names differ only in case."""
    by_output = defaultdict(list)
    for item in objects:
        if item.save_as:
            by_output[item.save_as.lower()].append(item)
    problems = []
    for group in by_output.values():
        paths = {os.path.abspath(item.source_path) for item in group}
        if len(paths) < 2:
            continue
        case_only = len({item.save_as for item in group}) > 1
        for item in group:
            path = os.path.abspath(item.source_path)
            others = sorted(
                f"/{url_of(other)} of {display_path(other.source_path)}"
                for other in group
                if os.path.abspath(other.source_path) != path
            )
            source = sources_by_path.get(path)
            line = source.line_of("slug") if source else 1
            what = "differs only in case from" if case_only else "is the same as"
            problems.append(
                Problem(
                    path,
                    line,
                    f"its address /{url_of(item)} {what} " + ", ".join(others),
                    "two files cannot share an address, not even in a different case: rename "
                    "one file, or give it a different `Slug:`",
                    blocking=True,  # the output plan would refuse it before the link checks
                )
            )
    return problems


def sanitized_notes(objects):
    """What the sanitize plugin removed from each content object (when it ran)."""
    return [
        Note(os.path.abspath(item.source_path), "sanitized", removal)
        for item in objects
        for removal in getattr(item, "sanitized_removals", None) or []
    ]
