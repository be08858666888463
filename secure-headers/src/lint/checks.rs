//! The checks [`SecureBuilder::build`](crate::SecureBuilder::build) runs whatever the
//! features: the rules of [`Severity::Error`](super::Severity::Error), whose headers
//! browsers would ignore or which break a hard requirement. The full linter (the `lint`
//! feature) reports the same findings through these functions.

use super::{Finding, Rule, hsts};

/// A `'nonce-…'` source with fewer than 128 bits of randomness (22 base64 characters). In
/// a received response, the unfilled slot `'nonce-{nonce}'` is one of them.
pub(crate) fn nonce_too_short(header: &str, directive: &str, value: &str) -> Option<Finding> {
    let nonce = nonce_of(value)?;
    let len = nonce.trim_end_matches('=').len();
    (len < 22).then(|| {
        let message = format!(
            "a nonce needs at least 128 bits of randomness (22 base64 characters); this one has {len}"
        );
        Finding::new(Rule::CspNonceTooShort, header, message)
            .directive_is(directive)
            .value_is(value)
    })
}

/// The first finding of severity error in rendered headers, for `build()`.
pub(crate) fn errors(pairs: &[(&str, &str)]) -> Option<Finding> {
    for (name, value) in pairs {
        let csp = name.eq_ignore_ascii_case("content-security-policy")
            || name.eq_ignore_ascii_case("content-security-policy-report-only");
        if !csp {
            continue;
        }
        for (directive, tokens) in directives(value) {
            let directive = directive.to_ascii_lowercase();
            // In a configuration the slot `'nonce-{nonce}'` is each request's nonce.
            let mut sources = tokens.filter(|t| *t != crate::nonce::NONCE_SOURCE);
            if let Some(f) = sources.find_map(|t| nonce_too_short(name, &directive, t)) {
                return Some(f);
            }
        }
    }
    let hsts = pairs
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(hsts::HEADER))?;
    hsts::lint(hsts.1)
        .into_iter()
        .find(|f| f.severity() == super::Severity::Error)
}

/// Whitespace as JavaScript's `\s` and `trim()` see it (CSP Evaluator splits on it).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// The directives of a policy, split as CSP Evaluator splits them (on `;`, then on
/// whitespace): each directive's name as written, and its values. Empty directives are
/// skipped.
pub(crate) fn directives(value: &str) -> impl Iterator<Item = (&str, impl Iterator<Item = &str>)> {
    value.split(';').filter_map(|directive| {
        let mut parts = directive.split(is_space).filter(|p| !p.is_empty());
        parts.next().map(|name| (name, parts))
    })
}

/// The nonce of `'nonce-…'` (any characters but line breaks), if `value` is one.
pub(crate) fn nonce_of(value: &str) -> Option<&str> {
    let inner = value.strip_prefix("'nonce-")?.strip_suffix('\'')?;
    (!inner.is_empty() && !inner.contains(['\n', '\r', '\u{2028}', '\u{2029}'])).then_some(inner)
}
