//! The Balanced preset as hand-written, pre-built static `(HeaderName, HeaderValue)` pairs:
//! the floor that the benches and the load-test server measure `secure-headers` against.
//! Included with `#[path = "…/support/balanced.rs"] mod balanced;`.

use secure_headers::http::{HeaderName, HeaderValue, header};

/// The Balanced preset's `Content-Security-Policy`.
const BALANCED_CSP: &str = "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests";

/// The nine headers of the Balanced preset, in the order it sends them.
pub(crate) static FLOOR: [(HeaderName, HeaderValue); 9] = [
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    ),
    (
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    ),
    (
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(BALANCED_CSP),
    ),
    (
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000; includeSubDomains"),
    ),
    (
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("geolocation=(), microphone=(), camera=()"),
    ),
    (
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    ),
    (header::SERVER, HeaderValue::from_static("")),
    (
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ),
    (
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    ),
];
