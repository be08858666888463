"""aiohttp integration with secure-aiohttp 0.0.24's parameters, as it was meant to work.

``SecureAiohttp(app, csp=..., csp_testing=..., scp_report_uri=..., hsts=...,
hsts_max_age=..., hsts_inclue_subdomains=..., hsts_preload=...)`` accepts the same
parameters (the misspellings ``scp_report_uri`` and ``hsts_inclue_subdomains`` as written,
and the correct spellings ``csp_report_uri`` and ``hsts_include_subdomains``), the same
named policies (``default``, ``same-origin``, ``google-analitycs``) and registers the same
report route. Unlike 0.0.24: a list value in a directive works; a custom report URI is
the one in the header; the caller's dict is not changed; a bad ``hsts_max_age`` fails
here, at setup, not on every response. The headers are rendered once by the core.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from . import _native
from .analysis import ReportCollector
from .headers import ContentSecurityPolicy, StrictTransportSecurity
from ._internal.constants import MULTI_OK
from .secure import Secure

__all__ = ["CSP_DEFAULT", "CSP_NONCE", "DEFAULT_CSP_REPORT_URI", "SecureAiohttp", "csp_report_handler"]

logger = logging.getLogger("secure_headers.aiohttp")

DEFAULT_CSP_REPORT_URI = "/secureaiohttp-csp-report-uri"

_RequestKey: Any = getattr(web, "RequestKey", None)

#: The key of the request's CSP nonce: ``request[CSP_NONCE]`` (a ``web.RequestKey`` where
#: aiohttp has them, else the string ``"csp_nonce"``).
CSP_NONCE: Any = _RequestKey("csp_nonce", str) if _RequestKey else "csp_nonce"
_CONTEXT: Any = _RequestKey("secure_headers_context", object) if _RequestKey else "_secure_headers_context"

CSP_DEFAULT: Mapping[str, Mapping[str, str | list[str] | None]] = {
    "default": {
        "connect-src": "self",
        "default-src": "none",
        "img-src": "self",
        "script-src": "self",
        "style-src": "self",
    },
    "same-origin": {"default-src": "self"},
    "google-analitycs": {"script-src": ["self", "www.google-analytics.com", "ajax.googleapis.com"]},
}

_KEYWORDS = {"self", "none"}


def _tokens(key: str, value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        values: list[str] = value.split()
    elif isinstance(value, (list, tuple)):
        values = [str(v) for v in value]
    else:
        raise TypeError(f"CSP directive {key!r} should be a string, a list, a tuple or None")
    return [f"'{v}'" if v in _KEYWORDS else v for v in values]


def build_csp(csp: str | Mapping[str, object], report_uri: str) -> ContentSecurityPolicy:
    """The policy of a named policy or a ``{directive: value}`` dict, with ``report-uri``."""
    if isinstance(csp, str):
        if csp not in CSP_DEFAULT:
            raise ValueError(f"unknown CSP policy name {csp!r} (one of {', '.join(CSP_DEFAULT)})")
        directives: Mapping[str, object] = CSP_DEFAULT[csp]
    else:
        directives = csp
    policy = ContentSecurityPolicy()
    for key, value in directives.items():
        name = str(key).strip()
        if not name:
            raise ValueError("CSP dictionary configured incorrectly: empty directive name")
        if name == "report-uri":
            continue
        policy.custom_directive(name, *_tokens(name, value))
    given = directives.get("report-uri")
    policy.report_uri(*(_tokens("report-uri", given) if given is not None else [report_uri]))
    return policy


_COLLECTOR = ReportCollector(lambda report: logger.warning("CSP violation: %s", report))


async def csp_report_handler(request: web.Request) -> web.StreamResponse:
    """Receives CSP violation reports (both formats), parsed by the core; 204, or 400 for a
    body that is not a report, 415 for another media type."""
    response: web.StreamResponse = await _COLLECTOR.aiohttp_handler(request)
    return response


class SecureAiohttp:
    """CSP and HSTS for an aiohttp application (secure-aiohttp 0.0.24's parameters)."""

    def __init__(  # noqa: PLR0913
        self,
        app: web.Application,
        csp: str | Mapping[str, object] | None = None,
        csp_testing: bool = False,
        scp_report_uri: str | None = None,
        hsts: bool = True,
        hsts_max_age: int = 31536000,
        hsts_inclue_subdomains: bool | None = None,
        hsts_preload: bool = True,
        *,
        csp_report_uri: str | None = None,
        hsts_include_subdomains: bool | None = None,
        secure: Secure | None = None,
    ) -> None:
        if isinstance(hsts_max_age, bool) or not isinstance(hsts_max_age, int) or hsts_max_age < 0:
            raise AttributeError("hsts_max_age should be a non-negative int.")
        self.app = app
        self.report_uri = (csp_report_uri or scp_report_uri or DEFAULT_CSP_REPORT_URI).strip()
        include = hsts_include_subdomains if hsts_include_subdomains is not None else hsts_inclue_subdomains
        self.secure = secure or Secure()
        if csp:
            policy = build_csp(csp, self.report_uri)
            if csp_testing:
                policy.report_only()
            self.secure.headers_list.append(policy)
            app.router.add_post(self.report_uri, csp_report_handler)
        if hsts:
            sts = StrictTransportSecurity().max_age(hsts_max_age)
            if include is None or include:
                sts.include_subdomains()
            if hsts_preload:
                sts.preload()
            self.secure.headers_list.append(sts)
        self.secure.headers  # noqa: B018  (a duplicate fails here, at setup)
        self._multi_ok = tuple(sorted(MULTI_OK))
        app.middlewares.append(self._middleware)
        app.on_response_prepare.append(self._prepare)

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Beyond 0.0.24: the core's decision for the request when the ``Secure`` has
        request-side features (a redirect, a refused host, the nonce in
        ``request[CSP_NONCE]``)."""
        core = self.secure._plan(self._multi_ok)
        if not core.request_side:
            response: web.StreamResponse = await handler(request)
            return response
        peer = request.remote
        decision = core.inspect(
            method=request.method,
            path=request.path_qs,
            headers=list(request.headers.items()),
            peer=peer,
            tls=request.secure,
        )
        if isinstance(decision, _native.Early):
            return web.Response(status=decision.status, headers=dict(decision.headers), body=decision.body)
        request[CSP_NONCE] = decision.nonce
        request[_CONTEXT] = decision
        answer: web.StreamResponse = await handler(request)
        return answer

    async def _prepare(self, request: web.Request, response: web.StreamResponse) -> None:
        self.secure._apply(response, request.get(_CONTEXT))
