"""Servers on 127.0.0.1 for the framework tests."""

from __future__ import annotations

import asyncio
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from wsgiref.simple_server import WSGIRequestHandler, make_server

import secure_headers

# Run against an installed wheel (scripts/python-wheel.sh): the package must come from that
# virtualenv, never from the source tree.
if os.environ.get("SECURE_HEADERS_INSTALLED"):
    _installed = Path(os.environ["SECURE_HEADERS_INSTALLED"]).resolve()
    assert _installed in Path(secure_headers.__file__).resolve().parents, secure_headers.__file__


def request(
    base: str, path: str = "/", method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None
) -> tuple[int, list[tuple[str, str]], bytes]:
    """One HTTP/1.1 request; the status, every header as received (repeats kept), the body."""
    u = urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname or "", u.port, timeout=10)
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, resp.getheaders(), data


def values(headers: list[tuple[str, str]], name: str) -> list[str]:
    """Every value of ``name`` (any case), in order."""
    return [v for n, v in headers if n.lower() == name.lower()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def asgi_server(app: Any) -> Iterator[str]:
    """``app`` under uvicorn on 127.0.0.1; yields the base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", server_header=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 10
    while not server.started:
        if time.time() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(5)


@contextmanager
def server_process(args: list[str], *, cwd: Path, env: dict[str, str], log: Path) -> Iterator[int]:
    """``python <args>`` (``{port}`` in an argument becomes a free port) in its own process,
    its stderr in ``log``; yields the port once it accepts connections."""
    port = free_port()
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, *(a.replace("{port}", str(port)) for a in args)],
            cwd=cwd,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{args} did not start: {log.read_text()}") from None
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def wsgi_server(app: Any) -> Iterator[str]:
    """``app`` under wsgiref on 127.0.0.1; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextmanager
def aiohttp_server(app: Any) -> Iterator[str]:
    """An aiohttp application on 127.0.0.1; yields the base URL."""
    from aiohttp import web

    loop = asyncio.new_event_loop()
    port = free_port()
    runner = web.AppRunner(app)
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", port)
    loop.run_until_complete(site.start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()


def django_wsgi(secure: Any = None) -> Any:
    """A Django WSGI app with ``secure_headers.django.SecureMiddleware`` and
    ``settings.SECURE_HEADERS = secure``; views ``/`` (cookies, a header of its own),
    ``/stream`` and ``/nonce`` (the request's nonce)."""
    import sys
    import types

    import django
    from django.conf import settings

    if not settings.configured:
        from django.http import HttpResponse, StreamingHttpResponse
        from django.urls import path

        def home(request: Any) -> Any:
            r = HttpResponse("hello", headers={"X-Frame-Options": "ALLOWALL"})
            r.set_cookie("a", "1")
            r.set_cookie("b", "2")
            return r

        def stream(request: Any) -> Any:
            return StreamingHttpResponse(iter([b"chunk0", b"chunk1", b"chunk2"]))

        def nonce(request: Any) -> Any:
            return HttpResponse(request.csp_nonce)

        urls = types.ModuleType("secure_headers_test_urls")
        urls.urlpatterns = [path("", home), path("stream", stream), path("nonce", nonce)]  # type: ignore[attr-defined]
        sys.modules[urls.__name__] = urls
        settings.configure(
            DEBUG=False,
            ALLOWED_HOSTS=["127.0.0.1", "localhost"],
            ROOT_URLCONF=urls.__name__,
            MIDDLEWARE=["secure_headers.django.SecureMiddleware"],
            SECRET_KEY="test",
        )
        django.setup()
    settings.SECURE_HEADERS = secure
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()
