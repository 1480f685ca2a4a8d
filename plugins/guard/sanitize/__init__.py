from .sanitize import register

__all__ = ["register"]
