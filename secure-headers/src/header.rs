//! Header names this crate sends that the `http` crate has no constant for, and the
//! static forms of well-known names and values.
//!
//! ```
//! use secure_headers::header;
//!
//! assert_eq!(header::PERMISSIONS_POLICY.as_str(), "permissions-policy");
//! ```

#![allow(
    clippy::declare_interior_mutable_const,
    reason = "HeaderName constants are the http crate's own pattern"
)]

use http::{HeaderName, HeaderValue};

/// `Cross-Origin-Embedder-Policy`.
pub const CROSS_ORIGIN_EMBEDDER_POLICY: HeaderName =
    HeaderName::from_static("cross-origin-embedder-policy");

/// `Cross-Origin-Opener-Policy`.
pub const CROSS_ORIGIN_OPENER_POLICY: HeaderName =
    HeaderName::from_static("cross-origin-opener-policy");

/// `Cross-Origin-Resource-Policy`.
pub const CROSS_ORIGIN_RESOURCE_POLICY: HeaderName =
    HeaderName::from_static("cross-origin-resource-policy");

/// `Permissions-Policy`.
pub const PERMISSIONS_POLICY: HeaderName = HeaderName::from_static("permissions-policy");

/// `Origin-Agent-Cluster`.
pub const ORIGIN_AGENT_CLUSTER: HeaderName = HeaderName::from_static("origin-agent-cluster");

/// `X-Download-Options`.
pub const X_DOWNLOAD_OPTIONS: HeaderName = HeaderName::from_static("x-download-options");

/// `X-Permitted-Cross-Domain-Policies`.
pub const X_PERMITTED_CROSS_DOMAIN_POLICIES: HeaderName =
    HeaderName::from_static("x-permitted-cross-domain-policies");

/// `Clear-Site-Data`.
pub const CLEAR_SITE_DATA: HeaderName = HeaderName::from_static("clear-site-data");

/// `Reporting-Endpoints`.
pub const REPORTING_ENDPOINTS: HeaderName = HeaderName::from_static("reporting-endpoints");

/// `Report-To` (the legacy Reporting API header).
pub const REPORT_TO: HeaderName = HeaderName::from_static("report-to");

/// `NEL` (Network Error Logging).
pub const NEL: HeaderName = HeaderName::from_static("nel");

/// `Cross-Origin-Embedder-Policy-Report-Only`.
pub const CROSS_ORIGIN_EMBEDDER_POLICY_REPORT_ONLY: HeaderName =
    HeaderName::from_static("cross-origin-embedder-policy-report-only");

/// `Cross-Origin-Opener-Policy-Report-Only`.
pub const CROSS_ORIGIN_OPENER_POLICY_REPORT_ONLY: HeaderName =
    HeaderName::from_static("cross-origin-opener-policy-report-only");

/// `Permissions-Policy-Report-Only`.
pub const PERMISSIONS_POLICY_REPORT_ONLY: HeaderName =
    HeaderName::from_static("permissions-policy-report-only");

/// `Integrity-Policy`.
pub const INTEGRITY_POLICY: HeaderName = HeaderName::from_static("integrity-policy");

/// `Integrity-Policy-Report-Only`.
pub const INTEGRITY_POLICY_REPORT_ONLY: HeaderName =
    HeaderName::from_static("integrity-policy-report-only");

/// `Document-Isolation-Policy`.
pub const DOCUMENT_ISOLATION_POLICY: HeaderName =
    HeaderName::from_static("document-isolation-policy");

/// `Document-Isolation-Policy-Report-Only`.
pub const DOCUMENT_ISOLATION_POLICY_REPORT_ONLY: HeaderName =
    HeaderName::from_static("document-isolation-policy-report-only");

/// `Document-Policy`.
pub const DOCUMENT_POLICY: HeaderName = HeaderName::from_static("document-policy");

/// `Document-Policy-Report-Only`.
pub const DOCUMENT_POLICY_REPORT_ONLY: HeaderName =
    HeaderName::from_static("document-policy-report-only");

/// The `HeaderName` for `name`: a static one when the name is well known (cloning it then
/// costs nothing), else a freshly parsed one. `None` if `name` is not a valid header name.
pub(crate) fn header_name(name: &str) -> Option<HeaderName> {
    if let Some(lower) = crate::registry::lowercase(name) {
        return Some(HeaderName::from_static(lower));
    }
    // The http crate turns its standard names into a static representation itself.
    HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes()).ok()
}

/// Values that the presets and common configurations send. A rendered value equal to one of
/// these becomes a `HeaderValue::from_static`, whose clone is free (no reference count).
const STATIC_VALUES: &[&str] = &[
    "",
    "0",
    "?1",
    "DENY",
    "SAMEORIGIN",
    "credentialless",
    "max-age=31536000; includeSubDomains",
    "max-age=63072000; includeSubDomains",
    "max-age=63072000; includeSubDomains; preload",
    "max-age=31536000",
    "no-referrer",
    "no-store, max-age=0",
    "noopen",
    "none",
    "nosniff",
    "off",
    "require-corp",
    "same-origin",
    "same-site",
    "strict-origin-when-cross-origin",
    "geolocation=(), microphone=(), camera=()",
    "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests",
    "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'",
];

/// A `HeaderValue` for already-checked bytes, built once per configuration: static when
/// the value is one of [`STATIC_VALUES`] (every clone, one per response, is then free);
/// else bytes owned by the value and shared by its clones (a reference count), freed with
/// the last of them, so a dropped `Secure` leaves nothing behind.
pub(crate) fn header_value(
    bytes: Vec<u8>,
) -> Result<HeaderValue, http::header::InvalidHeaderValue> {
    if let Some(s) = static_value(&bytes) {
        return Ok(HeaderValue::from_static(s));
    }
    let value = HeaderValue::from_maybe_shared(bytes::Bytes::from(bytes))?;
    // `Bytes` made from a `Vec` switches to its shared representation on the first clone,
    // which allocates. Do that now, at build time, so that no response ever pays for it.
    drop(value.clone());
    Ok(value)
}

/// `bytes` as one of the [`STATIC_VALUES`], borrowed for the life of the program.
pub(crate) fn static_value(bytes: &[u8]) -> Option<&'static str> {
    STATIC_VALUES
        .iter()
        .find(|s| s.as_bytes() == bytes)
        .copied()
}

/// `name` as a static string, if it is spelled exactly like a registered header's name.
pub(crate) fn canonical_name(name: &str) -> Option<&'static str> {
    crate::registry::canonical(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_values_are_static_and_others_are_not() {
        assert_eq!(static_value(b"nosniff"), Some("nosniff"));
        assert_eq!(
            static_value(b"script-src 'self' https://other.example"),
            None
        );
    }

    #[test]
    fn a_customized_value_is_shared_by_clones_of_its_secure_only() {
        let build = || {
            crate::Preset::Balanced
                .builder()
                .map_csp(|csp| csp.script_src(["https://twice.example"]))
                .build()
                .unwrap()
        };
        let csp = |s: &crate::Secure| {
            let e = s
                .entries()
                .iter()
                .find(|e| e.header_name() == http::header::CONTENT_SECURITY_POLICY);
            e.unwrap().value().clone()
        };
        let first = build();
        let (a, b, other) = (csp(&first), csp(&first.clone()), csp(&build()));
        assert!(
            a.to_str()
                .unwrap()
                .contains("script-src 'self' https://twice.example")
        );
        // One copy per built `Secure`, shared by its clones and their responses; another
        // build owns its own (nothing kept process-wide to find it again).
        assert_eq!(a.as_bytes().as_ptr(), b.as_bytes().as_ptr());
        assert_ne!(a.as_bytes().as_ptr(), other.as_bytes().as_ptr());
        assert_eq!(a, other);
    }

    #[test]
    fn well_known_names_are_static_constants() {
        assert_eq!(header_name("Permissions-Policy"), Some(PERMISSIONS_POLICY));
        assert_eq!(
            header_name("Content-Security-Policy"),
            Some(http::header::CONTENT_SECURITY_POLICY)
        );
        assert_eq!(header_name("X-Custom").unwrap().as_str(), "x-custom");
        assert_eq!(header_name("Bad Name"), None);
    }

    #[test]
    fn values() {
        assert_eq!(header_value(b"nosniff".to_vec()).unwrap(), "nosniff");
        assert_eq!(
            header_value(b"custom value".to_vec()).unwrap(),
            "custom value"
        );
        assert!(header_value(b"a\nb".to_vec()).is_err());
    }
}
