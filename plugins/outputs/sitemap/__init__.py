"""sitemap.xml and robots.txt, for crawlers. See sitemap.py."""

from .sitemap import register

__all__ = ["register"]
