"""dateutil internals the site's tests use."""

from contextlib import contextmanager

from dateutil import rrule


@contextmanager
def dates_made_by_rrule():
    """Within the block, count every date an rrule makes: yields a list that grows by one per
    date (its length is the count).

    Why: a test of the events plugin proves the work of expanding a series is bounded by
    counting it, never by timing it; rrule has no public hook for that, its generator
    `rrule._iter` is where every date is made."""
    made = []
    expand = rrule.rrule._iter

    def counting(self):
        for moment in expand(self):
            made.append(moment)
            yield moment

    rrule.rrule._iter = counting
    try:
        yield made
    finally:
        rrule.rrule._iter = expand
