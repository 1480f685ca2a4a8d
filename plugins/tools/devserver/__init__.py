from .devserver import register

__all__ = ["register"]
