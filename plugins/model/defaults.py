"""The one pattern for a plugin's settings: a `DEFAULTS` dict in the plugin's module, applied at
`initialized` by `use_defaults(DEFAULTS)` in its register(). What pelicanconf.py (or `-e`) sets
wins; templates and `pelican -D` see every setting with its value. Code that also runs outside a
build (pure functions tested with a plain dict) reads `settings.get(KEY, DEFAULTS[KEY])`.
"""

import copy
import os

from pelican import signals

_receivers = {}  # id(defaults) -> its receiver: one per DEFAULTS, however often register() runs


def apply_defaults(settings, defaults):
    """Give `settings` every key of `defaults` it lacks (a copy: a default list is not shared)."""
    for key, value in defaults.items():
        settings.setdefault(key, copy.deepcopy(value))
    return settings


def use_defaults(defaults):
    """In register(): apply `defaults` to the settings of every build, at `initialized`."""
    receiver = _receivers.get(id(defaults))
    if receiver is None:

        def receiver(pelican):
            apply_defaults(pelican.settings, defaults)

        _receivers[id(defaults)] = receiver
    signals.initialized.connect(receiver, weak=False)


def cache_path(settings, setting, name):
    """The folder a plugin keeps its cache in: `settings[setting]` when it is set, else `name` in
    Pelican's CACHE_PATH."""
    return settings.get(setting) or os.path.join(settings.get("CACHE_PATH") or "cache", name)
