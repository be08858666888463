//! Permissions-Policy rules.

use crate::PermissionsPolicy;
use crate::permissions_policy::Feature;

use super::{Finding, Rule};

pub(super) const HEADER: &str = "Permissions-Policy";

/// Features that should never be delegated to every origin.
const POWERFUL: [Feature; 12] = [
    Feature::Camera,
    Feature::Microphone,
    Feature::Geolocation,
    Feature::DisplayCapture,
    Feature::Payment,
    Feature::Usb,
    Feature::Serial,
    Feature::Hid,
    Feature::Bluetooth,
    Feature::Midi,
    Feature::PublickeyCredentialsGet,
    Feature::IdentityCredentialsGet,
];

/// Lints a `Permissions-Policy` (or `Permissions-Policy-Report-Only`, `header`) value
/// (several field lines joined with `, `).
pub(super) fn lint(value: &str, header: &str) -> Vec<Finding> {
    let policy: PermissionsPolicy = match value.parse() {
        Ok(p) => p,
        Err(e) => {
            let mut f = Finding::new(Rule::PermissionsInvalid, header, e.to_string());
            if let Some(d) = e.directive() {
                f = f.directive_is(d);
            }
            if let Some(i) = e.input() {
                f = f.value_is(i);
            }
            return vec![f];
        }
    };
    let mut out = Vec::new();
    for group in string_groups(value) {
        let message = format!(
            "report-to=\"{group}\" is the spec's string form, which Chromium ignores (it reads only a token, report-to={group}): these reports go to the endpoint named default"
        );
        out.push(
            Finding::new(Rule::PermissionsReportToString, header, message)
                .directive_is("report-to")
                .value_is(group),
        );
    }
    for (name, allowlist) in policy.features() {
        match name.parse::<Feature>() {
            Err(_) => out.push(
                Finding::new(
                    Rule::PermissionsUnknownFeature,
                    header,
                    "browsers do not know this feature and ignore it",
                )
                .directive_is(name),
            ),
            Ok(feature) if POWERFUL.contains(&feature) && allowlist.is_any() => out.push(
                Finding::new(
                    Rule::PermissionsWildcard,
                    header,
                    "a powerful feature is allowed for every origin, including any embedded frame; list the origins that need it",
                )
                .directive_is(name)
                .value_is("*"),
            ),
            Ok(_) => {}
        }
        if allowlist.allows_src() {
            let message = if allowlist.allows_self() || allowlist.origins().next().is_some() {
                "src means the origin of an iframe's src only in the iframe's allow attribute: \
                 browsers ignore it in this header, and the rest of the allowlist applies"
            } else {
                "src means the origin of an iframe's src only in the iframe's allow attribute: \
                 browsers ignore it in this header, so this allowlist allows no origin, not \
                 even the page's own; an embedded origin that needs the feature is listed by \
                 its origin here and in the iframe's allow attribute"
            };
            out.push(
                Finding::new(Rule::PermissionsSrcInHeader, header, message)
                    .directive_is(name)
                    .value_is("src"),
            );
        }
    }
    out
}

/// The groups of the `report-to` parameters written as strings (`;report-to="g"`).
fn string_groups(value: &str) -> impl Iterator<Item = &str> {
    value
        .match_indices("report-to=\"")
        .filter_map(move |(i, m)| {
            let before = value[..i].trim_end_matches(' ');
            if !before.ends_with(';') {
                return None;
            }
            let rest = &value[i + m.len()..];
            rest.split('"').next()
        })
}
