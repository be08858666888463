"""Shiny for Python: its own preset, and the app wrapped in the ASGI middleware.

Shiny writes inline ``<script>`` elements into every page (the busy indicators, the
date picker's ``noConflict``), so Balanced's ``script-src 'self'`` stops the app before
it connects. :func:`preset` allows exactly those scripts: for an app whose UI is static
(``App(ui.page_...(...), server)``) it sends the SHA-256 hash of each inline script of the
rendered page, and ``'unsafe-inline'`` only as the fallback of browsers without CSP
hashes (which ignore it when a hash is present). For a UI made per session (a function),
the scripts are not known in advance, and the preset falls back to ``'unsafe-inline'``.
Shiny's inline styles and data: images (Bootstrap, the slider) need ``style-src
'unsafe-inline'`` and ``img-src data:``; its WebSocket is same-origin (``connect-src
'self'``).

>>> from shiny import App, ui
>>> import secure_headers.shiny
>>> app = App(ui.page_fluid("hello"), None)
>>> policy = secure_headers.shiny.preset(app).headers["Content-Security-Policy"]
>>> "'sha256-" in policy
True
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from typing import Any

from .headers import ContentSecurityPolicy
from .middleware.asgi import SecureASGIMiddleware
from .secure import Preset, Secure

__all__ = ["inline_script_hashes", "preset", "secure_app"]

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc\s*=)([^>]*)>(.*?)</script>", re.S | re.I)
_DATA_BLOCK = re.compile(r"\btype\s*=\s*[\"']?application/(?!javascript|ecmascript)", re.I)


def inline_script_hashes(html: str) -> list[str]:
    """The ``'sha256-…'`` source of every inline script of ``html`` (data blocks such as
    ``type="application/json"`` are not scripts and are skipped), in page order, once each."""
    out: list[str] = []
    for attributes, body in _INLINE_SCRIPT.findall(html):
        if _DATA_BLOCK.search(attributes):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in out:
            out.append(source)
    return out


def _static_html(app: Any) -> str | None:
    ui = getattr(app, "ui", None)
    if isinstance(ui, dict) and isinstance(ui.get("html"), str):
        return str(ui["html"])
    return None


def preset(app: Any = None, *, report_uri: str | None = None, extra_script_sources: Iterable[str] = ()) -> Secure:
    """Balanced's headers with a CSP that lets Shiny's pages run (see the module).

    ``app``: the ``shiny.App``, whose static page gives the hashes of its inline scripts;
    ``report_uri``: where browsers report violations (a :class:`~secure_headers.ReportCollector`
    route); ``extra_script_sources``: more ``script-src`` sources (a CDN your UI loads).
    """
    html = _static_html(app) if app is not None else None
    hashes = inline_script_hashes(html) if html is not None else []
    script = ["'self'", *hashes, "'unsafe-inline'", *extra_script_sources]
    csp = (
        ContentSecurityPolicy()
        .default_src("'self'")
        .script_src(*script)
        .style_src("'self'", "'unsafe-inline'")
        .img_src("'self'", "data:")
        .font_src("'self'", "data:")
        .connect_src("'self'")
        .object_src("'none'")
        .base_uri("'self'")
        .frame_ancestors("'self'")
        .form_action("'self'")
    )
    if report_uri is not None:
        csp.report_uri(report_uri)
    secure = Secure.from_preset(Preset.BALANCED)
    for i, header in enumerate(secure.headers_list):
        if header.header_name == "Content-Security-Policy":
            secure.headers_list[i] = csp
    return secure


def secure_app(app: Any, secure: Secure | None = None) -> SecureASGIMiddleware:
    """``app`` (a ``shiny.App``) behind the ASGI middleware, with :func:`preset` by default."""
    return SecureASGIMiddleware(app, secure=secure if secure is not None else preset(app))
