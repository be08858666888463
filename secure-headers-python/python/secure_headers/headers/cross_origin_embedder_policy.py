"""``CrossOriginEmbedderPolicy`` (the module of Python's `secure` 2.0.1 of the same name)."""

from ._builders import CrossOriginEmbedderPolicy

__all__ = ["CrossOriginEmbedderPolicy"]
