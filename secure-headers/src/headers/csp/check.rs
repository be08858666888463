//! The checks of a directive's values: how much a merge checks, `'none'` alone, and the
//! tokens of directives that are not source lists.

use std::collections::HashSet;
use std::hash::Hash;

use super::HEADER;
use super::directive::{Directive, ValueKind};
use crate::text::{At, clean_token, is_token};
use crate::{Error, ErrorKind};

/// The `sandbox` flags of the HTML standard.
pub(super) const SANDBOX_FLAGS: [&str; 14] = [
    "allow-downloads",
    "allow-forms",
    "allow-modals",
    "allow-orientation-lock",
    "allow-pointer-lock",
    "allow-popups",
    "allow-popups-to-escape-sandbox",
    "allow-presentation",
    "allow-same-origin",
    "allow-scripts",
    "allow-storage-access-by-user-activation",
    "allow-top-navigation",
    "allow-top-navigation-by-user-activation",
    "allow-top-navigation-to-custom-protocols",
];

/// How much a merge checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Check {
    /// The builder's rules: `'none'` alone, exactly one `report-to` group, ...
    Builder,
    /// A received policy, read as browsers read it: what they ignore is kept, not refused.
    Received,
}

/// Appends the items of `incoming` that are not in `existing` yet, in order; an empty
/// `incoming` empties `existing` (the directive becomes valueless, as in `secure`).
pub(super) fn merge_unique<T: Eq + Hash>(existing: &mut Vec<T>, incoming: Vec<T>) {
    if incoming.is_empty() {
        existing.clear();
        return;
    }
    let keep: Vec<bool> = {
        let mut seen: HashSet<&T> = existing.iter().collect();
        incoming.iter().map(|t| seen.insert(t)).collect()
    };
    existing.extend(
        incoming
            .into_iter()
            .zip(keep)
            .filter_map(|(t, keep)| keep.then_some(t)),
    );
}

pub(super) fn join<'a>(tokens: impl Iterator<Item = &'a str>) -> String {
    tokens.collect::<Vec<_>>().join(" ")
}

/// The error for `'none'` mixed with other values.
pub(super) fn none_conflict(directive: &Directive, input: &str, what: &str) -> Error {
    let detail = format!(
        "'none' cannot be combined with other {what}; browsers would ignore it (Python secure emitted it)"
    );
    At::directive(HEADER, directive.as_str())
        .error(ErrorKind::Conflict, input)
        .with_detail(detail)
}

/// Checks one token of a directive that is not a source list.
pub(super) fn check_token(kind: ValueKind, at: At<'_>, input: &str) -> Result<Box<str>, Error> {
    let token = clean_token(at, input)?;
    let lower = token.to_ascii_lowercase();
    let fail = |k: ErrorKind, detail: &str| Err(at.error(k, input).with_detail(detail));
    match kind {
        // A source list is parsed into sources elsewhere; treat stray calls as tokens.
        ValueKind::SourceList | ValueKind::Custom => Ok(token.into()),
        ValueKind::Valueless => fail(ErrorKind::InvalidValue, "this directive takes no value"),
        ValueKind::Sandbox => {
            if SANDBOX_FLAGS.contains(&lower.as_str()) {
                Ok(lower.into())
            } else {
                let detail = format!(
                    "not a sandbox flag; known flags are {}",
                    SANDBOX_FLAGS.join(" ")
                );
                fail(ErrorKind::InvalidValue, &detail)
            }
        }
        ValueKind::ReportTo => {
            if is_token(token) {
                Ok(token.into())
            } else {
                fail(
                    ErrorKind::InvalidToken,
                    "a reporting group name is an RFC 9110 token",
                )
            }
        }
        ValueKind::ReportUri => {
            let uri_char =
                |b: u8| b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+=%".contains(&b);
            if token.bytes().all(uri_char) {
                Ok(token.into())
            } else {
                fail(
                    ErrorKind::InvalidValue,
                    "not a URI reference (percent-encode other characters)",
                )
            }
        }
        ValueKind::Webrtc => match lower.as_str() {
            "'allow'" | "'block'" => Ok(lower.into()),
            "allow" | "block" => fail(ErrorKind::UnquotedKeyword, &format!("use '{lower}'")),
            _ => fail(ErrorKind::InvalidValue, "the value is 'allow' or 'block'"),
        },
        ValueKind::RequireTrustedTypesFor => match lower.as_str() {
            "'script'" => Ok(lower.into()),
            "script" => fail(ErrorKind::UnquotedKeyword, "use 'script'"),
            _ => fail(ErrorKind::InvalidValue, "the only value is 'script'"),
        },
        ValueKind::TrustedTypes => match lower.as_str() {
            "'none'" | "'allow-duplicates'" => Ok(lower.into()),
            "*" => Ok(token.into()),
            "none" => fail(ErrorKind::UnquotedKeyword, "use 'none'"),
            "allow-duplicates" => fail(ErrorKind::UnquotedKeyword, "use 'allow-duplicates'"),
            _ if token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-#=_/@.%".contains(&b)) =>
            {
                Ok(token.into())
            }
            _ => fail(
                ErrorKind::InvalidValue,
                "a policy name is letters, digits and -#=_/@.%, or 'none', 'allow-duplicates' or *",
            ),
        },
    }
}
