//! `secure-headers init`: a commented starter configuration.

use std::path::Path;
use std::process::ExitCode;

use crate::Fatal;

/// The starter configuration: the Balanced preset, with every section shown commented out.
pub(crate) const TEMPLATE: &str = r#"# secure-headers configuration.
# Load it with `Secure::from_config_file("secure-headers.toml")` or
# `secure-headers show --config secure-headers.toml`.
#
# As written, it gives the Balanced preset exactly. Uncomment and change what you need.

# The base: basic, balanced, strict, or none (no header at all).
preset = "balanced"

# Headers to drop from the result.
# remove = ["Server"]

# The request side (these run in the application, per request):
# when to send HSTS: always (the default) or secure-only (over HTTPS only, RFC 6797).
# hsts-mode = "secure-only"
# Headers removed from the application's own responses.
# remove-headers = ["X-Powered-By"]

# Simple headers take the value as sent:
# x-frame-options = "DENY"
# referrer-policy = "no-referrer"
# cross-origin-embedder-policy = "require-corp"
# cache-control = "no-store, max-age=0"

# Content-Security-Policy, directive by directive. Each key replaces that directive of
# the preset's policy; `false` removes one; `replace = true` starts from an empty policy.
# [csp]
# default-src = ["'self'"]
# script-src = ["'self'", "https://cdn.example.com"]
# img-src = ["'self'", "data:"]
# upgrade-insecure-requests = true
# report-to = "csp"

# A report-only policy, the same way.
# [csp-report-only]
# replace = true
# default-src = ["'self'"]

# Strict-Transport-Security (keys left out keep the preset's).
# [hsts]
# max-age = 63072000
# include-subdomains = true
# preload = false

# Permissions-Policy, feature by feature: [] disables, ["self"] allows this origin.
# [permissions]
# geolocation = []
# camera = ["self"]

# Reporting-Endpoints: name = URL.
# [reporting-endpoints]
# csp = "https://example.com/reports/csp"

# Any other header, sent after the typed ones.
# [custom]
# X-Robots-Tag = "noindex"

# How a header meets one the application set: overwrite, append or if-absent.
# [insert-mode]
# X-Frame-Options = "if-absent"

# Clean-up steps run when the set is built.
# [[pipeline]]
# step = "deduplicate"
# action = "last"

# Redirect plain HTTP to HTTPS, on this canonical host (or give [allowed-hosts] instead).
# [https-redirect]
# host = "example.com"

# Refuse requests for any other host.
# [allowed-hosts]
# hosts = ["example.com", "*.example.com"]

# The reverse proxies in front of the application, and the only forwarding headers read.
# [proxy]
# trusted = ["10.0.0.0/8"]
# forwarded-headers = ["x-forwarded-proto"]
# hops = 1

# Refuse cross-origin POST, PUT, DELETE... by Sec-Fetch-Site, with Origin as the fallback.
# [cross-origin]
# trusted-origins = ["https://partner.example"]
# bypass = ["/webhooks/payments"]

# Add Secure, HttpOnly and SameSite to the application's cookies.
# [cookies]
# same-site = "lax"
"#;

pub(crate) fn run(path: Option<&Path>, force: bool) -> Result<ExitCode, Fatal> {
    match path {
        None => crate::style::out!("{TEMPLATE}"),
        Some(p) if p.as_os_str() == "-" => crate::style::out!("{TEMPLATE}"),
        Some(p) => {
            if p.exists() && !force {
                return Err(Fatal(format!(
                    "{} already exists (use --force to overwrite it)",
                    p.display()
                )));
            }
            std::fs::write(p, TEMPLATE)
                .map_err(|e| Fatal(format!("cannot write {}: {e}", p.display())))?;
            eprintln!("wrote {}", p.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use secure_headers::config::Format;
    use secure_headers::{Preset, Secure};

    #[test]
    fn template_builds_the_balanced_preset() {
        let secure = Secure::from_config_str(super::TEMPLATE, Format::Toml).unwrap();
        assert_eq!(secure, Secure::from_preset(Preset::Balanced));
    }

    #[test]
    fn every_commented_section_is_valid_once_uncommented() {
        let uncommented: String = super::TEMPLATE
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest.starts_with('[')
                        || rest.split_once(" = ").is_some_and(|(k, _)| {
                            k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                        }) =>
                {
                    rest
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let secure = Secure::from_config_str(&uncommented, Format::Toml)
            .unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
        assert!(secure.to_string().contains("X-Robots-Tag: noindex"));
    }
}
