//! `NEL` and `Report-To` rules (the group that `NEL` names is checked across headers).

use crate::{Nel, ReportTo};

use super::simple::parse_error;
use super::{Finding, Rule};

pub(super) const NEL: &str = "NEL";
pub(super) const REPORT_TO: &str = "Report-To";

/// Lints a `Report-To` value (several field lines joined with `, `).
pub(super) fn lint_report_to(value: &str) -> Vec<Finding> {
    match value.parse::<ReportTo>() {
        Ok(_) => Vec::new(),
        Err(e) => {
            let insecure = e.directive() == Some("url")
                && e.input()
                    .and_then(|u| u.get(..7))
                    .is_some_and(|s| s.eq_ignore_ascii_case("http://"));
            if insecure {
                let f = Finding::new(
                    Rule::ReportToInsecureEndpoint,
                    REPORT_TO,
                    "a Report-To endpoint over plain http: browsers send reports only to secure endpoints",
                )
                .directive_is("url");
                return vec![match e.input() {
                    Some(url) => f.value_is(url),
                    None => f,
                }];
            }
            vec![parse_error(Rule::ReportToInvalid, REPORT_TO, &e)]
        }
    }
}

/// Lints one `NEL` value.
pub(super) fn lint_nel(value: &str) -> Vec<Finding> {
    let nel = match value.parse::<Nel>() {
        Ok(n) => n,
        Err(e) => return vec![parse_error(Rule::NelInvalid, NEL, &e)],
    };
    if nel.fractions().1 == Some(0.0) {
        return vec![
            Finding::new(
                Rule::NelReportsNoFailure,
                NEL,
                "failure_fraction 0: no network error is reported; NEL is for failures (the default is 1.0)",
            )
            .directive_is("failure_fraction"),
        ];
    }
    Vec::new()
}

/// The groups the `Report-To` values declare (those that parse).
pub(super) fn declared_groups(values: &[&str]) -> Vec<String> {
    values
        .iter()
        .filter_map(|v| v.parse::<ReportTo>().ok())
        .flat_map(|r| r.groups().map(|g| g.name().to_owned()).collect::<Vec<_>>())
        .collect()
}

/// The group each parsing `NEL` value reports to.
pub(super) fn nel_groups(values: &[&str]) -> Vec<String> {
    values
        .iter()
        .filter_map(|v| v.parse::<Nel>().ok()?.group().map(str::to_owned))
        .collect()
}
