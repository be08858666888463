"""The fourteen header builders of Python's `secure` 2.0.1, on the secure-headers core.

Every method has the name, the arguments and the chaining of `secure` 2.0.1's; the state and
the rendering are the core's (see :class:`~secure_headers.headers.base_header.BaseHeader`).
"""

from __future__ import annotations

import re

from .. import _native
from .base_header import BaseHeader

#: The fourteen builders: ``secure_headers.headers`` and ``secure_headers`` export these.
__all__ = [
    "CacheControl",
    "ContentSecurityPolicy",
    "CrossOriginEmbedderPolicy",
    "CrossOriginOpenerPolicy",
    "CrossOriginResourcePolicy",
    "CustomHeader",
    "PermissionsPolicy",
    "ReferrerPolicy",
    "Server",
    "StrictTransportSecurity",
    "XContentTypeOptions",
    "XDnsPrefetchControl",
    "XFrameOptions",
    "XPermittedCrossDomainPolicies",
]

_NONCE_RE = re.compile(r"^[A-Za-z0-9+/_=-]+$")
_MAX_SECONDS = 2**64 - 1


def _seconds(seconds: object, header: str, method: str, argument: str = "seconds") -> int:
    """``seconds`` checked for ``header``'s ``method``: ``TypeError`` for anything but an
    ``int`` (a ``float`` is not rounded, a ``bool`` is not a number), ``ValueError`` out of
    range; both name the header, the method, the argument and the value."""
    if isinstance(seconds, bool) or not isinstance(seconds, int):
        raise TypeError(
            f"{header} {method}({argument}): expected a non-negative integer, got {seconds!r} ({type(seconds).__name__})"
        )
    if seconds < 0:
        raise ValueError(f"{header} {method}({argument}): must be a non-negative integer, got {seconds!r}")
    if seconds > _MAX_SECONDS:
        raise ValueError(f"{header} {method}({argument}): must be at most {_MAX_SECONDS}, got {seconds!r}")
    return seconds


def _cache(seconds: object, method: str) -> int:
    return _seconds(seconds, "Cache-Control", method)


class CacheControl(BaseHeader):
    """``Cache-Control``, default ``no-store, max-age=0``; directives in canonical order."""

    __slots__ = ()
    _kind = "CacheControl"

    def value(self, value: str) -> CacheControl:
        """Replace the whole value."""
        return self._do("value", value)

    def set(self, value: str) -> CacheControl:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def clear(self) -> CacheControl:
        """Back to the default."""
        return self._do("clear")

    def custom(self, directive: str) -> CacheControl:
        """Add an extension directive (``name`` or ``name=value``)."""
        return self._do("custom", directive)

    def max_stale(self, seconds: int | None = None) -> CacheControl:
        """``max-stale`` (valueless without ``seconds``)."""
        return self._do("max_stale", None if seconds is None else _cache(seconds, "max_stale"))

    def s_max_age(self, seconds: int) -> CacheControl:
        """Alias of :meth:`s_maxage`."""
        return self._do("s_maxage", _cache(seconds, "s_max_age"))

    def immutable(self) -> CacheControl:
        """``immutable``."""
        return self._do("immutable")

    def must_revalidate(self) -> CacheControl:
        """``must-revalidate``."""
        return self._do("must_revalidate")

    def must_understand(self) -> CacheControl:
        """``must-understand``."""
        return self._do("must_understand")

    def no_cache(self) -> CacheControl:
        """``no-cache``."""
        return self._do("no_cache")

    def no_store(self) -> CacheControl:
        """``no-store``."""
        return self._do("no_store")

    def no_transform(self) -> CacheControl:
        """``no-transform``."""
        return self._do("no_transform")

    def only_if_cached(self) -> CacheControl:
        """``only-if-cached``."""
        return self._do("only_if_cached")

    def private(self) -> CacheControl:
        """``private``."""
        return self._do("private")

    def proxy_revalidate(self) -> CacheControl:
        """``proxy-revalidate``."""
        return self._do("proxy_revalidate")

    def public(self) -> CacheControl:
        """``public``."""
        return self._do("public")

    def max_age(self, seconds: int) -> CacheControl:
        """``max-age=<seconds>``."""
        return self._do("max_age", _cache(seconds, "max_age"))

    def min_fresh(self, seconds: int) -> CacheControl:
        """``min-fresh=<seconds>``."""
        return self._do("min_fresh", _cache(seconds, "min_fresh"))

    def s_maxage(self, seconds: int) -> CacheControl:
        """``s-maxage=<seconds>``."""
        return self._do("s_maxage", _cache(seconds, "s_maxage"))

    def stale_if_error(self, seconds: int) -> CacheControl:
        """``stale-if-error=<seconds>``."""
        return self._do("stale_if_error", _cache(seconds, "stale_if_error"))

    def stale_while_revalidate(self, seconds: int) -> CacheControl:
        """``stale-while-revalidate=<seconds>``."""
        return self._do("stale_while_revalidate", _cache(seconds, "stale_while_revalidate"))


class ContentSecurityPolicy(BaseHeader):
    """``Content-Security-Policy``; repeated calls merge sources, in first-use order."""

    __slots__ = ()
    _kind = "ContentSecurityPolicy"

    def value(self, value: str) -> ContentSecurityPolicy:
        """Replace the whole value."""
        return self._do("value", value)

    def set(self, value: str) -> ContentSecurityPolicy:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def clear(self) -> ContentSecurityPolicy:
        """Back to the default."""
        return self._do("clear")

    def report_only(self) -> ContentSecurityPolicy:
        """Send as ``Content-Security-Policy-Report-Only``."""
        return self._do("report_only")

    def enforce(self) -> ContentSecurityPolicy:
        """Send as ``Content-Security-Policy`` again."""
        return self._do("enforce")

    def custom(self, directive: str, *values: str) -> ContentSecurityPolicy:
        """Alias of :meth:`custom_directive`."""
        return self._do("directive", directive, *values)

    def custom_directive(self, directive: str, *values: str) -> ContentSecurityPolicy:
        """Any directive by name; no values makes it valueless."""
        return self._do("directive", directive, *values)

    def block_all_mixed_content(self) -> ContentSecurityPolicy:
        """The valueless ``block-all-mixed-content``."""
        return self._do("directive", "block-all-mixed-content")

    def upgrade_insecure_requests(self) -> ContentSecurityPolicy:
        """The valueless ``upgrade-insecure-requests``."""
        return self._do("directive", "upgrade-insecure-requests")

    @staticmethod
    def keyword(name: str) -> str:
        """``'name'``: a quoted CSP keyword."""
        if not name:
            raise ValueError("CSP keyword must be non-empty")
        if any(ch.isspace() for ch in name) or any(ch in name for ch in "'\";\r\n"):
            raise ValueError("CSP keyword contains invalid characters")
        return f"'{name}'"

    @staticmethod
    def nonce(value: str) -> str:
        """``'nonce-value'`` for a Base64 (or URL-safe Base64) value."""
        if not value or not _NONCE_RE.fullmatch(value):
            raise ValueError("nonce value must be Base64 (or URL-safe Base64) characters only")
        return f"'nonce-{value}'"

    def base_uri(self, *sources: str) -> ContentSecurityPolicy:
        """``base-uri``."""
        return self._do("directive", "base-uri", *sources)

    def child_src(self, *sources: str) -> ContentSecurityPolicy:
        """``child-src``."""
        return self._do("directive", "child-src", *sources)

    def connect_src(self, *sources: str) -> ContentSecurityPolicy:
        """``connect-src``."""
        return self._do("directive", "connect-src", *sources)

    def default_src(self, *sources: str) -> ContentSecurityPolicy:
        """``default-src``."""
        return self._do("directive", "default-src", *sources)

    def fenced_frame_src(self, *sources: str) -> ContentSecurityPolicy:
        """``fenced-frame-src``."""
        return self._do("directive", "fenced-frame-src", *sources)

    def font_src(self, *sources: str) -> ContentSecurityPolicy:
        """``font-src``."""
        return self._do("directive", "font-src", *sources)

    def form_action(self, *sources: str) -> ContentSecurityPolicy:
        """``form-action``."""
        return self._do("directive", "form-action", *sources)

    def frame_ancestors(self, *sources: str) -> ContentSecurityPolicy:
        """``frame-ancestors``."""
        return self._do("directive", "frame-ancestors", *sources)

    def frame_src(self, *sources: str) -> ContentSecurityPolicy:
        """``frame-src``."""
        return self._do("directive", "frame-src", *sources)

    def img_src(self, *sources: str) -> ContentSecurityPolicy:
        """``img-src``."""
        return self._do("directive", "img-src", *sources)

    def manifest_src(self, *sources: str) -> ContentSecurityPolicy:
        """``manifest-src``."""
        return self._do("directive", "manifest-src", *sources)

    def media_src(self, *sources: str) -> ContentSecurityPolicy:
        """``media-src``."""
        return self._do("directive", "media-src", *sources)

    def object_src(self, *sources: str) -> ContentSecurityPolicy:
        """``object-src``."""
        return self._do("directive", "object-src", *sources)

    def prefetch_src(self, *sources: str) -> ContentSecurityPolicy:
        """``prefetch-src``."""
        return self._do("directive", "prefetch-src", *sources)

    def report_to(self, *sources: str) -> ContentSecurityPolicy:
        """``report-to``."""
        return self._do("directive", "report-to", *sources)

    def report_uri(self, *sources: str) -> ContentSecurityPolicy:
        """``report-uri``."""
        return self._do("directive", "report-uri", *sources)

    def require_trusted_types_for(self, *sources: str) -> ContentSecurityPolicy:
        """``require-trusted-types-for``."""
        return self._do("directive", "require-trusted-types-for", *sources)

    def sandbox(self, *sources: str) -> ContentSecurityPolicy:
        """``sandbox``."""
        return self._do("directive", "sandbox", *sources)

    def script_src(self, *sources: str) -> ContentSecurityPolicy:
        """``script-src``."""
        return self._do("directive", "script-src", *sources)

    def script_src_attr(self, *sources: str) -> ContentSecurityPolicy:
        """``script-src-attr``."""
        return self._do("directive", "script-src-attr", *sources)

    def script_src_elem(self, *sources: str) -> ContentSecurityPolicy:
        """``script-src-elem``."""
        return self._do("directive", "script-src-elem", *sources)

    def style_src(self, *sources: str) -> ContentSecurityPolicy:
        """``style-src``."""
        return self._do("directive", "style-src", *sources)

    def style_src_attr(self, *sources: str) -> ContentSecurityPolicy:
        """``style-src-attr``."""
        return self._do("directive", "style-src-attr", *sources)

    def style_src_elem(self, *sources: str) -> ContentSecurityPolicy:
        """``style-src-elem``."""
        return self._do("directive", "style-src-elem", *sources)

    def trusted_types(self, *sources: str) -> ContentSecurityPolicy:
        """``trusted-types``."""
        return self._do("directive", "trusted-types", *sources)

    def worker_src(self, *sources: str) -> ContentSecurityPolicy:
        """``worker-src``."""
        return self._do("directive", "worker-src", *sources)


class CrossOriginEmbedderPolicy(BaseHeader):
    """``Cross-Origin-Embedder-Policy``, default ``require-corp``."""

    __slots__ = ()
    _kind = "CrossOriginEmbedderPolicy"

    def value(self, value: str) -> CrossOriginEmbedderPolicy:
        """Replace the value."""
        return self._do("value", value)

    def set(self, value: str) -> CrossOriginEmbedderPolicy:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def clear(self) -> CrossOriginEmbedderPolicy:
        """Back to the default."""
        return self._do("clear")

    def unsafe_none(self) -> CrossOriginEmbedderPolicy:
        """``unsafe-none``."""
        return self._do("value", "unsafe-none")

    def require_corp(self) -> CrossOriginEmbedderPolicy:
        """``require-corp``."""
        return self._do("value", "require-corp")

    def credentialless(self) -> CrossOriginEmbedderPolicy:
        """``credentialless``."""
        return self._do("value", "credentialless")


class CrossOriginOpenerPolicy(BaseHeader):
    """``Cross-Origin-Opener-Policy``, default ``same-origin``."""

    __slots__ = ()
    _kind = "CrossOriginOpenerPolicy"

    def value(self, value: str) -> CrossOriginOpenerPolicy:
        """Replace the value."""
        return self._do("value", value)

    def set(self, value: str) -> CrossOriginOpenerPolicy:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def clear(self) -> CrossOriginOpenerPolicy:
        """Back to the default."""
        return self._do("clear")

    def custom(self, value: str) -> CrossOriginOpenerPolicy:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def unsafe_none(self) -> CrossOriginOpenerPolicy:
        """``unsafe-none``."""
        return self._do("value", "unsafe-none")

    def same_origin_allow_popups(self) -> CrossOriginOpenerPolicy:
        """``same-origin-allow-popups``."""
        return self._do("value", "same-origin-allow-popups")

    def same_origin(self) -> CrossOriginOpenerPolicy:
        """``same-origin``."""
        return self._do("value", "same-origin")

    def noopener_allow_popups(self) -> CrossOriginOpenerPolicy:
        """``noopener-allow-popups``."""
        return self._do("value", "noopener-allow-popups")


class CrossOriginResourcePolicy(BaseHeader):
    """``Cross-Origin-Resource-Policy``, default ``same-origin``."""

    __slots__ = ()
    _kind = "CrossOriginResourcePolicy"

    def value(self, value: str) -> CrossOriginResourcePolicy:
        """Replace the value."""
        return self._do("value", value)

    def set(self, value: str) -> CrossOriginResourcePolicy:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def clear(self) -> CrossOriginResourcePolicy:
        """Back to the default."""
        return self._do("clear")

    def same_origin(self) -> CrossOriginResourcePolicy:
        """``same-origin``."""
        return self._do("value", "same-origin")

    def same_site(self) -> CrossOriginResourcePolicy:
        """``same-site``."""
        return self._do("value", "same-site")

    def cross_origin(self) -> CrossOriginResourcePolicy:
        """``cross-origin``."""
        return self._do("value", "cross-origin")


class CustomHeader(BaseHeader):
    """Any header by name and value; the constructor keeps the value as given."""

    __slots__ = ()
    _kind = "CustomHeader"

    def __init__(self, header: str, value: str) -> None:
        for argument, given in (("header", header), ("value", value)):
            if not isinstance(given, str):
                raise TypeError(
                    f"CustomHeader({argument}=...): expected a str, got {given!r} ({type(given).__name__})"
                )
        if "\r" in header or "\n" in header:
            raise ValueError("Header name must not contain CR/LF characters")
        self._h = _native_custom(header.strip(), value)

    def set(self, value: str) -> CustomHeader:
        """Replace the value."""
        return self._do("value", value)

    def value(self, value: str) -> CustomHeader:
        """Replace the value."""
        return self._do("value", value)

    def __repr__(self) -> str:
        return f"CustomHeader(header_name={self.header_name!r})"


def _native_custom(name: str, value: str) -> _native.Header:
    return _native.Header.custom(name, value)


class PermissionsPolicy(BaseHeader):
    """``Permissions-Policy``, default ``geolocation=(), microphone=(), camera=()``."""

    __slots__ = ()
    _kind = "PermissionsPolicy"

    def value(self, value: str) -> PermissionsPolicy:
        """Replace the whole value."""
        return self._do("value", value)

    def set(self, value: str) -> PermissionsPolicy:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def clear(self) -> PermissionsPolicy:
        """Back to the default."""
        return self._do("clear")

    def add_directive(self, directive: str, *allowlist: str) -> PermissionsPolicy:
        """Any feature by name, with its allowlist (none: ``()``)."""
        return self._do("directive", directive, *allowlist)

    def directive(self, directive: str, *allowlist: str) -> PermissionsPolicy:
        """Alias of :meth:`add_directive`."""
        return self._do("directive", directive, *allowlist)

    def accelerometer(self, *allowlist: str) -> PermissionsPolicy:
        """``accelerometer``."""
        return self._do("directive", "accelerometer", *allowlist)

    def ambient_light_sensor(self, *allowlist: str) -> PermissionsPolicy:
        """``ambient-light-sensor``."""
        return self._do("directive", "ambient-light-sensor", *allowlist)

    def aria_notify(self, *allowlist: str) -> PermissionsPolicy:
        """``aria-notify``."""
        return self._do("directive", "aria-notify", *allowlist)

    def attribution_reporting(self, *allowlist: str) -> PermissionsPolicy:
        """``attribution-reporting``."""
        return self._do("directive", "attribution-reporting", *allowlist)

    def autoplay(self, *allowlist: str) -> PermissionsPolicy:
        """``autoplay``."""
        return self._do("directive", "autoplay", *allowlist)

    def battery(self, *allowlist: str) -> PermissionsPolicy:
        """``battery``."""
        return self._do("directive", "battery", *allowlist)

    def bluetooth(self, *allowlist: str) -> PermissionsPolicy:
        """``bluetooth``."""
        return self._do("directive", "bluetooth", *allowlist)

    def browsing_topics(self, *allowlist: str) -> PermissionsPolicy:
        """``browsing-topics``."""
        return self._do("directive", "browsing-topics", *allowlist)

    def camera(self, *allowlist: str) -> PermissionsPolicy:
        """``camera``."""
        return self._do("directive", "camera", *allowlist)

    def clipboard_read(self, *allowlist: str) -> PermissionsPolicy:
        """``clipboard-read``."""
        return self._do("directive", "clipboard-read", *allowlist)

    def clipboard_write(self, *allowlist: str) -> PermissionsPolicy:
        """``clipboard-write``."""
        return self._do("directive", "clipboard-write", *allowlist)

    def compute_pressure(self, *allowlist: str) -> PermissionsPolicy:
        """``compute-pressure``."""
        return self._do("directive", "compute-pressure", *allowlist)

    def cross_origin_isolated(self, *allowlist: str) -> PermissionsPolicy:
        """``cross-origin-isolated``."""
        return self._do("directive", "cross-origin-isolated", *allowlist)

    def display_capture(self, *allowlist: str) -> PermissionsPolicy:
        """``display-capture``."""
        return self._do("directive", "display-capture", *allowlist)

    def document_domain(self, *allowlist: str) -> PermissionsPolicy:
        """``document-domain``."""
        return self._do("directive", "document-domain", *allowlist)

    def encrypted_media(self, *allowlist: str) -> PermissionsPolicy:
        """``encrypted-media``."""
        return self._do("directive", "encrypted-media", *allowlist)

    def execution_while_not_rendered(self, *allowlist: str) -> PermissionsPolicy:
        """``execution-while-not-rendered``."""
        return self._do("directive", "execution-while-not-rendered", *allowlist)

    def execution_while_out_of_viewport(self, *allowlist: str) -> PermissionsPolicy:
        """``execution-while-out-of-viewport``."""
        return self._do("directive", "execution-while-out-of-viewport", *allowlist)

    def fullscreen(self, *allowlist: str) -> PermissionsPolicy:
        """``fullscreen``."""
        return self._do("directive", "fullscreen", *allowlist)

    def gamepad(self, *allowlist: str) -> PermissionsPolicy:
        """``gamepad``."""
        return self._do("directive", "gamepad", *allowlist)

    def geolocation(self, *allowlist: str) -> PermissionsPolicy:
        """``geolocation``."""
        return self._do("directive", "geolocation", *allowlist)

    def gyroscope(self, *allowlist: str) -> PermissionsPolicy:
        """``gyroscope``."""
        return self._do("directive", "gyroscope", *allowlist)

    def hid(self, *allowlist: str) -> PermissionsPolicy:
        """``hid``."""
        return self._do("directive", "hid", *allowlist)

    def identity_credentials_get(self, *allowlist: str) -> PermissionsPolicy:
        """``identity-credentials-get``."""
        return self._do("directive", "identity-credentials-get", *allowlist)

    def idle_detection(self, *allowlist: str) -> PermissionsPolicy:
        """``idle-detection``."""
        return self._do("directive", "idle-detection", *allowlist)

    def language_detector(self, *allowlist: str) -> PermissionsPolicy:
        """``language-detector``."""
        return self._do("directive", "language-detector", *allowlist)

    def local_fonts(self, *allowlist: str) -> PermissionsPolicy:
        """``local-fonts``."""
        return self._do("directive", "local-fonts", *allowlist)

    def magnetometer(self, *allowlist: str) -> PermissionsPolicy:
        """``magnetometer``."""
        return self._do("directive", "magnetometer", *allowlist)

    def microphone(self, *allowlist: str) -> PermissionsPolicy:
        """``microphone``."""
        return self._do("directive", "microphone", *allowlist)

    def midi(self, *allowlist: str) -> PermissionsPolicy:
        """``midi``."""
        return self._do("directive", "midi", *allowlist)

    def navigation_override(self, *allowlist: str) -> PermissionsPolicy:
        """``navigation-override``."""
        return self._do("directive", "navigation-override", *allowlist)

    def on_device_speech_recognition(self, *allowlist: str) -> PermissionsPolicy:
        """``on-device-speech-recognition``."""
        return self._do("directive", "on-device-speech-recognition", *allowlist)

    def otp_credentials(self, *allowlist: str) -> PermissionsPolicy:
        """``otp-credentials``."""
        return self._do("directive", "otp-credentials", *allowlist)

    def payment(self, *allowlist: str) -> PermissionsPolicy:
        """``payment``."""
        return self._do("directive", "payment", *allowlist)

    def picture_in_picture(self, *allowlist: str) -> PermissionsPolicy:
        """``picture-in-picture``."""
        return self._do("directive", "picture-in-picture", *allowlist)

    def publickey_credentials_create(self, *allowlist: str) -> PermissionsPolicy:
        """``publickey-credentials-create``."""
        return self._do("directive", "publickey-credentials-create", *allowlist)

    def publickey_credentials_get(self, *allowlist: str) -> PermissionsPolicy:
        """``publickey-credentials-get``."""
        return self._do("directive", "publickey-credentials-get", *allowlist)

    def screen_wake_lock(self, *allowlist: str) -> PermissionsPolicy:
        """``screen-wake-lock``."""
        return self._do("directive", "screen-wake-lock", *allowlist)

    def serial(self, *allowlist: str) -> PermissionsPolicy:
        """``serial``."""
        return self._do("directive", "serial", *allowlist)

    def speaker_selection(self, *allowlist: str) -> PermissionsPolicy:
        """``speaker-selection``."""
        return self._do("directive", "speaker-selection", *allowlist)

    def storage_access(self, *allowlist: str) -> PermissionsPolicy:
        """``storage-access``."""
        return self._do("directive", "storage-access", *allowlist)

    def summarizer(self, *allowlist: str) -> PermissionsPolicy:
        """``summarizer``."""
        return self._do("directive", "summarizer", *allowlist)

    def sync_xhr(self, *allowlist: str) -> PermissionsPolicy:
        """``sync-xhr``."""
        return self._do("directive", "sync-xhr", *allowlist)

    def translator(self, *allowlist: str) -> PermissionsPolicy:
        """``translator``."""
        return self._do("directive", "translator", *allowlist)

    def usb(self, *allowlist: str) -> PermissionsPolicy:
        """``usb``."""
        return self._do("directive", "usb", *allowlist)

    def web_share(self, *allowlist: str) -> PermissionsPolicy:
        """``web-share``."""
        return self._do("directive", "web-share", *allowlist)

    def window_management(self, *allowlist: str) -> PermissionsPolicy:
        """``window-management``."""
        return self._do("directive", "window-management", *allowlist)

    def xr_spatial_tracking(self, *allowlist: str) -> PermissionsPolicy:
        """``xr-spatial-tracking``."""
        return self._do("directive", "xr-spatial-tracking", *allowlist)


class ReferrerPolicy(BaseHeader):
    """``Referrer-Policy``, default ``strict-origin-when-cross-origin``."""

    __slots__ = ()
    _kind = "ReferrerPolicy"

    def add(self, value: str) -> ReferrerPolicy:
        """Append policies (comma-separated)."""
        return self._do("add", value)

    def set(self, value: str) -> ReferrerPolicy:
        """Alias of :meth:`add` (appends, as in `secure` 2.0.1)."""
        return self._do("add", value)

    def value(self, value: str) -> ReferrerPolicy:
        """Replace the policies."""
        return self._do("value", value)

    def custom(self, value: str) -> ReferrerPolicy:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def fallback(self, *policies: str) -> ReferrerPolicy:
        """Replace the policies with a fallback list (preferred last)."""
        return self._do("fallback", *policies)

    def clear(self) -> ReferrerPolicy:
        """Back to the default."""
        return self._do("clear")

    def no_referrer(self) -> ReferrerPolicy:
        """Append ``no-referrer``."""
        return self._do("add", "no-referrer")

    def no_referrer_when_downgrade(self) -> ReferrerPolicy:
        """Append ``no-referrer-when-downgrade``."""
        return self._do("add", "no-referrer-when-downgrade")

    def origin(self) -> ReferrerPolicy:
        """Append ``origin``."""
        return self._do("add", "origin")

    def origin_when_cross_origin(self) -> ReferrerPolicy:
        """Append ``origin-when-cross-origin``."""
        return self._do("add", "origin-when-cross-origin")

    def same_origin(self) -> ReferrerPolicy:
        """Append ``same-origin``."""
        return self._do("add", "same-origin")

    def strict_origin(self) -> ReferrerPolicy:
        """Append ``strict-origin``."""
        return self._do("add", "strict-origin")

    def strict_origin_when_cross_origin(self) -> ReferrerPolicy:
        """Append ``strict-origin-when-cross-origin``."""
        return self._do("add", "strict-origin-when-cross-origin")

    def unsafe_url(self) -> ReferrerPolicy:
        """Append ``unsafe-url``."""
        return self._do("add", "unsafe-url")


class Server(BaseHeader):
    """``Server``, default empty."""

    __slots__ = ()
    _kind = "Server"

    def value(self, value: str) -> Server:
        """Replace the value."""
        return self._do("value", value)

    def set(self, value: str) -> Server:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def clear(self) -> Server:
        """Back to the default."""
        return self._do("clear")


class StrictTransportSecurity(BaseHeader):
    """``Strict-Transport-Security``, default ``max-age=31536000``."""

    __slots__ = ()
    _kind = "StrictTransportSecurity"

    def value(self, value: str) -> StrictTransportSecurity:
        """Replace the whole value."""
        return self._do("value", value)

    def set(self, value: str) -> StrictTransportSecurity:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def clear(self) -> StrictTransportSecurity:
        """Back to the default."""
        return self._do("clear")

    def max_age(self, seconds: int) -> StrictTransportSecurity:
        """``max-age=<seconds>``."""
        return self._do("max_age", _seconds(seconds, "Strict-Transport-Security", "max_age"))

    def include_subdomains(self) -> StrictTransportSecurity:
        """``includeSubDomains``."""
        return self._do("include_subdomains")

    def preload(self) -> StrictTransportSecurity:
        """``preload`` (and ``includeSubDomains``)."""
        return self._do("preload")


class XContentTypeOptions(BaseHeader):
    """``X-Content-Type-Options``, default ``nosniff``."""

    __slots__ = ()
    _kind = "XContentTypeOptions"

    def value(self, value: str) -> XContentTypeOptions:
        """Replace the value."""
        return self._do("value", value)

    def set(self, value: str) -> XContentTypeOptions:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def clear(self) -> XContentTypeOptions:
        """Back to the default."""
        return self._do("clear")

    def nosniff(self) -> XContentTypeOptions:
        """``nosniff``."""
        return self._do("value", "nosniff")


class XDnsPrefetchControl(BaseHeader):
    """``X-DNS-Prefetch-Control``, default ``off``."""

    __slots__ = ()
    _kind = "XDnsPrefetchControl"

    def value(self, value: str) -> XDnsPrefetchControl:
        """Replace the value."""
        return self._do("value", value)

    def set(self, value: str) -> XDnsPrefetchControl:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def clear(self) -> XDnsPrefetchControl:
        """Back to the default."""
        return self._do("clear")

    def custom(self, value: str) -> XDnsPrefetchControl:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def on(self) -> XDnsPrefetchControl:
        """``on``."""
        return self._do("value", "on")

    def allow(self) -> XDnsPrefetchControl:
        """``on``."""
        return self._do("value", "on")

    def off(self) -> XDnsPrefetchControl:
        """``off``."""
        return self._do("value", "off")

    def disable(self) -> XDnsPrefetchControl:
        """``off``."""
        return self._do("value", "off")


class XFrameOptions(BaseHeader):
    """``X-Frame-Options``, default ``SAMEORIGIN``."""

    __slots__ = ()
    _kind = "XFrameOptions"

    def value(self, value: str) -> XFrameOptions:
        """Replace the value."""
        return self._do("value", value)

    def set(self, value: str) -> XFrameOptions:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def clear(self) -> XFrameOptions:
        """Back to the default."""
        return self._do("clear")

    def custom(self, value: str) -> XFrameOptions:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def deny(self) -> XFrameOptions:
        """``DENY``."""
        return self._do("value", "DENY")

    def sameorigin(self) -> XFrameOptions:
        """``SAMEORIGIN``."""
        return self._do("value", "SAMEORIGIN")

    def allow_from(self, origin: str) -> XFrameOptions:
        """``ALLOW-FROM <origin>`` (obsolete; prefer CSP ``frame-ancestors``)."""
        return self._do("allow_from", origin)


class XPermittedCrossDomainPolicies(BaseHeader):
    """``X-Permitted-Cross-Domain-Policies``, default ``none``."""

    __slots__ = ()
    _kind = "XPermittedCrossDomainPolicies"

    def value(self, value: str) -> XPermittedCrossDomainPolicies:
        """Replace the value."""
        return self._do("value", value)

    def set(self, value: str) -> XPermittedCrossDomainPolicies:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def clear(self) -> XPermittedCrossDomainPolicies:
        """Back to the default."""
        return self._do("clear")

    def custom(self, value: str) -> XPermittedCrossDomainPolicies:
        """Alias of :meth:`value`."""
        return self._do("value", value)

    def none(self) -> XPermittedCrossDomainPolicies:
        """``none``."""
        return self._do("value", "none")

    def master_only(self) -> XPermittedCrossDomainPolicies:
        """``master-only``."""
        return self._do("value", "master-only")

    def by_content_type(self) -> XPermittedCrossDomainPolicies:
        """``by-content-type``."""
        return self._do("value", "by-content-type")

    def by_ftp_filename(self) -> XPermittedCrossDomainPolicies:
        """``by-ftp-filename``."""
        return self._do("value", "by-ftp-filename")

    def all(self) -> XPermittedCrossDomainPolicies:
        """``all``."""
        return self._do("value", "all")

    def none_this_response(self) -> XPermittedCrossDomainPolicies:
        """``none-this-response``."""
        return self._do("value", "none-this-response")

    def policy(self, policy: str) -> XPermittedCrossDomainPolicies:
        """One of the six policies by name."""
        return self._do("policy", policy)
