//! The registry: one table of every typed header this crate sends.
//!
//! Each row gives the builder's method and its `map_` form, the type (a file of its own
//! under `headers/`), the name as sent, its lowercase form, and the key of the raw value
//! in a configuration file (`-` for a header configured only through a section). The
//! rows' order is the emission order, which for the headers of Python's `secure` 2.0.1 is
//! its order. From this one table come:
//!
//! - the slots, setters and `map_` methods of [`SecureBuilder`](crate::SecureBuilder);
//! - the raw-value keys of a configuration file (`config::Config`);
//! - the names every integration can borrow instead of copying (the `lowercase` of [`HEADERS`]);
//! - the allowlist's defaults beyond 2.0.1's list ([`AllowlistOptions::new`]);
//! - [`HEADERS`], whose documentation is the table of every header.
//!
//! [`AllowlistOptions::new`]: crate::pipeline::AllowlistOptions::new
//!
//! Adding a header is a file under `headers/` with its type (a [`Policy`](crate::Policy)
//! with `new()`, `value(raw)` and `Default`), and a line here.

/// Calls `$callback!` (a macro in scope where this is called) with every row of the registry, in emission order:
/// `method, map_method, Type, "Name", "lowercase-name", config_key;` where `config_key` is
/// `-` for a header that has no raw-value key.
macro_rules! registry {
    ($callback:ident) => {
        $callback! {
            cache, map_cache, CacheControl, "Cache-Control", "cache-control", cache_control;
            coep, map_coep, CrossOriginEmbedderPolicy, "Cross-Origin-Embedder-Policy", "cross-origin-embedder-policy", cross_origin_embedder_policy;
            coop, map_coop, CrossOriginOpenerPolicy, "Cross-Origin-Opener-Policy", "cross-origin-opener-policy", cross_origin_opener_policy;
            corp, map_corp, CrossOriginResourcePolicy, "Cross-Origin-Resource-Policy", "cross-origin-resource-policy", cross_origin_resource_policy;
            csp, map_csp, ContentSecurityPolicy, "Content-Security-Policy", "content-security-policy", content_security_policy;
            csp_report_only, map_csp_report_only, ContentSecurityPolicyReportOnly, "Content-Security-Policy-Report-Only", "content-security-policy-report-only", content_security_policy_report_only;
            hsts, map_hsts, StrictTransportSecurity, "Strict-Transport-Security", "strict-transport-security", strict_transport_security;
            permissions, map_permissions, PermissionsPolicy, "Permissions-Policy", "permissions-policy", permissions_policy;
            referrer, map_referrer, ReferrerPolicy, "Referrer-Policy", "referrer-policy", referrer_policy;
            xpcdp, map_xpcdp, XPermittedCrossDomainPolicies, "X-Permitted-Cross-Domain-Policies", "x-permitted-cross-domain-policies", x_permitted_cross_domain_policies;
            xdfc, map_xdfc, XDnsPrefetchControl, "X-DNS-Prefetch-Control", "x-dns-prefetch-control", x_dns_prefetch_control;
            server, map_server, Server, "Server", "server", server;
            xcto, map_xcto, XContentTypeOptions, "X-Content-Type-Options", "x-content-type-options", x_content_type_options;
            xfo, map_xfo, XFrameOptions, "X-Frame-Options", "x-frame-options", x_frame_options;
            origin_agent_cluster, map_origin_agent_cluster, OriginAgentCluster, "Origin-Agent-Cluster", "origin-agent-cluster", origin_agent_cluster;
            x_download_options, map_x_download_options, XDownloadOptions, "X-Download-Options", "x-download-options", x_download_options;
            x_xss_protection, map_x_xss_protection, XXssProtection, "X-XSS-Protection", "x-xss-protection", x_xss_protection;
            clear_site_data, map_clear_site_data, ClearSiteData, "Clear-Site-Data", "clear-site-data", clear_site_data;
            reporting_endpoints, map_reporting_endpoints, ReportingEndpoints, "Reporting-Endpoints", "reporting-endpoints", -;
        }
    };
}

pub(crate) use registry;

/// A configuration key as the docs table shows it.
macro_rules! doc_key {
    (-) => {
        "(a section)"
    };
    ($key:ident) => {
        concat!("`", stringify!($key), "`")
    };
}

pub(crate) use doc_key;

/// One registered header: how it is sent and configured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct HeaderInfo {
    /// The name as sent (`Content-Security-Policy`).
    pub name: &'static str,
    /// The name in lowercase, as `http` and HTTP/2 carry it.
    pub lowercase: &'static str,
    /// The [`SecureBuilder`](crate::SecureBuilder) method that sets it.
    pub method: &'static str,
    /// The configuration file's key for a raw value, in kebab case, if there is one.
    pub config_key: Option<&'static str>,
}

macro_rules! infos {
    ($($field:ident, $map:ident, $ty:ident, $name:literal, $lower:literal, $key:tt;)*) => {
        /// Every registered header, in emission order.
        ///
        /// | Header | Type | Builder method | Configuration key of the raw value |
        /// |---|---|---|---|
        $(#[doc = concat!(
            "| `", $name, "` | [`", stringify!($ty), "`](crate::", stringify!($ty), ") | [`",
            stringify!($field), "`](crate::SecureBuilder::", stringify!($field), ") | ",
            $crate::headers::registry::doc_key!($key), " |",
        )])*
        ///
        /// ```
        /// use secure_headers::registry::HEADERS;
        ///
        /// let csp = HEADERS.iter().find(|h| h.name == "Content-Security-Policy").unwrap();
        /// assert_eq!(csp.lowercase, "content-security-policy");
        /// assert_eq!(csp.method, "csp");
        /// assert_eq!(csp.config_key, Some("content-security-policy"));
        /// ```
        pub const HEADERS: &[HeaderInfo] = &[$(HeaderInfo {
            name: $name,
            lowercase: $lower,
            method: stringify!($field),
            config_key: $crate::headers::registry::info_key!($lower, $key),
        },)*];
    };
}

macro_rules! info_key {
    ($lower:literal, -) => {
        None
    };
    ($lower:literal, $key:ident) => {
        Some($lower)
    };
}

pub(crate) use info_key;

registry!(infos);

/// The registered names as sent, in emission order.
pub(crate) fn canonical(name: &str) -> Option<&'static str> {
    HEADERS.iter().map(|h| h.name).find(|n| *n == name)
}

/// The lowercase name of a registered header, borrowed for the life of the program.
pub(crate) fn lowercase(name: &str) -> Option<&'static str> {
    HEADERS
        .iter()
        .map(|h| h.lowercase)
        .find(|n| n.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_consistent() {
        for (i, h) in HEADERS.iter().enumerate() {
            assert_eq!(h.lowercase, h.name.to_ascii_lowercase(), "{}", h.name);
            assert!(http::HeaderName::from_static(h.lowercase).as_str() == h.lowercase);
            assert!(
                HEADERS[..i]
                    .iter()
                    .all(|o| o.lowercase != h.lowercase && o.method != h.method),
                "{} is registered twice",
                h.name
            );
            if let Some(key) = h.config_key {
                assert_eq!(key, h.lowercase);
            }
        }
    }

    #[test]
    fn every_header_python_secure_allows_is_registered() {
        for n in crate::DEFAULT_ALLOWED_HEADERS {
            assert!(lowercase(n).is_some(), "{n} is not registered");
        }
    }
}
