"""A plugin for the dev server's tests: it crashes a build on request, and fails a build that
finds module state left by an earlier build (every build must start from the warm builder)."""

import os

from pelican import signals

BUILDS = []  # filled by a build; never seen by the next one, which runs in a fresh fork


def check_fresh(pelican):
    if BUILDS:
        raise RuntimeError("devserver_probe: state left by an earlier build")
    BUILDS.append(pelican.settings["PATH"])


def crash_on_request(generator):
    if any("CRASH-THE-BUILD" in article.content for article in generator.articles):
        os.abort()


def register():
    signals.initialized.connect(check_fresh)
    signals.article_generator_finalized.connect(crash_on_request)
