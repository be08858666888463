//! `Integrity-Policy` and `Integrity-Policy-Report-Only`.

use super::simple::parse_error;
use super::{Finding, Rule};
use crate::headers::integrity_policy::{DESTINATIONS, SOURCES};
use crate::{IntegrityPolicy, IntegrityPolicyReportOnly, Policy};

/// Lints an `Integrity-Policy` (or, with `report_only`, its report-only form) value.
pub(super) fn lint(value: &str, report_only: bool) -> Vec<Finding> {
    let parsed = if report_only {
        value
            .parse::<IntegrityPolicyReportOnly>()
            .map(IntegrityPolicyReportOnly::enforce)
    } else {
        value.parse::<IntegrityPolicy>()
    };
    let header = if report_only {
        IntegrityPolicyReportOnly::new().name().to_owned()
    } else {
        IntegrityPolicy::new().name().to_owned()
    };
    let policy = match parsed {
        Ok(p) => p,
        Err(e) => return vec![parse_error(Rule::IntegrityPolicyInvalid, &header, &e)],
    };
    let mut out = Vec::new();
    if policy.destinations().len() == 0 {
        let message = "blocked-destinations is empty or missing: the policy checks nothing; list (script) at least";
        out.push(
            Finding::new(Rule::IntegrityPolicyChecksNothing, &header, message)
                .directive_is("blocked-destinations"),
        );
    }
    for d in policy.destinations().filter(|d| !DESTINATIONS.contains(d)) {
        let message = format!(
            "browsers ignore the destination {d}; they know {}",
            DESTINATIONS.join(" and ")
        );
        out.push(
            Finding::new(Rule::IntegrityPolicyUnknownToken, &header, message)
                .directive_is("blocked-destinations")
                .value_is(d),
        );
    }
    for s in policy.source_list().unwrap_or_default() {
        if !SOURCES.contains(&s) {
            let message = format!("browsers ignore the source {s}; they know only inline");
            out.push(
                Finding::new(Rule::IntegrityPolicyUnknownToken, &header, message)
                    .directive_is("sources")
                    .value_is(s),
            );
        }
    }
    if report_only && policy.endpoints().len() == 0 {
        let message = "a report-only policy without endpoints reports nowhere (only a ReportingObserver in the page sees it)";
        out.push(
            Finding::new(Rule::IntegrityPolicyReportsNowhere, &header, message)
                .directive_is("endpoints"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::lint_headers;
    use super::*;

    fn found(pairs: &[(&str, &str)]) -> Vec<(Rule, String, Option<String>)> {
        let mut map = http::HeaderMap::new();
        for (n, v) in pairs {
            map.append(
                http::HeaderName::from_bytes(n.as_bytes()).unwrap(),
                http::HeaderValue::from_str(v).unwrap(),
            );
        }
        lint_headers(&map)
            .into_iter()
            .filter(|f| {
                f.header().starts_with("Integrity") || f.rule() == Rule::ReportEndpointUndeclared
            })
            .map(|f| {
                (
                    f.rule(),
                    f.header().to_owned(),
                    f.value().map(str::to_owned),
                )
            })
            .collect()
    }

    #[test]
    fn a_complete_policy_has_no_finding() {
        assert_eq!(
            found(&[
                (
                    "integrity-policy",
                    "blocked-destinations=(script style), endpoints=(ip)"
                ),
                (
                    "integrity-policy-report-only",
                    "blocked-destinations=(script), endpoints=(ip)"
                ),
                ("reporting-endpoints", "ip=\"https://r.example/ip\""),
                (
                    "cross-origin-opener-policy",
                    "same-origin; report-to=\"ip\""
                ),
            ]),
            []
        );
    }

    #[test]
    fn document_isolation_policy_rules() {
        let mut map = http::HeaderMap::new();
        map.insert(
            "document-isolation-policy",
            "isolate-and-credentialless; report-to=\"dip\""
                .parse()
                .unwrap(),
        );
        map.insert(
            "document-isolation-policy-report-only",
            "isolate".parse().unwrap(),
        );
        map.insert(
            "cross-origin-embedder-policy",
            "require-corp".parse().unwrap(),
        );
        let rules: Vec<(Rule, String)> = lint_headers(&map)
            .into_iter()
            .filter(|f| f.header().starts_with("Document"))
            .map(|f| (f.rule(), f.value().unwrap_or_default().to_owned()))
            .collect();
        assert_eq!(
            rules,
            [
                (Rule::DipInvalid, "isolate".into()),
                (
                    Rule::DipCredentiallessUnderRequireCorp,
                    "isolate-and-credentialless".into()
                ),
                (Rule::DipSendsNoReports, "dip".into()),
                (Rule::DipSendsNoReports, String::new()),
                (Rule::ReportEndpointUndeclared, "dip".into()),
            ]
        );
    }

    #[test]
    fn each_rule() {
        let ip = "Integrity-Policy".to_owned();
        let ro = "Integrity-Policy-Report-Only".to_owned();
        assert_eq!(
            found(&[("integrity-policy", "blocked-destinations=script")]),
            [(
                Rule::IntegrityPolicyInvalid,
                ip.clone(),
                Some("blocked-destinations=script".into())
            )]
        );
        assert_eq!(
            found(&[("integrity-policy", "endpoints=(Ip), sources=(hash)")]),
            [
                (Rule::IntegrityPolicyChecksNothing, ip.clone(), None),
                (
                    Rule::IntegrityPolicyUnknownToken,
                    ip.clone(),
                    Some("hash".into())
                ),
                (Rule::ReportEndpointUndeclared, ip, Some("Ip".into())),
            ]
        );
        assert_eq!(
            found(&[
                (
                    "integrity-policy-report-only",
                    "blocked-destinations=(script image)"
                ),
                ("reporting-endpoints", "ip=\"https://r.example/ip\""),
                (
                    "cross-origin-embedder-policy",
                    "require-corp; report-to=coep"
                ),
            ]),
            [
                (
                    Rule::IntegrityPolicyUnknownToken,
                    ro.clone(),
                    Some("image".into())
                ),
                (Rule::IntegrityPolicyReportsNowhere, ro, None),
                (
                    Rule::ReportEndpointUndeclared,
                    "Cross-Origin-Embedder-Policy".into(),
                    Some("coep".into())
                ),
            ]
        );
    }
}
