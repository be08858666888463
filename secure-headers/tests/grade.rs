//! `secure_headers::grade` against the Mozilla HTTP Observatory's published scoring tables.
//!
//! Every case lists its headers, what the grader is told about the site (HTTPS with a valid
//! certificate and a same-host redirect from http unless the case says otherwise), the
//! expected result of each of the ten tests (in the order of `grade::TESTS`) and the
//! expected score and grade. The cases cover every CSP, HSTS, X-Frame-Options,
//! X-Content-Type-Options, Referrer-Policy, Cross-Origin-Resource-Policy, cookie, CORS,
//! redirection and Subresource Integrity row of the tables that a header set can produce,
//! the extra-credit rule (bonuses discarded below 90) and the three presets.
//!
//! `matches_the_published_scorer` also runs every case through the real scorer,
//! `@mdn/mdn-http-observatory` 1.4.8, installed by `tests/observatory/install.sh`, and
//! compares score, grade and every result.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use secure_headers::grade::{GradeContext, Letter, Redirection, Scheme, TESTS, grade};
use secure_headers::http::{HeaderMap, HeaderName, HeaderValue};
use secure_headers::{Preset, Secure};

/// What a case tells the grader beyond the headers (the harness's names).
#[derive(Clone, Copy, Default)]
struct Ctx {
    scheme: &'static str,
    redirection: &'static str,
    html: Option<&'static str>,
    cors_origin: Option<&'static str>,
}

struct Case {
    name: &'static str,
    headers: Vec<(String, String)>,
    context: Ctx,
    score: i32,
    grade: &'static str,
    results: [&'static str; 10],
}

fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

/// The preset's headers, as the library sends them.
fn preset(p: Preset) -> Vec<(String, String)> {
    Secure::from_preset(p)
        .header_items()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

fn header_map(headers: &[(String, String)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (n, v) in headers {
        map.append(
            HeaderName::from_bytes(n.as_bytes()).unwrap(),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    map
}

fn context(c: Ctx) -> GradeContext {
    let scheme = match c.scheme {
        "" | "https" => Scheme::Https,
        "https-invalid-cert" => Scheme::HttpsInvalidCertificate,
        "http" => Scheme::Http,
        other => panic!("unknown scheme {other}"),
    };
    let redirection = match c.redirection {
        "" | "to-https" => Redirection::ToHttps,
        "no-http" => Redirection::NoHttp,
        "off-host" => Redirection::OffHost,
        "http-first" => Redirection::HttpFirst,
        "not-to-https" => Redirection::NotToHttps,
        "missing" => Redirection::Missing,
        "invalid-cert" => Redirection::InvalidCertificate,
        other => panic!("unknown redirection {other}"),
    };
    let mut ctx = GradeContext::new()
        .scheme(scheme)
        .redirection(redirection)
        .host("example.com");
    if let Some(html) = c.html {
        ctx = ctx.html(html);
    }
    if let Some(origin) = c.cors_origin {
        ctx = ctx.cors_origin(origin);
    }
    ctx
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "preset basic",
            headers: preset(Preset::Basic),
            context: Ctx::default(),
            score: 120,
            grade: "A+",
            results: [
                "csp-implemented-with-unsafe-inline-in-style-src-only",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-private",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-implemented-via-csp",
                "corp-implemented-with-same-origin",
            ],
        },
        Case {
            name: "preset balanced",
            headers: preset(Preset::Balanced),
            context: Ctx::default(),
            score: 120,
            grade: "A+",
            results: [
                "csp-implemented-with-unsafe-inline-in-style-src-only",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-private",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-implemented-via-csp",
                "corp-implemented-with-same-origin",
            ],
        },
        Case {
            name: "preset strict",
            headers: preset(Preset::Strict),
            context: Ctx::default(),
            score: 115,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-private",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-implemented-via-csp",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "no headers at all",
            headers: h(&[
            ]),
            context: Ctx::default(),
            score: 30,
            grade: "D",
            results: [
                "csp-not-implemented",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-not-implemented",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-not-implemented",
                "x-frame-options-not-implemented",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "default-src 'none' with every bonus",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("Referrer-Policy", "no-referrer"),
                ("Cross-Origin-Resource-Policy", "same-origin"),
            ]),
            context: Ctx::default(),
            score: 130,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe-default-src-none",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-private",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-implemented-via-csp",
                "corp-implemented-with-same-origin",
            ],
        },
        Case {
            name: "csp: clean policy earns +5",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: 'unsafe-inline' in script-src, bonuses discarded below 90",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Referrer-Policy", "no-referrer"),
            ]),
            context: Ctx::default(),
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-unsafe-inline",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-private",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: data: in script-src counts as unsafe-inline",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; script-src 'self' data:"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-unsafe-inline",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: broad object-src",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src https:"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-unsafe-inline",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: no script-src and no default-src allows every source",
            headers: h(&[
                ("Content-Security-Policy", "img-src 'self'; frame-ancestors 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-unsafe-inline",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-implemented-via-csp",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: 'unsafe-eval' in script-src",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-eval'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 90,
            grade: "A",
            results: [
                "csp-implemented-with-unsafe-eval",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: http: source for active content on https",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self' http://cdn.example.com; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-insecure-scheme",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: http: images only",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; img-src 'self' http://images.example.com"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 90,
            grade: "A",
            results: [
                "csp-implemented-with-insecure-scheme-in-passive-content-only",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: http: images on a site without https",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; img-src 'self' http://images.example.com"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Referrer-Policy", "no-referrer"),
            ]),
            context: Ctx { scheme: "http", redirection: "missing", ..Ctx::default() },
            score: 60,
            grade: "C+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-missing",
                "referrer-policy-private",
                "hsts-not-implemented-no-https",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: 'unsafe-inline' in style-src only",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 100,
            grade: "A+",
            results: [
                "csp-implemented-with-unsafe-inline-in-style-src-only",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: nonce discounts 'unsafe-inline', 'strict-dynamic' drops host sources",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; script-src 'nonce-r4nd0m' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: 'strict-dynamic' without a nonce or hash is invalid",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; script-src 'strict-dynamic'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 75,
            grade: "B",
            results: [
                "csp-header-invalid",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: repeated directive is invalid",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; default-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 75,
            grade: "B",
            results: [
                "csp-header-invalid",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: too short to be a policy",
            headers: h(&[
                ("Content-Security-Policy", "a"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 75,
            grade: "B",
            results: [
                "csp-header-invalid",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: repeated report-uri is tolerated without bonus",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'none'; report-uri /a; report-uri /b"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 100,
            grade: "A+",
            results: [
                "csp-implemented-but-duplicate-directives",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: report-only header alone",
            headers: h(&[
                ("Content-Security-Policy-Report-Only", "default-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 75,
            grade: "B",
            results: [
                "csp-not-implemented-but-reporting-enabled",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: two headers are joined with a comma and read as one policy",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Content-Security-Policy", "script-src 'self'"),
            ]),
            context: Ctx::default(),
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: header and meta policies are intersected",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Content-Type", "text/html; charset=utf-8"),
            ]),
            context: Ctx { html: Some(r#"<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="script-src 'self'"></head><body></body></html>"#), ..Ctx::default() },
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-but-no-scripts-loaded",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "csp: meta policy only, frame-ancestors in meta still counts for X-Frame-Options",
            headers: h(&[
                ("Content-Type", "text/html; charset=utf-8"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
            ]),
            context: Ctx { html: Some(r#"<!doctype html><meta http-equiv=content-security-policy content="default-src 'none'; frame-ancestors 'none'"><p>hi"#), ..Ctx::default() },
            score: 115,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe-default-src-none",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-but-no-scripts-loaded",
                "x-content-type-options-nosniff",
                "x-frame-options-implemented-via-csp",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "hsts: less than six months",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=86400"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 95,
            grade: "A",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-less-than-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "hsts: exactly 15552000 is six months",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=15552000"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "hsts: no max-age is invalid",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "includeSubDomains; preload"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-header-invalid",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "hsts: header sent twice is invalid",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx::default(),
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-header-invalid",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "hsts: invalid certificate",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx { scheme: "https-invalid-cert", ..Ctx::default() },
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-invalid-cert",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "x-frame-options: ALLOW-FROM",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "ALLOW-FROM https://example.net"),
            ]),
            context: Ctx::default(),
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-allow-from-origin",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "x-frame-options: unknown value",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "ALLOWALL"),
            ]),
            context: Ctx::default(),
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-header-invalid",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "x-content-type-options: header sent twice",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("X-Content-Type-Options", "nosniff"),
            ]),
            context: Ctx::default(),
            score: 100,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-header-invalid",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "referrer-policy: unsafe-url",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Referrer-Policy", "unsafe-url"),
            ]),
            context: Ctx::default(),
            score: 100,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-unsafe",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "referrer-policy: no-referrer-when-downgrade",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Referrer-Policy", "no-referrer-when-downgrade"),
            ]),
            context: Ctx::default(),
            score: 100,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-unsafe",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "referrer-policy: the last valid token wins",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Referrer-Policy", "unsafe-url, bogus, same-origin, nonsense"),
            ]),
            context: Ctx::default(),
            score: 110,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-private",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "referrer-policy: no valid token",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Referrer-Policy", "never"),
            ]),
            context: Ctx::default(),
            score: 100,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-header-invalid",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "referrer-policy: meta tag overrides the header",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Content-Type", "text/html; charset=utf-8"),
                ("Referrer-Policy", "no-referrer"),
            ]),
            context: Ctx { html: Some(r#"<html><head><meta name="referrer" content="unsafe-url"></head></html>"#), ..Ctx::default() },
            score: 100,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-unsafe",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-but-no-scripts-loaded",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cross-origin-resource-policy: same-site",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Cross-Origin-Resource-Policy", "same-site"),
            ]),
            context: Ctx::default(),
            score: 115,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-implemented-with-same-site",
            ],
        },
        Case {
            name: "cross-origin-resource-policy: cross-origin",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Cross-Origin-Resource-Policy", "cross-origin"),
            ]),
            context: Ctx::default(),
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-implemented-with-cross-origin",
            ],
        },
        Case {
            name: "cross-origin-resource-policy: invalid",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Cross-Origin-Resource-Policy", "same"),
            ]),
            context: Ctx::default(),
            score: 100,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-header-invalid",
            ],
        },
        Case {
            name: "cookies: secure, httponly session, samesite",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Set-Cookie", "sessionid=abc; Secure; HttpOnly; SameSite=Lax"),
                ("Set-Cookie", "theme=dark; Secure; SameSite=Strict"),
            ]),
            context: Ctx::default(),
            score: 110,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-secure-with-httponly-sessions-and-samesite",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cookies: secure, httponly session, no samesite",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Set-Cookie", "sessionid=abc; Secure; HttpOnly"),
            ]),
            context: Ctx::default(),
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-secure-with-httponly-sessions",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cookies: no Secure flag but HSTS",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Set-Cookie", "theme=dark; SameSite=Lax"),
            ]),
            context: Ctx::default(),
            score: 100,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-without-secure-flag-but-protected-by-hsts",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cookies: session cookie without Secure but HSTS",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Set-Cookie", "sessionid=abc; HttpOnly; SameSite=Lax"),
            ]),
            context: Ctx::default(),
            score: 95,
            grade: "A",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-session-without-secure-flag-but-protected-by-hsts",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cookies: session cookie without HttpOnly",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Set-Cookie", "sessionid=abc; Secure; SameSite=Lax"),
            ]),
            context: Ctx::default(),
            score: 70,
            grade: "B",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-session-without-httponly-flag",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cookies: anti-CSRF token without SameSite",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Set-Cookie", "csrftoken=abc; Secure"),
            ]),
            context: Ctx::default(),
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-anticsrf-without-samesite-flag",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cookies: SameSite=None without Secure",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Set-Cookie", "theme=dark; SameSite=None"),
            ]),
            context: Ctx::default(),
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-samesite-flag-invalid",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cookies: malformed SameSite attribute",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Set-Cookie", "theme=dark; Secure; SameSite=Bogus"),
            ]),
            context: Ctx::default(),
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-samesite-flag-invalid",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cookies: session cookie without Secure over http",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Set-Cookie", "PHPSESSID=abc; HttpOnly; SameSite=Lax"),
            ]),
            context: Ctx { scheme: "http", redirection: "missing", ..Ctx::default() },
            score: 20,
            grade: "F",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-session-without-secure-flag",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-missing",
                "referrer-policy-not-implemented",
                "hsts-not-implemented-no-https",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cookies: a cookie for another domain is refused",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Set-Cookie", "sessionid=abc; Domain=elsewhere.example"),
            ]),
            context: Ctx::default(),
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cors: public access",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Access-Control-Allow-Origin", "*"),
            ]),
            context: Ctx::default(),
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-implemented-with-public-access",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cors: restricted access",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Access-Control-Allow-Origin", "https://app.example.com"),
            ]),
            context: Ctx { cors_origin: Some("https://attacker.example"), ..Ctx::default() },
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-implemented-with-restricted-access",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "cors: origin reflected with credentials",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Access-Control-Allow-Origin", "https://attacker.example"),
                ("Access-Control-Allow-Credentials", "true"),
            ]),
            context: Ctx { cors_origin: Some("https://attacker.example"), ..Ctx::default() },
            score: 50,
            grade: "C",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-implemented-with-universal-access",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "redirection: missing",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx { redirection: "missing", ..Ctx::default() },
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-missing",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "redirection: off host",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx { redirection: "off-host", ..Ctx::default() },
            score: 100,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-off-host-from-http",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "redirection: http first",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx { redirection: "http-first", ..Ctx::default() },
            score: 95,
            grade: "A",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-not-to-https-on-initial-redirection",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "redirection: not to https",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx { redirection: "not-to-https", ..Ctx::default() },
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-not-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "redirection: no http",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx { redirection: "no-http", ..Ctx::default() },
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-not-needed-no-http",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "redirection: invalid certificate",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
            ]),
            context: Ctx { redirection: "invalid-cert", ..Ctx::default() },
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-invalid-cert",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "sri: external https script without integrity",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Content-Type", "text/html; charset=utf-8"),
            ]),
            context: Ctx { html: Some(r#"<script src="https://cdn.other.example/lib.js"></script>"#), ..Ctx::default() },
            score: 100,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-but-external-scripts-loaded-securely",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "sri: external https script with integrity",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Content-Type", "text/html; charset=utf-8"),
            ]),
            context: Ctx { html: Some(r#"<script src="https://cdn.other.example/lib.js" integrity="sha384-abc" crossorigin="anonymous"></script><script src="/app.js"></script>"#), ..Ctx::default() },
            score: 110,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-implemented-and-external-scripts-loaded-securely",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "sri: same-site scripts with integrity",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Content-Type", "text/html; charset=utf-8"),
            ]),
            context: Ctx { html: Some(r#"<script src="/app.js" integrity="sha384-abc"></script><script src="https://static.example.com/x.js"></script>"#), ..Ctx::default() },
            score: 110,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-implemented-and-all-scripts-loaded-securely",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "sri: same-site scripts without integrity",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Content-Type", "text/html; charset=utf-8"),
            ]),
            context: Ctx { html: Some(r#"<script src="/app.js"></script><script>inline()</script>"#), ..Ctx::default() },
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "sri: http script without integrity",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Content-Type", "text/html; charset=utf-8"),
            ]),
            context: Ctx { html: Some(r#"<script src="http://cdn.other.example/lib.js"></script>"#), ..Ctx::default() },
            score: 50,
            grade: "C",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-and-external-scripts-not-loaded-securely",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "sri: protocol-relative script with integrity",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Content-Type", "text/html; charset=utf-8"),
            ]),
            context: Ctx { html: Some(r#"<script src="//cdn.other.example/lib.js" integrity="sha384-abc"></script>"#), ..Ctx::default() },
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-implemented-but-external-scripts-not-loaded-securely",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "sri: html without scripts",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; object-src 'none'"),
                ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Content-Type", "text/html; charset=utf-8"),
            ]),
            context: Ctx { html: Some("<!doctype html><title>x</title><p>no scripts</p>"), ..Ctx::default() },
            score: 105,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-not-implemented",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-but-no-scripts-loaded",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "github/secure_headers defaults: broad script-src, bonuses discarded",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self' https:; font-src 'self' https: data:; img-src 'self' https: data:; object-src 'none'; script-src https:; style-src 'self' https: 'unsafe-inline'"),
                ("X-Frame-Options", "SAMEORIGIN"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-XSS-Protection", "0"),
                ("Referrer-Policy", "origin-when-cross-origin, strict-origin-when-cross-origin"),
                ("Strict-Transport-Security", "max-age=631138519"),
            ]),
            context: Ctx::default(),
            score: 80,
            grade: "B+",
            results: [
                "csp-implemented-with-unsafe-inline",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-private",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-sameorigin-or-deny",
                "corp-not-implemented",
            ],
        },
        Case {
            name: "owasp proposal",
            headers: h(&[
                ("Content-Security-Policy", "default-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'; upgrade-insecure-requests; block-all-mixed-content"),
                ("Cross-Origin-Embedder-Policy", "require-corp"),
                ("Cross-Origin-Opener-Policy", "same-origin"),
                ("Cross-Origin-Resource-Policy", "same-origin"),
                ("Permissions-Policy", "accelerometer=()"),
                ("Referrer-Policy", "no-referrer"),
                ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("X-Permitted-Cross-Domain-Policies", "none"),
            ]),
            context: Ctx::default(),
            score: 125,
            grade: "A+",
            results: [
                "csp-implemented-with-no-unsafe",
                "cookies-not-found",
                "cross-origin-resource-sharing-not-implemented",
                "redirection-to-https",
                "referrer-policy-private",
                "hsts-implemented-max-age-at-least-six-months",
                "sri-not-implemented-response-not-html",
                "x-content-type-options-nosniff",
                "x-frame-options-implemented-via-csp",
                "corp-implemented-with-same-origin",
            ],
        },
    ]
}

#[test]
fn published_tables_cases() {
    let cases = cases();
    assert!(cases.len() >= 20);
    let mut failures = Vec::new();
    for case in &cases {
        let report = grade(&header_map(&case.headers), &context(case.context));
        let results: Vec<&str> = report.modifiers.iter().map(|m| m.result).collect();
        if report.score != case.score
            || report.letter.as_str() != case.grade
            || results != case.results
        {
            failures.push(format!(
                "{}: got {} {} {:?}, expected {} {} {:?}",
                case.name,
                report.score,
                report.letter,
                results,
                case.score,
                case.grade,
                case.results
            ));
        }
        let tests: Vec<&str> = report.modifiers.iter().map(|m| m.test).collect();
        assert_eq!(tests, TESTS);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn presets_over_https_with_a_clean_redirect() {
    let expected = [
        (Preset::Basic, 120, Letter::APlus),
        (Preset::Balanced, 120, Letter::APlus),
        (Preset::Strict, 115, Letter::APlus),
    ];
    for (preset, score, letter) in expected {
        let mut map = HeaderMap::new();
        Secure::from_preset(preset).set_headers(&mut map);
        let report = grade(&map, &GradeContext::new());
        assert_eq!((report.score, report.letter), (score, letter), "{preset}");
        assert_eq!(report.tests_passed(), 10, "{preset}");
    }
}

#[test]
fn preload_list_overrides_hsts_and_redirection() {
    let map = header_map(&h(&[(
        "Content-Security-Policy",
        "default-src 'none'; frame-ancestors 'none'",
    )]));
    let plain = grade(&map, &GradeContext::new());
    let hsts = plain.modifier("strict-transport-security").unwrap();
    assert_eq!(
        (hsts.result, hsts.score_modifier),
        ("hsts-not-implemented", -20)
    );
    let preloaded = grade(
        &map,
        &GradeContext::new()
            .hsts_preloaded(true)
            .redirection(Redirection::AllPreloaded),
    );
    let hsts = preloaded.modifier("strict-transport-security").unwrap();
    assert_eq!((hsts.result, hsts.score_modifier), ("hsts-preloaded", 5));
    let redirect = preloaded.modifier("redirection").unwrap();
    assert_eq!(redirect.result, "redirection-all-redirects-preloaded");
    // 100 - 5 (X-Content-Type-Options) + 10 (default-src 'none') + 5 (frame-ancestors) + 5
    assert_eq!(preloaded.score, 115);
}

#[test]
fn every_modifier_explains_itself() {
    let map = header_map(&h(&[("X-Frame-Options", "ALLOWALL")]));
    let report = grade(&map, &GradeContext::new());
    for m in &report.modifiers {
        assert!(!m.reason.is_empty(), "{}", m.result);
        assert!(!m.reason.contains('<'), "{}", m.reason);
        if m.score_modifier < 0 {
            assert!(!m.recommendation.is_empty(), "{}", m.result);
        }
    }
    let xfo = report.modifier("x-frame-options").unwrap();
    assert_eq!(
        xfo.reason,
        "X-Frame-Options (XFO) header cannot be recognized"
    );
    assert_eq!(xfo.recommendation, "Implement frame-ancestors CSP");
}

/// Where the published scorer is installed (`tests/observatory/install.sh`).
fn observatory_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/observatory"))
}

/// Runs `cases` through the published scorer; `None` (after printing why) when it is not
/// installed and `CI` is unset.
fn run_scorer(cases: &[Case]) -> Option<Vec<serde_json::Value>> {
    let dir = observatory_dir();
    let installed = dir
        .join("node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json")
        .is_file();
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
    if !installed {
        assert!(
            !ci,
            "the Observatory scorer is not installed: run secure-headers/tests/observatory/install.sh"
        );
        println!(
            "skipped: the Observatory scorer is not installed (run secure-headers/tests/observatory/install.sh)"
        );
        return None;
    }
    let input: Vec<serde_json::Value> = cases
        .iter()
        .map(|c| {
            let mut ctx = serde_json::Map::new();
            for (k, v) in [
                ("scheme", c.context.scheme),
                ("redirection", c.context.redirection),
            ] {
                if !v.is_empty() {
                    ctx.insert(k.into(), v.into());
                }
            }
            if let Some(html) = c.context.html {
                ctx.insert("html".into(), html.into());
            }
            if let Some(origin) = c.context.cors_origin {
                ctx.insert("cors_origin".into(), origin.into());
            }
            serde_json::json!({ "name": c.name, "headers": c.headers, "context": ctx })
        })
        .collect();
    let mut child = Command::new("node")
        .arg(dir.join("score.mjs"))
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&input).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the scorer failed");
    let scored: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(scored.len(), cases.len());
    Some(scored)
}

/// Compares our grade of every case with the scorer's; with `listed`, also with the
/// results the case lists.
fn compare(cases: &[Case], scored: &[serde_json::Value], listed: bool) {
    let mut failures = Vec::new();
    for (case, theirs) in cases.iter().zip(scored) {
        let ours = grade(&header_map(&case.headers), &context(case.context));
        let their_results: Vec<&str> = TESTS
            .iter()
            .map(|t| theirs["results"][*t].as_str().unwrap())
            .collect();
        let our_results: Vec<&str> = ours.modifiers.iter().map(|m| m.result).collect();
        if theirs["score"] != ours.score
            || theirs["grade"] != ours.letter.as_str()
            || their_results != our_results
            || (listed && their_results != case.results)
        {
            failures.push(format!(
                "{}:\n  scorer {} {} {:?}\n  ours   {} {} {:?}",
                case.name,
                theirs["score"],
                theirs["grade"],
                their_results,
                ours.score,
                ours.letter,
                our_results
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!(
        "{} cases scored identically by the published scorer",
        cases.len()
    );
}

#[test]
fn matches_the_published_scorer() {
    let cases = cases();
    if let Some(scored) = run_scorer(&cases) {
        compare(&cases, &scored, true);
    }
}

/// Generated policies (several headers, header plus `<meta>`, odd spacing and case,
/// repeated sources, paths, nonces) graded by both.
#[test]
fn generated_policies_match_the_published_scorer() {
    const WORDS: [&str; 34] = [
        "'self'",
        "'SELF'",
        "'none'",
        "'unsafe-inline'",
        "'unsafe-eval'",
        "'strict-dynamic'",
        "'nonce-abc'",
        "'sha256-xyz='",
        "data:",
        "https:",
        "http:",
        "*",
        "https://*",
        "https://a.example",
        "https://a.example/js/",
        "https://a.example/js/app.js",
        "http://cdn.example",
        "ftp://files.example",
        "blob:",
        "'report-sample'",
        "a.example",
        "*.example.com",
        "/path",
        "%41",
        "wss:",
        "'unsafe-hashes'",
        "https:,",
        "1.2.3.4",
        "",
        "",
        "",
        "",
        "",
        "",
    ];
    const DIRECTIVES: [&str; 16] = [
        "default-src",
        "script-src",
        "style-src",
        "object-src",
        "img-src",
        "media-src",
        "frame-ancestors",
        "base-uri",
        "form-action",
        "connect-src",
        "report-uri",
        "report-to",
        "Script-Src",
        "DEFAULT-SRC",
        "upgrade-insecure-requests",
        "sandbox",
    ];
    let mut seed: u64 = 0x5eed_cafe;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n
    };
    let policy = |next: &mut dyn FnMut(usize) -> usize| {
        let mut parts = Vec::new();
        for _ in 0..1 + next(5) {
            let mut d = DIRECTIVES[next(DIRECTIVES.len())].to_owned();
            for _ in 0..next(4) {
                d.push_str(if next(6) == 0 { "  " } else { " " });
                d.push_str(WORDS[next(WORDS.len())]);
            }
            parts.push(d);
        }
        parts.join(if next(4) == 0 { " ;" } else { "; " })
    };
    let names: Vec<&'static str> = (0..400)
        .map(|i| &*Box::leak(format!("generated {i}").into_boxed_str()))
        .collect();
    let mut cases = Vec::new();
    for name in names {
        let mut headers = vec![("Content-Type".to_owned(), "text/html".to_owned())];
        for _ in 0..1 + next(2) {
            headers.push(("Content-Security-Policy".to_owned(), policy(&mut next)));
        }
        let html = (next(3) == 0).then(|| {
            &*Box::leak(
                format!(
                    r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
                    policy(&mut next)
                )
                .into_boxed_str(),
            )
        });
        let scheme = if next(5) == 0 { "http" } else { "" };
        cases.push(Case {
            name,
            headers,
            context: Ctx {
                scheme,
                html,
                ..Ctx::default()
            },
            score: 0,
            grade: "",
            results: [""; 10],
        });
    }
    if let Some(scored) = run_scorer(&cases) {
        compare(&cases, &scored, false);
    }
}
