//! The lint rules end to end: presets, `validate`, `build`, `lint_headers`.

use secure_headers::http::{HeaderMap, HeaderValue};
use secure_headers::lint::{Finding, Rule, Severity, lint_csp, lint_headers, lint_secure};
use secure_headers::{
    ContentSecurityPolicy, CrossOriginEmbedderPolicy, CustomHeader, ErrorKind, Preset, Secure,
    StrictTransportSecurity, XFrameOptions,
};

fn rules(findings: &[Finding]) -> Vec<Rule> {
    findings.iter().map(Finding::rule).collect()
}

fn map(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut m = HeaderMap::new();
    for (n, v) in pairs {
        m.append(*n, HeaderValue::from_static(v));
    }
    m
}

#[test]
fn presets_have_no_error_finding_and_build() {
    for preset in Preset::ALL {
        let builder = preset.builder();
        let findings = builder.validate();
        let errors: Vec<String> = findings
            .iter()
            .filter(|f| f.severity() == Severity::Error)
            .map(ToString::to_string)
            .collect();
        assert!(errors.is_empty(), "{preset}: {errors:?}");
        let secure = builder.build().unwrap();
        assert_eq!(lint_secure(&secure), findings, "{preset}");
    }
}

#[test]
fn build_refuses_error_findings() {
    let cases: [(StrictTransportSecurity, Rule); 3] = [
        (
            StrictTransportSecurity::new().value("max-age=300; includeSubDomains; preload"),
            Rule::HstsPreloadMaxAge,
        ),
        (
            StrictTransportSecurity::new().value("includeSubDomains"),
            Rule::HstsMissingMaxAge,
        ),
        (
            StrictTransportSecurity::new().value("max-age=1y"),
            Rule::HstsInvalidMaxAge,
        ),
    ];
    for (hsts, rule) in cases {
        let builder = Secure::builder().hsts(hsts);
        assert!(rules(&builder.validate()).contains(&rule), "{rule}");
        let e = builder.build().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Lint, "{rule}");
        assert_eq!(e.header(), Some("Strict-Transport-Security"));
        assert!(e.detail().unwrap().starts_with(rule.as_str()), "{e}");
    }
    let short_nonce = ContentSecurityPolicy::new()
        .default_src(["'self'"])
        .script_src(["'nonce-abcdefgh12345678'"]);
    let builder = Secure::builder().csp(short_nonce);
    let e = builder.build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Lint);
    assert_eq!(e.directive(), Some("script-src"));
    assert_eq!(e.input(), Some("'nonce-abcdefgh12345678'"));
    // A custom header is linted like a typed one.
    let custom =
        Secure::builder().custom(CustomHeader::new("Strict-Transport-Security", "preload"));
    assert_eq!(custom.build().unwrap_err().kind(), ErrorKind::Lint);
}

#[cfg(feature = "nonce")]
#[test]
fn per_request_nonces_are_linted_as_the_nonce_they_become() {
    let builder = Secure::builder().csp(ContentSecurityPolicy::strict());
    let findings = builder.validate();
    assert!(
        findings.iter().all(|f| f.severity() != Severity::Error),
        "{findings:?}"
    );
    let found = rules(&findings);
    assert!(!found.contains(&Rule::CspNonceLength) && !found.contains(&Rule::CspNonceCharset));
    let ignored = findings
        .iter()
        .find(|f| f.rule() == Rule::CspIgnoredSource)
        .unwrap();
    assert_eq!(ignored.value(), Some("'unsafe-inline'"));
    assert!(builder.build().is_ok());
    // `lint_csp` reads the slot as `show` prints it: the nonce each request gets.
    assert!(!rules(&lint_csp("script-src 'nonce-{nonce}'")).contains(&Rule::CspNonceLength));
    // A received response with the slot left in is what it is: a 7-character nonce.
    let mut headers = secure_headers::http::HeaderMap::new();
    headers.insert(
        "content-security-policy",
        secure_headers::http::HeaderValue::from_static("script-src 'nonce-{nonce}'"),
    );
    let received = secure_headers::lint::lint_headers(&headers);
    assert!(rules(&received).contains(&Rule::CspNonceLength));
}

#[test]
fn validate_reports_render_errors() {
    let builder = Secure::builder().csp(ContentSecurityPolicy::new().script_src(["self"]));
    let findings = builder.validate();
    assert_eq!(rules(&findings), [Rule::HeaderInvalid]);
    assert_eq!(findings[0].severity(), Severity::Error);
    assert_eq!(findings[0].header(), "Content-Security-Policy");
    assert_eq!(findings[0].directive(), Some("script-src"));
    assert_eq!(findings[0].value(), Some("self"));
    assert_eq!(
        builder.build().unwrap_err().kind(),
        ErrorKind::UnquotedKeyword
    );
}

#[test]
fn cross_header_checks() {
    let found = rules(&lint_headers(&map(&[
        ("x-frame-options", "SAMEORIGIN"),
        (
            "content-security-policy",
            "default-src 'self'; frame-ancestors 'none'; report-to csp",
        ),
        ("content-security-policy-report-only", "default-src 'none'"),
        ("cross-origin-embedder-policy", "require-corp"),
    ])));
    for rule in [
        Rule::XfoFrameAncestorsMismatch,
        Rule::CoepWithoutCorp,
        Rule::CspReportToWithoutEndpoints,
        Rule::CspReportOnlyWithoutReporting,
        Rule::MissingHsts,
        Rule::MissingXcto,
        Rule::MissingReferrerPolicy,
    ] {
        assert!(found.contains(&rule), "{rule}: {found:?}");
    }
    assert!(!found.contains(&Rule::MissingFramingProtection));
    assert!(!found.contains(&Rule::MissingCsp));

    let found = rules(&lint_headers(&map(&[
        ("x-frame-options", "DENY"),
        (
            "content-security-policy",
            "default-src 'self'; frame-ancestors 'none'; report-to csp",
        ),
        ("reporting-endpoints", "csp=\"https://r.example/csp\""),
        ("cross-origin-embedder-policy", "require-corp"),
        ("cross-origin-resource-policy", "same-origin"),
    ])));
    for rule in [
        Rule::XfoFrameAncestorsMismatch,
        Rule::CoepWithoutCorp,
        Rule::CspReportToWithoutEndpoints,
    ] {
        assert!(!found.contains(&rule), "{rule}: {found:?}");
    }

    let found = rules(&lint_headers(&HeaderMap::new()));
    assert_eq!(
        found,
        [
            Rule::MissingFramingProtection,
            Rule::MissingCsp,
            Rule::MissingHsts,
            Rule::MissingXcto,
            Rule::MissingReferrerPolicy
        ]
    );
}

#[test]
fn header_rules() {
    let findings = lint_headers(&map(&[
        (
            "strict-transport-security",
            "maxage=300; includeSubDomains; includeSubDomains",
        ),
        ("strict-transport-security", "max-age=0"),
        (
            "referrer-policy",
            "no-referrer, unsafe-url, unsafe-url, origin-only",
        ),
        ("permissions-policy", "camera=*, vibrate=()"),
        ("x-frame-options", "ALLOW-FROM https://a.example"),
        ("x-content-type-options", "nosniff, nosniff"),
        ("cross-origin-opener-policy", "same-origin-plus"),
        (
            "cross-origin-embedder-policy",
            "require-corp; report-to=\"x\"",
        ),
        ("cross-origin-resource-policy", "same-site"),
        ("x-xss-protection", "1; mode=block"),
        ("x-dns-prefetch-control", "maybe"),
        ("x-permitted-cross-domain-policies", "some"),
        ("origin-agent-cluster", "?2"),
        ("server", "nginx/1.25.3"),
        ("x-powered-by", "PHP/8.2.1"),
        ("cache-control", "max-age=soon"),
        ("clear-site-data", "cookies"),
        ("reporting-endpoints", "csp=\"http://r.example/csp\""),
    ]));
    let found = rules(&findings);
    for rule in [
        Rule::HeaderRepeated,
        Rule::HstsUnknownDirective,
        Rule::HstsDuplicateDirective,
        Rule::HstsMissingMaxAge,
        Rule::ReferrerDuplicateToken,
        Rule::ReferrerInvalidToken,
        Rule::ReferrerUnsafe,
        Rule::PermissionsWildcard,
        Rule::PermissionsUnknownFeature,
        Rule::XfoAllowFrom,
        Rule::XctoInvalid,
        Rule::CoopInvalid,
        Rule::XXssProtectionEnabled,
        Rule::XDnsPrefetchControlInvalid,
        Rule::XPermittedCrossDomainPoliciesInvalid,
        Rule::OriginAgentClusterInvalid,
        Rule::ServerVersion,
        Rule::PoweredByVersion,
        Rule::CacheControlInvalid,
        Rule::ClearSiteDataInvalid,
        Rule::ReportingEndpointsInsecure,
    ] {
        assert!(found.contains(&rule), "{rule}: {found:?}");
    }
    for rule in [
        Rule::CoepInvalid,
        Rule::CorpInvalid,
        Rule::ClearSiteDataOnEveryResponse,
    ] {
        assert!(!found.contains(&rule), "{rule}");
    }
    let hint = findings
        .iter()
        .find(|f| f.rule() == Rule::HstsUnknownDirective)
        .unwrap();
    assert!(hint.message().contains("did you mean max-age?"), "{hint}");
    assert_eq!(hint.directive(), Some("maxage"));

    let found = rules(&lint_headers(&map(&[
        ("strict-transport-security", "max-age=86400"),
        ("permissions-policy", "camera=(self"),
        ("reporting-endpoints", "csp=/r"),
    ])));
    assert!(found.contains(&Rule::ReportingEndpointsInvalid));
    assert!(found.contains(&Rule::HstsShortMaxAge));
    assert!(found.contains(&Rule::PermissionsInvalid));
}

#[test]
fn configuration_only_rules() {
    let secure = Secure::builder()
        .clear_site_data(secure_headers::ClearSiteData::new())
        .xfo(XFrameOptions::new())
        .coep(CrossOriginEmbedderPolicy::new())
        .build()
        .unwrap();
    let found = rules(&lint_secure(&secure));
    assert!(found.contains(&Rule::ClearSiteDataOnEveryResponse));
    assert!(found.contains(&Rule::CoepWithoutCorp));
}

#[test]
fn csp_rules_of_this_crate() {
    let found = |p: &str| rules(&lint_csp(p));
    assert!(found("").contains(&Rule::CspEmpty));
    assert!(found("script-src 'self', img-src *").contains(&Rule::CspMultiplePolicies));
    assert!(found("img-src *; IMG-SRC 'self'").contains(&Rule::CspDuplicateDirective));
    assert!(found("script-src 'none' 'self'").contains(&Rule::CspNoneWithSources));
    assert!(found("img-src https://a.example/?q").contains(&Rule::CspInvalidSource));
    assert!(found("script_src 'self'").contains(&Rule::CspInvalidDirectiveName));
    assert!(found("script-src 'self'").contains(&Rule::CspMissingDefaultSrc));
    assert!(found("style-src 'unsafe-inline'").contains(&Rule::CspStyleUnsafeInline));
    assert!(
        !found("style-src 'unsafe-inline' 'nonce-r4nd0mR4nd0mR4nd0mR4nd0m'")
            .contains(&Rule::CspStyleUnsafeInline)
    );
    let short = lint_csp("script-src 'nonce-0123456789abcdefghij'");
    let f = short
        .iter()
        .find(|f| f.rule() == Rule::CspNonceTooShort)
        .unwrap();
    assert_eq!(f.severity(), Severity::Error);
    assert!(!found("script-src 'nonce-0123456789abcdefghijkl'").contains(&Rule::CspNonceTooShort));
    // Report-only policies are linted under their own name.
    let ro = lint_headers(&map(&[(
        "content-security-policy-report-only",
        "script-src *; report-uri /r",
    )]));
    let wildcard = ro.iter().find(|f| f.rule() == Rule::CspWildcard).unwrap();
    assert_eq!(wildcard.header(), "Content-Security-Policy-Report-Only");
}

#[test]
fn never_panics_on_odd_input() {
    for p in [
        ";;;",
        "'",
        "script-src '",
        "script-src //",
        "script-src https://",
        "script-src *:*",
        "object-src [::1] [",
        "script-src 'nonce-'",
        "script-src \u{2028}'self'",
        "script-src h\u{e9}llo.example",
        "constructor 'self'; __proto__ x",
    ] {
        let _ = lint_csp(p);
    }
}

proptest::proptest! {
    #[test]
    fn lint_csp_never_panics(s in "\\PC{0,80}|[ -~\\t]{0,80}") {
        for f in lint_csp(&s) {
            proptest::prop_assert!(!f.message().is_empty());
        }
    }

    #[test]
    fn lint_headers_never_panics(
        values in proptest::collection::vec("[ -~]{0,40}", 16),
    ) {
        let names = [
            "content-security-policy", "content-security-policy-report-only",
            "strict-transport-security", "permissions-policy", "referrer-policy",
            "x-frame-options", "x-content-type-options", "cross-origin-opener-policy",
            "cross-origin-embedder-policy", "cross-origin-resource-policy", "x-xss-protection",
            "x-dns-prefetch-control", "origin-agent-cluster", "server", "cache-control",
            "clear-site-data",
        ];
        let mut m = HeaderMap::new();
        for (n, v) in names.iter().zip(&values) {
            if let Ok(v) = HeaderValue::from_str(v) {
                m.append(*n, v);
            }
        }
        let _ = lint_headers(&m);
    }
}

/// HSTS on every response of an application that also answers plain HTTP is made visible;
/// sending it only on secure requests, or not answering plain HTTP, is not flagged.
#[test]
fn hsts_over_plain_http_is_flagged() {
    use secure_headers::transport::{HstsMode, HttpsRedirect};
    let rule = |s: &Secure| {
        lint_secure(s)
            .iter()
            .filter(|f| f.rule().as_str() == "hsts-over-plain-http")
            .map(|f| (f.header().to_owned(), f.value().map(str::to_owned)))
            .collect::<Vec<_>>()
    };
    let redirect = || HttpsRedirect::new().host("example.com");
    let always = Secure::with_default_headers()
        .derive(|b| b.https_redirect(redirect()))
        .unwrap();
    assert_eq!(
        rule(&always),
        [(
            "Strict-Transport-Security".to_owned(),
            Some("max-age=31536000; includeSubDomains".to_owned())
        )]
    );
    let secure_only = Secure::with_default_headers()
        .derive(|b| b.https_redirect(redirect()).hsts_mode(HstsMode::SecureOnly))
        .unwrap();
    assert!(rule(&secure_only).is_empty());
    assert!(rule(&Secure::with_default_headers()).is_empty());
}

/// The keywords of the CSP3 editor's draft are not reported; what a received policy
/// holds that browsers ignore (an unknown keyword, an unknown directive) is.
#[test]
fn csp_keywords_of_the_editors_draft_and_what_browsers_ignore() {
    let policy = "default-src 'self'; script-src 'self' 'report-sha256' 'report-sha384' 'report-sha512' 'trusted-types-eval' 'inline-speculation-rules'; connect-src 'self' 'unsafe-webtransport-hashes'; object-src 'none'; base-uri 'none'";
    let findings = lint_csp(policy);
    assert!(
        !findings.iter().any(|f| matches!(
            f.rule(),
            Rule::CspInvalidKeyword | Rule::CspInvalidSource | Rule::CspUnknownDirective
        )),
        "{findings:#?}"
    );
    // The same policy parses, with every keyword typed.
    let csp: ContentSecurityPolicy = policy.parse().unwrap();
    assert!(
        csp.directive("script-src")
            .unwrap()
            .iter()
            .all(|s| s.kind() == secure_headers::csp::SourceKind::Keyword)
    );

    let received = "default-src 'self'; script-src 'self' 'unsafe-inlin'; scirpt-src 'self'";
    let csp: ContentSecurityPolicy = received.parse().unwrap();
    assert_eq!(
        csp.directive("script-src").unwrap()[1].kind(),
        secure_headers::csp::SourceKind::Unknown
    );
    let findings = lint_csp(received);
    let keyword = findings
        .iter()
        .find(|f| f.rule() == Rule::CspInvalidKeyword)
        .unwrap();
    assert_eq!(keyword.directive(), Some("script-src"));
    assert_eq!(keyword.value(), Some("'unsafe-inlin'"));
    assert_eq!(
        keyword.message(),
        "'unsafe-inlin' seems to be an invalid CSP keyword (did you mean 'unsafe-inline'?)"
    );
    let directive = findings
        .iter()
        .find(|f| f.rule() == Rule::CspUnknownDirective)
        .unwrap();
    assert_eq!(directive.directive(), Some("scirpt-src"));
    assert_eq!(
        directive.message(),
        "\"scirpt-src\" is not a known CSP directive (did you mean script-src?)"
    );
}

/// A Permissions-Policy with a key browsers refuse (`Camera`, `camera!`) makes them drop
/// the whole header: lint reports it when it reads one.
#[test]
fn permissions_keys_browsers_refuse_are_reported() {
    for (value, input) in [
        ("camera=(), Camera=()", "Camera"),
        ("geolocation=(), camera!=()", "camera!"),
    ] {
        let findings = lint_headers(&map(&[("permissions-policy", value)]));
        let f = findings
            .iter()
            .find(|f| f.rule() == Rule::PermissionsInvalid)
            .unwrap_or_else(|| panic!("{value}: {findings:#?}"));
        assert_eq!(f.header(), "Permissions-Policy");
        assert_eq!(f.value(), Some(input), "{value}");
        assert!(
            f.message().contains("browsers refuse the whole header"),
            "{f:?}"
        );
    }
    let clean = lint_headers(&map(&[(
        "permissions-policy",
        "camera=(), keyboard-map=(), unload=(), ch-ua-model=()",
    )]));
    assert!(
        !clean.iter().any(|f| matches!(
            f.rule(),
            Rule::PermissionsInvalid | Rule::PermissionsUnknownFeature
        )),
        "{clean:#?}"
    );
}

/// `src` in the header allows nothing (Chromium ignores it there: the browser test
/// `chromium_ignores_src_in_the_permissions_policy_header`), which lint says, per feature.
#[test]
fn src_in_the_permissions_policy_header_is_reported() {
    for header in ["permissions-policy", "permissions-policy-report-only"] {
        let findings = lint_headers(&map(&[
            (
                header,
                "camera=(src), geolocation=(self src), usb=(self), midi=()",
            ),
            ("reporting-endpoints", "default=\"https://r.example/pp\""),
        ]));
        let src: Vec<_> = findings
            .iter()
            .filter(|f| f.rule() == Rule::PermissionsSrcInHeader)
            .map(|f| (f.header(), f.directive(), f.value()))
            .collect();
        let name = if header == "permissions-policy" {
            "Permissions-Policy"
        } else {
            "Permissions-Policy-Report-Only"
        };
        assert_eq!(
            src,
            [
                (name, Some("camera"), Some("src")),
                (name, Some("geolocation"), Some("src"))
            ],
            "{findings:#?}"
        );
        let messages: Vec<&str> = findings
            .iter()
            .filter(|f| f.rule() == Rule::PermissionsSrcInHeader)
            .map(|f| f.message())
            .collect();
        assert!(
            messages[0].contains("allows no origin, not even the page's own"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("the rest of the allowlist applies"),
            "{messages:?}"
        );
    }
    let clean = lint_headers(&map(&[(
        "permissions-policy",
        "camera=(self \"https://a.example\"), usb=()",
    )]));
    assert!(
        !clean
            .iter()
            .any(|f| f.rule() == Rule::PermissionsSrcInHeader),
        "{clean:#?}"
    );
}

/// COOP and COEP as Chromium reads them (the browser test
/// `chromium_reads_coop_and_coep_report_to_only_as_a_string`): a parameter name in
/// capitals makes the value no structured-field item, and Chromium drops the whole header;
/// `report-to` as a token sends no report. Each form of each header.
#[test]
fn coop_and_coep_parameters_as_chromium_reads_them() {
    /// A header, its value, and the finding expected: its rule, and the group it names.
    type Case = (
        &'static str,
        &'static str,
        Option<(Rule, Option<&'static str>)>,
    );
    let cases: [Case; 9] = [
        (
            "cross-origin-embedder-policy",
            "require-corp; report-to=\"main\"",
            None,
        ),
        (
            "cross-origin-embedder-policy",
            "require-corp; report-to=\"main\"; x",
            None,
        ),
        ("cross-origin-embedder-policy", "require-corp; foo=1", None),
        (
            "cross-origin-embedder-policy",
            "require-corp; Report-To=\"main\"",
            Some((Rule::CoepInvalid, None)),
        ),
        (
            "cross-origin-embedder-policy-report-only",
            "require-corp; report-to=main",
            Some((Rule::ReportToToken, Some("main"))),
        ),
        (
            "cross-origin-opener-policy",
            "same-origin; report-to=main",
            Some((Rule::ReportToToken, Some("main"))),
        ),
        (
            "cross-origin-opener-policy-report-only",
            "same-origin;report-to=\"a\";",
            Some((Rule::CoopInvalid, None)),
        ),
        (
            "document-isolation-policy",
            "isolate-and-require-corp; report-to=dip",
            None,
        ),
        (
            "document-isolation-policy",
            "isolate-and-require-corp; Report-To=dip",
            Some((Rule::DipInvalid, None)),
        ),
    ];
    let ours = [
        Rule::CoepInvalid,
        Rule::CoopInvalid,
        Rule::DipInvalid,
        Rule::ReportToToken,
    ];
    for (name, value, expected) in cases {
        let found: Vec<_> = lint_headers(&map(&[(name, value)]))
            .into_iter()
            .filter(|f| ours.contains(&f.rule()))
            .collect();
        match expected {
            None => assert!(found.is_empty(), "{value}: {found:#?}"),
            Some((rule, group)) => {
                assert_eq!(found.len(), 1, "{value}: {found:#?}");
                assert_eq!(found[0].rule(), rule, "{value}");
                if let Some(g) = group {
                    assert_eq!(found[0].value(), Some(g));
                    assert!(found[0].message().contains(&format!("report-to=\"{g}\"")));
                } else {
                    assert!(
                        found[0]
                            .message()
                            .contains("Chromium drops the whole header"),
                        "{found:#?}"
                    );
                }
            }
        }
    }
}

/// `sandbox` and `upgrade-insecure-requests` do nothing in a report-only policy (the
/// browser test `chromium_ignores_sandbox_in_a_report_only_policy`); enforced, they are
/// no finding of this rule.
#[test]
fn directives_ignored_in_report_only_are_reported() {
    let value =
        "default-src 'self'; sandbox allow-scripts; upgrade-insecure-requests; report-uri /r";
    let of = |name: &'static str| {
        lint_headers(&map(&[(name, value)]))
            .into_iter()
            .filter(|f| f.rule() == Rule::CspIgnoredInReportOnly)
            .map(|f| {
                (
                    f.header().to_owned(),
                    f.directive().unwrap_or_default().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let ro = "Content-Security-Policy-Report-Only".to_owned();
    assert_eq!(
        of("content-security-policy-report-only"),
        [
            (ro.clone(), "sandbox".to_owned()),
            (ro, "upgrade-insecure-requests".to_owned())
        ]
    );
    assert_eq!(of("content-security-policy"), []);
}

/// A received Reporting-Endpoints with a name in capitals is one Chromium drops whole (the
/// browser test `chromium_drops_reporting_endpoints_with_a_name_in_capitals`), though the
/// parser reads it lowered.
#[test]
fn reporting_endpoints_with_a_name_in_capitals_is_invalid() {
    let found = |value: &'static str| {
        lint_headers(&map(&[("reporting-endpoints", value)]))
            .into_iter()
            .filter(|f| f.rule() == Rule::ReportingEndpointsInvalid)
            .map(|f| (f.directive().map(str::to_owned), f.severity()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        found("default=\"https://r.example/a\", Main=\"https://r.example/b\""),
        [(Some("Main".to_owned()), Severity::Syntax)]
    );
    assert_eq!(
        found("default=\"https://r.example/a\", main=\"https://r.example/b\""),
        []
    );
}
