//! Policy versions: a policy as reported, with its nonces taken out.

use sha2::{Digest, Sha256};

/// The policy with every nonce source replaced by `'nonce-{nonce}'` (the placeholder
/// this library's middleware fills in per response), and its whitespace and
/// directive separators normalized: policies that differ only in their nonces (one per
/// response) are one version.
///
/// ```
/// use secure_headers_reports::normalize_policy;
///
/// assert_eq!(
///     normalize_policy("script-src 'nonce-abc123' 'strict-dynamic';  object-src 'none'"),
///     "script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'",
/// );
/// assert_eq!(normalize_policy("script-src 'NONCE-xyz'"), normalize_policy("script-src 'nonce-q'"));
/// ```
#[must_use]
pub fn normalize_policy(policy: &str) -> String {
    let directives: Vec<String> = policy
        .split(';')
        .map(|d| {
            d.split_ascii_whitespace()
                .map(|token| {
                    if token.len() > 7 && token[..7].eq_ignore_ascii_case("'nonce-") {
                        "'nonce-{nonce}'"
                    } else {
                        token
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|d| !d.is_empty())
        .collect();
    directives.join("; ")
}

/// The version id of a normalized policy: 16 hex digits of its SHA-256.
pub(crate) fn version_id(normalized: &str) -> String {
    if normalized.is_empty() {
        return String::new();
    }
    hex16(&Sha256::digest(normalized.as_bytes()))
}

pub(crate) fn hex16(digest: &[u8]) -> String {
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}
