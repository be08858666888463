"""One core ``Secure`` per configuration: ``set_headers`` (with a nonce or without), the ASGI
and WSGI middlewares and the framework integrations apply what the same core builds, so
they cannot disagree about what a configuration sends or whether it can be sent."""

from __future__ import annotations

from typing import Any

import pytest

import secure_headers as secure
from secure_headers.middleware import SecureWSGIMiddleware

from .conftest import request, values, wsgi_server


class DictResponse:
    def __init__(self) -> None:
        self.headers: dict[str, str] = {}


def _app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


@pytest.mark.parametrize("nonce", [False, True])
def test_set_headers_applies_every_item_with_or_without_a_nonce(nonce: bool) -> None:
    # `secure` 2.0.1 applies each item of the list, a name repeated in another case too:
    # a dict-backed response then holds both spellings. Whether the CSP has a nonce does
    # not change which items are applied.
    sources = ("'self'", secure.NONCE) if nonce else ("'self'",)
    s = secure.Secure(
        csp=secure.ContentSecurityPolicy().default_src("'self'").script_src(*sources),
        custom=[secure.CustomHeader("X-A", "1"), secure.CustomHeader("x-a", "2")],
    )
    response = DictResponse()
    sent = s.set_headers(response)
    assert (sent is not None) is nonce
    script = f"script-src 'self' 'nonce-{sent}'" if nonce else "script-src 'self'"
    assert response.headers == {
        "Content-Security-Policy": f"default-src 'self'; {script}",
        "X-A": "1",
        "x-a": "2",
    }


async def test_set_headers_async_applies_every_item_with_a_nonce() -> None:
    s = secure.Secure(
        csp=secure.ContentSecurityPolicy().script_src(secure.NONCE),
        custom=[secure.CustomHeader("X-A", "1"), secure.CustomHeader("x-a", "2")],
    )
    response = DictResponse()
    sent = await s.set_headers_async(response)
    assert response.headers == {"Content-Security-Policy": f"script-src 'nonce-{sent}'", "X-A": "1", "x-a": "2"}


HSTS_PRELOAD = "max-age=100; preload"
REFUSED = r"^configuration refused by lint rule in Strict-Transport-Security directive preload \(hsts-preload-needs-subdomains: "


def test_set_headers_refuses_what_the_middlewares_refuse() -> None:
    # HSTS preload without includeSubDomains, given as a custom header: the core refuses
    # the configuration, and so does every way of applying it (set_headers used to send it).
    s = secure.Secure(custom=[secure.CustomHeader("Strict-Transport-Security", HSTS_PRELOAD)])
    response = DictResponse()
    with pytest.raises(ValueError, match=REFUSED):
        s.set_headers(response)
    assert response.headers == {}
    with pytest.raises(ValueError, match=REFUSED):
        SecureWSGIMiddleware(_app, secure=s)


def test_a_later_change_reaches_set_headers_and_the_middleware_alike() -> None:
    s = secure.Secure(xfo=secure.XFrameOptions().deny())
    app = SecureWSGIMiddleware(_app, secure=s)
    before = DictResponse()
    s.set_headers(before)
    assert before.headers == {"X-Frame-Options": "DENY"}
    s.headers_list.append(secure.CustomHeader("X-Later", "1"))
    response = DictResponse()
    s.set_headers(response)
    assert response.headers == {"X-Frame-Options": "DENY", "X-Later": "1"}
    s.headers_list[0].sameorigin()
    s.set_headers(response)
    assert response.headers == {"X-Frame-Options": "SAMEORIGIN", "X-Later": "1"}
    s.headers_list[0].deny()
    with wsgi_server(app) as base:
        status, headers, _ = request(base)
    assert status == 200
    assert values(headers, "X-Frame-Options") == ["DENY"]
    assert values(headers, "X-Later") == ["1"]


def test_instances_share_no_state() -> None:
    # A change to one Secure's builders leaves another's core Secure as it was (no counter
    # shared by every instance), and a builder held by two Secures reaches both.
    multi_ok = ("content-security-policy",)
    a, b = secure.Secure.with_default_headers(), secure.Secure.with_default_headers()
    core = b._core(multi_ok)
    a.headers_list[0] = secure.XFrameOptions().deny()
    next(h for h in a.headers_list if isinstance(h, secure.ReferrerPolicy)).set("no-referrer")
    assert b._core(multi_ok) is core
    shared = secure.XFrameOptions().deny()
    c, d = secure.Secure(xfo=shared), secure.Secure(xfo=shared)
    for s in (c, d):
        response = DictResponse()
        s.set_headers(response)
        assert response.headers == {"X-Frame-Options": "DENY"}
    shared.sameorigin()
    for s in (c, d):
        response = DictResponse()
        s.set_headers(response)
        assert response.headers == {"X-Frame-Options": "SAMEORIGIN"}
