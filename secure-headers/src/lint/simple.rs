//! Rules for the single-value headers, `Cache-Control` and `Clear-Site-Data`.

use crate::headers::single::{SingleValue, texts};
use crate::{
    CacheControl, ClearSiteData, CrossOriginEmbedderPolicy, CrossOriginOpenerPolicy,
    CrossOriginResourcePolicy, DocumentIsolationPolicy, OriginAgentCluster, ReportingEndpoints,
    XContentTypeOptions, XDnsPrefetchControl, XDownloadOptions, XFrameOptions,
    XPermittedCrossDomainPolicies, XXssProtection,
};

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

/// The `report-to` parameter of a structured header (`same-origin; report-to="x"` →
/// `"x"`, its quotes kept: Chromium reads only the string form), the parameter's name
/// compared without case.
pub(super) fn report_to_param(value: &str) -> Option<&str> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        let key = k.trim_matches([' ', '\t']);
        key.eq_ignore_ascii_case("report-to")
            .then(|| v.trim_matches([' ', '\t']))
    })
}

/// Whether `token` is one of the values `known` (a header type's constants); `exact`
/// compares case-sensitively, as browsers do for structured headers.
fn known<T: SingleValue>(known: &'static [T], token: &str, exact: bool) -> bool {
    texts(known).any(|k| {
        if exact {
            k == token
        } else {
            k.eq_ignore_ascii_case(token)
        }
    })
}

/// The values `known` as a finding lists them: `a, b or c`.
fn expected<T: SingleValue>(known: &'static [T]) -> String {
    let all: Vec<&str> = texts(known).collect();
    match all.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
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
            if known(XFrameOptions::KNOWN, v, false) {
                Vec::new()
            } else if v
                .get(..10)
                .is_some_and(|p| p.eq_ignore_ascii_case("ALLOW-FROM"))
            {
                let message = "ALLOW-FROM is ignored by current browsers, which then allow framing; use CSP frame-ancestors";
                vec![Finding::new(Rule::XfoAllowFrom, header, message).value_is(v)]
            } else {
                invalid(Rule::XfoInvalid, &expected(XFrameOptions::KNOWN))
            }
        }
        "X-Content-Type-Options" if !known(XContentTypeOptions::KNOWN, v, false) => {
            invalid(Rule::XctoInvalid, &expected(XContentTypeOptions::KNOWN))
        }
        "X-Download-Options" if !known(XDownloadOptions::KNOWN, v, false) => invalid(
            Rule::XDownloadOptionsInvalid,
            &expected(XDownloadOptions::KNOWN),
        ),
        "Cross-Origin-Opener-Policy"
            if !known(CrossOriginOpenerPolicy::KNOWN, sf_token(v), true) =>
        {
            invalid(Rule::CoopInvalid, &expected(CrossOriginOpenerPolicy::KNOWN))
        }
        "Document-Isolation-Policy"
            if !known(DocumentIsolationPolicy::KNOWN, sf_token(v), true) =>
        {
            invalid(Rule::DipInvalid, &expected(DocumentIsolationPolicy::KNOWN))
        }
        "Cross-Origin-Embedder-Policy"
            if !known(CrossOriginEmbedderPolicy::KNOWN, sf_token(v), true) =>
        {
            invalid(
                Rule::CoepInvalid,
                &expected(CrossOriginEmbedderPolicy::KNOWN),
            )
        }
        "Cross-Origin-Opener-Policy" => parameters(header, v, Rule::CoopInvalid, true),
        "Cross-Origin-Embedder-Policy" => parameters(header, v, Rule::CoepInvalid, true),
        "Document-Isolation-Policy" => parameters(header, v, Rule::DipInvalid, false),
        "Cross-Origin-Resource-Policy" if !known(CrossOriginResourcePolicy::KNOWN, v, true) => {
            invalid(
                Rule::CorpInvalid,
                &expected(CrossOriginResourcePolicy::KNOWN),
            )
        }
        "X-XSS-Protection" if !known(XXssProtection::SAFE, v, true) => {
            let message = "the legacy XSS auditor can be abused to leak or block page content; send 0 and rely on CSP";
            vec![Finding::new(Rule::XXssProtectionEnabled, header, message).value_is(v)]
        }
        "X-DNS-Prefetch-Control" if !known(XDnsPrefetchControl::KNOWN, v, false) => invalid(
            Rule::XDnsPrefetchControlInvalid,
            &expected(XDnsPrefetchControl::KNOWN),
        ),
        "X-Permitted-Cross-Domain-Policies"
            if !known(XPermittedCrossDomainPolicies::KNOWN, v, true) =>
        {
            invalid(
                Rule::XPermittedCrossDomainPoliciesInvalid,
                &expected(XPermittedCrossDomainPolicies::KNOWN),
            )
        }
        "Origin-Agent-Cluster" if !known(OriginAgentCluster::KNOWN, v, true) => invalid(
            Rule::OriginAgentClusterInvalid,
            &expected(OriginAgentCluster::KNOWN),
        ),
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

/// The parameters of a `Cross-Origin-Opener-Policy`, `Cross-Origin-Embedder-Policy` or
/// `Document-Isolation-Policy` value (or a report-only form's) whose token is known, as
/// Chromium reads them (the browser test
/// `chromium_reads_coop_and_coep_report_to_only_as_a_string`): a value that is not a
/// structured-field item (`Report-To="main"`: a parameter name in capitals) drops the
/// whole header, and `report-to` as a token (`report-to=main`) sends no report, which
/// `reports` says for the headers that report.
fn parameters(header: &str, v: &str, invalid: Rule, reports: bool) -> Vec<Finding> {
    if let Some(detail) = crate::headers::item_fault(v) {
        let message =
            format!("not a structured-field item ({detail}): Chromium drops the whole header");
        return vec![Finding::new(invalid, header, message).value_is(v)];
    }
    match report_to_param(v) {
        Some(g) if reports && !g.starts_with('"') => {
            let message = format!(
                "report-to is read only as a string, report-to=\"{g}\": Chromium ignores the token and sends no report"
            );
            vec![
                Finding::new(Rule::ReportToToken, header, message)
                    .directive_is("report-to")
                    .value_is(g),
            ]
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
    if let Some(name) = ReportingEndpoints::names_in_capitals(value).first() {
        let message = "an endpoint name is a lowercase structured-field key: with a name in capitals the value is no dictionary, and Chromium drops the whole header, so no report reaches any endpoint it declares";
        return vec![
            Finding::new(
                Rule::ReportingEndpointsInvalid,
                REPORTING_ENDPOINTS,
                message,
            )
            .directive_is(name)
            .value_is(name),
        ];
    }
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
