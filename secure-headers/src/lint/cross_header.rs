//! Rules across headers: headers that contradict or need each other, and the important
//! headers that are missing.

use super::csp::{HEADER as CSP, REPORT_ONLY_HEADER as CSP_RO, directive_values};
use super::{Finding, Rule};

const XFO: &str = "X-Frame-Options";
const COEP: &str = "Cross-Origin-Embedder-Policy";
const CORP: &str = "Cross-Origin-Resource-Policy";
const DIP: &str = "Document-Isolation-Policy";

/// Lints the set of headers as a whole.
pub(super) fn lint(pairs: &[(&str, &str)]) -> Vec<Finding> {
    let values = |name: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
            .collect()
    };
    let has = |name: &str| pairs.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    let mut out = Vec::new();
    let csps = values(CSP);

    // X-Frame-Options against frame-ancestors.
    let ancestors = csps
        .iter()
        .find_map(|v| directive_values(v, "frame-ancestors"));
    let xfo = values(XFO).first().map(|v| v.trim_matches([' ', '\t']));
    match (xfo, &ancestors) {
        (Some(x), Some(fa)) => {
            let expected = if x.eq_ignore_ascii_case("DENY") {
                Some("'none'")
            } else if x.eq_ignore_ascii_case("SAMEORIGIN") {
                Some("'self'")
            } else {
                None
            };
            if let Some(expected) = expected
                && !(fa.len() == 1 && fa[0] == expected)
            {
                let message = format!(
                    "X-Frame-Options {x} says {expected}, but frame-ancestors is \"{}\"; browsers that know frame-ancestors obey it and ignore X-Frame-Options, older ones do the opposite",
                    fa.join(" ")
                );
                out.push(Finding::new(Rule::XfoFrameAncestorsMismatch, XFO, message).value_is(x));
            }
        }
        (None, None) => out.push(
            Finding::new(
                Rule::MissingFramingProtection,
                CSP,
                "neither X-Frame-Options nor frame-ancestors: any site can frame the page (clickjacking); set frame-ancestors 'self' or 'none'",
            )
            .directive_is("frame-ancestors"),
        ),
        _ => {}
    }

    // COEP without CORP.
    if let Some(coep) = values(COEP).first() {
        let token = coep
            .split(';')
            .next()
            .unwrap_or_default()
            .trim_matches([' ', '\t']);
        if token == "require-corp" && !has(CORP) {
            out.push(
                Finding::new(
                    Rule::CoepWithoutCorp,
                    COEP,
                    "require-corp without Cross-Origin-Resource-Policy: these responses, loaded as subresources by another origin that requires CORP (a CDN, a subdomain), are blocked; send Cross-Origin-Resource-Policy too",
                )
                .value_is(token),
            );
        }
    }

    // Document-Isolation-Policy against COEP.
    let token = |v: &&str| {
        v.split(';')
            .next()
            .unwrap_or_default()
            .trim_matches([' ', '\t'])
            .to_ascii_lowercase()
    };
    let dip = values(DIP).first().map(token);
    let coep = values(COEP).first().map(token);
    if dip.as_deref() == Some("isolate-and-credentialless")
        && coep.as_deref() == Some("require-corp")
    {
        out.push(
            Finding::new(
                Rule::DipCredentiallessUnderRequireCorp,
                DIP,
                "isolate-and-credentialless next to Cross-Origin-Embedder-Policy: require-corp: COEP still blocks every cross-origin subresource without Cross-Origin-Resource-Policy or CORS, so credentialless relaxes nothing; use COEP credentialless too, or isolate-and-require-corp",
            )
            .value_is("isolate-and-credentialless"),
        );
    }

    // Reporting.
    // Reporting-Endpoints keys are lowercase: a name is declared only as written there.
    let declared: Vec<String> = values("Reporting-Endpoints")
        .iter()
        .flat_map(|v| v.split(','))
        .filter_map(|m| m.split('=').next())
        .map(|k| k.trim_matches([' ', '\t']).to_owned())
        .collect();
    let endpoints: Vec<String> = declared.iter().map(|k| k.to_ascii_lowercase()).collect();
    let legacy_report_to = has("Report-To");
    for header in [CSP, CSP_RO] {
        for value in values(header) {
            let report_to = directive_values(value, "report-to").unwrap_or_default();
            for group in &report_to {
                if !legacy_report_to && !endpoints.contains(&group.to_ascii_lowercase()) {
                    let message = format!(
                        "report-to names the group {group}, but no Reporting-Endpoints header declares it, so no report is sent"
                    );
                    out.push(
                        Finding::new(Rule::CspReportToWithoutEndpoints, header, message)
                            .directive_is("report-to")
                            .value_is(group),
                    );
                }
            }
            let report_uri = directive_values(value, "report-uri").unwrap_or_default();
            if header == CSP_RO && report_to.is_empty() && report_uri.is_empty() {
                out.push(Finding::new(
                    Rule::CspReportOnlyWithoutReporting,
                    header,
                    "a report-only policy without report-uri or report-to neither enforces nor reports anything",
                ));
            }
        }
    }

    // Endpoints named by the other reporting headers.
    let mut named: Vec<(&str, &str, String)> = Vec::new();
    for header in ["Integrity-Policy", "Integrity-Policy-Report-Only"] {
        for value in values(header) {
            if let Ok(p) = value.parse::<crate::IntegrityPolicy>() {
                named.extend(p.endpoints().map(|e| (header, "endpoints", e.to_owned())));
            }
        }
    }
    for header in [
        COEP,
        "Cross-Origin-Opener-Policy",
        "Cross-Origin-Embedder-Policy-Report-Only",
        "Cross-Origin-Opener-Policy-Report-Only",
        DIP,
        "Document-Isolation-Policy-Report-Only",
    ] {
        for value in values(header) {
            let group = value.split(';').skip(1).find_map(|p| {
                let (k, v) = p.split_once('=')?;
                k.trim_matches([' ', '\t'])
                    .eq_ignore_ascii_case("report-to")
                    .then(|| v.trim_matches([' ', '\t', '"']).to_owned())
            });
            named.extend(group.map(|g| (header, "report-to", g)));
        }
    }
    for (header, directive, name) in named {
        if !declared.contains(&name) {
            let message = format!(
                "{directive} names the endpoint {name}, but no Reporting-Endpoints header declares it (names are case-sensitive), so its reports are dropped"
            );
            out.push(
                Finding::new(Rule::ReportEndpointUndeclared, header, message)
                    .directive_is(directive)
                    .value_is(&name),
            );
        }
    }

    // Missing headers.
    for (name, rule, message) in [
        (
            CSP,
            Rule::MissingCsp,
            "no Content-Security-Policy: injected scripts run unrestricted",
        ),
        (
            "Strict-Transport-Security",
            Rule::MissingHsts,
            "no Strict-Transport-Security: the first request of every visit can be downgraded to HTTP",
        ),
        (
            "X-Content-Type-Options",
            Rule::MissingXcto,
            "no X-Content-Type-Options: nosniff: browsers may sniff responses into scripts or styles",
        ),
        (
            "Referrer-Policy",
            Rule::MissingReferrerPolicy,
            "no Referrer-Policy: browsers use strict-origin-when-cross-origin; state the policy you want",
        ),
    ] {
        if !has(name) {
            out.push(Finding::new(rule, name, message));
        }
    }
    out
}
