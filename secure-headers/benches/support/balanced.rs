//! The Balanced preset as hand-written, pre-built static `(HeaderName, HeaderValue)` pairs:
//! the floor that the benches and the load-test server measure `secure-headers` against.
//! Included with `#[path = "…/support/balanced.rs"] mod balanced;`.

#![allow(
    dead_code,
    reason = "frameworks with their own header types use only the strings"
)]

use secure_headers::http::{HeaderName, HeaderValue};

/// The nine headers of the Balanced preset as (lowercase name, value) strings, in the order
/// it sends them: for frameworks with their own header types.
pub(crate) const PAIRS: [(&str, &str); 9] = [
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    (
        "content-security-policy",
        "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests",
    ),
    (
        "strict-transport-security",
        "max-age=31536000; includeSubDomains",
    ),
    (
        "permissions-policy",
        "geolocation=(), microphone=(), camera=()",
    ),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("server", ""),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "SAMEORIGIN"),
];

/// Entry `i` of [`PAIRS`] as `http` types (static: cloning either costs nothing).
const fn pair(i: usize) -> (HeaderName, HeaderValue) {
    (
        HeaderName::from_static(PAIRS[i].0),
        HeaderValue::from_static(PAIRS[i].1),
    )
}

/// The nine headers of the Balanced preset, in the order it sends them.
pub(crate) static FLOOR: [(HeaderName, HeaderValue); 9] = [
    pair(0),
    pair(1),
    pair(2),
    pair(3),
    pair(4),
    pair(5),
    pair(6),
    pair(7),
    pair(8),
];
