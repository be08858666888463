"""Every recipe under ``examples/`` on a real server: the headers, a fresh nonce per page
that the page's inline script carries (and Chromium runs), another host refused, and the
report route answering on its bare path with the report handed to the callback."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from .conftest import aiohttp_server, asgi_server, request, server_process, values, wsgi_server
from .webdriver import chromium

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
sys.path.insert(0, str(EXAMPLES))

REPORT = {
    "csp-report": {
        "document-uri": "http://127.0.0.1/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "script-src 'self'",
        "blocked-uri": "inline",
        "disposition": "enforce",
        "status-code": 200,
    }
}


def nonce_of(headers: list[tuple[str, str]], body: bytes) -> str:
    (policy,) = values(headers, "Content-Security-Policy")
    found = re.search(r"'nonce-([A-Za-z0-9+/=]{24})'", policy)
    assert found, policy
    assert policy == f"default-src 'self'; script-src 'self' 'nonce-{found[1]}'; object-src 'none'; report-uri /csp-report"
    assert f'<script nonce="{found[1]}">'.encode() in body, body
    return found[1]


def check_recipe(base: str, reports: Callable[[], list[dict[str, Any]]]) -> None:
    status, headers, body = request(base)
    assert status == 200
    first = nonce_of(headers, body)
    assert values(headers, "Strict-Transport-Security") == ["max-age=63072000"]
    status, headers, body = request(base)
    assert status == 200 and nonce_of(headers, body) != first
    # Request protection: another host is refused before the app runs.
    status, headers, _ = request(base, headers={"Host": "evil.example"})
    assert status == 400
    # The report route, on its bare path (no 307 to "/csp-report/").
    status, headers, _ = request(
        base, "/csp-report", "POST", headers={"Content-Type": "application/csp-report"}, body=json.dumps(REPORT).encode()
    )
    assert status == 204
    assert values(headers, "Access-Control-Allow-Origin") == ["*"]
    got = [r["CspViolation"] for r in reports() if "CspViolation" in r]
    assert [(r["format"], r["document_url"], r["effective_directive"], r["blocked_url"]) for r in got] == [
        ("csp-report", "http://127.0.0.1/", "script-src-elem", "inline")
    ]
    status, _, _ = request(base, "/csp-report", "OPTIONS", headers={"Origin": "http://other.example"})
    assert status == 204
    # The nonce in the page is the one in the header: Chromium runs the inline script.
    with chromium() as browser:
        browser.get(base + "/")
        assert browser.wait_for("the page's inline script", lambda: browser.script("return document.title") == "ran")


def test_fastapi_recipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "reports.db"
    monkeypatch.setenv("SECURE_HEADERS_REPORTS_DB", str(db))
    sys.modules.pop("fastapi_app", None)
    import fastapi_app

    with asgi_server(fastapi_app.app) as base:
        check_recipe(base, lambda: fastapi_app.REPORTS)
    assert_stored(db)


def assert_stored(db: Path) -> None:
    """The recipe's report reached the store the ``secure-headers reports`` workflow reads."""
    import secure_headers as secure

    summary = secure.ReportStore(str(db)).summary()
    assert (summary["reports"], summary["fingerprints"]) == (1, 1)
    (kind,) = summary["kinds"]
    assert (kind["kind"], kind["reports"], kind["enforce"]) == ("csp-violation", 1, 1)
    (top,) = kind["top"]
    assert (top["directive"], top["blocked"], top["document"]) == ("script-src-elem", "inline", "/")


def test_starlette_recipe() -> None:
    import starlette_app

    starlette_app.REPORTS.clear()
    with asgi_server(starlette_app.app) as base:
        check_recipe(base, lambda: starlette_app.REPORTS)


def test_flask_recipe() -> None:
    import flask_app

    flask_app.REPORTS.clear()
    with wsgi_server(flask_app.app) as base:
        check_recipe(base, lambda: flask_app.REPORTS)


def test_aiohttp_recipe() -> None:
    import aiohttp_app

    aiohttp_app.REPORTS.clear()
    with aiohttp_server(aiohttp_app.make_app()) as base:
        check_recipe(base, lambda: aiohttp_app.REPORTS)


@contextmanager
def django_site(log: Path, db: Path) -> Iterator[str]:
    """The Django example under ``runserver`` in its own process (Django's settings are
    per process); its stderr, where the reports are logged, goes to ``log``."""
    args = ["-m", "django", "runserver", "--noreload", "--settings", "django_site.settings", "127.0.0.1:{port}"]
    env = {"PYTHONPATH": str(EXAMPLES), "SECURE_HEADERS_REPORTS_DB": str(db)}
    with server_process(args, cwd=EXAMPLES, env=env, log=log) as port:
        yield f"http://127.0.0.1:{port}"


def test_django_recipe(tmp_path: Path) -> None:
    pytest.importorskip("django")
    log = tmp_path / "stderr.txt"

    def reports() -> list[dict[str, Any]]:
        lines = log.read_text().splitlines()
        return [json.loads(line.split("report: ", 1)[1]) for line in lines if line.startswith("report: ")]

    db = tmp_path / "reports.db"
    with django_site(log, db) as base:
        check_recipe(base, reports)
    assert_stored(db)
