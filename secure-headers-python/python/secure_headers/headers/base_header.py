"""The base of every header builder, and the names and defaults of Python's `secure` 2.0.1."""

from __future__ import annotations

import weakref
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from .. import _native

if TYPE_CHECKING:
    from typing_extensions import Self


class Owner(Protocol):
    """What holds builders (a ``Secure``'s header list): told when one of them changes."""

    def _builder_changed(self) -> None: ...


class HeaderName(Enum):
    """The header names of the builder classes."""

    CACHE_CONTROL = "Cache-Control"
    CONTENT_SECURITY_POLICY = "Content-Security-Policy"
    CONTENT_SECURITY_POLICY_REPORT_ONLY = "Content-Security-Policy-Report-Only"
    CROSS_ORIGIN_EMBEDDER_POLICY = "Cross-Origin-Embedder-Policy"
    CROSS_ORIGIN_OPENER_POLICY = "Cross-Origin-Opener-Policy"
    CROSS_ORIGIN_RESOURCE_POLICY = "Cross-Origin-Resource-Policy"
    PERMISSION_POLICY = "Permissions-Policy"
    REFERRER_POLICY = "Referrer-Policy"
    SERVER = "Server"
    STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security"
    X_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options"
    X_DNS_PREFETCH_CONTROL = "X-DNS-Prefetch-Control"
    X_FRAME_OPTIONS = "X-Frame-Options"
    X_PERMITTED_CROSS_DOMAIN_POLICIES = "X-Permitted-Cross-Domain-Policies"


class HeaderDefaultValue(Enum):
    """The default value of each builder class."""

    CACHE_CONTROL = "no-store, max-age=0"
    CONTENT_SECURITY_POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
        "base-uri 'self'; frame-ancestors 'self'; form-action 'self'"
    )
    CROSS_ORIGIN_EMBEDDER_POLICY = "require-corp"
    CROSS_ORIGIN_OPENER_POLICY = "same-origin"
    CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
    PERMISSION_POLICY = "geolocation=(), microphone=(), camera=()"
    REFERRER_POLICY = "strict-origin-when-cross-origin"
    SERVER = ""
    STRICT_TRANSPORT_SECURITY = "max-age=31536000"
    X_CONTENT_TYPE_OPTIONS = "nosniff"
    X_DNS_PREFETCH_CONTROL = "off"
    X_FRAME_OPTIONS = "SAMEORIGIN"
    X_PERMITTED_CROSS_DOMAIN_POLICIES = "none"


class BaseHeader:
    """A mutable header builder.

    Its state lives in the native core (``_native.Header``): every change is checked and
    rendered there at once, so ``header_value`` is a read, and a bad input raises
    ``ValueError`` at the call that gave it, leaving the builder unchanged.

    A builder knows (weakly) the header lists it was put in, and tells them of each
    change, so that their ``Secure`` renders afresh for its next response.
    """

    _kind: str = ""
    __slots__ = ("_h", "_owners")
    _h: _native.Header
    _owners: weakref.WeakValueDictionary[int, Owner]

    def __init__(self) -> None:
        self._h = _native.Header(self._kind)

    @classmethod
    def _wrap(cls, native: _native.Header) -> Self:
        obj = cls.__new__(cls)
        obj._h = native
        return obj

    def _do(self, op: str, *args: Any) -> Self:
        self._h.call(op, *args)
        owners = getattr(self, "_owners", None)
        if owners:
            for owner in owners.values():
                owner._builder_changed()
        return self

    def _owned_by(self, owner: Owner) -> None:
        """``owner`` holds this builder from now on (a list is unhashable: kept by its id,
        whose entry goes when the list does)."""
        owners = getattr(self, "_owners", None)
        if owners is None:
            owners = self._owners = weakref.WeakValueDictionary()
        owners[id(owner)] = owner

    @property
    def header_name(self) -> str:
        """The header's name."""
        return self._h.name

    @property
    def header_value(self) -> str:
        """The header's value, as rendered by the core."""
        return self._h.value

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, BaseHeader)
        return self._h == other._h

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def __copy__(self) -> Self:
        return self._wrap(self._h.copy())

    def __deepcopy__(self, memo: dict[int, object]) -> Self:
        return self._wrap(self._h.copy())
