"""ASGI middleware: the configured headers on every HTTP response."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from .._internal.constants import MULTI_OK
from .. import _native
from ..secure import Secure

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecureASGIMiddleware:
    """Adds the headers of ``secure`` to every ``http`` response of ``app``.

    A configured header replaces every header of the same name the app sent; a name in
    ``multi_ok`` (default :data:`~secure_headers.MULTI_OK`) is added after the app's.
    WebSocket and lifespan scopes pass through untouched. The merge is the core's and is
    prepared once per configuration; a change to ``secure`` shows in the next response.
    """

    def __init__(self, app: object, *, secure: Secure | None = None, multi_ok: Iterable[str] | None = None) -> None:
        self.app: ASGIApp = app  # type: ignore[assignment]
        self.secure = secure or Secure.with_default_headers()
        provided = MULTI_OK if multi_ok is None else multi_ok
        self._multi_ok = tuple(sorted({name.strip().lower() for name in provided}))
        # A header that could inject another (CR, LF or NUL) is refused here, at startup,
        # and again when a change to ``secure`` brings one in (then the response fails).
        self.secure._core(self._multi_ok)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        core = self.secure._plan(self._multi_ok)
        context = None
        if core.request_side:
            # Beyond 2.0.1: the core decides for the request (a redirect, a refused host,
            # the nonce) before the app runs.
            client = scope.get("client")
            query = scope.get("query_string", b"")
            path = scope.get("path", "/") + ("?" + query.decode("latin-1") if query else "")
            decision = core.inspect(
                method=scope.get("method", "GET"),
                path=path,
                headers=scope.get("headers", ()),
                peer=client[0] if client else None,
                tls=scope.get("scheme") in ("https", "wss"),
            )
            if isinstance(decision, _native.Early):
                body = decision.body
                raw = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in decision.headers]
                raw.append((b"content-length", str(len(body)).encode()))
                await send({"type": "http.response.start", "status": decision.status, "headers": raw})
                await send({"type": "http.response.body", "body": body})
                return
            context = decision
            scope.setdefault("state", {})["csp_nonce"] = context.nonce

        async def send_wrapper(message: Message) -> None:
            if message.get("type") == "http.response.start":
                message["headers"] = core.merge(context, message.get("headers", ()), True)
            await send(message)

        await self.app(scope, receive, send_wrapper)
