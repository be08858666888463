//! The Balanced preset as hand-written, pre-built static `(HeaderName, HeaderValue)` pairs:
//! the floor that the benches and the load-test server measure `secure-headers` against.
//! Included with `#[path = "…/support/balanced.rs"] mod balanced;`.

#![allow(
    dead_code,
    reason = "frameworks with their own header types use only the strings"
)]

use secure_headers::http::{HeaderMap, HeaderName, HeaderValue};

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

/// Entry `i` of [`PAIRS`] as `http` types, built at compile time.
const fn pair(i: usize) -> (HeaderName, HeaderValue) {
    (
        HeaderName::from_static(PAIRS[i].0),
        HeaderValue::from_static(PAIRS[i].1),
    )
}

/// The nine headers of the Balanced preset, in the order it sends them, as a `const`: each
/// use is a copy of values built at compile time (no reference-count or vtable clone per
/// request, no validation at run time), as a hand-written `const` header is.
pub(crate) const FLOOR: [(HeaderName, HeaderValue); 9] = [
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

/// The best hand-written way to add the nine headers to an `http` header map: room for all
/// nine first (the map grows at most once), then each `const` pair moved in.
#[inline]
pub(crate) fn insert_floor(headers: &mut HeaderMap) {
    headers.reserve(FLOOR.len());
    for (name, value) in FLOOR {
        headers.insert(name, value);
    }
}
