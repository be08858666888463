//! Referrer-Policy rules.

use super::{Finding, Rule};

pub(super) const HEADER: &str = "Referrer-Policy";

const POLICIES: [&str; 8] = [
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
];

/// Lints a `Referrer-Policy` value (several field lines joined with `, `).
pub(super) fn lint(value: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut effective: Option<&str> = None;
    for token in value.split(',') {
        let token = token.trim_matches([' ', '\t']);
        if token.is_empty() {
            continue;
        }
        let lower = token.to_ascii_lowercase();
        match POLICIES.iter().find(|p| **p == lower) {
            Some(p) => {
                if seen.contains(&lower) {
                    let message = format!("{p} is listed twice");
                    out.push(
                        Finding::new(Rule::ReferrerDuplicateToken, HEADER, message).value_is(token),
                    );
                }
                seen.push(lower);
                effective = Some(p);
            }
            None => {
                out.push(
                    Finding::new(
                        Rule::ReferrerInvalidToken,
                        HEADER,
                        "not a referrer policy; browsers skip it",
                    )
                    .value_is(token),
                );
            }
        }
    }
    match effective {
        None => out.push(Finding::new(
            Rule::ReferrerEmpty,
            HEADER,
            "no known policy token; browsers ignore the header and use strict-origin-when-cross-origin",
        )),
        Some(p @ ("unsafe-url" | "no-referrer-when-downgrade")) => out.push(
            Finding::new(
                Rule::ReferrerUnsafe,
                HEADER,
                "the effective policy sends full URLs (paths, query strings) to other origins; use strict-origin-when-cross-origin or no-referrer",
            )
            .value_is(p),
        ),
        Some(_) => {}
    }
    out
}
