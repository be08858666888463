"""Headless Chromium through chromedriver, spoken to in plain WebDriver HTTP (as
``secure-headers/tests/browser.rs`` drives it from Rust): what only a browser decides."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import pytest

from .conftest import free_port

T = TypeVar("T")
WAIT = 20.0


def _binaries() -> tuple[str, str] | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


class Browser:
    """One WebDriver session."""

    def __init__(self, base: str, session: str) -> None:
        self.base, self.session = base, session

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            f"{self.base}/session/{self.session}{path}", data=data, method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=WAIT + 10) as resp:
            return json.loads(resp.read())["value"]

    def get(self, url: str) -> None:
        self.call("POST", "/url", {"url": url})

    def script(self, source: str, *args: Any) -> Any:
        return self.call("POST", "/execute/sync", {"script": source, "args": list(args)})

    def console(self) -> list[str]:
        """The browser console's messages since the last call (CSP violations are logged here)."""
        return [str(entry["message"]) for entry in self.call("POST", "/se/log", {"type": "browser"})]

    def wait_for(self, what: str, probe: Callable[[], T | None]) -> T:
        """Polls ``probe`` until it gives something; fails (naming ``what``) after a long while."""
        deadline = time.monotonic() + WAIT
        while True:
            got = probe()
            if got:
                return got
            if time.monotonic() > deadline:
                raise AssertionError(f"never happened: {what}")
            time.sleep(0.1)


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium session; skipped without Chromium (a failure when ``CI`` is set)."""
    found = _binaries()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver are needed on the PATH")
        pytest.skip("chromium and chromedriver are not on the PATH")
    binary, driver = found
    port = free_port()
    proc = subprocess.Popen([driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    profile = tempfile.mkdtemp(prefix="secure-headers-chromium-")
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "goog:chromeOptions": {
                        "binary": binary,
                        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--user-data-dir={profile}"],
                    },
                    "goog:loggingPrefs": {"browser": "ALL"},
                }
            }
        }
        while True:
            try:
                req = urllib.request.Request(
                    f"{base}/session", data=json.dumps(caps).encode(), method="POST", headers={"Content-Type": "application/json"}
                )
                with urllib.request.urlopen(req, timeout=WAIT + 10) as resp:
                    session = json.loads(resp.read())["value"]["sessionId"]
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        browser = Browser(base, session)
        try:
            yield browser
        finally:
            try:
                urllib.request.urlopen(urllib.request.Request(f"{base}/session/{session}", method="DELETE"), timeout=10).close()
            except OSError:
                pass
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(profile, ignore_errors=True)
