//! `Document-Policy` and `Document-Policy-Report-Only`: a value Chromium would drop.

use super::simple::parse_error;
use super::{Finding, Rule};
use crate::registry::Header;
use crate::{DocumentPolicy, DocumentPolicyReportOnly};

pub(super) const HEADER: &str = DocumentPolicy::INFO.name;

/// Lints a `Document-Policy` value, or its report-only form's when `name` is that.
pub(super) fn lint(value: &str, name: &str) -> Vec<Finding> {
    let parsed = if name == HEADER {
        value.parse::<DocumentPolicy>().err()
    } else {
        value.parse::<DocumentPolicyReportOnly>().err()
    };
    let header = if name == HEADER {
        HEADER
    } else {
        DocumentPolicyReportOnly::INFO.name
    };
    parsed
        .map(|e| parse_error(Rule::DocumentPolicyInvalid, header, &e))
        .into_iter()
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
        let v = HeaderValue::from_static("js-profiling;report-to=p, unsized-media=?0");
        good.insert("document-policy", v);
        let findings = lint_headers(&good);
        assert!(
            findings
                .iter()
                .all(|f| !f.header().starts_with("Document-Policy")),
            "{findings:?}"
        );
    }
}
