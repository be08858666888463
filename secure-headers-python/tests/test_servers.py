"""Every framework on a real server on 127.0.0.1: exact headers, cookies, 404s, streaming."""

from __future__ import annotations

from typing import Any

import pytest

import secure_headers as secure
from secure_headers.middleware import SecureASGIMiddleware, SecureWSGIMiddleware

from .conftest import aiohttp_server, asgi_server, django_wsgi, request, values, wsgi_server

BALANCED = dict(secure.Secure.with_default_headers().header_items())


def assert_balanced(headers: list[tuple[str, str]]) -> None:
    for name, value in BALANCED.items():
        assert values(headers, name) == [value], name


def starlette_app() -> Any:
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse, StreamingResponse
    from starlette.routing import Route, WebSocketRoute
    from starlette.websockets import WebSocket

    async def home(request: Any) -> Any:
        r = PlainTextResponse("hello", headers={"X-Frame-Options": "ALLOWALL"})
        r.set_cookie("a", "1")
        r.set_cookie("b", "2")
        return r

    async def stream(request: Any) -> Any:
        async def gen() -> Any:
            for i in range(3):
                yield f"chunk{i}".encode()

        return StreamingResponse(gen())

    async def ws(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("hi " + await websocket.receive_text())
        await websocket.close()

    return Starlette(routes=[Route("/", home), Route("/stream", stream), WebSocketRoute("/ws", ws)])


def check_asgi_site(base: str) -> None:
    status, headers, body = request(base)
    assert (status, body) == (200, b"hello")
    assert_balanced(headers)
    assert sorted(v.split(";")[0] for v in values(headers, "set-cookie")) == ["a=1", "b=2"]
    status, headers, _ = request(base, "/missing")
    assert status == 404
    assert_balanced(headers)
    status, headers, body = request(base, "/stream")
    assert (status, body) == (200, b"chunk0chunk1chunk2")
    assert_balanced(headers)


def test_starlette_under_uvicorn_with_websocket() -> None:
    import asyncio

    import websockets

    app = SecureASGIMiddleware(starlette_app())
    with asgi_server(app) as base:
        check_asgi_site(base)

        async def talk() -> str:
            async with websockets.connect(base.replace("http", "ws") + "/ws") as ws:
                await ws.send("there")
                return str(await ws.recv())

        assert asyncio.run(talk()) == "hi there"


def test_fastapi_middleware_and_set_headers_async() -> None:
    from fastapi import FastAPI, Request, Response

    app = FastAPI()
    s = secure.Secure.with_default_headers()

    @app.middleware("http")
    async def add_security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        await s.set_headers_async(response)
        return response

    @app.get("/")
    def home() -> Response:
        r = Response("hello", headers={"X-Frame-Options": "ALLOWALL"})
        r.set_cookie("a", "1")
        r.set_cookie("b", "2")
        return r

    @app.get("/stream")
    def stream() -> Any:
        from fastapi.responses import StreamingResponse

        return StreamingResponse(iter([b"chunk0", b"chunk1", b"chunk2"]))

    with asgi_server(app) as base:
        check_asgi_site(base)
    wrapped = FastAPI()
    wrapped.get("/")(home)
    wrapped.get("/stream")(stream)
    with asgi_server(SecureASGIMiddleware(wrapped)) as base:
        check_asgi_site(base)


def flask_app() -> Any:
    from flask import Flask, Response, stream_with_context

    app = Flask(__name__)

    @app.route("/")
    def home() -> Any:
        r = Response("hello", headers={"X-Frame-Options": "ALLOWALL"})
        r.set_cookie("a", "1")
        r.set_cookie("b", "2")
        return r

    @app.route("/stream")
    def stream() -> Any:
        def gen() -> Any:
            for i in range(3):
                yield f"chunk{i}"

        return Response(stream_with_context(gen()))

    return app


def test_flask_after_request() -> None:
    app = flask_app()
    s = secure.Secure.with_default_headers()

    @app.after_request
    def add(response: Any) -> Any:
        s.set_headers(response)
        return response

    with wsgi_server(app) as base:
        check_asgi_site(base)


def test_flask_wsgi_middleware() -> None:
    app = flask_app()
    app.wsgi_app = SecureWSGIMiddleware(app.wsgi_app)  # type: ignore[method-assign]
    with wsgi_server(app) as base:
        check_asgi_site(base)


def test_django_middleware() -> None:
    with wsgi_server(django_wsgi()) as base:
        check_asgi_site(base)


def test_aiohttp_secure_aiohttp_parameters() -> None:
    from aiohttp import web

    from secure_headers.aiohttp import SecureAiohttp

    async def home(request: web.Request) -> web.Response:
        r = web.Response(text="hello")
        r.set_cookie("a", "1")
        r.set_cookie("b", "2")
        return r

    app = web.Application()
    app.router.add_get("/", home)
    csp = {"default-src": "none", "script-src": ["self", "cdn.example.com"], "block-all-mixed-content": None}
    given = dict(csp)
    SecureAiohttp(app, csp=csp, scp_report_uri="/my-report", hsts_max_age=63072000, hsts_inclue_subdomains=True)
    assert csp == given
    with aiohttp_server(app) as base:
        status, headers, body = request(base)
        assert (status, body) == (200, b"hello")
        assert values(headers, "Content-Security-Policy") == [
            "default-src 'none'; script-src 'self' cdn.example.com; block-all-mixed-content; report-uri /my-report"
        ]
        assert values(headers, "Strict-Transport-Security") == ["max-age=63072000; includeSubDomains; preload"]
        assert sorted(v.split(";")[0] for v in values(headers, "set-cookie")) == ["a=1", "b=2"]
        status, headers, _ = request(base, "/missing")
        assert status == 404
        assert values(headers, "Strict-Transport-Security") == ["max-age=63072000; includeSubDomains; preload"]
        status, _, _ = request(base, "/my-report", "POST")
        assert status == 415  # no media type: not a report


def test_aiohttp_bad_max_age_fails_at_setup() -> None:
    from aiohttp import web

    from secure_headers.aiohttp import SecureAiohttp

    with pytest.raises(AttributeError):
        SecureAiohttp(web.Application(), hsts_max_age="1year")  # type: ignore[arg-type]
