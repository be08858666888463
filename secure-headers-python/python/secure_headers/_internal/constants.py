"""The constants of `secure` 2.0.1 (lowercase header names), as the Rust core keeps them."""

from __future__ import annotations

from .. import _native

MULTI_OK: frozenset[str] = frozenset(_native.MULTI_OK)
COMMA_JOIN_OK: frozenset[str] = frozenset(_native.COMMA_JOIN_OK)
DEFAULT_ALLOWED_HEADERS: frozenset[str] = frozenset(_native.DEFAULT_ALLOWED_HEADERS)
