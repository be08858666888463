"""Django middleware: add ``"secure_headers.django.SecureMiddleware"`` to ``MIDDLEWARE``.

The headers come from ``settings.SECURE_HEADERS`` (a :class:`~secure_headers.Secure`) when
it is set, else from :meth:`Secure.with_default_headers`. Beyond 2.0.1, the request-side
features of that ``Secure`` (:meth:`Secure.protect`, :data:`~secure_headers.NONCE`) are
decided by the core for each request; the nonce is ``request.csp_nonce``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .middleware.wsgi import inspect_environ
from ._internal.constants import MULTI_OK
from .secure import Secure


class SecureMiddleware:
    """Applies a :class:`~secure_headers.Secure` to every Django response."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        from django.conf import settings  # type: ignore[import-untyped]

        self.get_response = get_response
        configured = getattr(settings, "SECURE_HEADERS", None)
        self.secure: Secure = configured if isinstance(configured, Secure) else Secure.with_default_headers()
        self._multi_ok = sorted(MULTI_OK)

    def __call__(self, request: Any) -> Any:
        guard = self.secure._guard(self._multi_ok)
        if guard is None:
            response = self.get_response(request)
            self.secure.set_headers(response)
            return response
        from django.http import HttpResponse  # type: ignore[import-untyped]

        decision = inspect_environ(guard, request.META)
        if isinstance(decision, tuple):
            status, headers = decision
            return HttpResponse(b"", status=status, headers=dict(headers))
        request.csp_nonce = decision.nonce
        response = self.get_response(request)
        for name, value in guard.items(decision):
            response.headers[name] = value
        return response
