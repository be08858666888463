//! Rules across headers: headers that contradict or need each other, and the important
//! headers that are missing.

use super::csp::{HEADER as CSP, REPORT_ONLY_HEADER as CSP_RO, directive_values};
use super::simple::report_to_param;
use super::{Finding, Rule};
use crate::registry::with_report_only;

const XFO: &str = "X-Frame-Options";
const COEP: &str = "Cross-Origin-Embedder-Policy";
const CORP: &str = "Cross-Origin-Resource-Policy";
const DIP: &str = "Document-Isolation-Policy";
const PP: &str = "Permissions-Policy";

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

    // Chromium enforces Document-Isolation-Policy but sends no report for it, in either
    // form (the browser test chromium_enforces_document_isolation_policy_and_sends_no_report).
    for header in with_report_only(DIP) {
        for value in values(header) {
            let group = report_to_param(value).map(|g| g.trim_matches('"'));
            let message = if header == DIP {
                let Some(_) = group else { continue };
                "Chromium enforces this policy but sends no report for it: report-to names where reports will go once browsers send them, and nothing arrives there now"
            } else {
                "Chromium sends no report for Document-Isolation-Policy, and a report-only policy neither enforces nor reports: this header has no effect in any browser today"
            };
            let finding = Finding::new(Rule::DipSendsNoReports, header, message);
            out.push(match group {
                Some(g) => finding.directive_is("report-to").value_is(g),
                None => finding,
            });
        }
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
    for header in with_report_only(CSP) {
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

    // Endpoints named by the other reporting headers, in their enforced and report-only
    // forms.
    let mut named: Vec<(&str, String, String)> = Vec::new();
    for header in with_report_only("Integrity-Policy") {
        for value in values(header) {
            if let Ok(p) = value.parse::<crate::IntegrityPolicy>() {
                named.extend(
                    p.endpoints()
                        .map(|e| (header, "endpoints".to_owned(), e.to_owned())),
                );
            }
        }
    }
    for header in with_report_only(PP) {
        for value in values(header) {
            let Ok(p) = value.parse::<crate::PermissionsPolicy>() else {
                continue;
            };
            named.extend(
                p.reporting_groups()
                    .map(|(feature, g)| (header, feature.to_owned(), g.to_owned())),
            );
            // Without report-to, a feature reports to the endpoint named `default`.
            let unrouted: Vec<&str> = p
                .features()
                .map(|(f, _)| f)
                .filter(|f| p.reporting_group(f).is_none())
                .collect();
            if header != PP && !unrouted.is_empty() && !declared.iter().any(|d| d == "default") {
                let message = format!(
                    "{} without report-to, and no Reporting-Endpoints entry named default: what this report-only policy would block is reported nowhere",
                    unrouted.join(", ")
                );
                out.push(
                    Finding::new(Rule::PermissionsReportsNowhere, header, message)
                        .directive_is(unrouted[0]),
                );
            }
        }
    }
    for header in with_report_only(super::document_policy::HEADER) {
        for value in values(header) {
            let Ok(p) = value.parse::<crate::DocumentPolicy>() else {
                continue;
            };
            named.extend(
                p.reporting_groups()
                    .map(|(directive, g)| (header, directive.to_owned(), g.to_owned())),
            );
            // Chromium sends a feature's reports to its own group or the default one
            // (`*;report-to=`), and without either to none (not to `default`).
            let unrouted: Vec<&str> = p.features_without_group().collect();
            if header != super::document_policy::HEADER
                && p.default_report_to().is_none()
                && !unrouted.is_empty()
            {
                let message = format!(
                    "{} without report-to, and no default group (*;report-to=group): Chromium sends the reports of this report-only policy to no endpoint, not even one named default",
                    unrouted.join(", ")
                );
                out.push(
                    Finding::new(Rule::DocumentPolicyReportsNowhere, header, message)
                        .directive_is(unrouted[0]),
                );
            }
        }
    }
    let single = [COEP, "Cross-Origin-Opener-Policy", DIP]
        .into_iter()
        .flat_map(with_report_only);
    for header in single {
        for value in values(header) {
            let group = report_to_param(value).map(|g| g.trim_matches('"').to_owned());
            named.extend(group.map(|g| (header, "report-to".to_owned(), g)));
        }
    }
    for (header, directive, name) in named {
        if !declared.contains(&name) {
            let message = format!(
                "{directive} names the endpoint {name}, but no Reporting-Endpoints header declares it (names are case-sensitive), so its reports are dropped"
            );
            out.push(
                Finding::new(Rule::ReportEndpointUndeclared, header, message)
                    .directive_is(&directive)
                    .value_is(&name),
            );
        }
    }

    // NEL reports only through the groups of Report-To.
    let groups = super::nel::declared_groups(&values(super::nel::REPORT_TO));
    for group in super::nel::nel_groups(&values(super::nel::NEL)) {
        if groups.contains(&group) {
            continue;
        }
        let message = if declared.contains(&group) {
            format!(
                "report_to names {group}, which only Reporting-Endpoints declares; NEL reports only through the groups of a Report-To header, so no network error is reported"
            )
        } else {
            format!(
                "report_to names {group}, but no Report-To header declares that group, so no network error is reported"
            )
        };
        out.push(
            Finding::new(Rule::NelGroupUndeclared, super::nel::NEL, message)
                .directive_is("report_to")
                .value_is(&group),
        );
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
