"""Nothing fails open: header injection through the ASGI middleware on real servers, the
nonce of ``set_headers``, values no server can send, nonces after ``fork``, and the errors
for bad arguments."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import secure_headers as secure
from secure_headers.middleware import SecureASGIMiddleware, SecureWSGIMiddleware

from .conftest import asgi_server, request, server_process, values, wsgi_server

PACKAGE = Path(__file__).resolve().parent.parent
INJECTION = "v\r\nSet-Cookie: evil=1"

# How each ASGI server serves ``tests.served:crlf`` on 127.0.0.1:{port}.
SERVERS = {
    "uvicorn": ["-m", "uvicorn", "--host", "127.0.0.1", "--port", "{port}", "--lifespan", "off", "tests.served:crlf"],
    "hypercorn": ["-m", "hypercorn", "--bind", "127.0.0.1:{port}", "tests.served:crlf"],
    "daphne": ["-m", "daphne", "-b", "127.0.0.1", "-p", "{port}", "tests.served:crlf"],
    "granian": ["-m", "granian", "--interface", "asgi", "--host", "127.0.0.1", "--port", "{port}", "tests.served:crlf"],
}


@contextmanager
def served(server: str, record: Path) -> Iterator[int]:
    """``tests.served:crlf`` under ``server`` in its own process; yields the port."""
    pytest.importorskip(server)
    env = {"SECURE_HEADERS_RECORD": str(record)}
    with server_process(SERVERS[server], cwd=PACKAGE, env=env, log=record.with_suffix(".log")) as port:
        yield port


def raw_get(port: int) -> bytes:
    """A GET over a plain socket; every byte the server sent until it closed."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


@pytest.mark.parametrize("server", sorted(SERVERS))
def test_asgi_middleware_never_hands_a_server_cr_lf(server: str, tmp_path: Path) -> None:
    record = tmp_path / "handed.txt"
    record.touch()
    with served(server, record) as port:
        response = raw_get(port)
    head = response.split(b"\r\n\r\n", 1)[0]
    # The configured header could inject: the response fails (500), and carries neither
    # the injected header nor the one it hid in.
    assert head.startswith(b"HTTP/1.1 500"), response
    assert b"evil" not in response.lower()
    assert b"\r\nx-a:" not in head.lower()
    # What the middleware handed the server: nothing at all.
    assert record.read_text() == ""


def test_asgi_middleware_refuses_cr_lf_at_startup() -> None:
    s = secure.Secure(custom=[secure.CustomHeader("X-A", INJECTION)])
    with pytest.raises(ValueError, match=r"X-A.*CR, LF or NUL"):
        SecureASGIMiddleware(lambda *a: None, secure=s)
    with pytest.raises(ValueError, match=r"X-A.*CR, LF or NUL"):
        SecureWSGIMiddleware(lambda *a: None, secure=s)


def test_asgi_middleware_with_a_nonce_refuses_cr_lf() -> None:
    """The request-side path (a nonce policy) checks as the plain path does."""
    import asyncio

    csp = secure.ContentSecurityPolicy().script_src("'self'", secure.NONCE)
    s = secure.Secure(csp=csp)
    app = SecureASGIMiddleware(_plain_app, secure=s)
    s.headers_list.append(secure.CustomHeader("X-A", INJECTION))
    handed: list[Any] = []

    async def send(message: Any) -> None:
        handed.append(message)

    async def receive() -> Any:
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}
    with pytest.raises(ValueError, match=r"X-A.*CR, LF or NUL"):
        asyncio.run(app(scope, receive, send))
    assert handed == []


async def _plain_app(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


# -- set_headers with a nonce policy -------------------------------------------------------


class DictResponse:
    def __init__(self) -> None:
        self.headers: dict[str, str] = {}


class SetterResponse:
    def __init__(self) -> None:
        self.headers: list[tuple[str, str]] = []

    def set_header(self, name: str, value: str) -> None:
        self.headers.append((name, value))


def nonce_secure() -> secure.Secure:
    csp = secure.ContentSecurityPolicy().default_src("'self'").script_src("'self'", secure.NONCE)
    return secure.Secure(csp=csp, xfo=secure.XFrameOptions().deny())


def test_set_headers_sends_a_fresh_nonce_and_returns_it() -> None:
    s = nonce_secure()
    seen = set()
    for response in (DictResponse(), DictResponse(), SetterResponse()):
        nonce = s.set_headers(response)
        assert nonce is not None and len(nonce) == 24
        headers = dict(response.headers)
        assert headers["Content-Security-Policy"] == f"default-src 'self'; script-src 'self' 'nonce-{nonce}'"
        assert headers["X-Frame-Options"] == "DENY"
        seen.add(nonce)
    assert len(seen) == 3


async def test_set_headers_async_sends_a_fresh_nonce_and_returns_it() -> None:
    s = nonce_secure()
    a, b = DictResponse(), DictResponse()
    na, nb = await s.set_headers_async(a), await s.set_headers_async(b)
    assert na != nb
    assert a.headers["Content-Security-Policy"] == f"default-src 'self'; script-src 'self' 'nonce-{na}'"
    assert b.headers["Content-Security-Policy"] == f"default-src 'self'; script-src 'self' 'nonce-{nb}'"


def test_set_headers_without_a_nonce_returns_none() -> None:
    response = DictResponse()
    assert secure.Secure.with_default_headers().set_headers(response) is None
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_flask_after_request_recipe_sends_real_nonces() -> None:
    """`secure` 2.0.1's Flask recipe (``set_headers`` in ``after_request``) on a real server."""
    from flask import Flask

    app = Flask(__name__)
    s = nonce_secure()

    @app.route("/")
    def home() -> str:
        return "hello"

    @app.after_request
    def add(response: Any) -> Any:
        s.set_headers(response)
        return response

    with wsgi_server(app) as base:
        policies = [values(request(base)[1], "Content-Security-Policy") for _ in range(2)]
    assert all(len(p) == 1 and "{nonce}" not in p[0] and "'nonce-" in p[0] for p in policies)
    assert policies[0] != policies[1]


def test_fastapi_http_middleware_recipe_sends_real_nonces() -> None:
    """`secure` 2.0.1's FastAPI recipe (``set_headers_async`` in ``@app.middleware``)."""
    from fastapi import FastAPI, Request, Response

    app = FastAPI()
    s = nonce_secure()

    @app.middleware("http")
    async def add(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        await s.set_headers_async(response)
        return response

    @app.get("/")
    def home() -> str:
        return "hello"

    with asgi_server(app) as base:
        policies = [values(request(base)[1], "Content-Security-Policy") for _ in range(2)]
    assert all(len(p) == 1 and "{nonce}" not in p[0] and "'nonce-" in p[0] for p in policies)
    assert policies[0] != policies[1]


# -- values no server can send ---------------------------------------------------------


@pytest.mark.parametrize("value", ["\u2603", "a\u20acb", "\U0001f600"])
def test_custom_header_refuses_characters_no_header_can_carry(value: str) -> None:
    with pytest.raises(ValueError) as caught:
        secure.CustomHeader("X-A", value)
    message = str(caught.value)
    assert '"X-A"' in message and repr(value).strip("'") in message


def test_custom_header_keeps_latin1_obs_text() -> None:
    """Latin-1 is what a header byte can carry (obs-text): kept raw, as 2.0.1 does."""
    assert secure.CustomHeader("X-A", "caf\u00e9").header_value == "caf\u00e9"


# -- nonces after fork ------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_parent_and_forked_child_never_share_a_nonce() -> None:
    s = nonce_secure()
    # The parent makes a nonce first, so its buffer holds the random bytes of the next ones.
    first = s.set_headers(DictResponse())
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: five nonces to the parent, then exit at once
        try:
            os.close(read)
            nonces = [s.set_headers(DictResponse()) or "" for _ in range(5)]
            os.write(write, " ".join(nonces).encode())
        finally:
            os._exit(0)
    os.close(write)
    parent = [s.set_headers(DictResponse()) for _ in range(5)]
    with os.fdopen(read, "rb") as f:
        child = f.read().decode().split()
    os.waitpid(pid, 0)
    assert len(child) == 5 and all(len(n) == 24 for n in child)
    assert not set(child) & {first, *parent}


# -- errors naming the header, the argument and the value --------------------------------


@pytest.mark.parametrize("given", [1.5, "abc", None, True])
def test_hsts_max_age_type_error(given: Any) -> None:
    with pytest.raises(TypeError) as caught:
        secure.StrictTransportSecurity().max_age(given)
    assert str(caught.value) == (
        f"Strict-Transport-Security max_age(seconds): expected a non-negative integer, got {given!r} "
        f"({type(given).__name__})"
    )


def test_max_age_out_of_range() -> None:
    with pytest.raises(ValueError, match=r"^Strict-Transport-Security max_age\(seconds\): must be a non-negative integer, got -1$"):
        secure.StrictTransportSecurity().max_age(-1)
    with pytest.raises(TypeError, match=r"^Cache-Control max_age\(seconds\): expected a non-negative integer, got 1\.5 \(float\)$"):
        secure.CacheControl().max_age(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^Cache-Control s_maxage\(seconds\): must be at most 18446744073709551615"):
        secure.CacheControl().s_maxage(2**64)


@pytest.mark.parametrize(("header", "value", "argument"), [(None, "x", "header"), ("X-A", None, "value"), (b"X-A", "x", "header")])
def test_custom_header_type_error(header: Any, value: Any, argument: str) -> None:
    given = header if argument == "header" else value
    with pytest.raises(TypeError) as caught:
        secure.CustomHeader(header, value)
    assert str(caught.value) == f"CustomHeader({argument}=...): expected a str, got {given!r} ({type(given).__name__})"


def test_custom_header_bad_name() -> None:
    with pytest.raises(ValueError) as caught:
        secure.CustomHeader("Bad Header", "x")
    assert str(caught.value) == (
        'CustomHeader(header="Bad Header"): not a valid header name (a header name must be a non-empty RFC 9110 token)'
    )
