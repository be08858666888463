//! `CacheControl`'s parser never panics, and what it parses renders and parses back to the same value (a custom directive named like a set directive is not rendered, so the policies may differ).
#![no_main]

use libfuzzer_sys::fuzz_target;
use secure_headers::{CacheControl, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(parsed) = text.parse::<CacheControl>() else {
        return;
    };
    let rendered = parsed.render().expect("a parsed policy renders");
    let again: CacheControl = rendered.parse().expect("a rendered policy parses");
    assert_eq!(again.render().expect("renders"), rendered);
});
