"""ASGI middleware: the configured headers on every HTTP response."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from .. import _native
from .._internal.constants import MULTI_OK
from ..secure import Secure

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _asgi_plan(multi_ok: list[str]) -> Callable[[tuple[tuple[str, str], ...]], _native.Plan]:
    def make(items: tuple[tuple[str, str], ...]) -> _native.Plan:
        pairs = [(name.encode("ascii"), value.encode("latin-1")) for name, value in items]
        return _native.Plan(pairs, multi_ok)

    return make


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
        self._multi_ok = sorted({name.strip().lower() for name in provided})
        self._make = _asgi_plan(self._multi_ok)
        self._key = ("asgi", tuple(self._multi_ok))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        secure = self.secure

        async def send_wrapper(message: Message) -> None:
            if message.get("type") == "http.response.start":
                plan = secure._plan(self._key, self._make)
                message["headers"] = plan.merge(message.get("headers", ()))
            await send(message)

        await self.app(scope, receive, send_wrapper)
