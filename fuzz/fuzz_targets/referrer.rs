//! `ReferrerPolicy`'s parser never panics, and what it parses renders and parses back to an equal policy.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secure_headers::{Policy, ReferrerPolicy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(parsed) = text.parse::<ReferrerPolicy>() else {
        return;
    };
    let rendered = parsed.render().expect("a parsed policy renders");
    let again: ReferrerPolicy = rendered.parse().expect("a rendered policy parses");
    assert_eq!(again, parsed);
});
