"""WSGI middleware: the configured headers on every response."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .. import _native
from .._internal.constants import MULTI_OK
from ..secure import Secure

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def _wsgi_plan(multi_ok: list[str]) -> Callable[[tuple[tuple[str, str], ...]], _native.Plan]:
    def make(items: tuple[tuple[str, str], ...]) -> _native.Plan:
        _native.check_sendable(list(items))
        return _native.Plan(list(items), multi_ok)

    return make


class SecureWSGIMiddleware:
    """Adds the headers of ``secure`` to every response of the WSGI ``app``.

    The same merge as :class:`~secure_headers.middleware.SecureASGIMiddleware`, on
    ``start_response``'s header list; ``exc_info`` is forwarded.
    """

    def __init__(self, app: object, *, secure: Secure | None = None, multi_ok: Iterable[str] | None = None) -> None:
        self.app: WSGIApp = app  # type: ignore[assignment]
        self.secure = secure or Secure.with_default_headers()
        provided = MULTI_OK if multi_ok is None else multi_ok
        self._multi_ok = sorted({name.strip().lower() for name in provided})
        self._make = _wsgi_plan(self._multi_ok)
        self._key = ("wsgi", tuple(self._multi_ok))

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        secure = self.secure
        key, make = self._key, self._make

        def custom_start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            merged = secure._plan(key, make).merge(headers)
            return start_response(status, merged, exc_info)

        return self.app(environ, custom_start_response)
