//! A likely typo in a CSP gets the same error and did-you-mean from `build()` however the
//! policy was written: with the typed builder, as a raw `value(..)`, or parsed with
//! `FromStr`. The typed builder's opt-in sends a real newcomer; `FromStr` itself keeps
//! what browsers ignore, and lint still reports it.

use secure_headers::config::Format;
use secure_headers::csp::Directive;
use secure_headers::lint::{Rule, lint_csp};
use secure_headers::{
    ContentSecurityPolicy, ContentSecurityPolicyReportOnly, Error, ErrorKind, Policy, Secure,
};

fn build(csp: ContentSecurityPolicy) -> Result<Secure, Error> {
    Secure::builder().csp(csp).build()
}

/// The error's parts that must agree, whichever way the policy was written.
fn parts(e: &Error) -> (ErrorKind, Option<String>, Option<String>, Option<String>) {
    (
        e.kind(),
        e.header().map(str::to_owned),
        e.directive().map(str::to_owned),
        e.detail().map(str::to_owned),
    )
}

#[test]
fn a_misspelt_directive_is_refused_however_written() {
    let typed =
        build(ContentSecurityPolicy::new().custom_directive("scrpt-src", ["'self'"])).unwrap_err();
    let raw = build(ContentSecurityPolicy::new().value("scrpt-src 'self'")).unwrap_err();
    let parsed: ContentSecurityPolicy = "scrpt-src 'self'".parse().unwrap();
    // FromStr keeps it, as a browser reads it...
    assert!(parsed.directives().next().unwrap().is_custom());
    assert_eq!(parsed.render().unwrap(), "scrpt-src 'self'");
    let parsed = build(parsed).unwrap_err();
    for e in [&typed, &raw, &parsed] {
        assert_eq!(parts(e), parts(&typed), "{e}");
    }
    assert_eq!(typed.kind(), ErrorKind::InvalidName);
    assert_eq!(
        typed.detail(),
        Some(
            "not a known directive; did you mean script-src? (send a directive newer than this crate with unlisted_directive)"
        )
    );
    // ...and lint reports it.
    let rules: Vec<Rule> = lint_csp("scrpt-src 'self'")
        .iter()
        .map(|f| f.rule())
        .collect();
    assert!(rules.contains(&Rule::CspUnknownDirective), "{rules:?}");
    // The explicit opt-in for a real newcomer builds.
    let secure =
        build(ContentSecurityPolicy::new().unlisted_directive("scrpt-src", ["'self'"])).unwrap();
    assert_eq!(
        secure.to_string(),
        "Content-Security-Policy: scrpt-src 'self'"
    );
}

#[test]
fn an_unquoted_or_misspelt_keyword_is_refused_however_written() {
    for (typed, text) in [
        (
            ContentSecurityPolicy::new().default_src(["self"]),
            "default-src self",
        ),
        (
            ContentSecurityPolicy::new().script_src(["'self'", "'unsafe-inlin'"]),
            "script-src 'self' 'unsafe-inlin'",
        ),
    ] {
        let typed = build(typed).unwrap_err();
        let raw = build(ContentSecurityPolicy::new().value(text)).unwrap_err();
        let parsed = build(text.parse().unwrap()).unwrap_err();
        assert_eq!(parts(&raw), parts(&typed), "{text}");
        assert_eq!(parts(&parsed), parts(&typed), "{text}");
        assert!(
            typed.kind() == ErrorKind::UnquotedKeyword
                || typed
                    .detail()
                    .unwrap()
                    .contains("did you mean 'unsafe-inline'?"),
            "{typed}"
        );
    }
    // The report-only form and a raw value in a configuration file are checked too.
    let ro = ContentSecurityPolicyReportOnly::new().value("default-src self");
    let e = Secure::builder().csp_report_only(ro).build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnquotedKeyword);
    let e = Secure::from_config_str(
        "content-security-policy = \"img-src 'self'; scrpt-src 'self'\"",
        Format::Toml,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidName, "{e}");
    assert!(e.to_string().contains("did you mean script-src?"), "{e}");
}

#[test]
fn what_is_merely_unknown_still_parses_and_builds() {
    let text = "default-src 'self'; future-directive x; script-src 'self' 'unsafe-future'";
    let parsed: ContentSecurityPolicy = text.parse().unwrap();
    assert!(parsed.contains(Directive::Custom("future-directive".into()).as_str()));
    let secure = build(parsed).unwrap();
    assert_eq!(
        secure.to_string(),
        format!("Content-Security-Policy: {text}")
    );
    let secure = build(ContentSecurityPolicy::new().value(text)).unwrap();
    assert_eq!(
        secure.to_string(),
        format!("Content-Security-Policy: {text}")
    );
}

#[test]
fn a_report_only_typo_names_the_report_only_header() {
    const RO: &str = "Content-Security-Policy-Report-Only";
    for text in [
        "default-src self",
        "scrpt-src 'self'",
        "script-src 'unsafe-inlin'",
    ] {
        let typed: ContentSecurityPolicyReportOnly = text.parse().unwrap();
        let raw = ContentSecurityPolicyReportOnly::new().value(text);
        let enforced: ContentSecurityPolicy = text.parse().unwrap();
        let switched = enforced.report_only();
        for ro in [typed, raw, switched] {
            let e = Secure::builder().csp_report_only(ro).build().unwrap_err();
            assert_eq!(e.header(), Some(RO), "{text}: {e}");
            assert!(e.to_string().contains(RO), "{e}");
        }
        let e = Secure::from_config_str(
            &format!("content-security-policy-report-only = \"{text}\""),
            Format::Toml,
        )
        .unwrap_err();
        assert!(e.to_string().contains(RO), "{text}: {e}");
    }
    // The enforced policy's own typo still names the enforced header.
    let e = build("default-src self".parse().unwrap()).unwrap_err();
    assert_eq!(e.header(), Some("Content-Security-Policy"));
}
