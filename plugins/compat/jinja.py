"""Jinja's runtime and Pelican's writer as the output memo reads them: which names of its context
a writer call used (plugins/guard/output_plan/memo.py). plugins/compat/tests/test_contract.py
checks both behaviours relied on here; pyproject.toml bounds Jinja below its next major version.
"""

import contextlib

from jinja2.runtime import Context

_name_reads = None  # the set name_reads() is filling, or None
_resolve = Context.resolve_or_missing
_contains = Context.__contains__


def _noting_resolve(context, key):
    if _name_reads is not None:
        _name_reads.add(key)
    return _resolve(context, key)


def _noting_contains(context, key):
    if _name_reads is not None:
        _name_reads.add(key)
    return _contains(context, key)


@contextlib.contextmanager
def name_reads():
    """`with name_reads() as read:` -> the names the templates rendered in the block looked up
    in their context (each `{{ name }}`, `{% for x in name %}`, `{% if name %}`, in blocks,
    includes and macros called with the context), and the keys read from a `reading_context`.

    Why: a compiled template looks up each name it uses through Context.resolve_or_missing (the
    compiled code's `resolve`; `context[name]` and `context.get` go through it too), and `name
    in context` through __contains__; both are noted while the outermost block runs."""
    global _name_reads
    outer, _name_reads = _name_reads, set()
    if outer is None:
        Context.resolve_or_missing, Context.__contains__ = _noting_resolve, _noting_contains
    try:
        yield _name_reads
    finally:
        inner, _name_reads = _name_reads, outer
        if outer is None:
            Context.resolve_or_missing, Context.__contains__ = _resolve, _contains
        else:
            outer |= inner


class ReadingContext(dict):
    """A copy of a writer call's context that notes the keys Python code reads from it (Pelican's
    writer: SITEURL, FEED_DOMAIN, SITENAME for a feed; signal receivers given the context).

    Why: Pelican's writer copies the context it is given with `.copy()` (kept a ReadingContext
    here) and Jinja makes its template context with `dict(...)` of that copy, which copies a dict
    subclass that does not override __iter__ without calling __getitem__: a template's own
    lookups are noted by name_reads, not as reads of every key."""

    def _note(self, key):
        if _name_reads is not None:
            _name_reads.add(key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def setdefault(self, key, default=None):
        self._note(key)
        return super().setdefault(key, default)

    def pop(self, key, *default):
        self._note(key)
        return super().pop(key, *default)

    def copy(self):
        return ReadingContext(self)

    def items(self):  # every value read: every key counts
        for key in self:
            self._note(key)
        return super().items()

    def values(self):
        for key in self:
            self._note(key)
        return super().values()


def reading_context(context):
    """A ReadingContext copy of `context`."""
    return ReadingContext(context)
