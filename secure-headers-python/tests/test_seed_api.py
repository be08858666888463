"""The API and outputs of Python's `secure` 2.0.1, compared with the installed package."""

from __future__ import annotations

import logging

import pytest
import secure as seed

import secure_headers as ours
from secure_headers import headers as ours_headers
from secure_headers import middleware as ours_middleware
from secure_headers.secure import HeaderSetError

PRESETS = ["BASIC", "BALANCED", "STRICT"]


def test_public_names_match_the_seed() -> None:
    import secure.headers
    import secure.middleware

    assert set(ours.__all__) == set(seed.__all__)
    assert set(ours_headers.__all__) == set(secure.headers.__all__)
    assert set(ours_middleware.__all__) == set(secure.middleware.__all__)
    assert not hasattr(ours, "HeaderSetError")
    assert issubclass(HeaderSetError, RuntimeError)
    assert ours.MULTI_OK == seed.MULTI_OK
    assert ours.COMMA_JOIN_OK == seed.COMMA_JOIN_OK
    assert ours.DEFAULT_ALLOWED_HEADERS == seed.DEFAULT_ALLOWED_HEADERS


def test_the_seed_header_modules_exist() -> None:
    import importlib
    import pkgutil

    import secure.headers

    for info in pkgutil.iter_modules(secure.headers.__path__):
        if info.name.startswith("_"):
            continue
        theirs = importlib.import_module(f"secure.headers.{info.name}")
        mine = importlib.import_module(f"secure_headers.headers.{info.name}")
        classes = {n for n, v in vars(theirs).items() if isinstance(v, type) and v.__module__ == theirs.__name__}
        assert classes <= set(dir(mine)), (info.name, classes - set(dir(mine)))
    for name in ("asgi", "wsgi"):
        importlib.import_module(f"secure_headers.middleware.{name}")


def test_every_builder_method_of_the_seed_exists() -> None:
    import secure.headers

    for name in secure.headers.__all__:
        theirs = getattr(secure.headers, name)
        mine = getattr(ours_headers, name)
        public = {m for m in dir(theirs) if not m.startswith("_")}
        missing = {m for m in public if not hasattr(mine, m)}
        assert not missing, (name, missing)


@pytest.mark.parametrize("preset", PRESETS)
def test_presets_are_identical(preset: str) -> None:
    a = seed.Secure.from_preset(getattr(seed.Preset, preset))
    b = ours.Secure.from_preset(getattr(ours.Preset, preset))
    assert b.header_items() == a.header_items()
    assert dict(b.headers) == dict(a.headers)
    assert str(b) == str(a)
    assert [type(h).__name__ for h in b.headers_list] == [type(h).__name__ for h in a.headers_list]


def test_default_is_balanced_and_exact_values() -> None:
    s = ours.Secure.with_default_headers()
    assert s.header_items() == ours.Secure.from_preset(ours.Preset.BALANCED).header_items()
    assert s.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert s.headers["Server"] == ""
    with pytest.raises(ValueError, match="Unknown preset: strict"):
        ours.Secure.from_preset("strict")  # type: ignore[arg-type]


def test_builders_stay_mutable_after_secure_is_made() -> None:
    xfo = ours.XFrameOptions()
    s = ours.Secure(xfo=xfo, server=ours.Server().set("A"))
    assert s.headers["X-Frame-Options"] == "SAMEORIGIN"
    xfo.deny()
    assert s.headers["X-Frame-Options"] == "DENY"
    resp = _DictResponse()
    s.set_headers(resp)
    assert resp.headers == {"Server": "A", "X-Frame-Options": "DENY"}
    s.headers_list[0].set("B")  # type: ignore[attr-defined]
    s.set_headers(resp)
    assert resp.headers["Server"] == "B"
    s.headers_list.append(("X-Extra", "1"))
    s.set_headers(resp)
    assert resp.headers["X-Extra"] == "1"


class _DictResponse:
    def __init__(self) -> None:
        self.headers: dict[str, str] = {}


class _SetHeader:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.headers: dict[str, str] = {}

    def set_header(self, name: str, value: str) -> None:
        self.calls.append((name, value))


def test_set_headers_paths_match_the_seed() -> None:
    for mod in (seed, ours):
        s = mod.Secure(csp=mod.ContentSecurityPolicy(), custom=[mod.CustomHeader("X-A", "1")])
        r = _SetHeader()
        s.set_headers(r)
        assert r.calls == [("Content-Security-Policy", seed.ContentSecurityPolicy().header_value), ("X-A", "1")]
        assert r.headers == {}

    class Bad:
        pass

    with pytest.raises(AttributeError, match="does not support setting headers"):
        ours.Secure.with_default_headers().set_headers(Bad())

    class Raising:
        def set_header(self, name: str, value: str) -> None:
            raise ValueError("immutable")

    with pytest.raises(HeaderSetError, match="Failed to set headers: immutable"):
        ours.Secure.with_default_headers().set_headers(Raising())

    class Async:
        async def set_header(self, name: str, value: str) -> None:
            pass

    with pytest.raises(RuntimeError, match="Async 'set_header' detected"):
        ours.Secure.with_default_headers().set_headers(Async())


async def test_set_headers_async_awaits_async_setters() -> None:
    got: list[tuple[str, str]] = []

    class Async:
        async def set_header(self, name: str, value: str) -> None:
            got.append((name, value))

    s = ours.Secure.with_default_headers()
    await s.set_headers_async(Async())
    assert tuple(got) == s.header_items()


def test_pipeline_matches_the_seed(caplog: pytest.LogCaptureFixture) -> None:
    for mod in (seed, ours):
        s = mod.Secure(
            cache=mod.CacheControl().no_cache(),
            custom=[mod.CustomHeader("Cache-Control", "max-age=0"), mod.CustomHeader("X-Powered-By", "x")],
        )
        s.allowlist_headers(on_unexpected="drop").deduplicate_headers(action="concat")
        assert s.header_items() == (("Cache-Control", "no-cache, max-age=0"),)
    with caplog.at_level(logging.WARNING):
        caplog.clear()
        ours.Secure(custom=[ours.CustomHeader("X-A", "1")]).allowlist_headers(on_unexpected="warn")
    assert [r.getMessage() for r in caplog.records] == ["Unexpected header 'X-A' kept (not in allowlist)"]
    with pytest.raises(ValueError):
        ours.Secure(custom=[ours.CustomHeader("X-A", "1")]).allowlist_headers()
    with pytest.raises(ValueError):
        ours.Secure(custom=[ours.CustomHeader("X-A", "1"), ours.CustomHeader("x-a", "2")]).deduplicate_headers()


def test_normalize_matches_the_seed(caplog: pytest.LogCaptureFixture) -> None:
    for mod in (seed, ours):
        s = mod.Secure(
            server=mod.Server(),
            custom=[mod.CustomHeader("X-A", "value\nwith\r\nbad"), mod.CustomHeader("X-B", " lead")],
        )
        with caplog.at_level(logging.WARNING):
            caplog.clear()
            s.validate_and_normalize_headers(on_invalid="warn")
        assert dict(s.headers) == {"X-A": "value with bad"}
        assert [r.getMessage() for r in caplog.records] == [
            "Dropping header 'Server': empty value",
            "Header 'X-B' starts with forbidden whitespace",
        ]
        r = _DictResponse()
        s.set_headers(r)
        assert r.headers == {"X-A": "value with bad"}
    with pytest.raises(ValueError):
        ours.Secure(custom=[ours.CustomHeader("X-A", "bad\rvalue")]).validate_and_normalize_headers(strict=True)


def test_fix_custom_header_names_are_checked_at_construction() -> None:
    seed.CustomHeader("Bad Header", "v")
    with pytest.raises(ValueError, match="RFC 9110 token"):
        ours.CustomHeader("Bad Header", "v")


def test_fix_unquoted_self_is_an_error_naming_the_directive() -> None:
    assert seed.ContentSecurityPolicy().script_src("self").header_value.endswith("script-src self")
    with pytest.raises(ValueError) as e:
        ours.ContentSecurityPolicy().script_src("self")
    assert str(e.value) == "unquoted keyword in Content-Security-Policy directive script-src: \"self\" (use 'self')"


def test_fix_values_that_would_inject_a_header_are_never_applied() -> None:
    s = ours.Secure(custom=[ours.CustomHeader("X-A", "a\r\nSet-Cookie: x=1")])
    with pytest.raises(ValueError, match="CR, LF or NUL"):
        s.set_headers(_DictResponse())
    s.validate_and_normalize_headers()
    r = _DictResponse()
    s.set_headers(r)
    assert r.headers == {"X-A": "a Set-Cookie: x=1"}
