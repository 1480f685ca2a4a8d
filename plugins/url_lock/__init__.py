from .url_lock import register

__all__ = ["register"]
