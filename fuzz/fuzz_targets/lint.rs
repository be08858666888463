//! The linter never panics: on a raw CSP, and on any value of any header in the registry.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secure_headers::http::{HeaderMap, HeaderName, HeaderValue};
use secure_headers::lint::{lint_csp, lint_headers};
use secure_headers::registry::HEADERS;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = lint_csp(text);
    }
    // The first byte picks the header, the rest is its value (any bytes).
    if let Some((first, value)) = data.split_first()
        && let Ok(value) = HeaderValue::from_bytes(value)
    {
        let mut headers = HeaderMap::new();
        // Every header the library knows, from its registry.
        let name = HEADERS[usize::from(*first) % HEADERS.len()].lowercase;
        headers.insert(HeaderName::from_static(name), value);
        let _ = lint_headers(&headers);
    }
});
