"""Published addresses never disappear: redirects (redirects.py, automatic.py) and the URL lock
(url_lock.py, lockfile.py), one plugin since each needs the other."""

from . import redirects, url_lock


def register():
    redirects.register()
    url_lock.register()  # its check runs after the redirects are written


__all__ = ["register"]
