"""Django middleware: add ``"secure_headers.django.SecureMiddleware"`` to ``MIDDLEWARE``.

The headers come from ``settings.SECURE_HEADERS`` (a :class:`~secure_headers.Secure`) when
it is set, else from :meth:`Secure.with_default_headers`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .secure import Secure


class SecureMiddleware:
    """Applies a :class:`~secure_headers.Secure` to every Django response."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        from django.conf import settings  # type: ignore[import-untyped]

        self.get_response = get_response
        configured = getattr(settings, "SECURE_HEADERS", None)
        self.secure: Secure = configured if isinstance(configured, Secure) else Secure.with_default_headers()

    def __call__(self, request: Any) -> Any:
        response = self.get_response(request)
        self.secure.set_headers(response)
        return response
