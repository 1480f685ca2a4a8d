from .hubs import ARTICLE_LISTS, Hub, HubsGenerator

__all__ = ["ARTICLE_LISTS", "Hub", "HubsGenerator"]
