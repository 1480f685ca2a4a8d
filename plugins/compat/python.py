"""CPython internals the site uses (no Pelican, rich, livereload or Pagefind here, but private
all the same, so kept with the others)."""

import atexit


def run_exit_handlers():
    """Run the atexit handlers now, in a forked child about to leave with os._exit.

    Why: the dev server's forked builds must leave with os._exit (never back into the builder's
    loop), which skips atexit; plugins/guard/atomic_output removes an unfinished staging folder from
    an atexit handler. The atexit module has no public "run them now"."""
    atexit._run_exitfuncs()
