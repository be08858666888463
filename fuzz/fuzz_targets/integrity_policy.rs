//! `IntegrityPolicy`'s parser never panics, and what it parses renders and parses back to
//! an equal policy, in both the enforced and the report-only form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secure_headers::{IntegrityPolicy, IntegrityPolicyReportOnly, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(parsed) = text.parse::<IntegrityPolicy>() else {
        return;
    };
    let rendered = parsed.render().expect("a parsed policy renders");
    assert!(!rendered.contains(['\r', '\n']), "{rendered:?}");
    let again: IntegrityPolicy = rendered.parse().expect("a rendered policy parses");
    assert_eq!(again, parsed);
    let ro: IntegrityPolicyReportOnly = rendered.parse().expect("the report-only form parses");
    assert_eq!(ro.enforce(), parsed);
});
