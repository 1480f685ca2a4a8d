from .read_cache import read_cache_of, register

__all__ = ["read_cache_of", "register"]
