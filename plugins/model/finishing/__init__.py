"""Ordered finishing steps of a build (a library for the other plugins; no need to list it in
PLUGINS). See finishing.py."""

from .finishing import CHECK, PUBLISH, RECORD, WRITE, add_step, register

__all__ = ["CHECK", "PUBLISH", "RECORD", "WRITE", "add_step", "register"]
