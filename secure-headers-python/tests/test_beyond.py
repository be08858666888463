"""Beyond 2.0.1, from the same core: per-request nonces, request-side protections, the
report collector, lint and grade; each framework on a real server on 127.0.0.1."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import secure_headers as secure
from secure_headers.middleware import SecureASGIMiddleware, SecureWSGIMiddleware

from .conftest import aiohttp_server, asgi_server, django_wsgi, request, values, wsgi_server

NONCE_RE = re.compile(r"script-src 'self' 'nonce-([A-Za-z0-9+/_=-]+)'")


def nonce_secure() -> secure.Secure:
    csp = secure.ContentSecurityPolicy().default_src("'self'").script_src("'self'", secure.NONCE)
    return secure.Secure(csp=csp, xfo=secure.XFrameOptions().deny())


def check_nonce_site(base: str, path: str = "/") -> None:
    seen = []
    for _ in range(2):
        status, headers, body = request(base, path)
        assert status == 200
        [csp] = values(headers, "Content-Security-Policy")
        m = NONCE_RE.search(csp)
        assert m, csp
        assert body.decode() == m.group(1)  # the handler saw the same nonce
        assert values(headers, "X-Frame-Options") == ["DENY"]
        seen.append(m.group(1))
    assert seen[0] != seen[1]
    assert len(seen[0]) >= 22


def test_asgi_nonce_in_scope_state() -> None:
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def home(request: Any) -> Any:
        return PlainTextResponse(request.state.csp_nonce)

    with asgi_server(SecureASGIMiddleware(Starlette(routes=[Route("/", home)]), secure=nonce_secure())) as base:
        check_nonce_site(base)


def test_flask_nonce_in_g() -> None:
    from flask import Flask, g

    from secure_headers.flask import SecureFlask

    app = Flask(__name__)

    @app.route("/")
    def home() -> str:
        return str(g.csp_nonce)

    SecureFlask(app, nonce_secure())
    with wsgi_server(app) as base:
        check_nonce_site(base)


def test_wsgi_nonce_in_environ() -> None:
    def app(environ: Any, start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [environ["secure_headers.csp_nonce"].encode()]

    with wsgi_server(SecureWSGIMiddleware(app, secure=nonce_secure())) as base:
        check_nonce_site(base)


def test_aiohttp_nonce_in_request() -> None:
    from aiohttp import web

    from secure_headers.aiohttp import CSP_NONCE, SecureAiohttp

    async def home(request: web.Request) -> web.Response:
        return web.Response(text=request[CSP_NONCE])

    app = web.Application()
    app.router.add_get("/", home)
    SecureAiohttp(app, hsts=False, secure=nonce_secure())
    with aiohttp_server(app) as base:
        check_nonce_site(base)


def test_asgi_https_redirect_allowed_hosts_and_trusted_proxy() -> None:
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def home(request: Any) -> Any:
        return PlainTextResponse("hello")

    s = secure.Secure.with_default_headers().protect(https_redirect=True, allowed_hosts=["example.com"], trusted_proxies=["127.0.0.1"], forwarded_headers=["x-forwarded-proto"])
    with asgi_server(SecureASGIMiddleware(Starlette(routes=[Route("/", home)]), secure=s)) as base:
        status, headers, _ = request(base, "/a?b=1", headers={"Host": "example.com"})
        assert status == 308
        assert values(headers, "Location") == ["https://example.com/a?b=1"]
        assert values(headers, "X-Frame-Options") == ["SAMEORIGIN"]
        status, headers, body = request(base, "/", headers={"Host": "example.com", "X-Forwarded-Proto": "https"})
        assert (status, body) == (200, b"hello")
        assert values(headers, "Strict-Transport-Security") == ["max-age=31536000; includeSubDomains"]
        status, _, _ = request(base, "/", headers={"Host": "evil.example", "X-Forwarded-Proto": "https"})
        assert status == 400


def test_django_nonce_on_the_request() -> None:
    with wsgi_server(django_wsgi(nonce_secure())) as base:
        check_nonce_site(base.rstrip("/"), "/nonce")


CSP_REPORT = {"csp-report": {"document-uri": "https://example.com/", "blocked-uri": "https://evil.example/x.js", "violated-directive": "script-src", "effective-directive": "script-src", "original-policy": "script-src 'self'", "disposition": "enforce"}}


def test_report_collector_asgi_and_wsgi_routes() -> None:
    got: list[dict[str, Any]] = []
    collector = secure.ReportCollector(got.append)

    with asgi_server(collector) as base:
        status, headers, _ = request(base, "/", "POST", {"Content-Type": "application/csp-report"}, json.dumps(CSP_REPORT).encode())
        assert status == 204
        assert values(headers, "access-control-allow-origin") == ["*"]
        status, _, _ = request(base, "/", "POST", {"Content-Type": "application/csp-report"}, b"not json")
        assert status == 400
        status, _, _ = request(base, "/", "POST", {"Content-Type": "text/plain"}, b"{}")
        assert status == 415
    with wsgi_server(collector.wsgi) as base:
        status, _, _ = request(base, "/", "POST", {"Content-Type": "application/csp-report"}, json.dumps(CSP_REPORT).encode())
        assert status == 204
    assert len(got) == 2
    violation = got[0]["CspViolation"]
    assert violation["blocked_url"] == "https://evil.example/x.js"
    assert violation["effective_directive"] == "script-src"


def test_aiohttp_report_route_receives_reports() -> None:
    from aiohttp import web

    from secure_headers.aiohttp import SecureAiohttp

    app = web.Application()
    SecureAiohttp(app, csp="same-origin", scp_report_uri="/my-report")
    with aiohttp_server(app) as base:
        status, _, _ = request(base, "/my-report", "POST", {"Content-Type": "application/csp-report"}, json.dumps(CSP_REPORT).encode())
        assert status == 204
        status, _, _ = request(base, "/my-report", "POST", {"Content-Type": "application/csp-report"}, b"{")
        assert status == 400


def test_lint_and_grade() -> None:
    findings = secure.lint_csp("script-src 'self' 'unsafe-inline'")
    assert any(f.rule == "csp-unsafe-inline" and f.directive == "script-src" for f in findings), findings
    assert secure.lint(secure.Secure.with_default_headers()) == secure.lint(secure.Secure.with_default_headers().headers)
    g = secure.grade(secure.Secure.with_default_headers())
    assert (g.letter, g.score) == GRADE_BALANCED
    bare = secure.grade({})
    assert (bare.letter, bare.score) == ("D", 30)  # 100 - 25 - 20 - 5 - 20
    assert [(m.test, m.score_modifier) for m in bare.modifiers if m.score_modifier] == [
        ("content-security-policy", -25),
        ("strict-transport-security", -20),
        ("x-content-type-options", -5),
        ("x-frame-options", -20),
    ]
    with pytest.raises(ValueError):
        secure.grade([("Bad Name", "x")])


# 100 + 10 (CSP) + 5 (frame-ancestors) + 5 (Referrer-Policy), as the core documents.
GRADE_BALANCED = ("A+", 120)
