//! Strict-Transport-Security rules, read leniently from the raw value (so that what the
//! typed parser refuses is a finding rather than an error).

use super::{Finding, Rule};

pub(super) const HEADER: &str = "Strict-Transport-Security";

/// One year: the preload list's minimum `max-age`.
const ONE_YEAR: u64 = 31_536_000;
/// Six months: below this, `max-age` is short.
const SIX_MONTHS: u64 = 15_768_000;

/// Lints one `Strict-Transport-Security` value.
pub(super) fn lint(value: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let finding = |rule: Rule, directive: &str, message: &str| {
        Finding::new(rule, HEADER, message).directive_is(directive)
    };
    let mut seen: Vec<String> = Vec::new();
    let mut max_age: Option<Result<u64, String>> = None;
    let (mut include, mut preload) = (false, false);
    for directive in value.split(';') {
        let directive = directive.trim_matches([' ', '\t']);
        if directive.is_empty() {
            continue;
        }
        let (name, arg) = match directive.split_once('=') {
            Some((n, v)) => (
                n.trim_matches([' ', '\t']),
                Some(v.trim_matches([' ', '\t'])),
            ),
            None => (directive, None),
        };
        let lower = name.to_ascii_lowercase();
        if seen.contains(&lower) {
            let message = format!("{name} is given twice; RFC 6797 makes such a header invalid");
            out.push(finding(Rule::HstsDuplicateDirective, name, &message));
            continue;
        }
        seen.push(lower.clone());
        match lower.as_str() {
            "max-age" => {
                let digits = arg.map(|a| {
                    a.strip_prefix('"')
                        .and_then(|a| a.strip_suffix('"'))
                        .unwrap_or(a)
                });
                max_age = Some(match digits {
                    Some(d) if !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) => {
                        // Browsers clamp huge values; what matters here is "long".
                        Ok(d.parse().unwrap_or(u64::MAX))
                    }
                    _ => Err(directive.to_owned()),
                });
            }
            "includesubdomains" => include = true,
            "preload" => preload = true,
            _ => {
                let hint = match lower.as_str() {
                    "maxage" | "max_age" | "max-age:" => " (did you mean max-age?)",
                    "includesubdomain" | "include-subdomains" | "includesubdomains:" => {
                        " (did you mean includeSubDomains?)"
                    }
                    _ => "",
                };
                let message = format!("unknown directive, ignored by browsers{hint}");
                out.push(finding(Rule::HstsUnknownDirective, name, &message).value_is(directive));
            }
        }
    }
    let max_age = match max_age {
        None => {
            out.push(finding(
                Rule::HstsMissingMaxAge,
                "max-age",
                "max-age is required; browsers ignore the header without it",
            ));
            None
        }
        Some(Err(raw)) => {
            out.push(
                finding(
                    Rule::HstsInvalidMaxAge,
                    "max-age",
                    "max-age must be a number of seconds; browsers ignore the header",
                )
                .value_is(&raw),
            );
            None
        }
        Some(Ok(n)) => Some(n),
    };
    if preload && !include {
        let message = crate::headers::strict_transport_security::PreloadFront::Value.explain();
        out.push(finding(
            Rule::HstsPreloadNeedsSubdomains,
            "preload",
            &message,
        ));
    }
    if let Some(n) = max_age {
        let shown = format!("max-age={n}");
        if preload && n < ONE_YEAR {
            out.push(
                finding(
                    Rule::HstsPreloadMaxAge,
                    "preload",
                    "the HSTS preload list requires max-age of at least 31536000 (one year)",
                )
                .value_is(&shown),
            );
        }
        if n == 0 {
            out.push(
                finding(
                    Rule::HstsMaxAgeZero,
                    "max-age",
                    "max-age=0 tells browsers to forget this host's HSTS policy",
                )
                .value_is(&shown),
            );
        } else if n < SIX_MONTHS {
            out.push(
                finding(
                    Rule::HstsShortMaxAge,
                    "max-age",
                    "max-age under six months leaves users exposed between visits; use one year (31536000) or more",
                )
                .value_is(&shown),
            );
        }
    }
    out
}
