"""WSGI middleware: the configured headers on every response."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .. import _native
from .._internal.constants import MULTI_OK
from ..secure import Secure

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class SecureWSGIMiddleware:
    """Adds the headers of ``secure`` to every response of the WSGI ``app``.

    The same merge as :class:`~secure_headers.middleware.SecureASGIMiddleware`, on
    ``start_response``'s header list; ``exc_info`` is forwarded.
    """

    def __init__(self, app: object, *, secure: Secure | None = None, multi_ok: Iterable[str] | None = None) -> None:
        self.app: WSGIApp = app  # type: ignore[assignment]
        self.secure = secure or Secure.with_default_headers()
        provided = MULTI_OK if multi_ok is None else multi_ok
        self._multi_ok = tuple(sorted({name.strip().lower() for name in provided}))
        # A header that could inject another (CR, LF or NUL) is refused here, at startup,
        # and again when a change to ``secure`` brings one in (then the response fails).
        self.secure._core(self._multi_ok)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        core = self.secure._plan(self._multi_ok)
        context = None
        if core.request_side:
            decision = inspect_environ(core, environ)
            if isinstance(decision, _native.Early):
                start_response(f"{decision.status} {decision.reason}".strip(), decision.headers)
                return [decision.body]
            context = decision
            environ["secure_headers.csp_nonce"] = context.nonce

        def custom_start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            return start_response(status, core.merge(context, headers, False), exc_info)

        return self.app(environ, custom_start_response)


def environ_headers(environ: dict[str, Any]) -> list[tuple[str, str]]:
    """The request headers of a WSGI environ (``HTTP_X_A`` is ``x-a``)."""
    headers = [(k[5:].replace("_", "-").lower(), str(v)) for k, v in environ.items() if k.startswith("HTTP_")]
    if environ.get("CONTENT_TYPE"):
        headers.append(("content-type", str(environ["CONTENT_TYPE"])))
    return headers


def inspect_environ(core: _native.Secure, environ: dict[str, Any]) -> _native.Context | _native.Early:
    """The core's decision for the request of a WSGI environ."""
    query = environ.get("QUERY_STRING", "")
    path = (environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "/")) + ("?" + query if query else "")
    return core.inspect(
        method=str(environ.get("REQUEST_METHOD", "GET")),
        path=path,
        headers=environ_headers(environ),
        peer=environ.get("REMOTE_ADDR"),
        tls=environ.get("wsgi.url_scheme") == "https",
    )

