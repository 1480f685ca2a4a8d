"""One decoding of content text for checks and output alike (a library, not a plugin)."""

from .plain_text import CONTROL, decoded, plain_line, reference_text, unescaped

__all__ = ["CONTROL", "decoded", "plain_line", "reference_text", "unescaped"]
