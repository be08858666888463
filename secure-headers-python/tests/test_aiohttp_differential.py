"""secure_headers.aiohttp against secure-aiohttp 0.0.24 (property-based).

For every configuration 0.0.24 handles without one of its bugs, the headers are the same;
the differences allowed are the documented ones (README, "aiohttp").
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiohttp import web
from hypothesis import given, settings
from hypothesis import strategies as st
from secure_aiohttp.secure_setup import SecureAiohttp as Theirs

from secure_headers.aiohttp import DEFAULT_CSP_REPORT_URI
from secure_headers.aiohttp import SecureAiohttp as Ours


class Response:
    def __init__(self) -> None:
        self.headers: dict[str, str] = {}


def their_headers(**kw: Any) -> dict[str, str]:
    app = web.Application()
    theirs = Theirs(app, **kw)
    response = Response()
    for hook in app.on_response_prepare:
        asyncio.run(hook(None, response))
    assert theirs is not None
    return response.headers


def our_headers(**kw: Any) -> dict[str, str]:
    app = web.Application()
    Ours(app, **kw)
    response = Response()
    for hook in app.on_response_prepare:
        asyncio.run(hook(_Request(), response))
    return response.headers


class _Request(dict[str, Any]):
    pass


DIRECTIVES = ["default-src", "script-src", "style-src", "img-src", "connect-src", "frame-ancestors", "object-src"]
VALUES = st.sampled_from(["self", "none", "example.com", "https://cdn.example.com", "data:", "'unsafe-inline'", "*"])
VALUELESS = ["block-all-mixed-content", "upgrade-insecure-requests"]


@st.composite
def csp(draw: st.DrawFn) -> Any:
    if draw(st.booleans()):
        return draw(st.sampled_from(["default", "same-origin"]))
    names = draw(st.lists(st.sampled_from(DIRECTIVES), min_size=1, max_size=4, unique=True))
    policy: dict[str, Any] = {n: draw(VALUES) for n in names}
    for n in draw(st.lists(st.sampled_from(VALUELESS), max_size=2, unique=True)):
        policy[n] = None
    return policy


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.one_of(st.none(), csp()),
    st.booleans(),
    st.booleans(),
    st.sampled_from([0, 300, 31536000, 63072000]),
    st.booleans(),
    st.booleans(),
)
def test_same_headers_as_secure_aiohttp(policy: Any, testing: bool, hsts: bool, max_age: int, include: bool, preload: bool) -> None:
    kw = {"csp": policy, "csp_testing": testing, "hsts": hsts, "hsts_max_age": max_age, "hsts_inclue_subdomains": include, "hsts_preload": preload}
    theirs = their_headers(**{k: (dict(v) if isinstance(v, dict) else v) for k, v in kw.items()})
    if hsts and preload and max_age < 31536000:
        # The core refuses a preload with a max-age under a year, at setup.
        with pytest.raises(ValueError):
            our_headers(**kw)
        return
    ours = our_headers(**kw)
    if hsts and preload and not include:
        # preload implies includeSubDomains.
        assert theirs.pop("Strict-Transport-Security") == f"max-age={max_age}; preload"
        assert ours.pop("Strict-Transport-Security") == f"max-age={max_age}; includeSubDomains; preload"
    assert ours == theirs


def test_multi_token_string_values_quote_keywords() -> None:
    theirs = their_headers(csp={"script-src": "self cdn.example.com"}, hsts=False)
    assert theirs["Content-Security-Policy"] == f"script-src self cdn.example.com; report-uri {DEFAULT_CSP_REPORT_URI}"
    ours = our_headers(csp={"script-src": "self cdn.example.com"}, hsts=False)
    assert ours["Content-Security-Policy"] == f"script-src 'self' cdn.example.com; report-uri {DEFAULT_CSP_REPORT_URI}"


def test_fixed_bugs_of_secure_aiohttp() -> None:
    with pytest.raises(TypeError):
        their_headers(csp={"script-src": ["self", "cdn.example.com"]}, hsts=False)
    assert our_headers(csp={"script-src": ["self", "cdn.example.com"]}, hsts=False) == {
        "Content-Security-Policy": f"script-src 'self' cdn.example.com; report-uri {DEFAULT_CSP_REPORT_URI}"
    }
    assert their_headers(csp="same-origin", scp_report_uri="/r", hsts=False)["Content-Security-Policy"].endswith(DEFAULT_CSP_REPORT_URI)
    assert our_headers(csp="same-origin", scp_report_uri="/r", hsts=False)["Content-Security-Policy"] == "default-src 'self'; report-uri /r"
    given_policy = {"default-src": "self"}
    their_headers(csp=given_policy, hsts=False)
    assert given_policy == {"default-src": "self", "report-uri": DEFAULT_CSP_REPORT_URI}  # 0.0.24 changed it
    given_policy = {"default-src": "self"}
    our_headers(csp=given_policy, hsts=False)
    assert given_policy == {"default-src": "self"}
    app = web.Application()
    Theirs(app, hsts_max_age="1y")  # accepted at setup; fails on every response
    with pytest.raises(AttributeError):
        asyncio.run(app.on_response_prepare[0](None, Response()))
    with pytest.raises(AttributeError):
        Ours(web.Application(), hsts_max_age="1y")  # type: ignore[arg-type]
    assert our_headers(hsts_inclue_subdomains=False, hsts_preload=False) == our_headers(hsts_include_subdomains=False, hsts_preload=False)
    assert our_headers(hsts_include_subdomains=False, hsts_preload=False) == {"Strict-Transport-Security": "max-age=31536000"}
