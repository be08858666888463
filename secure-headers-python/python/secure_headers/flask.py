"""Flask integration: the headers on every response and, beyond 2.0.1, the request side.

``SecureFlask(app, secure)`` registers ``before_request`` (the core's decision for the
request: an HTTPS redirect, a refused host, the CSP nonce in ``g.csp_nonce``) and
``after_request`` (the headers, with the request's nonce). Without request-side features
it is `secure` 2.0.1's recipe, ``secure.set_headers(response)`` in ``after_request``.
"""

from __future__ import annotations

from typing import Any

from .middleware.wsgi import inspect_environ
from ._internal.constants import MULTI_OK
from .secure import Secure

__all__ = ["SecureFlask"]


class SecureFlask:
    """Applies a :class:`~secure_headers.Secure` to every response of a Flask app."""

    def __init__(self, app: Any, secure: Secure | None = None) -> None:
        self.secure = secure or Secure.with_default_headers()
        self._multi_ok = sorted(MULTI_OK)
        app.before_request(self._before)
        app.after_request(self._after)

    def _before(self) -> Any:
        from flask import Response, g, request

        guard = self.secure._guard(self._multi_ok)
        g.csp_nonce = None
        if guard is None:
            return None
        decision = inspect_environ(guard, request.environ)
        if isinstance(decision, tuple):
            status, headers = decision
            return Response(b"", status=status, headers=headers)
        g.csp_nonce = decision.nonce
        g._secure_headers_context = decision
        return None

    def _after(self, response: Any) -> Any:
        from flask import g

        context = g.get("_secure_headers_context")
        guard = self.secure._guard(self._multi_ok)
        if context is not None and guard is not None:
            for name, value in guard.items(context):
                response.headers[name] = value
        else:
            self.secure.set_headers(response)
        return response
