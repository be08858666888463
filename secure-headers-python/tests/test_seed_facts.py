"""The public behaviours the upstream tests of Python's `secure` 2.0.1 check
(``tests/secure_tests/``, ``tests/headers/``, ``tests/middleware/`` of TypeError/secure),
written afresh. Every fact both libraries share runs against both (``lib``), so a fact
here is 2.0.1's as installed, not a guess; where this package differs on purpose (the
README's F-list), the test says which fix.

The five upstream tests of the private helpers (``secure._internal.normalize`` and
``secure._internal.policy``) are covered through the public methods those helpers serve
(see the README's differences list for why there are no shims).
"""

from __future__ import annotations

import asyncio
from typing import Any
from unittest import mock

import pytest
import secure as seed
import secure.headers as seed_headers
import secure.middleware as seed_middleware

import secure_headers as ours
import secure_headers.headers as ours_headers
import secure_headers.middleware as ours_middleware

LIBS = [pytest.param((seed, seed_headers, seed_middleware), id="secure-2.0.1"), pytest.param((ours, ours_headers, ours_middleware), id="secure_headers")]
Lib = tuple[Any, Any, Any]


class SetHeaderResponse:
    """``set_header`` stores apart from ``headers``: shows which path was taken."""

    def __init__(self) -> None:
        self.headers: dict[str, str] = {}
        self.stored: dict[str, str] = {}

    def set_header(self, key: str, value: str) -> None:
        self.stored[key] = value


class AsyncSetHeaderResponse(SetHeaderResponse):
    async def set_header(self, key: str, value: str) -> None:  # type: ignore[override]
        self.stored[key] = value


class DictResponse:
    def __init__(self) -> None:
        self.headers: dict[str, str] = {}


class AsyncMapping:
    def __init__(self) -> None:
        self.stored: dict[str, str] = {}

    async def __setitem__(self, key: str, value: str) -> None:
        self.stored[key] = value


class AsyncMappingResponse:
    def __init__(self) -> None:
        self.headers = AsyncMapping()


# -- exports (secure_tests/test_exports.py) ----------------------------------------------

BUILDERS = {
    "CacheControl", "ContentSecurityPolicy", "CrossOriginEmbedderPolicy", "CrossOriginOpenerPolicy",
    "CrossOriginResourcePolicy", "CustomHeader", "PermissionsPolicy", "ReferrerPolicy", "Server",
    "StrictTransportSecurity", "XContentTypeOptions", "XDnsPrefetchControl", "XFrameOptions",
    "XPermittedCrossDomainPolicies",
}  # fmt: skip


@pytest.mark.parametrize("lib", LIBS)
def test_exports(lib: Lib) -> None:
    top, headers, middleware = lib
    assert set(top.__all__) == BUILDERS | {"COMMA_JOIN_OK", "DEFAULT_ALLOWED_HEADERS", "MULTI_OK", "Preset", "Secure"}
    assert set(headers.__all__) == BUILDERS | {"BaseHeader"}
    assert set(middleware.__all__) == {"SecureASGIMiddleware", "SecureWSGIMiddleware"}
    for module in lib:
        assert all(hasattr(module, name) for name in module.__all__)


# -- Secure (secure_tests/test_secure.py) ---------------------------------------------

BASIC_CSP = (
    "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; "
    "frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; "
    "script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests"
)


PRESETS = {
    "BASIC": (
        ("Cross-Origin-Opener-Policy", "same-origin"), ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Content-Security-Policy", BASIC_CSP), ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
        ("Referrer-Policy", "no-referrer"), ("X-Permitted-Cross-Domain-Policies", "none"), ("X-DNS-Prefetch-Control", "off"),
        ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "SAMEORIGIN"), ("Origin-Agent-Cluster", "?1"),
        ("X-Download-Options", "noopen"), ("X-XSS-Protection", "0"),
    ),
    "BALANCED": (
        ("Cross-Origin-Opener-Policy", "same-origin"), ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Content-Security-Policy", BASIC_CSP), ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
        ("Permissions-Policy", "geolocation=(), microphone=(), camera=()"), ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Server", ""), ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "SAMEORIGIN"),
    ),
    "STRICT": (
        ("Cache-Control", "no-store, max-age=0"), ("Cross-Origin-Embedder-Policy", "require-corp"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
        ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
        ("Permissions-Policy", "geolocation=(), microphone=(), camera=()"), ("Referrer-Policy", "no-referrer"),
        ("Server", ""), ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
    ),
}  # fmt: skip


@pytest.mark.parametrize("lib", LIBS)
@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_presets_exact(lib: Lib, preset: str) -> None:
    top = lib[0]
    s = top.Secure.from_preset(getattr(top.Preset, preset))
    assert s.header_items() == PRESETS[preset]
    d = SetHeaderResponse()
    s.set_headers(d)
    assert d.stored == dict(PRESETS[preset])
    assert top.Secure.with_default_headers().header_items() == PRESETS["BALANCED"]


@pytest.mark.parametrize("lib", LIBS)
def test_set_headers_paths(lib: Lib) -> None:
    top = lib[0]
    s = top.Secure(custom=[top.CustomHeader("X-Test-Header-1", "Value1"), top.CustomHeader("X-Test-Header-2", "Value2")])
    expected = {"X-Test-Header-1": "Value1", "X-Test-Header-2": "Value2"}
    # set_header wins over a headers dict; the dict is not touched.
    r = SetHeaderResponse()
    s.set_headers(r)
    assert (r.stored, r.headers) == (expected, {})
    d = DictResponse()
    s.set_headers(d)
    assert d.headers == expected
    # async: an async set_header is awaited, a sync one called, a dict filled.
    a = AsyncSetHeaderResponse()
    asyncio.run(s.set_headers_async(a))
    assert a.stored == expected
    r = SetHeaderResponse()
    asyncio.run(s.set_headers_async(r))
    assert r.stored == expected
    d = DictResponse()
    asyncio.run(s.set_headers_async(d))
    assert d.headers == expected
    # An async headers mapping (the upstream test of _internal.emit.set_headers_async).
    m = AsyncMappingResponse()
    asyncio.run(top.Secure(custom=[top.CustomHeader("X-Test", "value")]).set_headers_async(m))
    assert m.headers.stored == {"X-Test": "value"}
    # An async set_header in sync code is a RuntimeError; no way to set headers, an AttributeError.
    with pytest.raises(RuntimeError):
        s.set_headers(AsyncSetHeaderResponse())
    for nothing in (object(), type("NoHeaders", (), {})()):
        with pytest.raises(AttributeError, match="does not support setting headers"):
            s.set_headers(nothing)


@pytest.mark.parametrize("lib", LIBS)
def test_secure_contents(lib: Lib) -> None:
    top = lib[0]
    server, csp = top.Server().set("SecureServer"), top.ContentSecurityPolicy().default_src("'none'").img_src("'self'")
    custom = [top.CustomHeader("X-Test-Header", "TestValue")]
    s = top.Secure(server=server, csp=csp, custom=custom)
    assert s.headers_list == [csp, server, *custom]
    d = DictResponse()
    d.headers["Server"] = "before"
    s.set_headers(d)
    assert d.headers == {"Server": "SecureServer", "Content-Security-Policy": "default-src 'none'; img-src 'self'", "X-Test-Header": "TestValue"}
    assert list(d.headers) == ["Server", "Content-Security-Policy", "X-Test-Header"]  # an existing key keeps its place
    d = DictResponse()
    default = top.Secure.with_default_headers()
    default.set_headers(d)
    assert list(d.headers) == [h.header_name for h in default.headers_list]
    assert default.headers == {h.header_name: h.header_value for h in default.headers_list}
    assert str(default) == "\n".join(f"{h.header_name}: {h.header_value}" for h in default.headers_list)
    assert repr(default).startswith("Secure(headers_list=")
    empty = top.Secure()
    d = DictResponse()
    empty.set_headers(d)
    assert (d.headers, dict(empty.headers)) == ({}, {})
    hsts = top.Secure(hsts=top.StrictTransportSecurity().max_age(123456).include_subdomains())
    assert hsts.headers == {"Strict-Transport-Security": "max-age=123456; includeSubDomains"}
    with pytest.raises(ValueError, match="Unknown preset"):
        top.Secure.from_preset("invalid_preset")


@pytest.mark.parametrize("lib", LIBS)
def test_validate_and_normalize(lib: Lib) -> None:
    top = lib[0]
    s = top.Secure(custom=[top.CustomHeader("X-Invalid-Header", "\n"), top.CustomHeader("X-Valid-Header", "value")])
    s.validate_and_normalize_headers()
    d = DictResponse()
    s.set_headers(d)
    assert d.headers == {"X-Valid-Header": "value"}
    s = top.Secure(custom=[top.CustomHeader("X-Test-Header", "value\nwith\r\nbad")]).validate_and_normalize_headers()
    d, a = DictResponse(), DictResponse()
    s.set_headers(d)
    asyncio.run(s.set_headers_async(a))
    assert d.headers == a.headers == dict(s.headers) == {"X-Test-Header": "value with bad"}
    # obs-text kept when allowed (the upstream test of _internal.normalize).
    obs = top.Secure(custom=[top.CustomHeader("X-Obs-Text", "caf\xe9")]).validate_and_normalize_headers(allow_obs_text=True)
    assert obs.headers["X-Obs-Text"] == "caf\xe9"


@pytest.mark.parametrize("lib", LIBS)
def test_pipeline_steps_log_through_the_given_logger(lib: Lib) -> None:
    """The upstream tests of _internal.normalize and _internal.policy, through the public steps."""
    top = lib[0]
    logger = mock.Mock()
    top.Secure(custom=[top.CustomHeader("X-App-Header", "value")]).allowlist_headers(on_unexpected="warn", logger=logger)
    logger.warning.assert_called_once_with("Unexpected header %r kept (not in allowlist)", "X-App-Header")
    csp = [top.CustomHeader("Content-Security-Policy", "default-src 'self'"), top.CustomHeader("Content-Security-Policy", "report-uri /csp")]
    kept = top.Secure(custom=csp).deduplicate_headers(action="raise")
    assert kept.header_items() == (("Content-Security-Policy", "default-src 'self'"), ("Content-Security-Policy", "report-uri /csp"))


def test_invalid_header_names_are_refused_when_made() -> None:
    """Upstream: the normalizer warns "Invalid header name 'Bad Header' (RFC 7230 token
    required)" and drops it. Here (F3) such a header cannot be made at all."""
    logger = mock.Mock()
    s = seed.Secure(custom=[seed.CustomHeader("Bad Header", "value")]).validate_and_normalize_headers(on_invalid="warn", logger=logger)
    assert dict(s.headers) == {}
    logger.warning.assert_called_once_with("Invalid header name 'Bad Header' (RFC 7230 token required)")
    with pytest.raises(ValueError, match="not a valid header name"):
        ours.CustomHeader("Bad Header", "value")


# -- middleware (middleware/test_middleware.py) ------------------------------------------


def run_wsgi(app: Any) -> tuple[str, list[tuple[str, str]], bytes]:
    got: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        got.update(status=status, headers=headers)
        return lambda _: None

    body = b"".join(app({}, start_response))
    return got["status"], got["headers"], body


def run_asgi(app: Any, scope: dict[str, Any]) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    asyncio.run(app(scope, receive, send))
    return sent


def named(headers: list[tuple[Any, Any]], name: Any) -> list[Any]:
    return [v for n, v in headers if n.lower() == name.lower()]


@pytest.mark.parametrize("lib", LIBS)
def test_wsgi_middleware(lib: Lib) -> None:
    top, _, middleware = lib
    s = top.Secure.with_default_headers()

    def app_sending(headers: list[tuple[str, str]]) -> Any:
        def app(environ: Any, start_response: Any) -> list[bytes]:
            start_response("200 OK", headers)
            return [b"ok"]

        return app

    status, headers, body = run_wsgi(middleware.SecureWSGIMiddleware(app_sending([("X-Frame-Options", "DENY"), ("X-Custom", "keep")]), secure=s))
    assert (status, body) == ("200 OK", b"ok")
    assert named(headers, "x-frame-options") == ["SAMEORIGIN"]
    assert named(headers, "x-custom") == ["keep"]
    _, headers, _ = run_wsgi(middleware.SecureWSGIMiddleware(app_sending([("Content-Security-Policy", "app-csp")]), secure=s))
    assert named(headers, "content-security-policy") == ["app-csp", s.headers["Content-Security-Policy"]]


@pytest.mark.parametrize("lib", LIBS)
def test_asgi_middleware(lib: Lib) -> None:
    top, _, middleware = lib

    def app_sending(headers: list[tuple[bytes, bytes]]) -> Any:
        async def app(scope: Any, receive: Any, send: Any) -> None:
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": b"", "more_body": False})

        return app

    s = top.Secure.with_default_headers()
    start = run_asgi(middleware.SecureASGIMiddleware(app_sending([(b"x-frame-options", b"DENY"), (b"x-custom", b"keep")]), secure=s), {"type": "http"})[0]
    assert named(start["headers"], b"x-frame-options") == [b"SAMEORIGIN"]
    assert named(start["headers"], b"x-custom") == [b"keep"]
    start = run_asgi(middleware.SecureASGIMiddleware(app_sending([(b"content-security-policy", b"app-csp")]), secure=s), {"type": "http"})[0]
    assert named(start["headers"], b"content-security-policy") == [b"app-csp", s.headers["Content-Security-Policy"].encode()]
    extra = top.Secure(custom=[top.CustomHeader("X-Extra", "new")])
    start = run_asgi(middleware.SecureASGIMiddleware(app_sending([(b"x-extra", b"existing")]), secure=extra, multi_ok=["x-extra"]), {"type": "http"})[0]
    assert named(start["headers"], b"x-extra") == [b"existing", b"new"]

    async def websocket_app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "websocket.accept"})

    assert run_asgi(middleware.SecureASGIMiddleware(websocket_app), {"type": "websocket"}) == [{"type": "websocket.accept"}]


# -- the header builders (headers/, secure_tests/test_headers.py) -----------------------


def specs(h: Any) -> list[tuple[str, Any, str, Any]]:
    """(class, a builder, its exact value, an input that is a ValueError)."""
    return [
        ("CacheControl", lambda: h.CacheControl().no_cache().max_age(60), "no-cache, max-age=60", lambda: h.CacheControl().max_age(-1)),
        ("ContentSecurityPolicy", lambda: h.ContentSecurityPolicy().default_src("'none'").script_src("'self'").img_src("'self'"),
         "default-src 'none'; script-src 'self'; img-src 'self'", lambda: h.ContentSecurityPolicy().custom_directive("invalid name!", "'self'")),
        ("CrossOriginEmbedderPolicy", lambda: h.CrossOriginEmbedderPolicy().credentialless(), "credentialless", lambda: h.CrossOriginEmbedderPolicy().set("bad\nvalue")),
        ("CrossOriginOpenerPolicy", lambda: h.CrossOriginOpenerPolicy().same_origin_allow_popups(), "same-origin-allow-popups", lambda: h.CrossOriginOpenerPolicy().value("bad\rvalue")),
        ("CrossOriginResourcePolicy", lambda: h.CrossOriginResourcePolicy().same_site(), "same-site", lambda: h.CrossOriginResourcePolicy().value("bad\nvalue")),
        ("CustomHeader", lambda: h.CustomHeader("X-Test", "initial").set("updated"), "updated", lambda: h.CustomHeader("Bad\rName", "value")),
        ("PermissionsPolicy", lambda: h.PermissionsPolicy().camera("'self'"), "camera=(self)", lambda: h.PermissionsPolicy().add_directive("bad name", "'self'")),
        ("ReferrerPolicy", lambda: h.ReferrerPolicy().fallback("no-referrer", "origin"), "no-referrer, origin", lambda: h.ReferrerPolicy().add("no referrer")),
        ("Server", lambda: h.Server().set("CustomServer"), "CustomServer", lambda: h.Server().set("bad\nvalue")),
        ("StrictTransportSecurity", lambda: h.StrictTransportSecurity().max_age(172800).include_subdomains(), "max-age=172800; includeSubDomains",
         lambda: h.StrictTransportSecurity().max_age(-1)),
        ("XContentTypeOptions", lambda: h.XContentTypeOptions().nosniff(), "nosniff", lambda: h.XContentTypeOptions().set("bad\rvalue")),
        ("XDnsPrefetchControl", lambda: h.XDnsPrefetchControl().on(), "on", lambda: h.XDnsPrefetchControl().set("bad\nvalue")),
        ("XFrameOptions", lambda: h.XFrameOptions().allow_from("https://example.com"), "ALLOW-FROM https://example.com", lambda: h.XFrameOptions().value("bad\rvalue")),
        ("XPermittedCrossDomainPolicies", lambda: h.XPermittedCrossDomainPolicies().all(), "all", lambda: h.XPermittedCrossDomainPolicies().policy("unsupported")),
    ]  # fmt: skip


DEFAULTS = {
    "CacheControl": "CACHE_CONTROL", "ContentSecurityPolicy": "CONTENT_SECURITY_POLICY",
    "CrossOriginEmbedderPolicy": "CROSS_ORIGIN_EMBEDDER_POLICY", "CrossOriginOpenerPolicy": "CROSS_ORIGIN_OPENER_POLICY",
    "CrossOriginResourcePolicy": "CROSS_ORIGIN_RESOURCE_POLICY", "PermissionsPolicy": "PERMISSION_POLICY",
    "ReferrerPolicy": "REFERRER_POLICY", "Server": "SERVER", "StrictTransportSecurity": "STRICT_TRANSPORT_SECURITY",
    "XContentTypeOptions": "X_CONTENT_TYPE_OPTIONS", "XDnsPrefetchControl": "X_DNS_PREFETCH_CONTROL",
    "XFrameOptions": "X_FRAME_OPTIONS", "XPermittedCrossDomainPolicies": "X_PERMITTED_CROSS_DOMAIN_POLICIES",
}  # fmt: skip
# Values that replace each default before clear() brings it back.
OTHER = {
    "CacheControl": "public, max-age=60", "ContentSecurityPolicy": "default-src 'self'", "CrossOriginEmbedderPolicy": "unsafe-none",
    "CrossOriginOpenerPolicy": "unsafe-none", "CrossOriginResourcePolicy": "cross-origin", "PermissionsPolicy": "geolocation=()",
    "ReferrerPolicy": "no-referrer", "Server": "Custom", "StrictTransportSecurity": "max-age=0", "XContentTypeOptions": "detect",
    "XDnsPrefetchControl": "on", "XFrameOptions": "DENY", "XPermittedCrossDomainPolicies": "all",
}  # fmt: skip


def defaults_of(lib: Lib) -> Any:
    import importlib

    return importlib.import_module(lib[1].__name__ + ".base_header").HeaderDefaultValue


@pytest.mark.parametrize("lib", LIBS)
def test_builders(lib: Lib) -> None:
    h = lib[1]
    default_values = defaults_of(lib)
    for name, build, value, invalid in specs(h):
        assert build().header_value == value, name
        with pytest.raises(ValueError):
            invalid()
        if name == "CustomHeader":
            assert h.CustomHeader("X-Test", "initial").header_value == "initial"
            with pytest.raises(ValueError):
                h.CustomHeader("X-Test", "value").value("bad\rvalue")
            continue
        cls = getattr(h, name)
        default = getattr(default_values, DEFAULTS[name]).value
        assert cls().header_value == default, name
        with pytest.raises(ValueError):
            cls().value("bad\rvalue")
        changed = cls().value(OTHER[name])
        assert changed.header_value != default or name == "XContentTypeOptions", name
        assert changed.clear().header_value == default, name


@pytest.mark.parametrize("lib", LIBS)
def test_builders_are_idempotent_and_ordered(lib: Lib) -> None:
    h = lib[1]
    same = [
        (h.CacheControl().no_cache().max_age(60), h.CacheControl().no_cache().max_age(60).no_cache()),
        (h.ContentSecurityPolicy().script_src("'self'"), h.ContentSecurityPolicy().script_src("'self'").script_src("'self'")),
        (h.CrossOriginEmbedderPolicy().require_corp(), h.CrossOriginEmbedderPolicy().require_corp().require_corp()),
        (h.CrossOriginOpenerPolicy().same_origin(), h.CrossOriginOpenerPolicy().same_origin().same_origin()),
        (h.CrossOriginResourcePolicy().same_origin(), h.CrossOriginResourcePolicy().same_origin().same_origin()),
        (h.CustomHeader("X-Test", "value"), h.CustomHeader("X-Test", "value").set("value")),
        (h.PermissionsPolicy().camera("'self'"), h.PermissionsPolicy().camera("'self'").camera("'self'")),
        (h.ReferrerPolicy().add("no-referrer"), h.ReferrerPolicy().add("no-referrer").add("no-referrer")),
        (h.Server().set("CustomServer"), h.Server().set("CustomServer").set("CustomServer")),
        (h.StrictTransportSecurity().max_age(60).include_subdomains(), h.StrictTransportSecurity().max_age(60).include_subdomains().include_subdomains()),
        (h.XContentTypeOptions().nosniff(), h.XContentTypeOptions().nosniff().nosniff()),
        (h.XDnsPrefetchControl().on(), h.XDnsPrefetchControl().on().on()),
        (h.XFrameOptions().deny(), h.XFrameOptions().deny().deny()),
        (h.XPermittedCrossDomainPolicies().none(), h.XPermittedCrossDomainPolicies().none().none()),
    ]
    for a, b in same:
        assert a.header_value == b.header_value, type(a).__name__
    assert h.CacheControl().public().max_age(60).no_cache().header_value == "no-cache, public, max-age=60"
    csp = h.ContentSecurityPolicy().default_src("'self'").custom_directive("default-src", "'self'", "https:")
    assert csp.header_value == "default-src 'self' https:"
    assert h.ReferrerPolicy().add("no-referrer").add("no-referrer").add("same-origin").header_value == "no-referrer, same-origin"
    xdfc = h.XDnsPrefetchControl().set("ON").set("OFF")
    assert xdfc.header_value == "off"
    assert xdfc.on().header_value == "on"
    assert xdfc.off().header_value == "off"
    policy = h.PermissionsPolicy().camera("*")
    with pytest.raises(ValueError):
        policy.camera("*", "self")
