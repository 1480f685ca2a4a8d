from .read_cache import read_cache_of, register, remembered

__all__ = ["read_cache_of", "register", "remembered"]
