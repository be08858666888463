"""The :class:`Secure` facade: Python's `secure` 2.0.1 API on the secure-headers core.

Rendering is cached: a :class:`Secure` keeps its rendered header items, the merged
``dict`` that ``set_headers`` hands to a dict-backed response, and its core ``Secure``,
together with the version of its header list they were made at. Every change to the list,
and to any builder in it (a builder tells the lists that hold it), moves that version, so
the next response after a change is rendered afresh, and an unchanged configuration costs
one integer comparison per response. Nothing of this is shared between instances.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from types import MappingProxyType
from typing import Any, SupportsIndex, overload

from . import _native
from ._internal.constants import COMMA_JOIN_OK, DEFAULT_ALLOWED_HEADERS, MULTI_OK
from ._internal.emit import HeaderItems, HeaderSetError, set_headers_async, set_headers_sync
from .headers import _builders
from .headers import (
    BaseHeader,
    CacheControl,
    ContentSecurityPolicy,
    CrossOriginEmbedderPolicy,
    CrossOriginOpenerPolicy,
    CrossOriginResourcePolicy,
    CustomHeader,
    PermissionsPolicy,
    ReferrerPolicy,
    Server,
    StrictTransportSecurity,
    XContentTypeOptions,
    XDnsPrefetchControl,
    XFrameOptions,
    XPermittedCrossDomainPolicies,
)

__all__ = ["HeaderSetError", "Preset", "Secure"]

_LOGGER = logging.getLogger("secure.secure")

#: The CSP source of the per-request nonce (beyond 2.0.1): ``csp.script_src("'self'", NONCE)``
#: sends a fresh ``'nonce-…'`` on every response of the middleware and framework
#: integrations, which hand the nonce to the handler (ASGI ``scope["state"]["csp_nonce"]``,
#: Flask ``g.csp_nonce``, Django ``request.csp_nonce``, aiohttp ``request[secure_headers.aiohttp.CSP_NONCE]``).
#: ``set_headers`` and ``set_headers_async`` fill it with a fresh nonce on every call and
#: return that nonce; the template itself is never sent.
NONCE = "'nonce-{nonce}'"

_MULTI_OK_SORTED = tuple(sorted(MULTI_OK))

#: The builder classes by kind: the name of the core type each wraps (``_native.preset``).
_CLASSES: dict[str, type[BaseHeader]] = {
    cls._kind: cls for cls in (getattr(_builders, name) for name in _builders.__all__)
}


class Preset(Enum):
    """Predefined security header presets for :class:`Secure`."""

    BASIC = "basic"
    BALANCED = "balanced"
    STRICT = "strict"


HeaderInput = BaseHeader | tuple[str, str] | list[str]


def _coerce(header: object, operation: str) -> BaseHeader:
    if isinstance(header, BaseHeader):
        return header
    if isinstance(header, (tuple, list)) and len(header) == 2:  # noqa: PLR2004
        name, value = header
        if isinstance(name, str) and isinstance(value, str):
            return CustomHeader(name, value)
    raise TypeError(f"{operation} expects BaseHeader objects or (name, value) pairs")


class ConfiguredHeaders(list[BaseHeader]):
    """The live list of header builders of a :class:`Secure`; every change to it or to a
    builder in it moves its ``version``."""

    def __init__(self, headers: Iterable[object] = (), *, on_change: Callable[[], None] = lambda: None) -> None:
        #: Moves on every change; starts at 1, so that a holder's 0 means "never seen".
        self.version = 1
        super().__init__(self._own(h, "ConfiguredHeaders") for h in headers)
        self._on_change = on_change

    def _own(self, header: object, operation: str) -> BaseHeader:
        builder = _coerce(header, operation)
        builder._owned_by(self)
        return builder

    def _builder_changed(self) -> None:
        # A builder this list held may have left it since; one render too many then.
        self.version += 1

    def _changed(self) -> None:
        self._on_change()
        self.version += 1

    def replace_all(self, headers: Iterable[object]) -> None:
        replacement = [self._own(h, "headers_list") for h in headers]
        super().clear()
        super().extend(replacement)
        self._changed()

    def append(self, header: object) -> None:
        super().append(self._own(header, "headers_list.append"))
        self._changed()

    def extend(self, headers: Iterable[object]) -> None:
        super().extend([self._own(h, "headers_list.extend") for h in headers])
        self._changed()

    def insert(self, index: SupportsIndex, header: object) -> None:
        super().insert(index, self._own(header, "headers_list.insert"))
        self._changed()

    @overload
    def __setitem__(self, index: SupportsIndex, header: object) -> None: ...
    @overload
    def __setitem__(self, index: slice, header: Iterable[object]) -> None: ...
    def __setitem__(self, index: Any, header: Any) -> None:
        if isinstance(index, slice):
            super().__setitem__(index, [self._own(h, "headers_list assignment") for h in header])
        else:
            super().__setitem__(index, self._own(header, "headers_list assignment"))
        self._changed()

    def __delitem__(self, index: SupportsIndex | slice) -> None:
        super().__delitem__(index)
        self._changed()

    def clear(self) -> None:
        super().clear()
        self._changed()

    def pop(self, index: SupportsIndex = -1) -> BaseHeader:
        header = super().pop(index)
        self._changed()
        return header

    def remove(self, header: BaseHeader) -> None:
        super().remove(header)
        self._changed()

    def reverse(self) -> None:
        super().reverse()
        self._changed()

    def sort(self, *, key: Callable[[BaseHeader], Any] | None = None, reverse: bool = False) -> None:
        super().sort(key=key, reverse=reverse)
        self._changed()

    def __iadd__(self, headers: Iterable[object]) -> ConfiguredHeaders:  # type: ignore[override,misc]
        self.extend(headers)
        return self


def _mapping(items: HeaderItems) -> MappingProxyType[str, str]:
    headers: dict[str, str] = {}
    seen: set[str] = set()
    for name, value in items:
        lowered = name.lower()
        if lowered in seen:
            raise ValueError(f"Multiple '{name}' headers present; use `header_items()` when emitting multiples.")
        seen.add(lowered)
        headers[name] = value
    return MappingProxyType(headers)


#: `secure` 2.0.1's log line for each reason the core gives for dropping a header in
#: ``validate_and_normalize_headers`` (the reasons are typed: ``_native.run_step``).
_NORMALIZE_LOG = {
    "invalid_name": "Invalid header name {header!r} (RFC 7230 token required)",
    "leading_whitespace": "Header {header!r} starts with forbidden whitespace",
    "empty_after_sanitization": "Dropping header {header!r}: empty after sanitization",
    "empty_value": "Dropping header {header!r}: empty value",
}


class Secure:
    """Configure and apply HTTP security headers (Python's `secure` 2.0.1 API).

    >>> import secure_headers as secure
    >>> s = secure.Secure.with_default_headers()
    >>> s.headers["X-Frame-Options"]
    'SAMEORIGIN'
    """

    def __init__(  # noqa: PLR0913
        self,
        *,
        cache: CacheControl | None = None,
        coep: CrossOriginEmbedderPolicy | None = None,
        coop: CrossOriginOpenerPolicy | None = None,
        corp: CrossOriginResourcePolicy | None = None,
        csp: ContentSecurityPolicy | None = None,
        custom: list[CustomHeader] | None = None,
        hsts: StrictTransportSecurity | None = None,
        permissions: PermissionsPolicy | None = None,
        referrer: ReferrerPolicy | None = None,
        xpcdp: XPermittedCrossDomainPolicies | None = None,
        xdfc: XDnsPrefetchControl | None = None,
        server: Server | None = None,
        xcto: XContentTypeOptions | None = None,
        xfo: XFrameOptions | None = None,
    ) -> None:
        params = (cache, coep, coop, corp, csp, hsts, permissions, referrer, xpcdp, xdfc, server, xcto, xfo)
        configured: list[object] = [h for h in params if h is not None]
        if custom:
            configured.extend(custom)
        self._headers = ConfiguredHeaders(configured, on_change=self._discard_normalized)
        self._normalized: MappingProxyType[str, str] | None = None
        self._normalized_source: HeaderItems | None = None
        self._epoch = 0
        self._items: HeaderItems = ()
        self._resolved: HeaderItems = ()
        self._builder = _native.SecureBuilder()
        self._cores: dict[tuple[str, ...], _native.Secure] = {}
        self._single = False
        self._plain: tuple[HeaderItems, Callable[[], dict[str, str]]] | None = None
        self._every_name: tuple[str, ...] = ()

    # -- the cache ---------------------------------------------------------------

    def _discard_normalized(self) -> None:
        """A change to the list drops the normalized snapshot (as in 2.0.1)."""
        self._normalized = None
        self._normalized_source = None

    def _refresh(self) -> None:
        """Re-render if anything changed since the last render (one comparison if not)."""
        epoch = self._headers.version
        if epoch == self._epoch:
            return
        items = tuple((h.header_name, h.header_value) for h in self._headers)
        if self._normalized is not None and self._normalized_source != items:
            self._normalized = None
            self._normalized_source = None
        self._items = items
        self._resolved = tuple(self._normalized.items()) if self._normalized is not None else items
        self._cores = {}
        self._single = False
        self._plain = None
        self._every_name = tuple(sorted({name.lower() for name, _ in self._resolved}))
        self._epoch = epoch

    def _resolved_header_items(self) -> HeaderItems:
        """The items applied: the normalized snapshot's when there is one."""
        self._refresh()
        return self._resolved

    def _core(self, multi_ok: tuple[str, ...]) -> _native.Secure:
        """The core ``Secure`` of this configuration (its resolved items, in order), made
        once per epoch and ``multi_ok`` by the core ``SecureBuilder`` that holds the
        request-side options: it decides for each request and merges the headers into every
        response of ``set_headers``, the middlewares and the framework integrations.
        ``ValueError`` if a header could inject another (CR, LF or NUL) or the core refuses
        the configuration."""
        self._refresh()
        core = self._cores.get(multi_ok)
        if core is None:
            core = self._builder.build(self._resolved, multi_ok)
            self._cores[multi_ok] = core
        return core

    def _plan(self, multi_ok: tuple[str, ...]) -> _native.Secure:
        """:meth:`_core` for the middlewares and framework integrations, which (as in
        2.0.1) send single-valued headers only: ``ValueError`` if a name is repeated."""
        self._refresh()
        if not self._single:
            self.headers  # noqa: B018  (raises on a repeated name)
            self._single = True
        return self._core(multi_ok)

    def _apply(self, response: Any, context: _native.Context | None) -> str | None:
        """Applies the headers of :meth:`_core` to a duck-typed ``response``, for the request
        of ``context``; without one, as ``set_headers`` does (a fresh nonce if a header uses
        one). Returns the nonce sent.

        Every item is applied, a repeated name too (one setter call each, as in 2.0.1): the
        core appends every name here, as there are no app headers to replace."""
        self._refresh()
        plain = self._plain
        if context is None and plain is not None:
            # No nonce: the core's items, merged once per configuration.
            set_headers_sync(response, plain[0], plain[1])
            return None
        core = self._core(self._every_name)
        if context is None and not core.uses_nonce:
            items = tuple(core.merge(None))
            merged = dict(items)
            self._plain = (items, lambda: merged)
            set_headers_sync(response, items, self._plain[1])
            return None
        if context is None:
            context = core.context()
        items = tuple(core.merge(context))
        set_headers_sync(response, items, lambda: dict(items))
        return context.nonce

    # -- beyond 2.0.1 ------------------------------------------------------------

    def protect(
        self,
        *,
        https_redirect: bool | int = False,
        allowed_hosts: Iterable[str] | None = None,
        trusted_proxies: Iterable[str] = (),
        forwarded_headers: Iterable[str] = (),
        hsts_secure_only: bool = False,
        provide_nonce: bool = False,
    ) -> Secure:
        """Request-side protections, decided by the core for each request in the middleware
        and framework integrations (not by ``set_headers``, which sees no request).

        ``https_redirect``: redirect plain-HTTP requests to HTTPS (``True`` for 308, or a
        status); ``allowed_hosts``: refuse other hosts with 400 (``example.com``,
        ``*.example.com``); ``trusted_proxies``: addresses or CIDR ranges whose
        headers named in ``forwarded_headers`` (``forwarded``, ``x-forwarded-proto``,
        ``x-forwarded-host``) are believed;
        ``hsts_secure_only``: send HSTS on secure requests only; ``provide_nonce``: a nonce
        for every request even if no header uses :data:`NONCE`.
        """
        status = None if https_redirect is False else (308 if https_redirect is True else int(https_redirect))
        self._builder.protect(
            https_redirect=status,
            allowed_hosts=None if allowed_hosts is None else [str(h) for h in allowed_hosts],
            trusted_proxies=[str(p) for p in trusted_proxies],
            forwarded_headers=[str(h) for h in forwarded_headers],
            hsts_secure_only=bool(hsts_secure_only),
            provide_nonce=bool(provide_nonce),
        )
        self._epoch = 0
        self._plan(_MULTI_OK_SORTED)
        return self

    # -- the API of `secure` 2.0.1 --------------------------------------------------

    @property
    def headers_list(self) -> list[BaseHeader]:
        """Mutable ordered list of configured header builders."""
        return self._headers

    @headers_list.setter
    def headers_list(self, headers: Iterable[BaseHeader]) -> None:
        self._headers.replace_all(headers)

    @classmethod
    def with_default_headers(cls) -> Secure:
        """The recommended default: :data:`Preset.BALANCED`."""
        return cls.from_preset(Preset.BALANCED)

    @classmethod
    def from_preset(cls, preset: Preset) -> Secure:
        """A new instance with fresh builders for ``preset``, rendered by the core."""
        if not isinstance(preset, Preset):
            raise ValueError(f"Unknown preset: {preset}")
        secure = cls()
        secure._headers.replace_all(_CLASSES[kind]._wrap(native) for kind, native in _native.preset(preset.value))
        return secure

    def __str__(self) -> str:
        self._refresh()
        return "\n".join(f"{name}: {value}" for name, value in self._resolved)

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}(headers_list={self.headers_list!r})"

    def header_items(self) -> HeaderItems:
        """The ``(name, value)`` pairs in list order, duplicates allowed."""
        self._refresh()
        return self._items

    @property
    def headers(self) -> Mapping[str, str]:
        """Single-valued read-only mapping (the normalized snapshot when there is one).

        Raises ``ValueError`` when a name occurs more than once.
        """
        self._refresh()
        if self._normalized is not None:
            return self._normalized
        return _mapping(self._items)

    def set_headers(self, response: Any) -> str | None:
        """Apply the headers to ``response`` (``set_header``, ``headers.set`` or a mapping).

        Beyond 2.0.1: when the CSP uses :data:`NONCE`, every call fills it with a fresh
        nonce and returns it (``None`` otherwise); the template ``'nonce-{nonce}'`` is
        never sent. A page that needs the nonce while it is rendered gets it from the
        framework integrations instead (see :data:`NONCE`).
        """
        return self._apply(response, None)

    async def set_headers_async(self, response: Any) -> str | None:
        """Apply the headers from async code; sync or async setters. Returns the fresh
        nonce as :meth:`set_headers` does."""
        self._refresh()
        core = self._core(self._every_name)
        context = core.context() if core.uses_nonce else None
        await set_headers_async(response, tuple(core.merge(context)))
        return None if context is None else context.nonce

    # -- the pipeline (run by the core) -----------------------------------------

    def _objects(self, operation: str) -> list[BaseHeader]:
        for header in self._headers:
            if not isinstance(header, BaseHeader):
                raise TypeError(f"{operation}() requires BaseHeader objects only")
        return list(self._headers)

    def allowlist_headers(
        self,
        *,
        allowed: Iterable[str] = DEFAULT_ALLOWED_HEADERS,
        allow_extra: Iterable[str] | None = None,
        on_unexpected: str = "raise",
        allow_x_prefixed: bool = False,
        logger: logging.Logger | None = None,
    ) -> Secure:
        """Keep, drop or refuse headers whose name is not allowed."""
        log = logger or _LOGGER
        objects = self._objects("allowlist_headers")
        names = [str(n) for n in allowed] + [str(n) for n in (allow_extra or ())]
        items = [(h.header_name, h.header_value) for h in objects]
        kept, decisions = _native.run_step(
            "allowlist", items, names=names, mode=str(on_unexpected), flag=bool(allow_x_prefixed)
        )
        for _step, header, action, _message in decisions:
            log.warning(f"Unexpected header %r {action} (not in allowlist)", header)
        kept_names = {name.lower() for name, _ in kept}
        self.headers_list = [h for h in objects if h.header_name.lower() in kept_names]
        return self

    def deduplicate_headers(
        self,
        *,
        action: str = "raise",
        comma_join_ok: Iterable[str] = COMMA_JOIN_OK,
        multi_ok: Iterable[str] = MULTI_OK,
        logger: logging.Logger | None = None,
    ) -> Secure:
        """Resolve repeated names (``raise``, ``first``, ``last``, ``concat``)."""
        log = logger or _LOGGER
        objects = self._objects("deduplicate_headers")
        items = [(h.header_name, h.header_value) for h in objects]
        out, decisions = _native.run_step(
            "deduplicate", items, names=list(comma_join_ok), mode=str(action), names2=list(multi_ok)
        )
        for _step, header, act, reason in decisions:
            if act == "dropped":
                keeping = "last" if reason == "duplicate_kept_last" else "first"
                log.warning(f"Dropping duplicate header(s) for %r (keeping {keeping})", header)
        self.headers_list = [CustomHeader(name, value) for name, value in out]
        return self

    def validate_and_normalize_headers(
        self,
        *,
        on_invalid: str = "drop",
        strict: bool = False,
        allow_obs_text: bool = False,
        logger: logging.Logger | None = None,
    ) -> Secure:
        """Validate and normalize the items into a single-valued snapshot."""
        log = logger or _LOGGER
        items = self.header_items()
        out, decisions = _native.run_step(
            "normalize", list(items), mode=str(on_invalid), flag=bool(strict), flag2=bool(allow_obs_text)
        )
        if on_invalid == "warn":
            for _step, header, action, reason in decisions:
                if action == "dropped":
                    log.warning(_NORMALIZE_LOG[reason].format(header=header))
        self._normalized = MappingProxyType(dict(out))
        self._normalized_source = items
        self._epoch = 0
        return self


