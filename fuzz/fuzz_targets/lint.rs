//! The linter never panics: on a raw CSP, and on any header it knows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secure_headers::http::{HeaderMap, HeaderName, HeaderValue};
use secure_headers::lint::{lint_csp, lint_headers};

const NAMES: [&str; 16] = [
    "content-security-policy",
    "content-security-policy-report-only",
    "strict-transport-security",
    "permissions-policy",
    "referrer-policy",
    "x-frame-options",
    "x-content-type-options",
    "cross-origin-opener-policy",
    "cross-origin-embedder-policy",
    "cross-origin-resource-policy",
    "x-xss-protection",
    "x-dns-prefetch-control",
    "origin-agent-cluster",
    "server",
    "cache-control",
    "clear-site-data",
];

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = lint_csp(text);
    }
    // The first byte picks the header, the rest is its value (any bytes).
    if let Some((first, value)) = data.split_first()
        && let Ok(value) = HeaderValue::from_bytes(value)
    {
        let mut headers = HeaderMap::new();
        let name = NAMES[usize::from(*first) % NAMES.len()];
        headers.insert(HeaderName::from_static(name), value);
        let _ = lint_headers(&headers);
    }
});
