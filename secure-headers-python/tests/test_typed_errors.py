"""Errors cross from the core as typed values: the ``ValueError`` users see keeps its class
and its message, and carries the core error's parts as attributes (``kind``, ``header``,
``directive``, ``input``, ``detail``), so that no caller has to read them out of the text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import secure_headers as secure
from secure_headers.middleware import SecureASGIMiddleware

PARTS = ("kind", "header", "directive", "input", "detail")


def parts(make: Callable[[], object]) -> tuple[str, dict[str, object]]:
    with pytest.raises(ValueError) as caught:
        make()
    assert type(caught.value) is ValueError
    return str(caught.value), {name: getattr(caught.value, name) for name in PARTS}


def test_a_builder_error_names_its_parts() -> None:
    message, got = parts(lambda: secure.StrictTransportSecurity().max_age(100).preload())
    assert message == (
        'conflicting settings in Strict-Transport-Security directive preload: "max-age=100" '
        "(preload requires max-age to be at least 31536000 seconds (1 year); increase max-age or remove preload())"
    )
    assert got == {
        "kind": "conflict",
        "header": "Strict-Transport-Security",
        "directive": "preload",
        "input": "max-age=100",
        "detail": "preload requires max-age to be at least 31536000 seconds (1 year); increase max-age or remove preload()",
    }


def test_a_csp_source_error_names_the_directive_and_the_input() -> None:
    message, got = parts(lambda: secure.ContentSecurityPolicy().script_src("self"))
    assert message == "unquoted keyword in Content-Security-Policy directive script-src: \"self\" (use 'self')"
    assert got == {
        "kind": "unquoted_keyword",
        "header": "Content-Security-Policy",
        "directive": "script-src",
        "input": "self",
        "detail": "use 'self'",
    }


def test_a_configuration_the_core_refuses_names_the_rule_in_its_detail() -> None:
    hsts = secure.CustomHeader("Strict-Transport-Security", "max-age=100; preload")
    s = secure.Secure(custom=[hsts])
    _, got = parts(lambda: SecureASGIMiddleware(None, secure=s))
    assert got["kind"] == "lint"
    assert (got["header"], got["directive"], got["input"]) == ("Strict-Transport-Security", "preload", None)
    assert isinstance(got["detail"], str) and got["detail"].startswith("hsts-preload-needs-subdomains: ")


def test_a_header_that_could_inject_names_the_header_and_the_value() -> None:
    s = secure.Secure(custom=[secure.CustomHeader("X-A", "v\r\nSet-Cookie: evil=1")])
    message, got = parts(lambda: SecureASGIMiddleware(None, secure=s))
    assert message == 'header "X-A": the value "v\\r\\nSet-Cookie: evil=1" contains CR, LF or NUL and cannot be sent'
    assert got == {
        "kind": "invalid_character",
        "header": "X-A",
        "directive": None,
        "input": "v\r\nSet-Cookie: evil=1",
        "detail": "CR, LF or NUL cannot be sent",
    }


def test_custom_header_errors_name_the_header_and_the_input() -> None:
    _, got = parts(lambda: secure.CustomHeader("Bad Header", "1"))
    assert got == {
        "kind": "invalid_header_name",
        "header": "Bad Header",
        "directive": None,
        "input": "Bad Header",
        "detail": "a header name must be a non-empty RFC 9110 token",
    }
    _, got = parts(lambda: secure.CustomHeader("X-S", "\u2603"))
    assert got == {
        "kind": "invalid_header_value",
        "header": "X-S",
        "directive": None,
        "input": "\u2603",
        "detail": "U+2603 cannot be sent",
    }


def test_a_pipeline_step_error_is_typed() -> None:
    s = secure.Secure(custom=[secure.CustomHeader("X-A", "1"), secure.CustomHeader("x-a", "2")])
    _, got = parts(lambda: s.deduplicate_headers())
    assert got["kind"] == "duplicate_header"
    assert got["input"] == "X-A"
