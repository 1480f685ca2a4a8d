"""One decoding of content text for checks and output alike (a library, not a plugin)."""

from .plain_text import (
    CONTROL,
    decoded,
    display_path,
    plain_line,
    reference_text,
    unescaped,
    visible,
)

__all__ = [
    "CONTROL",
    "decoded",
    "display_path",
    "plain_line",
    "reference_text",
    "unescaped",
    "visible",
]
