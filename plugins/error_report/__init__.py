from .error_report import ContentError, display_path, metadata_line, register

__all__ = ["ContentError", "display_path", "metadata_line", "register"]
