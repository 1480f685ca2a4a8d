"""Test-only plugin: shows parallel_markdown's DEBUG lines (what the pool parsed) without `-D`,
which would bury them under every other plugin's debug output."""

import logging


def register():
    logging.getLogger("plugins.parallel_markdown.parallel_markdown").setLevel(logging.DEBUG)
