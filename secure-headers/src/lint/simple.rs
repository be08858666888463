//! Rules for the single-value headers, `Cache-Control` and `Clear-Site-Data`.

use crate::{CacheControl, ClearSiteData, ReportingEndpoints};

use super::{Finding, Rule, Scope};

pub(super) const CACHE_CONTROL: &str = "Cache-Control";
pub(super) const CLEAR_SITE_DATA: &str = "Clear-Site-Data";
pub(super) const REPORTING_ENDPOINTS: &str = "Reporting-Endpoints";

/// The single-value headers [`lint`] knows (with their report-only forms, which the
/// registry names).
pub(super) const SINGLE: [&str; 13] = [
    "Server",
    "X-Powered-By",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "X-Download-Options",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Embedder-Policy",
    "Document-Isolation-Policy",
    "Cross-Origin-Resource-Policy",
    "X-XSS-Protection",
    "X-DNS-Prefetch-Control",
    "X-Permitted-Cross-Domain-Policies",
    "Origin-Agent-Cluster",
];

/// The policy token of a structured header (`same-origin; report-to="x"` →
/// `same-origin`).
fn sf_token(value: &str) -> &str {
    value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim_matches([' ', '\t'])
}

/// Lints one value of a header of [`SINGLE`] (or its report-only form, which takes the
/// same values).
pub(super) fn lint(header: &str, value: &str) -> Vec<Finding> {
    let v = value.trim_matches([' ', '\t']);
    let invalid = |rule: Rule, expected: &str| {
        let message = format!("browsers ignore this value; expected {expected}");
        vec![Finding::new(rule, header, message).value_is(v)]
    };
    let enforced = crate::registry::HeaderInfo::get(header).and_then(|h| h.report_only_of);
    match enforced.unwrap_or(header) {
        "X-Frame-Options" => {
            if v.eq_ignore_ascii_case("DENY") || v.eq_ignore_ascii_case("SAMEORIGIN") {
                Vec::new()
            } else if v
                .get(..10)
                .is_some_and(|p| p.eq_ignore_ascii_case("ALLOW-FROM"))
            {
                let message = "ALLOW-FROM is ignored by current browsers, which then allow framing; use CSP frame-ancestors";
                vec![Finding::new(Rule::XfoAllowFrom, header, message).value_is(v)]
            } else {
                invalid(Rule::XfoInvalid, "DENY or SAMEORIGIN")
            }
        }
        "X-Content-Type-Options" if !v.eq_ignore_ascii_case("nosniff") => {
            invalid(Rule::XctoInvalid, "nosniff")
        }
        "X-Download-Options" if !v.eq_ignore_ascii_case("noopen") => {
            invalid(Rule::XDownloadOptionsInvalid, "noopen")
        }
        "Cross-Origin-Opener-Policy"
            if ![
                "unsafe-none",
                "same-origin-allow-popups",
                "same-origin",
                "noopener-allow-popups",
            ]
            .contains(&sf_token(v)) =>
        {
            invalid(
                Rule::CoopInvalid,
                "same-origin, same-origin-allow-popups, noopener-allow-popups or unsafe-none",
            )
        }
        "Document-Isolation-Policy"
            if ![
                "none",
                "isolate-and-require-corp",
                "isolate-and-credentialless",
            ]
            .contains(&sf_token(v)) =>
        {
            invalid(
                Rule::DipInvalid,
                "isolate-and-credentialless, isolate-and-require-corp or none",
            )
        }
        "Cross-Origin-Embedder-Policy"
            if !["unsafe-none", "require-corp", "credentialless"].contains(&sf_token(v)) =>
        {
            invalid(
                Rule::CoepInvalid,
                "require-corp, credentialless or unsafe-none",
            )
        }
        "Cross-Origin-Resource-Policy"
            if !["same-origin", "same-site", "cross-origin"].contains(&v) =>
        {
            invalid(Rule::CorpInvalid, "same-origin, same-site or cross-origin")
        }
        "X-XSS-Protection" if v != "0" => {
            let message = "the legacy XSS auditor can be abused to leak or block page content; send 0 and rely on CSP";
            vec![Finding::new(Rule::XXssProtectionEnabled, header, message).value_is(v)]
        }
        "X-DNS-Prefetch-Control"
            if !(v.eq_ignore_ascii_case("on") || v.eq_ignore_ascii_case("off")) =>
        {
            invalid(Rule::XDnsPrefetchControlInvalid, "on or off")
        }
        "X-Permitted-Cross-Domain-Policies"
            if ![
                "none",
                "master-only",
                "by-content-type",
                "by-ftp-filename",
                "all",
                "none-this-response",
            ]
            .contains(&v) =>
        {
            invalid(
                Rule::XPermittedCrossDomainPoliciesInvalid,
                "none, master-only, by-content-type, by-ftp-filename, all or none-this-response",
            )
        }
        "Origin-Agent-Cluster" if v != "?1" && v != "?0" => {
            invalid(Rule::OriginAgentClusterInvalid, "?1 or ?0")
        }
        "Server" if v.bytes().any(|b| b.is_ascii_digit()) => {
            let message = "the Server header discloses a version; send an empty or generic value";
            vec![Finding::new(Rule::ServerVersion, header, message).value_is(v)]
        }
        "X-Powered-By" if v.bytes().any(|b| b.is_ascii_digit()) => {
            let message =
                "the X-Powered-By header discloses a version; remove it (it serves no browser)";
            vec![Finding::new(Rule::PoweredByVersion, header, message).value_is(v)]
        }
        _ => Vec::new(),
    }
}

/// Lints a `Cache-Control` value.
pub(super) fn lint_cache_control(value: &str) -> Vec<Finding> {
    match value.parse::<CacheControl>() {
        Ok(_) => Vec::new(),
        Err(e) => vec![parse_error(Rule::CacheControlInvalid, CACHE_CONTROL, &e)],
    }
}

/// Lints a `Clear-Site-Data` value.
pub(super) fn lint_clear_site_data(value: &str, scope: Scope) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Err(e) = value.parse::<ClearSiteData>() {
        out.push(parse_error(Rule::ClearSiteDataInvalid, CLEAR_SITE_DATA, &e));
    }
    if scope == Scope::Configuration {
        let message = "sent on every response, it wipes the site's data on every page load; send it only on the logout response";
        out.push(Finding::new(
            Rule::ClearSiteDataOnEveryResponse,
            CLEAR_SITE_DATA,
            message,
        ));
    }
    out
}

/// Lints a `Reporting-Endpoints` value.
pub(super) fn lint_reporting_endpoints(value: &str) -> Vec<Finding> {
    let endpoints = match value.parse::<ReportingEndpoints>() {
        Ok(e) => e,
        Err(e) => {
            return vec![parse_error(
                Rule::ReportingEndpointsInvalid,
                REPORTING_ENDPOINTS,
                &e,
            )];
        }
    };
    endpoints
        .endpoints()
        .filter(|(_, url)| {
            url.get(..7)
                .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
        })
        .map(|(name, url)| {
            let message = "browsers send reports only to https: (or localhost) endpoints";
            Finding::new(
                Rule::ReportingEndpointsInsecure,
                REPORTING_ENDPOINTS,
                message,
            )
            .directive_is(name)
            .value_is(url)
        })
        .collect()
}

/// A finding from a parse error.
pub(super) fn parse_error(rule: Rule, header: &str, e: &crate::Error) -> Finding {
    let mut f = Finding::new(rule, header, e.to_string());
    if let Some(d) = e.directive().filter(|d| *d != "value") {
        f = f.directive_is(d);
    }
    if let Some(i) = e.input() {
        f = f.value_is(i);
    }
    f
}
