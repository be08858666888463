//! `NEL` and `Report-To` rules (the group that `NEL` names is checked across headers).

use crate::{Nel, ReportTo};

use super::simple::parse_error;
use super::{Finding, Rule};

pub(super) const NEL: &str = "NEL";
pub(super) const REPORT_TO: &str = "Report-To";

/// The members of the objects of `NEL` and `Report-To`.
const KNOWN: [&str; 12] = [
    "report_to",
    "max_age",
    "include_subdomains",
    "success_fraction",
    "failure_fraction",
    "request_headers",
    "response_headers",
    "group",
    "endpoints",
    "url",
    "priority",
    "weight",
];

/// A finding for each member browsers ignore, with the known one it may be a typo of.
fn unknown<'a>(header: &str, names: impl Iterator<Item = &'a str>) -> Vec<Finding> {
    names
        .map(|name| {
            let mut message = format!("browsers ignore the member {name}");
            if let Some(known) = crate::text::closest(name, KNOWN) {
                message.push_str(&format!("; did you mean {known}?"));
            }
            Finding::new(Rule::NelUnknownMember, header, message).directive_is(name)
        })
        .collect()
}

/// Lints a `Report-To` value (several field lines joined with `, `).
pub(super) fn lint_report_to(value: &str) -> Vec<Finding> {
    match value.parse::<ReportTo>() {
        Ok(r) => unknown(REPORT_TO, r.groups().flat_map(|g| g.unknown_members())),
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
    let mut out = unknown(NEL, nel.unknown_members());
    if nel.fractions().1 == Some(0.0) {
        out.push(
            Finding::new(
                Rule::NelReportsNoFailure,
                NEL,
                "failure_fraction 0: no network error is reported; NEL is for failures (the default is 1.0)",
            )
            .directive_is("failure_fraction"),
        );
    }
    out
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

#[cfg(test)]
mod tests {
    use super::super::lint_headers;
    use super::*;

    /// The findings of these headers' rules: (rule, header, directive, value).
    fn found(pairs: &[(&str, &str)]) -> Vec<(Rule, String, Option<String>, Option<String>)> {
        let mut map = http::HeaderMap::new();
        for (n, v) in pairs {
            map.append(
                http::HeaderName::from_bytes(n.as_bytes()).unwrap(),
                http::HeaderValue::from_str(v).unwrap(),
            );
        }
        let ours = [
            Rule::NelInvalid,
            Rule::NelGroupUndeclared,
            Rule::NelReportsNoFailure,
            Rule::NelUnknownMember,
            Rule::ReportToInvalid,
            Rule::ReportToInsecureEndpoint,
            Rule::ReportEndpointUndeclared,
            Rule::PermissionsReportsNowhere,
            Rule::PermissionsReportToString,
            Rule::PermissionsInvalid,
            Rule::PermissionsUnknownFeature,
        ];
        lint_headers(&map)
            .into_iter()
            .filter(|f| ours.contains(&f.rule()))
            .map(|f| {
                (
                    f.rule(),
                    f.header().to_owned(),
                    f.directive().map(str::to_owned),
                    f.value().map(str::to_owned),
                )
            })
            .collect()
    }

    const REPORT_TO_NEL: &str =
        r#"{"group":"nel","max_age":86400,"endpoints":[{"url":"https://r.example/nel"}]}"#;

    #[test]
    fn nel_with_its_report_to_group_has_no_finding() {
        assert_eq!(
            found(&[
                ("report-to", REPORT_TO_NEL),
                ("nel", r#"{"report_to":"nel","max_age":86400}"#),
            ]),
            []
        );
    }

    #[test]
    fn nel_group_declared_only_in_reporting_endpoints_is_a_finding() {
        let got = found(&[
            ("reporting-endpoints", r#"nel="https://r.example/nel""#),
            ("nel", r#"{"report_to":"nel","max_age":86400}"#),
        ]);
        assert_eq!(
            got,
            [(
                Rule::NelGroupUndeclared,
                "NEL".to_owned(),
                Some("report_to".to_owned()),
                Some("nel".to_owned())
            )]
        );
        let mut map = http::HeaderMap::new();
        map.insert(
            "reporting-endpoints",
            r#"nel="https://r.example/nel""#.parse().unwrap(),
        );
        map.insert(
            "nel",
            r#"{"report_to":"nel","max_age":86400}"#.parse().unwrap(),
        );
        let f = lint_headers(&map)
            .into_iter()
            .find(|f| f.rule() == Rule::NelGroupUndeclared)
            .unwrap();
        assert!(
            f.message().contains("only Reporting-Endpoints declares"),
            "{}",
            f.message()
        );
        // A group of another name in Report-To does not help.
        assert_eq!(
            found(&[
                ("report-to", REPORT_TO_NEL),
                ("nel", r#"{"report_to":"network","max_age":1}"#),
            ]),
            [(
                Rule::NelGroupUndeclared,
                "NEL".to_owned(),
                Some("report_to".to_owned()),
                Some("network".to_owned())
            )]
        );
    }

    #[test]
    fn nel_and_report_to_values() {
        assert_eq!(
            found(&[
                (
                    "report-to",
                    r#"{"group":"nel","max_age":1,"endpoints":[{"url":"http://r.example/nel"}]}"#
                ),
                (
                    "nel",
                    r#"{"report_to":"nel","max_age":1,"failure_fraction":0.0}"#
                ),
            ]),
            [
                (
                    Rule::ReportToInsecureEndpoint,
                    "Report-To".to_owned(),
                    Some("url".to_owned()),
                    Some("http://r.example/nel".to_owned())
                ),
                (
                    Rule::NelReportsNoFailure,
                    "NEL".to_owned(),
                    Some("failure_fraction".to_owned()),
                    None
                ),
                (
                    Rule::NelGroupUndeclared,
                    "NEL".to_owned(),
                    Some("report_to".to_owned()),
                    Some("nel".to_owned())
                ),
            ]
        );
        assert_eq!(
            found(&[("report-to", "{"), ("nel", "report_to=nel")]),
            [
                (
                    Rule::ReportToInvalid,
                    "Report-To".to_owned(),
                    None,
                    Some(String::new())
                ),
                (
                    Rule::NelInvalid,
                    "NEL".to_owned(),
                    None,
                    Some("r".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn unknown_members_are_named_with_the_known_one_they_resemble() {
        let mut map = http::HeaderMap::new();
        map.insert(
            "report-to",
            r#"{"group":"nel","max_age":1,"endpoints":[{"url":"https://r.example/","wieght":2}]}"#
                .parse()
                .unwrap(),
        );
        map.insert(
            "nel",
            r#"{"report_to":"nel","max_age":1,"failure-fraction":0.5,"colour":1}"#
                .parse()
                .unwrap(),
        );
        let got: Vec<(String, String, String)> = lint_headers(&map)
            .into_iter()
            .filter(|f| f.rule() == Rule::NelUnknownMember)
            .map(|f| {
                (
                    f.header().to_owned(),
                    f.directive().unwrap().to_owned(),
                    f.message().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Report-To".to_owned(),
                    "wieght".to_owned(),
                    "browsers ignore the member wieght; did you mean weight?".to_owned()
                ),
                (
                    "NEL".to_owned(),
                    "failure-fraction".to_owned(),
                    "browsers ignore the member failure-fraction; did you mean failure_fraction?"
                        .to_owned()
                ),
                (
                    "NEL".to_owned(),
                    "colour".to_owned(),
                    "browsers ignore the member colour".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn permissions_report_to_names_are_checked() {
        let pp = "Permissions-Policy".to_owned();
        let ro = "Permissions-Policy-Report-Only".to_owned();
        assert_eq!(
            found(&[
                ("reporting-endpoints", r#"pp="https://r.example/pp""#),
                ("permissions-policy", "camera=();report-to=pp, usb=()"),
                ("permissions-policy-report-only", "camera=();report-to=pp"),
            ]),
            []
        );
        assert_eq!(
            found(&[
                ("reporting-endpoints", r#"pp="https://r.example/pp""#),
                ("permissions-policy", "camera=();report-to=PP"),
                (
                    "permissions-policy-report-only",
                    "camera=();report-to=main, usb=(), midi=(), vibrate=()"
                ),
            ]),
            [
                (
                    Rule::PermissionsUnknownFeature,
                    ro.clone(),
                    Some("vibrate".to_owned()),
                    None
                ),
                (
                    Rule::PermissionsReportsNowhere,
                    ro.clone(),
                    Some("usb".to_owned()),
                    None
                ),
                (
                    Rule::ReportEndpointUndeclared,
                    pp.clone(),
                    Some("camera".to_owned()),
                    Some("PP".to_owned())
                ),
                (
                    Rule::ReportEndpointUndeclared,
                    ro.clone(),
                    Some("camera".to_owned()),
                    Some("main".to_owned())
                ),
            ]
        );
        // Features without report-to report to `default` when it is declared.
        assert_eq!(
            found(&[
                ("reporting-endpoints", r#"default="https://r.example/r""#),
                ("permissions-policy-report-only", "usb=()"),
            ]),
            []
        );
        assert_eq!(
            found(&[
                ("reporting-endpoints", r#"pp="https://r.example/pp""#),
                (
                    "permissions-policy",
                    r#"camera=(); report-to="pp", usb=(self)"#
                ),
            ]),
            [(
                Rule::PermissionsReportToString,
                pp,
                Some("report-to".to_owned()),
                Some("pp".to_owned())
            )]
        );
        assert_eq!(
            found(&[("permissions-policy-report-only", "usb=();foo=1")]),
            [(
                Rule::PermissionsInvalid,
                ro,
                Some("usb".to_owned()),
                Some("foo=1".to_owned())
            )]
        );
    }
}
