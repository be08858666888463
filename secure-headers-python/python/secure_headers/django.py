"""Django middleware: add ``"secure_headers.django.SecureMiddleware"`` to ``MIDDLEWARE``.

The headers come from ``settings.SECURE_HEADERS`` (a :class:`~secure_headers.Secure`) when
it is set, else from :meth:`Secure.with_default_headers`. Beyond 2.0.1, the request-side
features of that ``Secure`` (:meth:`Secure.protect`, :data:`~secure_headers.NONCE`) are
decided by the core for each request; the nonce is ``request.csp_nonce``, and in
templates ``csp_nonce`` with the context processor
``"secure_headers.django.csp_nonce"`` in ``TEMPLATES[...]["OPTIONS"]["context_processors"]``.

The report endpoint: ``path("", include(secure_headers.django.report_urls(collector)))``
(or :func:`report_view` in a ``path`` of your own); the view is CSRF-exempt, as browsers
send reports without a token.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import _native
from ._internal.constants import MULTI_OK
from .analysis import ReportCollector
from .middleware.wsgi import inspect_environ
from .secure import Secure

__all__ = ["SecureMiddleware", "csp_nonce", "report_urls", "report_view"]


class SecureMiddleware:
    """Applies a :class:`~secure_headers.Secure` to every Django response."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        from django.conf import settings  # type: ignore[import-untyped]

        self.get_response = get_response
        configured = getattr(settings, "SECURE_HEADERS", None)
        self.secure: Secure = configured if isinstance(configured, Secure) else Secure.with_default_headers()
        self._multi_ok = tuple(sorted(MULTI_OK))

    def __call__(self, request: Any) -> Any:
        core = self.secure._plan(self._multi_ok)
        if not core.request_side:
            response = self.get_response(request)
            self.secure._apply(response, None)
            return response
        from django.http import HttpResponse  # type: ignore[import-untyped]

        decision = inspect_environ(core, request.META)
        if isinstance(decision, _native.Early):
            return HttpResponse(decision.body, status=decision.status, headers=dict(decision.headers))
        request.csp_nonce = decision.nonce
        response = self.get_response(request)
        self.secure._apply(response, decision)
        return response


def csp_nonce(request: Any) -> dict[str, Any]:
    """The context processor: ``{{ csp_nonce }}`` in templates (``None`` without a nonce)."""
    return {"csp_nonce": getattr(request, "csp_nonce", None)}


def report_view(collector: ReportCollector) -> Callable[[Any], Any]:
    """The report endpoint as a CSRF-exempt Django view (``POST``; ``OPTIONS`` for reports
    from other origins). Each report reaches ``collector``'s callback as a ``dict``."""
    from django.http import HttpResponse
    from django.views.decorators.csrf import csrf_exempt  # type: ignore[import-untyped]

    def view(request: Any) -> Any:
        if request.method == "OPTIONS":
            status, headers = 204, collector.response_headers()
        elif request.method != "POST":
            status, headers = 405, [("Allow", "POST, OPTIONS")]
        else:
            body = request.read(collector.limit + 1)
            status, headers = collector.receive(request.META.get("CONTENT_TYPE"), body)
        return HttpResponse(b"", status=status, headers=dict(headers))

    exempt: Callable[[Any], Any] = csrf_exempt(view)
    return exempt


def report_urls(collector: ReportCollector, route: str = "csp-report", name: str = "csp-report") -> list[Any]:
    """URL patterns for ``include()``: :func:`report_view` at ``route``."""
    from django.urls import path  # type: ignore[import-untyped]

    return [path(route, report_view(collector), name=name)]
