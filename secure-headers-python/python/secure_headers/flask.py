"""Flask integration: the headers on every response and, beyond 2.0.1, the request side.

``SecureFlask(app, secure)`` registers ``before_request`` (the core's decision for the
request: an HTTPS redirect, a refused host, the CSP nonce in ``g.csp_nonce``) and
``after_request`` (the headers, with the request's nonce), and a context processor that
gives templates ``csp_nonce``. Without request-side features it is `secure` 2.0.1's
recipe, ``secure.set_headers(response)`` in ``after_request``.

:func:`reports_blueprint` serves a :class:`~secure_headers.ReportCollector` as a blueprint.
"""

from __future__ import annotations

from typing import Any

from . import _native
from ._internal.constants import MULTI_OK
from .analysis import ReportCollector
from .middleware.wsgi import inspect_environ
from .secure import Secure

__all__ = ["SecureFlask", "reports_blueprint"]


class SecureFlask:
    """Applies a :class:`~secure_headers.Secure` to every response of a Flask app."""

    def __init__(self, app: Any, secure: Secure | None = None) -> None:
        self.secure = secure or Secure.with_default_headers()
        self._multi_ok = tuple(sorted(MULTI_OK))
        app.before_request(self._before)
        app.after_request(self._after)
        app.context_processor(_nonce_context)

    def _before(self) -> Any:
        from flask import Response, g, request

        core = self.secure._plan(self._multi_ok)
        g.csp_nonce = None
        if not core.request_side:
            return None
        decision = inspect_environ(core, request.environ)
        if isinstance(decision, _native.Early):
            return Response(decision.body, status=decision.status, headers=decision.headers)
        g.csp_nonce = decision.nonce
        g._secure_headers_context = decision
        return None

    def _after(self, response: Any) -> Any:
        from flask import g

        self.secure._apply(response, g.get("_secure_headers_context"))
        return response


def _nonce_context() -> dict[str, Any]:
    from flask import g

    return {"csp_nonce": g.get("csp_nonce")}


def reports_blueprint(collector: ReportCollector, url: str = "/csp-report", name: str = "secure_headers_reports") -> Any:
    """A blueprint with the report endpoint at ``url`` (``POST``, and ``OPTIONS`` for
    reports from other origins): ``app.register_blueprint(reports_blueprint(collector))``.

    Each report reaches ``collector``'s callback as a ``dict`` (see the README's "Reports").
    """
    from flask import Blueprint, Response, request

    blueprint = Blueprint(name, __name__)

    def receive() -> Any:
        if request.method == "OPTIONS":
            status, headers = 204, collector.response_headers()
        else:
            body = request.stream.read(collector.limit + 1)
            status, headers = collector.receive(request.content_type, body)
        return Response(b"", status=status, headers=headers)

    blueprint.add_url_rule(url, "receive", receive, methods=["POST", "OPTIONS"], provide_automatic_options=False)
    return blueprint
