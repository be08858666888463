"""Lint, grade and the report collector, from the secure-headers core (beyond 2.0.1)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import _native
from .secure import Secure

__all__ = ["Finding", "Grade", "Modifier", "ReportCollector", "ReportStore", "grade", "lint", "lint_csp"]

HeadersLike = Secure | Mapping[str, str] | Iterable[tuple[str, str]]


@dataclass(frozen=True)
class Finding:
    """One lint finding: the rule, its severity, where, and what to do."""

    rule: str
    severity: str
    header: str
    directive: str | None
    value: str | None
    message: str


@dataclass(frozen=True)
class Modifier:
    """One test of the grade and its effect on the score."""

    test: str
    result: str
    score_modifier: int
    passed: bool
    reason: str
    recommendation: str


@dataclass(frozen=True)
class Grade:
    """An Observatory-style grade of a set of response headers."""

    letter: str
    score: int
    uncurved_score: int
    modifiers: tuple[Modifier, ...]


def _pairs(headers: HeadersLike) -> list[tuple[str, str]]:
    if isinstance(headers, Secure):
        return list(headers._resolved_header_items())
    if isinstance(headers, Mapping):
        return [(str(k), str(v)) for k, v in headers.items()]
    return [(str(k), str(v)) for k, v in headers]


def lint(headers: HeadersLike) -> list[Finding]:
    """The findings of the core's lint rules on a `Secure` or on response headers."""
    return [Finding(*f) for f in _native.lint_headers(_pairs(headers))]


def lint_csp(value: str) -> list[Finding]:
    """The findings of the core's CSP checks (those of Google's CSP Evaluator) on one value."""
    return [Finding(*f) for f in _native.lint_csp(value)]


def grade(headers: HeadersLike, *, scheme: str = "https", host: str | None = None, html: str | None = None) -> Grade:
    """The grade the Mozilla HTTP Observatory would give these headers, with every reason."""
    letter, score, uncurved, modifiers = _native.grade(_pairs(headers), scheme=scheme, host=host, html=html)
    return Grade(letter, score, uncurved, tuple(Modifier(*m) for m in modifiers))


_LOGGER = logging.getLogger("secure_headers.reports")


class ReportStore:
    """The report store of the ``secure-headers reports`` command and its CSP roll-out
    assistant: a SQLite file (``"reports.db"``, created if missing) or a PostgreSQL
    database (``"postgres://user@host/db"``). Opening it creates or migrates its tables;
    ``ValueError`` when it cannot be opened.

    Give it to :class:`ReportCollector` (``store=``), and use the same database with
    ``secure-headers reports summary --db …`` and the roll-out workflow.
    """

    def __init__(self, db: str) -> None:
        self._native = _native.ReportStore(db)

    @property
    def name(self) -> str:
        """The store as shown (a URL without its password)."""
        return self._native.name

    def summary(self) -> dict[str, Any]:
        """The store at a glance, as ``secure-headers reports summary --json`` prints it:
        ``reports``, ``fingerprints``, ``kinds`` (per report type) and ``policies``."""
        summary: dict[str, Any] = json.loads(self._native.summary())
        return summary


class ReportCollector:
    """A report endpoint (CSP ``report-uri``/``report-to`` and Reporting API), as an ASGI
    app, a WSGI app or an aiohttp handler; the core parses the bodies and decides the answer.

    ``callback`` receives each report as a ``dict`` (see the README's "Reports"); without
    one (and without a store), reports are logged. ``store``: a :class:`ReportStore`, or
    the database to open as one (a SQLite path or a ``postgres://`` URL), which receives
    every report too; a store that fails is logged (logger ``secure_headers.reports``) and
    the answer stays the same, as browsers do not send a report twice.
    """

    def __init__(
        self,
        callback: Callable[[dict[str, Any]], object] | None = None,
        *,
        limit: int | None = None,
        store: ReportStore | str | None = None,
    ) -> None:
        self._native = _native.Collector(limit)
        self.store = ReportStore(store) if isinstance(store, str) else store
        if callback is None and self.store is None:
            callback = lambda report: _LOGGER.warning("report: %s", report)  # noqa: E731
        self._callback = callback
        self.limit = self._native.limit

    def receive(self, content_type: str | None, body: bytes) -> tuple[int, list[tuple[str, str]]]:
        """Handles one body; the status and headers to answer with."""
        store = self.store._native if self.store is not None else None
        status, reports, failed = self._native.receive(content_type, body, store)
        if failed is not None:
            _LOGGER.error("the report store did not take %d report(s): %s", len(reports), failed)
        if self._callback is not None:
            for text in reports:
                self._callback(json.loads(text))
        return status, self._native.response_headers()

    def response_headers(self) -> list[tuple[str, str]]:
        """The headers every answer carries (CORS, so that other origins can report)."""
        return self._native.response_headers()

    def _preflight(self) -> tuple[int, list[tuple[str, str]]]:
        return 204, self.response_headers()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """The ASGI app."""
        if scope.get("method") == "OPTIONS":
            status, headers = self._preflight()
        elif scope.get("method") != "POST":
            status, headers = 405, [("allow", "POST, OPTIONS")]
        else:
            content_type = None
            for name, value in scope.get("headers", ()):
                if name.lower() == b"content-type":
                    content_type = value.decode("latin-1")
            body = bytearray()
            more = True
            while more and len(body) <= self.limit:
                message = await receive()
                body += message.get("body", b"")
                more = message.get("more_body", False)
            status, headers = self.receive(content_type, bytes(body))
        await send({"type": "http.response.start", "status": status, "headers": [(n.encode(), v.encode()) for n, v in headers]})
        await send({"type": "http.response.body", "body": b""})

    def wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        """The WSGI app."""
        method = environ.get("REQUEST_METHOD")
        if method == "OPTIONS":
            status, headers = self._preflight()
        elif method != "POST":
            status, headers = 405, [("Allow", "POST, OPTIONS")]
        else:
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            body = environ["wsgi.input"].read(min(length, self.limit + 1)) if length else b""
            status, headers = self.receive(environ.get("CONTENT_TYPE"), body)
        start_response(f"{status} {_REASONS.get(status, '')}".strip(), headers)
        return [b""]

    async def aiohttp_handler(self, request: Any) -> Any:
        """The aiohttp handler (``app.router.add_post(path, collector.aiohttp_handler)``)."""
        from aiohttp import web

        if request.method == "OPTIONS":
            status, headers = self._preflight()
        else:
            body = await request.content.read(self.limit + 1)
            status, headers = self.receive(request.headers.get("Content-Type"), body)
        return web.Response(status=status, headers=dict(headers))


_REASONS = {204: "No Content", 400: "Bad Request", 405: "Method Not Allowed", 413: "Content Too Large", 415: "Unsupported Media Type"}
