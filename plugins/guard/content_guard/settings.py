"""content_guard's settings and their defaults (applied at `initialized`,
plugins/model/defaults.py).

`setting(settings, key)` reads one, with its default: the check and newpost tools and the pure
functions also run on settings that never went through a build."""

from plugins.guard.images.budget import MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES

from .metadata import DEFAULT_CATEGORIES

MAX_STATIC_BYTES = MAX_DOCUMENT_BYTES  # a PDF from content/ (images: MAX_IMAGE_BYTES)

DEFAULTS = {
    "CONTENT_GUARD_MAX_BYTES": 1_000_000,
    "CONTENT_GUARD_MAX_STATIC_BYTES": MAX_STATIC_BYTES,
    "CONTENT_GUARD_MAX_IMAGE_BYTES": MAX_IMAGE_BYTES,
    # The settings of plugins/kinds/members (Authors: ids) and topics (Topics: ids), under PATH
    "MEMBERS_FILE": "members.toml",
    "TOPICS_PATH": "topics",
    "CONTENT_GUARD_CATEGORIES": DEFAULT_CATEGORIES,
    "CONTENT_GUARD_EXTRA_KEYS": (),
    "CONTENT_GUARD_REPORT": False,
    "CONTENT_GUARD_ALLOW_PLACEHOLDERS": False,  # set by `make devserver`
}


def setting(settings, key):
    return settings.get(key, DEFAULTS[key])
