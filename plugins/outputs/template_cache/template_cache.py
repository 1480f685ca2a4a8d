"""Templates compiled once, not once per generator and per build.

Pelican gives each generator (articles, pages, static files, template pages, and the site's own:
topics, members, meetings, the list) a Jinja environment of its own, and each compiles every
template it renders: the real site compiled about a hundred templates per build, a third of its
time. Jinja's bytecode cache (the `bytecode_cache` option of JINJA_ENVIRONMENT, documented by
both) keeps compiled templates in files: the generators of a build share them, and the next
build (`make html`, each rebuild of the dev server, the tests' builds) loads them.

An entry is only used for what it was compiled from: Jinja keys it by the template's name and
path and checks a checksum of its source and a header naming Jinja's bytecode format and the
Python version; the folder's name is a hash of Jinja's version and of the JINJA_ENVIRONMENT
options (trim_blocks, autoescape, extensions...), which change the compiled code without
changing the source. So do the environment's filters and tests: Jinja evaluates a filter or a
test with constant arguments while compiling and writes the answer into the code
(`"plugins.outputs.feeds" is plugin_enabled` becomes True or False, by the PLUGINS of the build that
compiled it), so each entry's key also holds a hash of every filter and test (their code,
bound arguments and closures: plugin_enabled's PLUGINS among them). Writes are atomic (a
temporary file renamed), so builds running side by side share the folder safely. The cache
holds only the theme's code, never content.
"""

import hashlib
import logging
from pathlib import Path

import jinja2
import jinja2.bccache
from pelican import signals

from plugins.model.defaults import cache_path, use_defaults
from plugins.model.stable_text import describe

logger = logging.getLogger(__name__)

DEFAULTS = {
    "TEMPLATE_CACHE": True,  # False: every generator compiles its templates, as in bare Pelican
    "TEMPLATE_CACHE_PATH": None,  # None: <CACHE_PATH>/templates
}


class FoldingAwareBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, with the environment's filters and tests in each entry's key (see the
    module's docstring). Their hash is made again only when the set of functions changes."""

    def __init__(self, directory):
        super().__init__(directory, "%s.jinja")
        # (name and id of each filter and test) -> (their hash, the functions): holding the
        # functions keeps their ids from being reused by other functions while the entry exists.
        self.hashes = {}

    def environment_hash(self, environment):
        functions = (*environment.filters.items(), *environment.tests.items())
        identity = tuple((name, id(function)) for name, function in functions)
        if identity not in self.hashes:
            described = describe({"filters": environment.filters, "tests": environment.tests})
            digest = hashlib.sha256(described.encode("utf-8")).hexdigest()[:16]
            self.hashes[identity] = (digest, functions)
        return self.hashes[identity][0]

    def get_bucket(self, environment, name, filename, source):
        key = f"{self.get_cache_key(name, filename)}-{self.environment_hash(environment)}"
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket


def cache_folder(settings):
    """The folder for templates compiled with these settings' Jinja options."""
    options = {
        key: value
        for key, value in settings.get("JINJA_ENVIRONMENT", {}).items()
        if key != "bytecode_cache"
    }
    fingerprint = f"jinja {jinja2.__version__} {describe(options)}"
    name = hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()[:16]
    return Path(cache_path(settings, "TEMPLATE_CACHE_PATH", "templates")) / name


def use_template_cache(pelican):
    """initialized: give JINJA_ENVIRONMENT a bytecode cache in cache_folder, unless the settings
    chose one themselves or switched the cache off."""
    settings = pelican.settings
    environment = settings.get("JINJA_ENVIRONMENT") or {}
    if not settings["TEMPLATE_CACHE"] or "bytecode_cache" in environment:
        return
    folder = cache_folder(settings)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a read-only checkout builds as before, only slower
        logger.info("Templates are not cached: %s", error)
        return
    # A new dict: the settings module's own stays as written, for the next build in a process.
    settings["JINJA_ENVIRONMENT"] = {
        **environment,
        "bytecode_cache": FoldingAwareBytecodeCache(str(folder)),
    }


def register():
    use_defaults(DEFAULTS)
    signals.initialized.connect(use_template_cache)
