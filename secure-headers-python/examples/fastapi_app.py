"""FastAPI with secure_headers: the headers on every response, a per-request CSP nonce in
the page, request protection (allowed hosts) and the report endpoint as a route.

Run: ``uvicorn fastapi_app:app --port 8000`` in this directory (or ``python fastapi_app.py``).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

import secure_headers as secure
from secure_headers.middleware import SecureASGIMiddleware

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

app = FastAPI()
app.add_middleware(SecureASGIMiddleware, secure=headers)
# A route, not a mount: a mount answers the bare path with a 307 to "/csp-report/", and
# browsers do not follow redirects with their reports.
# With SECURE_HEADERS_REPORTS_DB (a SQLite path or a postgres:// URL) the reports also go to
# the store that `secure-headers reports summary --db ...` and the roll-out assistant read.
collector = secure.ReportCollector(on_report, store=os.environ.get("SECURE_HEADERS_REPORTS_DB"))
app.add_route("/csp-report", collector, methods=["POST", "OPTIONS"])


@app.get("/", response_class=HTMLResponse)
def home(request: Request) -> str:
    nonce = request.state.csp_nonce  # this response's nonce, also in its CSP
    return f'<!doctype html><title>home</title><script nonce="{nonce}">document.title = "ran"</script>'


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
