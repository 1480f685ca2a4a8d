"""Social cards (Open Graph images) and the drawing of the ULS-SIG mark. See social_cards.py."""

from .social_cards import register

__all__ = ["register"]
