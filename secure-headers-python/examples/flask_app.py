"""Flask with secure_headers: the headers on every response, a per-request CSP nonce in
templates (``{{ csp_nonce }}``), request protection (allowed hosts) and the report endpoint
as a blueprint.

Run: ``flask --app flask_app run`` in this directory (or ``python flask_app.py``).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from flask import Flask, render_template_string

import secure_headers as secure
from secure_headers.flask import SecureFlask, reports_blueprint

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

app = Flask(__name__)
SecureFlask(app, headers)
app.register_blueprint(reports_blueprint(secure.ReportCollector(on_report), url="/csp-report"))


@app.route("/")
def home() -> str:
    return render_template_string(
        '<!doctype html><title>home</title><script nonce="{{ csp_nonce }}">document.title = "ran"</script>'
    )


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
