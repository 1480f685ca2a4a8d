from .highlight import register

__all__ = ["register"]
