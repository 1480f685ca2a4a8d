"""The output plan: every file a build writes, and which source or part of the site owns it.

A path has exactly one owner. Owners are either a content source (a post, a page, a topic, a
member of members.toml, a static file: anything a pull request can change), shown as
`path:line`, or the site itself (a template, a feed, the search index), shown by what it is.
"""

import posixpath
from collections import defaultdict
from dataclasses import dataclass

from plugins.model.error_report import ContentError, display_path


class OutputPlanError(ContentError):
    """Two owners claim one output file, or a claim leaves the output folder."""


@dataclass(frozen=True)
class Owner:
    """Who writes a file: `source` (a content file, with `line`) or the site (`what`).

    `line` is that of the metadata that set the address (Slug, Aliases...), 1 when the address
    comes from the file name; `fix` says how that source can give the address up."""

    what: str
    source: str | None = None
    line: int = 1
    fix: str = "give it another Slug or file name"

    @property
    def where(self):
        return f"{display_path(self.source)}:{self.line}" if self.source else "output plan"

    def __str__(self):
        if self.source is None:
            return f"the site's {self.what}"
        return f"{self.what} {self.where}"


def site(what):
    return Owner(what)


def normalized(path):
    """The output-relative form of a path as written, or None when it leaves the output folder.

    A path with `..`, an absolute path, a backslash or a control character is never written:
    Pelican would either refuse it with a traceback or write outside the output folder."""
    if not path or any(ord(c) < 32 or c == "\\" for c in path):
        return None
    if path.startswith("/") or posixpath.isabs(path):
        return None
    clean = posixpath.normpath(path)
    if clean == "." or clean.startswith("../") or clean == ".." or "/../" in f"/{clean}/":
        return None
    return clean + ("/" if path.endswith("/") else "")


class Plan:
    """Claims on output paths; `problems()` lists every conflict."""

    def __init__(self):
        self.claims = defaultdict(list)  # path -> [Owner]
        self.prefixes = {}  # folder path ending in "/" -> Owner (the site's folders)
        self.outside = []  # (path as written, Owner)
        self.write_order = []  # names of the writer calls, in the order the build makes them
        self.planned_names = set()  # the names of write_order, once the plan is made
        self.paths_of = {}  # name of a writer call -> the paths it writes (relative, as given)
        self.written_once = set()  # names of one call each (the output memo takes them)

    def claim(self, path, owner):
        clean = normalized(path)
        if clean is None or clean.endswith("/"):
            self.outside.append((path, owner))
            return None
        if owner not in self.claims[clean]:
            self.claims[clean].append(owner)
        return clean

    def reserve_folder(self, folder, owner):
        """Every path under `folder` belongs to `owner` (the search index, the theme assets)."""
        self.prefixes[folder.strip("/") + "/"] = owner

    def owner_of(self, path):
        owners = self.claims.get(normalized(path) or "", [])
        return owners[0] if owners else None

    def problems(self):
        """One line per conflict, each naming every claimant, sorted by content source."""
        found = [
            (owner, f"the address {path!r} is outside the site ({owner.fix})")
            for path, owner in self.outside
        ]
        for path, owners in sorted(self.claims.items()):
            for folder, folder_owner in self.prefixes.items():
                if path.startswith(folder) and folder_owner not in owners:
                    owners = [*owners, folder_owner]
            if len(owners) > 1:
                found += conflict(path, owners)
        found += folder_conflicts(self.claims)
        found += case_conflicts(self.claims)
        return sorted({(owner.where, text) for owner, text in found})

    def raise_problems(self):
        problems = self.problems()
        if problems:
            lines = [f"{where}: {text}" for where, text in problems]
            raise OutputPlanError(
                f"output plan: {len(lines)} address problem(s); fix them and build again:\n"
                + "\n".join(lines)
            )


def url_of(path):
    return "/" + (path[: -len("index.html")] if path.endswith("index.html") else path)


def blamed(owners):
    """The claimants at fault. A source whose metadata (Slug, Aliases...) asks for the path always
    is; one whose address comes from its file name is when it meets the site or no such metadata;
    the site only when two of its own parts clash."""
    content = [owner for owner in owners if owner.source]
    by_metadata = [owner for owner in content if owner.line > 1]
    if len(content) < len(owners) or not by_metadata:
        return content or owners[:1]
    return by_metadata


def conflict(path, owners):
    """Each claimant at fault gets a line naming the others."""
    lines = []
    for owner in blamed(owners):
        others = ", ".join(
            str(other)
            for other in sorted(owners, key=lambda o: (o.source is None, str(o)))
            if other is not owner
        )
        fix = owner.fix if owner.source else "two parts of the site write it: change a setting"
        lines.append((owner, f"{url_of(path)} is already the address of {others} ({fix})"))
    return lines


def folder_conflicts(claims):
    """A file where another claim needs a folder (`index.html` and `index.html/index.html`)."""
    lines = []
    for path, owners in claims.items():
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder not in claims:
                continue
            for owner in blamed(owners + claims[folder]):
                others = ", ".join(str(o) for o in owners + claims[folder] if o is not owner)
                fix = owner.fix if owner.source else "change a setting"
                lines.append(
                    (owner, f"/{folder} would be both a file and the folder of /{path} "
                     f"(with {others}; {fix})")
                )  # fmt: skip
    return lines


def case_conflicts(claims):
    """Paths that differ only in case collide on macOS and Windows checkouts and servers."""
    by_folded = defaultdict(list)
    for path in claims:
        by_folded[path.lower()].append(path)
    lines = []
    for paths in by_folded.values():
        if len(paths) < 2:
            continue
        owners = [owner for path in paths for owner in claims[path]]
        for path, owner in ((p, o) for p in paths for o in claims[p] if o.source):
            others = ", ".join(
                f"{other} ({other_path})"
                for other_path in paths
                for other in claims[other_path]
                if other_path != path
            )
            lines.append(
                (
                    owner,
                    f"{url_of(path)} differs only in case from {others} "
                    "(case-insensitive file systems would mix them up: " + owner.fix + ")",
                )
            )
        if not any(owner.source for owner in owners):
            shown = " and ".join(url_of(path) for path in sorted(paths))
            lines.append((owners[0], f"{shown} differ only in case (change a setting)"))
    return lines
