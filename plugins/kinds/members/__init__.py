from .members import register

__all__ = ["register"]
