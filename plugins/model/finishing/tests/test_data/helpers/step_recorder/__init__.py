"""Test-only plugin: finishing steps added in the wrong order, each noting when it ran."""

from pathlib import Path

from plugins.model.finishing import CHECK, PUBLISH, WRITE, add_step


def recorder(name):
    def step(pelican):
        with Path(pelican.settings["STEP_LOG"]).open("a", encoding="utf-8") as log:
            log.write(name + "\n")

    step.__name__ = f"record_{name}"
    return step


STEPS = [
    (recorder("publish"), PUBLISH),
    (recorder("check"), CHECK),
    (recorder("write-1"), WRITE),
    (recorder("write-2"), WRITE),
]


def register():
    for step, phase in STEPS:
        add_step(step, phase)
