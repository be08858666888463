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

/// Rust code that builds the policy as a `secure_headers::ContentSecurityPolicy`: the
/// policy parsed from its value, where `'nonce-{nonce}'` is the slot the middleware fills
/// with each response's nonce.
///
/// ```
/// use secure_headers_reports::rust_code;
///
/// let policy = "script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'";
/// assert_eq!(
///     rust_code(policy),
///     "use secure_headers::ContentSecurityPolicy;\n\n\
///      // `{nonce}` is the per-response nonce the middleware fills in.\n\
///      let csp: ContentSecurityPolicy = \"script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'\".parse()?;\n"
/// );
/// // The code does what it says: the value parses into that policy.
/// use secure_headers::Policy as _;
/// let csp: secure_headers::ContentSecurityPolicy = policy.parse()?;
/// assert_eq!(csp.render()?, policy);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn rust_code(policy: &str) -> String {
    format!(
        "use secure_headers::ContentSecurityPolicy;\n\n\
         // `{{nonce}}` is the per-response nonce the middleware fills in.\n\
         let csp: ContentSecurityPolicy = {policy:?}.parse()?;\n"
    )
}
