from .error_report import register

__all__ = ["register"]
