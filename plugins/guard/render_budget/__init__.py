from .render_budget import register

__all__ = ["register"]
