"""The ASGI and WSGI middleware against Python `secure` 2.0.1's, called directly."""

from __future__ import annotations

import asyncio
from typing import Any

import secure as seed
import secure.middleware as seed_mw

import secure_headers as ours
import secure_headers.middleware as ours_mw


def run_wsgi(mod: Any, mw_mod: Any, secure: Any, app_headers: list[tuple[str, str]], **kw: Any) -> list[tuple[str, str]]:
    def app(environ: Any, start_response: Any) -> list[bytes]:
        start_response("200 OK", list(app_headers))
        return [b"ok"]

    got: list[Any] = []
    mw = mw_mod.SecureWSGIMiddleware(app, secure=secure, **kw)
    body = mw({}, lambda status, headers, exc_info=None: got.append((status, headers)))
    assert list(body) == [b"ok"]
    assert got[0][0] == "200 OK"
    return [tuple(h) for h in got[0][1]]


def run_asgi(mw_mod: Any, secure: Any, app_headers: list[tuple[bytes, bytes]], scope_type: str = "http", **kw: Any) -> list[Any]:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": list(app_headers)})
        await send({"type": "http.response.body", "body": b"ok"})

    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request"}

    mw = mw_mod.SecureASGIMiddleware(app, secure=secure, **kw)
    asyncio.run(mw({"type": scope_type}, receive, send))
    return sent


def test_wsgi_overwrite_and_append_like_the_seed() -> None:
    app_headers = [("Content-Type", "text/plain"), ("x-frame-options", "ALLOWALL"), ("Content-Security-Policy", "img-src 'none'"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")]
    a = run_wsgi(seed, seed_mw, seed.Secure.with_default_headers(), app_headers)
    b = run_wsgi(ours, ours_mw, ours.Secure.with_default_headers(), app_headers)
    assert b == a
    assert ("Set-Cookie", "a=1") in b and ("Set-Cookie", "b=2") in b
    assert [v for n, v in b if n.lower() == "x-frame-options"] == ["SAMEORIGIN"]
    assert [v for n, v in b if n.lower() == "content-security-policy"][0] == "img-src 'none'"


def test_asgi_like_the_seed_and_websocket_untouched() -> None:
    app_headers = [(b"content-type", b"text/plain"), (b"x-frame-options", b"ALLOWALL"), (b"set-cookie", b"a=1"), (b"set-cookie", b"b=2")]
    a = run_asgi(seed_mw, seed.Secure.with_default_headers(), app_headers)
    b = run_asgi(ours_mw, ours.Secure.with_default_headers(), app_headers)
    assert [list(map(tuple, m.get("headers", []))) for m in b] == [list(map(tuple, m.get("headers", []))) for m in a]
    ws = run_asgi(ours_mw, ours.Secure.with_default_headers(), app_headers, scope_type="websocket")
    assert ws[0]["headers"] == app_headers


def test_multi_ok_custom_appends() -> None:
    for mod, mw in ((seed, seed_mw), (ours, ours_mw)):
        s = mod.Secure(custom=[mod.CustomHeader("X-Extra", "ours")])
        out = run_wsgi(mod, mw, s, [("X-Extra", "app")], multi_ok=[" X-EXTRA "])
        assert out == [("X-Extra", "app"), ("X-Extra", "ours")]


def test_fix_stale_index_removal() -> None:
    app_headers = [("X-Content-Type-Options", "bad"), ("Content-Type", "text/html"), ("X-Frame-Options", "SAMEORIGIN")]
    buggy = run_wsgi(seed, seed_mw, seed.Secure(xcto=seed.XContentTypeOptions(), xfo=seed.XFrameOptions().deny()), app_headers)
    assert buggy == [("Content-Type", "text/html"), ("X-Frame-Options", "SAMEORIGIN"), ("X-Frame-Options", "DENY")]
    fixed = run_wsgi(ours, ours_mw, ours.Secure(xcto=ours.XContentTypeOptions(), xfo=ours.XFrameOptions().deny()), app_headers)
    assert fixed == [("Content-Type", "text/html"), ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY")]


def test_change_after_middleware_is_made_shows_in_next_response() -> None:
    s = ours.Secure(xfo=ours.XFrameOptions())
    assert run_wsgi(ours, ours_mw, s, []) == [("X-Frame-Options", "SAMEORIGIN")]
    s.headers_list[0].deny()  # type: ignore[attr-defined]
    assert run_wsgi(ours, ours_mw, s, []) == [("X-Frame-Options", "DENY")]
