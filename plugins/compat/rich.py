"""rich internals the site touches (rich is Pelican's console and log handler).

Checked by plugins/compat/tests/test_contract.py; pyproject.toml bounds rich below the next
major version.
"""

import threading


def reset_console_locks(console):
    """Give `console` (and its live displays) fresh locks, in a process just forked.

    Why: rich's status spinner runs in a thread that may hold `console._lock` or a Live's
    `_lock` at the instant plugins/parallel_write forks; the child has no such thread, so a
    held lock would never be released and the child's first log line would hang. rich has no
    public way to reset them. rich 14+ keeps live displays in `_live_stack` (older: `_live`)."""
    console._lock = threading.RLock()
    lives = list(getattr(console, "_live_stack", None) or [])
    if getattr(console, "_live", None) is not None:
        lives.append(console._live)
    for live in lives:
        live._lock = threading.RLock()
