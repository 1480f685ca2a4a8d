"""Values described as text that is the same in every process for the same value: the keys of
the caches (plugins/outputs/template_cache, plugins/model/read_cache) are hashes of it.

No memory addresses (an object's default repr loses its ` at 0x...`), functions and classes by
their import path and a hash of their code, a set's items in order.
"""

import functools
import hashlib
import re
import types

ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def describe(value):
    """A text that stays the same from one process to the next for the same option value (no
    memory addresses): functions and classes by their import path."""
    if isinstance(value, dict):
        items = sorted((str(key), describe(item)) for key, item in value.items())
        return "{" + ", ".join(f"{key}: {item}" for key, item in items) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [describe(item) for item in value]
        if isinstance(value, (set, frozenset)):
            items.sort()
        return "[" + ", ".join(items) + "]"
    if isinstance(value, functools.partial):  # plugin_enabled with the build's PLUGINS
        parts = (value.func, value.args, value.keywords)
        return "partial(" + ", ".join(map(describe, parts)) + ")"
    if callable(value):
        name = f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', type(value))}"
        code = getattr(value, "__code__", None)  # an edited filter answers otherwise
        if code is not None:
            name += "#" + hashlib.sha256(code_text(code).encode("utf-8")).hexdigest()[:12]
        if not isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
            name += describe(getattr(value, "__dict__", {}))  # Pelican's strftime: its locale
        cells = getattr(value, "__closure__", None) or ()  # select_autoescape(...)'s arguments
        return name + describe([cell.cell_contents for cell in cells]) if cells else name
    return ADDRESS.sub("", repr(value))


def code_text(code):
    """A function's code as text that is the same in every process (marshal's bytes are not:
    a frozenset constant's order changes with the hash seed)."""
    constants = [
        code_text(item) if isinstance(item, types.CodeType) else describe(item)
        for item in code.co_consts
    ]
    return repr((code.co_code, code.co_names, constants))
