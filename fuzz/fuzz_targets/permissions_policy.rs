//! `PermissionsPolicy`'s parser (which `PermissionsPolicyReportOnly` shares) never panics,
//! and what it parses renders and parses back to an equal policy, `report-to` groups
//! included; the report-only form renders the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secure_headers::{PermissionsPolicy, PermissionsPolicyReportOnly, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(parsed) = text.parse::<PermissionsPolicy>() else {
        return;
    };
    let rendered = parsed.render().expect("a parsed policy renders");
    let again: PermissionsPolicy = rendered.parse().expect("a rendered policy parses");
    assert_eq!(again, parsed);
    let ro: PermissionsPolicyReportOnly = text.parse().expect("the report-only form parses too");
    assert_eq!(ro.render().expect("renders"), rendered);
    assert_eq!(ro.enforce(), parsed);
});
