//! A proposed policy as the lines of a configuration file and as Rust code: what
//! `secure-headers reports propose --format toml|rust` prints and what the dashboard's
//! copy fields hold (one implementation for both).

/// The policy as a `[csp]` section of a `secure-headers` configuration file (TOML): one
/// key per directive, each value a list of its sources (`true` for a directive without
/// sources), and `replace = true` so that the section is the whole policy rather than
/// additions to the preset's.
///
/// ```
/// use secure_headers_reports::config_toml;
///
/// let toml = config_toml("script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'; upgrade-insecure-requests");
/// assert_eq!(
///     toml,
///     "[csp]\nreplace = true\nscript-src = [\"'nonce-{nonce}'\", \"'strict-dynamic'\"]\nobject-src = [\"'none'\"]\nupgrade-insecure-requests = true\n"
/// );
/// ```
#[must_use]
pub fn config_toml(policy: &str) -> String {
    let mut out = String::from("[csp]\nreplace = true\n");
    for directive in policy.split(';') {
        let mut tokens = directive.split_ascii_whitespace();
        let Some(name) = tokens.next() else { continue };
        let values: Vec<String> = tokens.map(|t| format!("{t:?}")).collect();
        if values.is_empty() {
            out.push_str(&format!("{name} = true\n"));
        } else {
            out.push_str(&format!("{name} = [{}]\n", values.join(", ")));
        }
    }
    out
}

/// Rust code that builds the policy with the typed `secure_headers::ContentSecurityPolicy`
/// builder, one call per directive with typed sources
/// ([`secure_headers::codegen::csp_rust_code`], which `secure-headers show --format rust`
/// uses for a whole set); `'nonce-{nonce}'` is `Source::nonce()`, the slot the middleware
/// fills with each response's nonce. A policy that does not parse is written as its value.
///
/// ```
/// use secure_headers_reports::rust_code;
///
/// let policy = "script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'";
/// assert_eq!(
///     rust_code(policy),
///     "use secure_headers::ContentSecurityPolicy;\nuse secure_headers::csp::Source;\n\n\
///      // Source::nonce() is the per-response nonce the middleware fills in.\n\
///      let csp = ContentSecurityPolicy::new()\n    \
///          .script_src([Source::nonce(), Source::STRICT_DYNAMIC])\n    \
///          .object_src([Source::NONE]);\n"
/// );
/// // The code does what it says: those calls build that policy.
/// use secure_headers::{ContentSecurityPolicy, Policy as _, csp::Source};
/// let csp = ContentSecurityPolicy::new()
///     .script_src([Source::nonce(), Source::STRICT_DYNAMIC])
///     .object_src([Source::NONE]);
/// assert_eq!(csp.render()?, policy);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn rust_code(policy: &str) -> String {
    let parsed = policy
        .parse::<secure_headers::ContentSecurityPolicy>()
        .unwrap_or_else(|_| secure_headers::ContentSecurityPolicy::new().value(policy));
    secure_headers::codegen::csp_rust_code(&parsed)
}
