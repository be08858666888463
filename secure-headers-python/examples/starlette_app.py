"""Starlette with secure_headers: the headers on every response, a per-request CSP nonce in
a Jinja2 template, request protection (allowed hosts) and the report endpoint as a route.

Run: ``uvicorn starlette_app:app --port 8000`` in this directory (or ``python starlette_app.py``).
"""

from __future__ import annotations

import logging
import os
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

import secure_headers as secure
from secure_headers.middleware import SecureASGIMiddleware

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
REPORTS: list[dict[str, Any]] = []
PAGE = jinja2.Template(
    '<!doctype html><title>home</title><script nonce="{{ csp_nonce }}">document.title = "ran"</script>', autoescape=True
)


def on_report(report: dict[str, Any]) -> None:
    """Each report as a dict (see the README's "Reports"); keep it, log it."""
    REPORTS.append(report)
    logging.getLogger("csp").warning("report: %s", report)


csp = (
    secure.ContentSecurityPolicy()
    .default_src("'self'")
    .script_src("'self'", secure.NONCE)
    .object_src("'none'")
    .report_uri("/csp-report")
)
headers = secure.Secure(csp=csp, hsts=secure.StrictTransportSecurity().max_age(63072000)).protect(allowed_hosts=ALLOWED_HOSTS)


async def home(request: Request) -> HTMLResponse:
    return HTMLResponse(PAGE.render(csp_nonce=request.state.csp_nonce))


app = Starlette(
    routes=[
        Route("/", home),
        # A route, not a Mount (which answers the bare path with a 307).
        Route("/csp-report", secure.ReportCollector(on_report), methods=["POST", "OPTIONS"]),
    ],
    middleware=[Middleware(SecureASGIMiddleware, secure=headers)],
)

if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
