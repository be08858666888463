"""ASGI and WSGI middleware (``secure.middleware`` of Python's `secure` 2.0.1)."""

from .asgi import SecureASGIMiddleware
from .wsgi import SecureWSGIMiddleware

__all__ = ["SecureASGIMiddleware", "SecureWSGIMiddleware"]
