//! `Document-Policy` and `Document-Policy-Report-Only`: a value Chromium would drop, or a
//! member it would ignore.

use super::simple::parse_error;
use super::{Finding, Rule};
use crate::registry::Header;
use crate::{DocumentPolicy, DocumentPolicyReportOnly};

pub(super) const HEADER: &str = DocumentPolicy::INFO.name;

/// Lints a `Document-Policy` value, or its report-only form's when `name` is that.
pub(super) fn lint(value: &str, name: &str) -> Vec<Finding> {
    let parsed = if name == HEADER {
        value.parse::<DocumentPolicy>()
    } else {
        value
            .parse::<DocumentPolicyReportOnly>()
            .map(|p| p.enforce())
    };
    let header = if name == HEADER {
        HEADER
    } else {
        DocumentPolicyReportOnly::INFO.name
    };
    let policy = match parsed {
        Ok(p) => p,
        Err(e) => return vec![parse_error(Rule::DocumentPolicyInvalid, header, &e)],
    };
    policy
        .unavailable_features()
        .map(|f| {
            Finding::new(
                Rule::DocumentPolicyFeatureUnavailable,
                header,
                "Chromium ignores this feature: it is behind a runtime flag, not in a default build, so it is neither enforced nor reported",
            )
            .directive_is(f)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::http::{HeaderMap, HeaderValue};
    use crate::lint::{Rule, lint_headers};

    #[test]
    fn a_value_chromium_drops_is_a_finding_naming_header_feature_and_input() {
        let mut headers = HeaderMap::new();
        let dp = HeaderValue::from_static("js-profiling, oversized-images=big");
        headers.insert("document-policy", dp);
        let ro = HeaderValue::from_static("force-load-at-top=2");
        headers.insert("document-policy-report-only", ro);
        let findings = lint_headers(&headers);
        let ours: Vec<_> = findings
            .iter()
            .filter(|f| f.rule() == Rule::DocumentPolicyInvalid)
            .map(|f| (f.header(), f.directive(), f.value()))
            .collect();
        assert_eq!(
            ours,
            [
                (
                    "Document-Policy",
                    Some("oversized-images"),
                    Some("oversized-images=big")
                ),
                (
                    "Document-Policy-Report-Only",
                    Some("force-load-at-top"),
                    Some("force-load-at-top=2")
                ),
            ]
        );
        let mut good = HeaderMap::new();
        // (`unsized-media=?0` was here: Chromium ignores it, a finding of its own below.)
        let v = HeaderValue::from_static("js-profiling;report-to=p, force-load-at-top");
        good.insert("document-policy", v);
        // Its reporting group is declared (an undeclared one is a finding, below).
        let endpoints = HeaderValue::from_static("p=\"https://r.example/p\"");
        good.insert("reporting-endpoints", endpoints);
        let findings = lint_headers(&good);
        assert!(
            findings
                .iter()
                .all(|f| !f.header().starts_with("Document-Policy")),
            "{findings:?}"
        );
    }

    /// Both the default group (`*;report-to=main`) and a feature's (`;report-to=images`)
    /// are endpoints Reporting-Endpoints must declare, in both forms of the header.
    #[test]
    fn its_reporting_groups_must_be_declared() {
        let mut headers = HeaderMap::new();
        let dp = "oversized-images=2.0;report-to=images, js-profiling, *;report-to=main";
        headers.insert("document-policy", HeaderValue::from_static(dp));
        let ro = "force-load-at-top;report-to=main, *;report-to=Main";
        headers.insert("document-policy-report-only", HeaderValue::from_static(ro));
        let endpoints = "main=\"https://r.example/main\"";
        headers.insert("reporting-endpoints", HeaderValue::from_static(endpoints));
        let undeclared: Vec<_> = lint_headers(&headers)
            .into_iter()
            .filter(|f| f.rule() == Rule::ReportEndpointUndeclared)
            .map(|f| {
                let directive = f.directive().map(str::to_owned);
                (
                    f.header().to_owned(),
                    directive,
                    f.value().map(str::to_owned),
                )
            })
            .collect();
        let finding = |header: &str, directive: &str, group: &str| {
            (
                header.to_owned(),
                Some(directive.to_owned()),
                Some(group.to_owned()),
            )
        };
        assert_eq!(
            undeclared,
            [
                finding("Document-Policy", "oversized-images", "images"),
                finding("Document-Policy-Report-Only", "*", "Main"),
            ]
        );
    }

    /// A report-only feature reports only to its own group or the default one: without
    /// either, nowhere, even with an endpoint named `default` (the browser test
    /// `document_policy_reports_go_only_where_report_to_names`). The enforced header is
    /// not reported: what it blocks is blocked.
    #[test]
    fn report_only_features_without_a_group_report_nowhere() {
        let findings = |dp: &'static str, ro: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert("document-policy", HeaderValue::from_static(dp));
            headers.insert("document-policy-report-only", HeaderValue::from_static(ro));
            let endpoints = "main=\"https://r.example/m\", default=\"https://r.example/d\"";
            headers.insert("reporting-endpoints", HeaderValue::from_static(endpoints));
            lint_headers(&headers)
                .into_iter()
                .filter(|f| f.rule() == Rule::DocumentPolicyReportsNowhere)
                .map(|f| {
                    let directive = f.directive().map(str::to_owned);
                    (f.header().to_owned(), directive, f.message().to_owned())
                })
                .collect::<Vec<_>>()
        };
        let found = findings(
            "js-profiling",
            "js-profiling=?0, unsized-media=?0;report-to=main, force-load-at-top",
        );
        assert_eq!(
            found,
            [(
                "Document-Policy-Report-Only".to_owned(),
                Some("js-profiling".to_owned()),
                "js-profiling, force-load-at-top without report-to, and no default group (*;report-to=group): Chromium sends the reports of this report-only policy to no endpoint, not even one named default".to_owned()
            )]
        );
        assert_eq!(
            findings("js-profiling", "js-profiling=?0, *;report-to=main"),
            []
        );
        assert_eq!(
            findings("js-profiling", "js-profiling=?0;report-to=main"),
            []
        );
    }

    /// The features Chromium keeps behind a runtime flag are reported in the order sent,
    /// in both forms of the header; the ones it honors are not.
    #[test]
    fn features_chromium_ignores_are_reported() {
        let mut headers = HeaderMap::new();
        let dp = "unsized-media=?0, js-profiling, oversized-images=2.0";
        headers.insert("document-policy", HeaderValue::from_static(dp));
        let ro = "lossy-images-max-bpp=0.5;report-to=m, force-load-at-top;report-to=m";
        headers.insert("document-policy-report-only", HeaderValue::from_static(ro));
        let found: Vec<_> = lint_headers(&headers)
            .into_iter()
            .filter(|f| f.rule() == Rule::DocumentPolicyFeatureUnavailable)
            .map(|f| {
                (
                    f.header().to_owned(),
                    f.directive().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        let at = |h: &str, d: &str| (h.to_owned(), d.to_owned());
        assert_eq!(
            found,
            [
                at("Document-Policy", "unsized-media"),
                at("Document-Policy", "oversized-images"),
                at("Document-Policy-Report-Only", "lossy-images-max-bpp"),
            ]
        );
    }
}
