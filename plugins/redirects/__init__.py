from .redirects import register

__all__ = ["register"]
