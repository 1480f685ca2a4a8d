"""Checks of links and images: alt text, `{filename}`/`{static}` targets, addresses in the output.

`{filename}`, `{static}` and `{attach}` links name source files, so they are checked against the
content folder before Pelican reads anything. Root (`/posts/...`) and relative links name
addresses, so they are checked against the files the build actually wrote.
"""

import os
import posixpath
from urllib.parse import unquote, urljoin, urlsplit

from .links import MARKER, find_links
from .metadata import closest
from .problems import Problem, display_path
from .sources import MARKDOWN_EXTENSIONS

LINK_FIX = "link to posts and pages as {filename}/posts/<year>/<file>.md so the build resolves it"
# "did you mean" (difflib, milliseconds a look-up) is found for this many broken links of a
# source, and of the output check: for 100,000 broken links it would take minutes.
MAX_SUGGESTIONS = 50


class Suggestions:
    """`closest` for the first MAX_SUGGESTIONS look-ups, then None."""

    def __init__(self):
        self.left = MAX_SUGGESTIONS

    def closest(self, word, choices):
        self.left -= 1
        return closest(word, choices) if self.left >= 0 else None


def noun(link):
    return "image" if link.is_image else "link"


def check_links(source, sources_by_relative, content_files, cache=None):
    """(problems, links to check against the output later) of one Markdown source (its links
    found once for a body: `cache`, the build's read cache)."""
    problems, later = [], []
    if source.header is None:
        return problems, later
    suggestions = Suggestions()
    for link in find_links(source, cache):
        if link.is_image and not link.alt:
            problems.append(
                Problem(
                    source.path,
                    link.line,
                    f"image '{link.target}' has no alt text",
                    "describe what the image shows: ![a diagram of the three tiers](...)",
                )
            )
        kind = link.kind
        if kind == "file":
            problem = check_file_link(source, link, sources_by_relative, content_files, suggestions)
            problems += [problem] if problem else []
        elif kind == "marker":
            what = MARKER.match(link.target)["what"]
            suggestion = closest(what, ("filename", "static", "attach")) or "filename"
            problems.append(
                Problem(
                    source.path,
                    link.line,
                    f"unknown link marker {{{what}}}",
                    f"did you mean {{{suggestion}}}?",
                )
            )
        elif kind in ("root", "relative"):
            later.append((source, link))
    return problems, later


def check_file_link(source, link, sources_by_relative, content_files, suggestions):
    """The Problem of one {filename}/{static}/{attach} link, or None when it is fine."""
    marker = MARKER.match(link.target)
    what, value = marker["what"], unquote(urlsplit(marker["value"]).path)
    if value.startswith("/"):
        relative = posixpath.normpath(value.lstrip("/"))
    else:
        relative = posixpath.normpath(posixpath.join(posixpath.dirname(source.relative), value))
    target = sources_by_relative.get(relative)
    described = f"{noun(link)} '{link.target}'"
    if what == "filename" and target is not None and target.status == "draft":
        return Problem(
            source.path,
            link.line,
            f"{described} points at a draft, which is not published",
            "publish that post first (remove its `Status: draft`), or remove the link",
        )
    if what == "filename" and target is None and relative in content_files:
        return Problem(
            source.path,
            link.line,
            f"{described} names a file that is not a post or page",
            f"link to images and other files with {{static}}/{relative}",
        )
    if what != "filename" and target is not None:
        return Problem(
            source.path,
            link.line,
            f"{described} names a post or page",
            f"link to posts and pages with {{filename}}/{relative}",
        )
    if target is None and relative not in content_files:
        candidates = content_files if what != "filename" else list(sources_by_relative)
        suggestion = suggestions.closest(relative, candidates)
        hint = f"did you mean {{{what}}}/{suggestion}? " if suggestion else ""
        content_folder = source.path[: -len(source.relative)]
        missing = display_path(os.path.join(content_folder, relative))
        return Problem(
            source.path,
            link.line,
            f"{described} points at nothing: there is no {missing}",
            f"{hint}paths start at the content folder with /, or are relative to this file",
        )
    return None


def output_urls(output_path):
    """Every address the build wrote: /a/b.xml for files, /a/ for a/index.html."""
    urls = set()
    for folder, _, files in os.walk(output_path):
        for name in files:
            relative = os.path.relpath(os.path.join(folder, name), output_path)
            url = "/" + relative.replace(os.sep, "/")
            urls.add(url)
            if name == "index.html":
                urls.add(url[: -len("index.html")])
    return urls


def check_output_links(pending, output_path, urls_by_source, siteurl):
    """Problems of root and relative links whose address the build did not write."""
    urls = output_urls(output_path)
    prefix = urlsplit(siteurl or "").path.rstrip("/")
    problems, suggestions, folders = [], Suggestions(), None
    for source, link in pending:
        path = unquote(urlsplit(link.target).path)
        if link.kind == "relative":
            page_url = urls_by_source.get(source.path)
            if page_url is None:
                continue  # not published (a draft): its relative links lead nowhere anyway
            path = urljoin("/" + page_url, path)
        elif prefix and (path == prefix or path.startswith(prefix + "/")):
            path = path[len(prefix) :] or "/"
        if path in urls or path.rstrip("/") + "/" in urls:
            continue
        fix = LINK_FIX
        if path.endswith(MARKDOWN_EXTENSIONS):
            fix = "a link to a source file needs the marker: write {filename} before the path"
        else:
            folders = folders or sorted(u for u in urls if u.endswith("/"))
            suggestion = suggestions.closest(path, folders)
            fix = f"did you mean {suggestion}? " + fix if suggestion else fix
        problems.append(
            Problem(
                source.path,
                link.line,
                f"{noun(link)} '{link.target}' points at nothing: the build writes no {path}",
                fix,
            )
        )
    return problems
