"""aiohttp with secure_headers: the headers on every response, a per-request CSP nonce in
the page, request protection (allowed hosts) and the report endpoint as a route.

Run: ``python aiohttp_app.py`` in this directory.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from aiohttp import web

import secure_headers as secure
from secure_headers.aiohttp import CSP_NONCE, SecureAiohttp

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
REPORTS: list[dict[str, Any]] = []


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


async def home(request: web.Request) -> web.Response:
    nonce = request[CSP_NONCE]
    page = f'<!doctype html><title>home</title><script nonce="{nonce}">document.title = "ran"</script>'
    return web.Response(text=page, content_type="text/html")


def make_app() -> web.Application:
    app = web.Application()
    # secure-aiohttp's class, given a whole Secure (hsts=False: the Secure has its own).
    SecureAiohttp(app, hsts=False, secure=headers)
    app.router.add_get("/", home)
    collector = secure.ReportCollector(on_report)
    app.router.add_route("POST", "/csp-report", collector.aiohttp_handler)
    app.router.add_route("OPTIONS", "/csp-report", collector.aiohttp_handler)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
