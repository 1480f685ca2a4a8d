"""A hash of everything a page of the build can show but the bodies: the build's context (every
setting, every post, page, topic, member, meeting and project with all its attributes, the
lists and maps the plugins made of them), walked as a graph.

The output memo (plugins/guard/output_plan/memo.py) keys by this hash the files a generator
makes itself from its whole context, and finds the content objects and hubs in the walk; the
other writer calls it keys by the states of what each read, described by `LocalState` below.
Both leave out one thing, the stored body of a Pelican content object (`_content`: the memo
records the bodies read apart), and nothing else: an object's attributes are all described (a
summary, a reading time, a social card, the related posts), whatever plugin set them.

Objects are numbered as the walk first meets them and named by that number afterwards, so
shared objects (a tag, a member, the settings every post holds) and cycles (a post's context
holds the list that holds the post) are described once. The walk is deterministic: dict keys
sorted, lists in order, set items sorted by their description.
"""

import collections
import datetime
import decimal
import functools
import hashlib
import pathlib
import re
import secrets
import types

from plugins.model.build import KEY as BUILD_KEY
from plugins.model.stable_text import ADDRESS
from plugins.model.stable_text import describe as describe_callable

# Values described by their repr: immutable, no object inside them.
PLAIN = (
    str, bytes, int, float, complex, bool, type(None), datetime.date, datetime.time,
    datetime.timedelta, datetime.tzinfo, decimal.Decimal, pathlib.PurePath, range,
    re.Pattern,
)  # fmt: skip
CALLABLE = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, type)
BODY = "_content"  # the stored body of a Pelican content object (plugins/compat body_html)
# Keys of the settings and the context that no page shows: the plugins' state during the build
# (plugins/model/build.py), the staging folder the build writes to (its name has the pid), and
# the cache of compiled templates in JINJA_ENVIRONMENT (plugins/outputs/template_cache: its
# folder and what the process compiled; the templates are in the state by their folders).
NOT_SHOWN = {BUILD_KEY, "OUTPUT_PATH", "bytecode_cache"}
# Lists Pelican makes from a set, in an order that changes from one process to the next (the
# hash seed), described in the order of their items' sources.
IN_NO_ORDER = {"staticfiles"}


class SiteState:
    """Describes values into one running hash; `digest()` is the state so far.

    An object is named `#n` where it is met and described once, from a queue (breadth first:
    chains of posts that name their related posts go deeper than Python's recursion)."""

    def __init__(self):
        self.numbers = {}  # id -> (number, object)
        self.queue = collections.deque()
        self.hash = hashlib.sha256()

    def digest(self):
        return self.hash.hexdigest()

    def add(self, value):
        self.update(self.text(value))
        return self.drain()

    def drain(self):
        """Describe the objects met and not described yet."""
        while self.queue:
            number, item = self.queue.popleft()
            self.update(f"#{number}={self.described(item)}")
        return self

    def update(self, text):
        self.hash.update(text.encode("utf-8", "surrogatepass"))
        self.hash.update(b"\0")

    def text(self, value):
        """A plain value itself, anything else its number (queued to be described)."""
        if isinstance(value, PLAIN) and (type(value) in PLAIN or not vars_of(value)):
            return f"{type(value).__name__}:{value!r}"
        known = self.numbers.get(id(value))
        if known is None:
            known = self.numbers[id(value)] = (len(self.numbers), value)
            self.queue.append(known)
        return f"#{known[0]}"

    def described(self, value):
        if isinstance(value, dict):
            kept = [(str(key), item) for key, item in value.items() if key not in NOT_SHOWN]
            kept.sort(key=lambda pair: pair[0])
            kept = [
                (key, sorted(item, key=source_of))
                if key in IN_NO_ORDER and isinstance(item, list)
                else (key, item)
                for key, item in kept
            ]
            items = ",".join(f"{key}={self.text(item)}" for key, item in kept)
            return f"{type(value).__name__}{{{items}}}"
        if isinstance(value, (list, tuple)):
            return f"{type(value).__name__}[" + ",".join(map(self.text, value)) + "]"
        if isinstance(value, (set, frozenset)):  # plain items in order; objects as met
            return "set[" + ",".join(sorted(map(self.text, sorted(value, key=repr)))) + "]"
        if isinstance(value, (*CALLABLE, types.ModuleType, functools.partial)):
            cells = getattr(value, "__closure__", None) or ()  # what a closure holds
            held = ",".join(self.text(cell.cell_contents) for cell in cells)
            return ADDRESS.sub("", describe_callable(value)) + f"[{held}]"
        attributes = vars_of(value)
        kind = f"{type(value).__module__}.{type(value).__qualname__}"
        if isinstance(value, PLAIN):  # a str or datetime subclass with attributes (Markup...)
            kind += f":{value!r}"
        if attributes is None:  # no __dict__ (slots, a C type): its repr, if that shows it
            shown = repr(value)
            if ADDRESS.search(shown):  # `<... at 0x...>` says nothing of its state: never equal
                return f"{kind}(unknown {secrets.token_hex(16)})"
            return f"{kind}({shown})"
        shown = sorted((name, item) for name, item in attributes.items() if name != BODY)
        return f"{kind}(" + ",".join(f"{k}={self.text(v)}" for k, v in shown) + ")"


def vars_of(value):
    try:
        return vars(value)
    except TypeError:
        return None


def source_of(item):
    return str(getattr(item, "source_path", None) or repr(item))


class LocalState(SiteState):
    """Describes one value on its own, for the output memo's finer keys: the objects in `names`
    ({id: (object, name)}: the content objects by a name of their own, the settings, the
    context) by that name, anything else in full, numbered within this description alone. So a
    post's state holds its title and tags but not the posts it links to, and a list of posts
    holds which posts, in which order, not what they say."""

    def __init__(self, names):
        super().__init__()
        self.names = names

    def text(self, value):
        named = self.names.get(id(value))
        if named is not None and named[0] is value:
            return named[1]
        return super().text(value)

    def of_object(self, value):
        """The state of `value` itself (its attributes), even when it has a name."""
        self.update(self.described(value))
        return self.drain().hash.digest()

    def of_value(self, value):
        return self.add(value).hash.digest()
