"""``XDnsPrefetchControl`` (the module of Python's `secure` 2.0.1 of the same name)."""

from ._builders import XDnsPrefetchControl

__all__ = ["XDnsPrefetchControl"]
