"""The reading time of every post, counted once.

`content.reading_minutes`: the words of the (sanitized) body at 220 words per minute, rounded up,
at least one. Words are counted as the theme used to count them (`content | striptags |
wordcount`), but once per post in `content_object_init` instead of once per post card: a post is
listed on a dozen pages (home, archives, tags, topics, member), and stripping the tags of its
body each time cost seconds on a large site. The theme's `reading_time` macro still counts by
itself, with the same 220 words per minute, where this plugin is not enabled.
"""

import math
import re

from pelican import signals

from plugins.compat import body_html
from plugins.model.plain_text import plain_line
from plugins.model.read_cache import read_cache_of, remembered

WORD = re.compile(r"\w+")  # what Jinja's wordcount filter counts
WORDS_PER_MINUTE = 220  # as theme/templates/macros.html's reading_time


def reading_minutes(html):
    words = len(WORD.findall(plain_line(html)))
    return max(math.ceil(words / WORDS_PER_MINUTE), 1)


def set_reading_minutes(content):
    """content_object_init (after plugins/guard/sanitize, which cleans the body first); kept by
    the build's read cache (plugins/model/read_cache) with the body it was counted in."""
    html = body_html(content)
    cache = read_cache_of(getattr(content, "settings", None) or {}) if html else None
    content.reading_minutes = remembered(cache, "reading", html, lambda: reading_minutes(html))


def register():
    signals.content_object_init.connect(set_reading_minutes)
