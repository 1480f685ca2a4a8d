"""Test-only plugin: fails or stalls a build on demand, after the output has been written.

A post with `Probe: fail` makes the build raise in a CHECK finishing step (plugins/model/finishing
runs it before atomic_output's PUBLISH step, whatever the order of PLUGINS);
`Probe: stall` writes `<PROBE_MARKER>` and waits until the build is interrupted (forever
otherwise: a lost interrupt is a hung test, not a build that ends on its own a minute later).
"""

import time
from pathlib import Path

from pelican import signals

from plugins.model.finishing import CHECK, add_step


def probe(pelican):
    probes = {
        article.metadata.get("probe")
        for article in pelican.probe_articles
        if article.metadata.get("probe")
    }
    if "fail" in probes:
        raise RuntimeError("build_probe: failing on purpose")
    if "stall" in probes:
        Path(pelican.settings["PROBE_MARKER"]).write_text("stalled", encoding="utf-8")
        while True:
            time.sleep(3600)


def attach(pelican):
    pelican.probe_articles = []

    def collect(generator):
        pelican.probe_articles.extend(generator.articles)

    signals.article_generator_finalized.connect(collect, weak=False)


def register():
    signals.initialized.connect(attach)
    add_step(probe, CHECK)
