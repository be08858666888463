"""The site's URLs: the page, and the report view by ``include``."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from django.urls import include, path

import secure_headers as secure
from secure_headers.django import report_urls

from . import views


def on_report(report: dict[str, Any]) -> None:
    """Each report as a dict (see the README's "Reports"): logged as JSON."""
    logging.getLogger("csp").warning("report: %s", json.dumps(report))


# With SECURE_HEADERS_REPORTS_DB (a SQLite path or a postgres:// URL) the reports also go to
# the store that `secure-headers reports summary --db ...` and the roll-out assistant read.
collector = secure.ReportCollector(on_report, store=os.environ.get("SECURE_HEADERS_REPORTS_DB"))

urlpatterns = [
    path("", views.home),
    # CSRF-exempt (browsers send reports without a token): the package's view is.
    path("", include(report_urls(collector, "csp-report"))),
]
