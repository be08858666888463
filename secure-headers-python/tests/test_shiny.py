"""Shiny for Python in Chromium: its preset lets the app run, Balanced's does not."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import asgi_server, request, values
from .webdriver import chromium

pytest.importorskip("shiny")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))

import shiny_app  # noqa: E402

import secure_headers as secure  # noqa: E402
from secure_headers.middleware import SecureASGIMiddleware  # noqa: E402

OUTPUT = "return (document.getElementById('doubled') || {}).textContent || ''"


def csp_messages(lines: list[str]) -> list[str]:
    return [line for line in lines if "Content Security Policy" in line]


def test_shiny_preset_runs_the_app_in_chromium() -> None:
    with asgi_server(shiny_app.app) as base:
        status, headers, _ = request(base)
        assert status == 200
        policy = values(headers, "Content-Security-Policy")
        assert len(policy) == 1 and "'sha256-" in policy[0]
        with chromium() as browser:
            browser.get(base + "/")
            # The server's answer over the WebSocket: Shiny's scripts ran and connected.
            assert browser.wait_for("Shiny's output", lambda: browser.script(OUTPUT)) == "n*2 is 40"
            assert csp_messages(browser.console()) == []


def test_balanced_stops_shiny_in_chromium() -> None:
    """The control: under Balanced (``script-src 'self'``) Chromium refuses Shiny's inline scripts."""
    app: Any = SecureASGIMiddleware(shiny_app.shiny_app, secure=secure.Secure.with_default_headers())
    with asgi_server(app) as base, chromium() as browser:
        browser.get(base + "/")
        refused = browser.wait_for("a CSP violation", lambda: csp_messages(browser.console()))
        assert any("script-src" in line and "inline" in line for line in refused), refused
