"""The finishing steps of a build, in a fixed order.

Pelican's `finalized` signal calls its receivers in blinker's order, which is the iteration order
of a set of ids: not the order plugins connected in, and it changes with memory addresses. Some
of the site's finishing work depends on order: the sitemap and the search index are made from
the whole output, the checks must run on the finished staging folder, and
plugins/guard/atomic_output
must publish last. So those plugins do not connect to `finalized` themselves; they call
`add_step(step, phase)` in their `register()`, and one `finalized` receiver runs every step by
phase, then in the order they were added.

Phases: WRITE (files made from the whole output: sitemap, search index), CHECK (checks of the
finished output), PUBLISH (swap it in), RECORD (what was published: plugins/tools/build.py).
"""

from pelican import signals

WRITE, CHECK, PUBLISH, RECORD = 10, 20, 100, 200

_steps = []  # (phase, order added, step)


def add_step(step, phase):
    """Run `step(pelican)` at the end of every build, in `phase` (WRITE, CHECK, PUBLISH or
    RECORD)."""
    if any(existing is step for _, _, existing in _steps):
        return
    _steps.append((phase, len(_steps), step))
    register()


def run_steps(pelican):
    """finalized: every step, by phase."""
    for _, _, step in sorted(_steps, key=lambda entry: entry[:2]):
        step(pelican)


def register():
    signals.finalized.connect(run_steps)  # blinker connects a receiver once
