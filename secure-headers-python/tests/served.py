"""ASGI apps for the tests that run a server in its own process (``module:app`` on the
server's command line).

``crlf``: the ASGI middleware over a plain app, with a custom header whose value carries
CR/LF added to the ``Secure`` after the middleware was made (a change shows in the next
response). Between the server and the middleware sits a recorder that appends every
``http.response.start`` header list the middleware hands on to the file named by
``SECURE_HEADERS_RECORD``, so a test sees what the server was given, not only what it sent.
"""

from __future__ import annotations

import os
from typing import Any

import secure_headers as secure
from secure_headers.middleware import SecureASGIMiddleware


async def hello(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"hello"})


class Recorder:
    """Records what ``app`` hands to the server's ``send``."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":  # lifespan
            await self.app(scope, receive, send)
            return

        async def recording(message: Any) -> None:
            if message["type"] == "http.response.start":
                with open(os.environ["SECURE_HEADERS_RECORD"], "a", encoding="utf-8") as f:
                    f.write(repr(list(message.get("headers", []))) + "\n")
            await send(message)

        await self.app(scope, receive, recording)


_secure = secure.Secure.with_default_headers()
crlf = Recorder(SecureASGIMiddleware(hello, secure=_secure))
_secure.headers_list.append(secure.CustomHeader("X-A", "v\r\nSet-Cookie: evil=1"))
