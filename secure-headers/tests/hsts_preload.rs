//! `preload` without `includeSubDomains` is one error however the policy is written: the
//! typed builder, a raw value, a parsed value, a configuration file and the linter all
//! name the same contradiction and both ways out, in their own words.

use std::time::Duration;

use secure_headers::config::{Config, Format};
use secure_headers::lint::{Rule, lint_headers};
use secure_headers::{Error, ErrorKind, Secure, StrictTransportSecurity};

const CONTRADICTION: &str = "preload without includeSubDomains: the HSTS preload list only accepts a policy that covers every subdomain";

fn assert_the_preload_error(e: &Error, ways_out: &str) {
    assert_eq!(e.kind(), ErrorKind::Conflict, "{e}");
    assert_eq!(e.header(), Some("Strict-Transport-Security"), "{e}");
    assert_eq!(e.directive(), Some("preload"), "{e}");
    let detail = e.detail().unwrap();
    assert!(
        detail.contains(&format!("{CONTRADICTION}; {ways_out}")),
        "{e}"
    );
}

const TWO_YEARS: Duration = Duration::from_secs(63_072_000);

#[test]
fn the_builder_refuses_excluding_subdomains_with_preload() {
    let hsts = StrictTransportSecurity::excluding_subdomains(TWO_YEARS).preload();
    let e = Secure::builder().hsts(hsts).build().unwrap_err();
    assert_the_preload_error(
        &e,
        "either include subdomains (including_subdomains(..) or include_subdomains()) or remove preload()",
    );
    assert_eq!(e.input(), Some("max-age=63072000; preload"));
    // Both ways out build, and say what they mean.
    let included = StrictTransportSecurity::excluding_subdomains(TWO_YEARS)
        .include_subdomains()
        .preload();
    let secure = Secure::builder().hsts(included).build().unwrap();
    assert_eq!(
        secure.to_string(),
        "Strict-Transport-Security: max-age=63072000; includeSubDomains; preload"
    );
    let not_preloaded = StrictTransportSecurity::excluding_subdomains(TWO_YEARS);
    let secure = Secure::builder().hsts(not_preloaded).build().unwrap();
    assert_eq!(
        secure.to_string(),
        "Strict-Transport-Security: max-age=63072000"
    );
    // Left unsaid, preload brings includeSubDomains, as before.
    let implied = StrictTransportSecurity::new().max_age(TWO_YEARS).preload();
    let secure = Secure::builder().hsts(implied).build().unwrap();
    assert_eq!(
        secure.to_string(),
        "Strict-Transport-Security: max-age=63072000; includeSubDomains; preload"
    );
}

#[test]
fn a_raw_or_parsed_value_gives_the_same_error() {
    let raw = StrictTransportSecurity::new().value("max-age=63072000; preload");
    let e = Secure::builder().hsts(raw).build().unwrap_err();
    assert_the_preload_error(&e, "either add includeSubDomains or remove preload");
    assert_eq!(e.input(), Some("max-age=63072000; preload"));

    let e = "max-age=63072000; preload"
        .parse::<StrictTransportSecurity>()
        .unwrap_err();
    assert_the_preload_error(&e, "either add includeSubDomains or remove preload");
    assert!(e.detail().unwrap().ends_with(", at byte 18"), "{e}");
}

#[test]
fn a_configuration_file_gives_the_same_error_in_its_own_words() {
    let text = "preset = \"none\"\n[hsts]\nmax-age = 63072000\ninclude-subdomains = false\npreload = true\n";
    let e = Secure::from_config_str(text, Format::Toml).unwrap_err();
    assert_the_preload_error(
        &e,
        "either set include-subdomains = true or preload = false",
    );
    assert!(e.detail().unwrap().starts_with("line 5, column 1: "), "{e}");
    let config = Config::from_toml(text).unwrap();
    assert_eq!(
        config.into_builder().unwrap_err().kind(),
        ErrorKind::Conflict
    );
}

#[test]
fn validate_and_lint_name_the_same_rule() {
    for hsts in [
        StrictTransportSecurity::excluding_subdomains(TWO_YEARS).preload(),
        StrictTransportSecurity::new().value("max-age=63072000; preload"),
    ] {
        let findings = Secure::builder().hsts(hsts).validate();
        let f = findings
            .iter()
            .find(|f| f.rule() == Rule::HstsPreloadNeedsSubdomains)
            .unwrap_or_else(|| panic!("{findings:?}"));
        assert!(f.message().contains(CONTRADICTION), "{f}");
    }
    // A received header: a finding with the same words.
    let mut headers = secure_headers::http::HeaderMap::new();
    headers.insert(
        "strict-transport-security",
        secure_headers::http::HeaderValue::from_static("max-age=63072000; preload"),
    );
    let findings = lint_headers(&headers);
    let f = findings
        .iter()
        .find(|f| f.rule() == Rule::HstsPreloadNeedsSubdomains)
        .unwrap();
    assert_eq!(
        f.message(),
        format!("{CONTRADICTION}; either add includeSubDomains or remove preload")
    );
}
