from .error_report import ContentError, display_path, metadata_line, register
from .header import split_list

__all__ = ["ContentError", "display_path", "metadata_line", "register", "split_list"]
