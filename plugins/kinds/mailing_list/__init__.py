"""The mailing list's archive as pages, feeds and search results. See mailing_list.py."""

from .mailing_list import register

__all__ = ["register"]
