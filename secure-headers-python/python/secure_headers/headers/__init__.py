"""The header builders (``secure.headers`` of Python's `secure` 2.0.1)."""

from . import _builders
from ._builders import *
from .base_header import BaseHeader

__all__ = ["BaseHeader"]
__all__ += _builders.__all__
