use super::*;
use crate::csp::Source;
use crate::{ContentSecurityPolicy, XDownloadOptions};

/// A nonce long enough for every other nonce rule.
const LITERAL: &str = "'nonce-r4nd0mR4nd0mR4nd0mR4nd0m'";

fn of(findings: &[Finding], rule: Rule) -> Vec<&Finding> {
    findings.iter().filter(|f| f.rule() == rule).collect()
}

#[test]
fn x_download_options_other_than_noopen() {
    for (sent, value) in [
        ("open", "open"),
        (" no-open ", "no-open"),
        ("noopen, noopen", "noopen, noopen"),
        ("", ""),
    ] {
        for scope in [Scope::Response, Scope::Configuration] {
            let findings = lint_pairs(&[("x-download-options", sent)], scope);
            let found = of(&findings, Rule::XDownloadOptionsInvalid);
            assert_eq!(found.len(), 1, "{sent:?}: {findings:?}");
            assert_eq!(found[0].severity(), Severity::Syntax);
            assert_eq!(found[0].header(), "X-Download-Options");
            assert_eq!(found[0].value(), Some(value));
            assert!(found[0].message().contains("noopen"), "{}", found[0]);
        }
    }
}

#[test]
fn x_download_options_noopen_passes() {
    for sent in ["noopen", " NoOpen\t"] {
        let findings = lint_pairs(&[("X-Download-Options", sent)], Scope::Response);
        assert!(of(&findings, Rule::XDownloadOptionsInvalid).is_empty());
    }
    let secure = Secure::builder()
        .x_download_options(XDownloadOptions::new())
        .build()
        .unwrap();
    assert!(of(&lint_secure(&secure), Rule::XDownloadOptionsInvalid).is_empty());
    let wrong = Secure::builder().x_download_options(XDownloadOptions::new().value("open"));
    assert_eq!(
        of(&wrong.validate(), Rule::XDownloadOptionsInvalid).len(),
        1
    );
}

#[test]
fn static_nonce_in_a_configuration() {
    let policy =
        format!("default-src 'self'; script-src {LITERAL} 'strict-dynamic'; style-src {LITERAL}");
    for header in [csp::HEADER, csp::REPORT_ONLY_HEADER] {
        let findings = lint_pairs(&[(header, &policy)], Scope::Configuration);
        let found = of(&findings, Rule::CspStaticNonce);
        assert_eq!(found.len(), 2, "{findings:?}");
        for (f, directive) in found.iter().zip(["script-src", "style-src"]) {
            assert_eq!(f.severity(), Severity::High);
            assert_eq!(f.header(), header);
            assert_eq!(f.directive(), Some(directive));
            assert_eq!(f.value(), Some(LITERAL));
            assert!(f.message().contains("Source::nonce()"), "{f}");
        }
    }
    // Through the builder, typed or as a `Source`.
    let nonce = Source::nonce_value("r4nd0mR4nd0mR4nd0mR4nd0m").unwrap();
    for csp in [
        ContentSecurityPolicy::new().script_src([LITERAL]),
        ContentSecurityPolicy::new().script_src([nonce]),
    ] {
        let builder = Secure::builder().csp(csp.default_src(["'self'"]));
        assert_eq!(of(&builder.validate(), Rule::CspStaticNonce).len(), 1);
        let secure = builder.build().unwrap();
        assert_eq!(of(&lint_secure(&secure), Rule::CspStaticNonce).len(), 1);
    }
}

#[test]
fn per_request_and_received_nonces_are_not_static() {
    let slot = "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic'";
    let findings = lint_pairs(&[(csp::HEADER, slot)], Scope::Configuration);
    assert!(
        of(&findings, Rule::CspStaticNonce).is_empty(),
        "{findings:?}"
    );
    // A nonce in one response's header is that response's own.
    let received = format!("default-src 'self'; script-src {LITERAL} 'strict-dynamic'");
    let findings = lint_pairs(&[(csp::HEADER, &received)], Scope::Response);
    assert!(of(&findings, Rule::CspStaticNonce).is_empty());
    assert!(of(&lint_csp(&received), Rule::CspStaticNonce).is_empty());
}

#[cfg(feature = "nonce")]
#[test]
fn source_nonce_is_the_fix() {
    let csp = ContentSecurityPolicy::new()
        .default_src(["'self'"])
        .script_src([Source::nonce(), Source::STRICT_DYNAMIC]);
    let builder = Secure::builder().csp(csp);
    assert!(of(&builder.validate(), Rule::CspStaticNonce).is_empty());
    let secure = builder.build().unwrap();
    assert!(of(&lint_secure(&secure), Rule::CspStaticNonce).is_empty());
}

const STRICT: &str = "script-src 'nonce-{nonce}' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'";

#[test]
fn the_nonce_slot_lints_as_a_nonce() {
    let findings = lint_csp(STRICT);
    for rule in [
        Rule::CspNonceTooShort,
        Rule::CspNonceLength,
        Rule::CspNonceCharset,
        Rule::CspInvalidKeyword,
        Rule::CspStrictDynamicWithoutNonce,
    ] {
        assert!(of(&findings, rule).is_empty(), "{rule}: {findings:?}");
    }
    assert!(
        findings.iter().all(|f| f.severity() > Severity::Medium),
        "{findings:?}"
    );
    // The same policy in a received response was sent unfilled: browsers see no nonce.
    let received = lint_pairs(&[(csp::HEADER, STRICT)], Scope::Response);
    assert_eq!(of(&received, Rule::CspNonceTooShort).len(), 1);
}

#[test]
fn strict_fallbacks_are_explained_once() {
    let builder = Secure::builder().csp(ContentSecurityPolicy::strict());
    let from_lint = lint_csp(STRICT);
    for findings in [builder.validate(), from_lint.clone()] {
        let ignored: Vec<_> = of(&findings, Rule::CspIgnoredSource)
            .iter()
            .map(|f| (f.directive().unwrap(), f.value().unwrap()))
            .collect();
        assert_eq!(
            ignored,
            [("script-src", "'unsafe-inline'"), ("script-src", "https:")],
            "{findings:?}"
        );
        for f in of(&findings, Rule::CspIgnoredSource) {
            assert!(f.message().contains("fallback for older browsers"), "{f}");
        }
        // No finding at all is repeated.
        for (i, f) in findings.iter().enumerate() {
            assert!(!findings[..i].contains(f), "{f} twice");
        }
    }
    // validate(), lint_csp and lint_headers agree on the policy's own findings.
    let rules = |fs: &[Finding]| -> Vec<(Rule, Option<String>)> {
        let mut v: Vec<_> = fs
            .iter()
            .filter(|f| f.rule().as_str().starts_with("csp-"))
            .map(|f| (f.rule(), f.value().map(str::to_owned)))
            .collect();
        v.sort();
        v
    };
    let configured = lint_pairs(&[(csp::HEADER, STRICT)], Scope::Configuration);
    assert_eq!(rules(&configured), rules(&from_lint));
}

#[test]
fn paths_that_browsers_ignore() {
    let findings = lint_csp(
        "default-src 'self'; frame-ancestors 'self' https://partner.example/embed/ https://b.example/ b.example:8443/x?y",
    );
    let found: Vec<_> = of(&findings, Rule::CspPathIgnored)
        .iter()
        .map(|f| (f.directive().unwrap(), f.value().unwrap(), f.severity()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "frame-ancestors",
                "https://partner.example/embed/",
                Severity::Medium
            ),
            ("frame-ancestors", "b.example:8443/x?y", Severity::Medium),
        ]
    );
    assert!(
        of(&findings, Rule::CspPathIgnored)[0]
            .message()
            .contains("/embed/")
    );
    // Paths count elsewhere (script-src matches them): no finding.
    assert!(
        of(
            &lint_csp("script-src https://cdn.example/js/"),
            Rule::CspPathIgnored
        )
        .is_empty()
    );

    let findings = lint_pairs(
        &[(
            "Permissions-Policy",
            "camera=(self \"https://a.example/room\"), geolocation=(\"https://b.example\")",
        )],
        Scope::Response,
    );
    // An origin with a path in a Permissions-Policy allowlist is refused outright.
    let invalid = of(&findings, Rule::PermissionsInvalid);
    assert_eq!(invalid.len(), 1, "{findings:?}");
    assert_eq!(invalid[0].directive(), Some("camera"));
    assert!(
        invalid[0]
            .message()
            .contains("scheme, host and optional port only")
    );
}

/// A row without a lint of its own is read through its type: what its `value(raw)`
/// refuses is a `header-invalid` finding naming the header, with the builder's error.
#[test]
fn a_row_without_a_lint_of_its_own_is_read_through_its_type() {
    use crate::registry::HeaderInfo;
    use crate::{Policy, XFrameOptions};
    // Likely typos, and a value that is no token: what `value(raw)` refuses.
    for (name, valid, refused) in [
        ("X-Frame-Options", "DENY", "DENYY"),
        ("X-Frame-Options", "DENY", "bogus/1.0 ,; = x"),
        (
            "Cross-Origin-Opener-Policy-Report-Only",
            "same-origin",
            "same-orgin",
        ),
    ] {
        let row = HeaderInfo::get(name).unwrap();
        let finding = by_type(row, refused).expect("value(raw) refuses it");
        assert_eq!(finding.rule(), Rule::HeaderInvalid);
        assert_eq!(finding.severity(), Severity::Error);
        assert_eq!(finding.header(), name);
        assert!(by_type(row, valid).is_none(), "{name}: {valid}");
    }
    let xfo = HeaderInfo::get("X-Frame-Options").unwrap();
    let error = XFrameOptions::new()
        .value("DENYY")
        .render()
        .unwrap_err()
        .to_string();
    assert_eq!(by_type(xfo, "DENYY").unwrap().message(), error);
    // Reporting-Endpoints has no raw value: it has a lint of its own.
    assert!(by_type(HeaderInfo::get("Reporting-Endpoints").unwrap(), "x").is_none());
    // A row with rules of its own is not read twice.
    assert!(dedicated(xfo));
    assert!(dedicated(
        HeaderInfo::get("Cross-Origin-Opener-Policy-Report-Only").unwrap()
    ));
}
