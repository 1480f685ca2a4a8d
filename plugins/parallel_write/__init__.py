from .parallel_write import register, share_with_build_process

__all__ = ["register", "share_with_build_process"]
