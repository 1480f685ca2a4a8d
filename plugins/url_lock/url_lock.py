"""URL lock: published URLs never silently disappear.

`urls.lock` (committed) lists every published page and feed URL. A build that would drop one
fails, unless some post or page declares it in `Aliases:` (comma-separated old URLs), in which
case a redirect page is written at the old URL. `make lock` (URL_LOCK_UPDATE=True) rewrites
the file from the build, after a new post is added or a removal is intended.

Pagination pages (`…/page/N/`), theme assets and the search index are not locked: they come
and go with the number of posts.
"""

import logging
import os
import re
from pathlib import Path

from error_report import ContentError
from finishing import CHECK, add_step
from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)

LOCKED_SUFFIXES = (".html", ".xml", ".json", ".ics", ".opml", ".xsl")
UNLOCKED = re.compile(r"^(theme|pagefind)/|(^|/)page/\d+/$")
HEADER = (
    "# Every URL this site publishes. A build that drops one fails; keep old URLs alive with\n"
    "# `Aliases:` in the post that replaced them. Update with `make lock`.\n"
)


class UrlLockError(ContentError):
    """A published URL disappeared."""


def url_of(relative_path):
    """posts/2009/x/index.html -> /posts/2009/x/ ; feeds/all.atom.xml -> /feeds/all.atom.xml"""
    if relative_path == "index.html" or relative_path.endswith("/index.html"):
        return "/" + relative_path[: -len("index.html")]
    return "/" + relative_path


def published_urls(output_path):
    urls = set()
    for folder, _, files in os.walk(output_path):
        for name in files:
            if name.endswith(LOCKED_SUFFIXES):
                relative = os.path.relpath(os.path.join(folder, name), output_path)
                url = url_of(relative.replace(os.sep, "/"))
                if not UNLOCKED.search(url.lstrip("/")):
                    urls.add(url)
    return urls


def read_lock(path):
    """{url: line number} of a lock file; comments and blank lines are skipped."""
    locked = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            locked[line] = number
    return locked


def write_lock(path, urls):
    Path(path).write_text(HEADER + "".join(f"{url}\n" for url in sorted(urls)), encoding="utf-8")


def aliases_of(content):
    value = content.metadata.get("aliases", "")
    if isinstance(value, list | tuple):
        value = ",".join(value)
    return [alias.strip() for alias in value.split(",") if alias.strip()]


def alias_save_as(alias):
    path = alias.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


class RedirectGenerator(Generator):
    """Writes a redirect page at every old URL a post or page declares in `Aliases:`."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        contents = self.context.get("articles", []) + self.context.get("pages", [])
        for content in sorted(contents, key=lambda c: c.source_path):
            for alias in aliases_of(content):
                writer.write_file(
                    alias_save_as(alias),
                    self.get_template("redirect"),
                    self.context,
                    target=content,
                    alias=alias,
                )


def check_lock(pelican):
    """finalized: compare what the build wrote with urls.lock (or rewrite it)."""
    lock_file = pelican.settings.get("URL_LOCK_FILE")
    if not lock_file:
        return
    urls = published_urls(pelican.output_path)
    if pelican.settings.get("URL_LOCK_UPDATE"):
        write_lock(lock_file, urls)
        logger.warning("%s rewritten with %d URLs", lock_file, len(urls))
        return
    if not os.path.exists(lock_file):
        logger.warning("%s does not exist yet: run `make lock` to create it", lock_file)
        return
    locked = read_lock(lock_file)
    name = os.path.relpath(lock_file)
    dropped = [
        f"{name}:{line}: {url} was published and this build no longer writes it "
        f"(add `Aliases: {url}` to the post or page that replaced it, or run `make lock` "
        "if removing it is intended)"
        for url, line in sorted(locked.items(), key=lambda item: item[1])
        if url not in urls
    ]
    if dropped:
        raise UrlLockError("published URLs would disappear:\n" + "\n".join(dropped))


def add_generator(pelican):
    return RedirectGenerator


def register():
    signals.get_generators.connect(add_generator)
    add_step(check_lock, CHECK)
