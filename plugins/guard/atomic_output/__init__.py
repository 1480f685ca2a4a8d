from .atomic_output import register

__all__ = ["register"]
