"""The reading time of every post, counted once.

`content.reading_minutes`: the words of the (sanitized) body at 220 words per minute, rounded up,
at least one. Words are counted as the theme used to count them (`content | striptags |
wordcount`), but once per post in `content_object_init` instead of once per post card: a post is
listed on a dozen pages (home, archives, tags, topics, member), and stripping the tags of its
body each time cost seconds on a large site. The theme's `reading_time` macro still counts by
itself where this plugin is not enabled.

Setting: READING_WORDS_PER_MINUTE (default 220).
"""

import math
import re

from markupsafe import Markup
from pelican import signals

WORD = re.compile(r"\w+")  # what Jinja's wordcount filter counts


def reading_minutes(html, words_per_minute=220):
    words = len(WORD.findall(Markup(html or "").striptags()))
    return max(math.ceil(words / words_per_minute), 1)


def set_reading_minutes(content):
    """content_object_init (after plugins/sanitize, which cleans the body first)."""
    per_minute = content.settings.get("READING_WORDS_PER_MINUTE", 220)
    content.reading_minutes = reading_minutes(getattr(content, "_content", ""), per_minute)


def register():
    signals.content_object_init.connect(set_reading_minutes)
