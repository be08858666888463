"""Per-response cost of `secure_headers` against Python's `secure` 2.0.1, measured in one run.

    python benches/bench.py            (needs secure==2.0.1 installed next to secure_headers)

Three measurements, each the median of several rounds of many calls, for both libraries:

- ``set_headers``: the Balanced preset on a response whose ``headers`` is a ``dict``;
- ASGI: ``SecureASGIMiddleware`` around an app that sends two headers, one request;
- WSGI: ``SecureWSGIMiddleware`` the same way.

It prints microseconds per call and the speed-up; it exits 1 if a speed-up is below
``--min`` (default 3).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import secure as seed
import secure.middleware as seed_mw

import secure_headers as ours
import secure_headers.middleware as ours_mw


def per_call(f: Callable[[], object], number: int, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            f()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times) * 1e6


class DictResponse:
    def __init__(self) -> None:
        self.headers: dict[str, str] = {}


def set_headers_case(mod: Any) -> Callable[[], object]:
    s = mod.Secure.with_default_headers()
    response = DictResponse()
    return lambda: s.set_headers(response)


def asgi_case(mod: Any, mw: Any) -> Callable[[], object]:
    start = {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain"), (b"x-frame-options", b"DENY")]}
    body = {"type": "http.response.body", "body": b"ok"}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send(dict(start))
        await send(body)

    async def send(message: Any) -> None:
        pass

    async def receive() -> Any:
        return {"type": "http.request"}

    middleware = mw.SecureASGIMiddleware(app, secure=mod.Secure.with_default_headers())
    scope = {"type": "http"}
    loop = asyncio.new_event_loop()

    def one() -> object:
        coro = middleware(scope, receive, send)
        try:
            coro.send(None)  # the app never waits: one step runs the whole request
        except StopIteration:
            pass
        return None

    one()
    loop.close()
    return one


def wsgi_case(mod: Any, mw: Any) -> Callable[[], object]:
    headers = [("Content-Type", "text/plain"), ("X-Frame-Options", "DENY")]

    def app(environ: Any, start_response: Any) -> list[bytes]:
        start_response("200 OK", list(headers))
        return [b"ok"]

    middleware = mw.SecureWSGIMiddleware(app, secure=mod.Secure.with_default_headers())
    environ: dict[str, Any] = {}

    def start_response(status: str, h: Any, exc_info: Any = None) -> None:
        pass

    return lambda: middleware(environ, start_response)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--number", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--min", type=float, default=3.0)
    args = parser.parse_args()
    cases = [
        ("set_headers (Balanced, dict)", set_headers_case(seed), set_headers_case(ours)),
        ("ASGI middleware per request", asgi_case(seed, seed_mw), asgi_case(ours, ours_mw)),
        ("WSGI middleware per request", wsgi_case(seed, seed_mw), wsgi_case(ours, ours_mw)),
    ]
    ok = True
    print(f"{'case':32} {'secure 2.0.1':>14} {'secure_headers':>15} {'speed-up':>9}")
    for name, theirs, mine in cases:
        t = per_call(theirs, args.number, args.rounds)
        m = per_call(mine, args.number, args.rounds)
        ok &= t / m >= args.min
        print(f"{name:32} {t:11.2f} us {m:12.2f} us {t / m:8.1f}x")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
