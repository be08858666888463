"""A request the core answers before the app runs is answered as the core's
``EarlyResponse`` says, in every integration: a refusal says why in a one-line
``text/plain`` body (as the Rust integrations answer), a redirect has an empty body and
``Location``; both carry the security headers. Raw requests over a socket on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any
from urllib.parse import urlsplit

import pytest

import secure_headers as secure
from secure_headers.middleware import SecureASGIMiddleware, SecureWSGIMiddleware

from .conftest import aiohttp_server, asgi_server, django_wsgi, values, wsgi_server

REFUSED = b"refused: the request's host is not allowed\n"


def protected() -> secure.Secure:
    return secure.Secure(xfo=secure.XFrameOptions().deny()).protect(allowed_hosts=["127.0.0.1"])


def raw_get(base: str, host: str, extra: str = "") -> tuple[str, list[tuple[str, str]], bytes]:
    """A GET with ``host`` (and the header lines ``extra``) over a plain socket: the status
    line, the headers, the body."""
    u = urlsplit(base)
    with socket.create_connection((u.hostname or "", u.port or 80), timeout=10) as sock:
        sock.sendall(f"GET /a?b=1 HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = [(n.strip(), v.strip()) for n, _, v in (line.partition(":") for line in lines)]
    return status_line, headers, body


def _asgi() -> AbstractContextManager[str]:
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def home(request: Any) -> Any:
        return PlainTextResponse("hello")

    return asgi_server(SecureASGIMiddleware(Starlette(routes=[Route("/a", home)]), secure=protected()))


def _wsgi() -> AbstractContextManager[str]:
    def app(environ: Any, start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"hello"]

    return wsgi_server(SecureWSGIMiddleware(app, secure=protected()))


def _flask() -> AbstractContextManager[str]:
    from flask import Flask

    from secure_headers.flask import SecureFlask

    app = Flask(__name__)
    app.add_url_rule("/a", "a", lambda: "hello")
    SecureFlask(app, protected())
    return wsgi_server(app)


def _django() -> AbstractContextManager[str]:
    return wsgi_server(django_wsgi(protected()))


def _aiohttp() -> AbstractContextManager[str]:
    from aiohttp import web

    from secure_headers.aiohttp import SecureAiohttp

    async def home(request: web.Request) -> web.Response:
        return web.Response(text="hello")

    app = web.Application()
    app.router.add_get("/a", home)
    SecureAiohttp(app, hsts=False, secure=protected())
    return aiohttp_server(app)


SERVERS: dict[str, Callable[[], AbstractContextManager[str]]] = {
    "asgi": _asgi,
    "wsgi": _wsgi,
    "flask": _flask,
    "django": _django,
    "aiohttp": _aiohttp,
}


@pytest.fixture(params=sorted(SERVERS))
def base(request: pytest.FixtureRequest) -> Iterator[str]:
    with SERVERS[request.param]() as url:
        yield url


def test_a_refused_host_is_told_why(base: str) -> None:
    status_line, headers, body = raw_get(base, "evil.example")
    assert status_line.split(" ")[1] == "400"
    assert body == REFUSED
    assert values(headers, "Content-Type") == ["text/plain; charset=utf-8"]
    assert values(headers, "X-Frame-Options") == ["DENY"]


def test_the_wsgi_status_line_has_the_reason_phrase() -> None:
    with _wsgi() as url:
        status_line, _, body = raw_get(url, "evil.example")
    assert status_line == "HTTP/1.0 400 Bad Request"
    assert body == REFUSED


def test_a_redirect_has_no_body() -> None:
    s = secure.Secure(xfo=secure.XFrameOptions().deny()).protect(https_redirect=True, allowed_hosts=["example.com"])

    def app(environ: Any, start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"hello"]

    with wsgi_server(SecureWSGIMiddleware(app, secure=s)) as url:
        status_line, headers, body = raw_get(url, "example.com")
    assert status_line == "HTTP/1.0 308 Permanent Redirect"
    assert values(headers, "Location") == ["https://example.com/a?b=1"]
    assert values(headers, "Content-Type") == []
    assert values(headers, "X-Frame-Options") == ["DENY"]
    assert body == b""


def test_forwarding_headers_are_named_as_in_the_configuration_file() -> None:
    # Any case, surrounding spaces ignored (the core's ForwardedHeader::from_name, which the
    # configuration file uses too); an unknown name is refused.
    s = secure.Secure(xfo=secure.XFrameOptions().deny()).protect(
        https_redirect=True,
        allowed_hosts=["example.com"],
        trusted_proxies=["127.0.0.1"],
        forwarded_headers=[" X-Forwarded-Proto "],
    )

    def app(environ: Any, start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"hello"]

    with wsgi_server(SecureWSGIMiddleware(app, secure=s)) as url:
        status_line, _, body = raw_get(url, "example.com", "X-Forwarded-Proto: https\r\n")
        assert (status_line, body) == ("HTTP/1.0 200 OK", b"hello")
        status_line, _, _ = raw_get(url, "example.com")
        assert status_line == "HTTP/1.0 308 Permanent Redirect"
    with pytest.raises(ValueError, match=r'^unknown forwarding header "x-real-ip" \(forwarded, x-forwarded-proto, x-forwarded-host\)$'):
        secure.Secure().protect(trusted_proxies=["127.0.0.1"], forwarded_headers=["x-real-ip"])
