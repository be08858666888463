//! The registry: one table of every typed header this crate sends.
//!
//! Each row gives the builder's method and its `map_` form, the type (a file of its own
//! under `headers/`), the name as sent, its lowercase form, the key of the raw value
//! in a configuration file (`-` for a header configured only through a section), and, for
//! a report-only header, the type of the header it is the report-only form of (`-` for
//! every other header). The rows' order is the emission order, which for the headers of
//! Python's `secure` 2.0.1 is its order. From this one table come:
//!
//! - the slots, setters and `map_` methods of [`SecureBuilder`](crate::SecureBuilder);
//! - the raw-value keys of a configuration file (`config::Config`);
//! - the names every integration can borrow instead of copying (the `lowercase` of [`HEADERS`]);
//! - the allowlist's defaults beyond 2.0.1's list ([`AllowlistOptions::new`]);
//! - which header is the report-only form of which ([`HeaderInfo::report_only_of`],
//!   [`report_only_form`]): the `From` conversions between the two types, and the linter's
//!   rules that read both forms;
//! - [`HEADERS`], whose documentation is the table of every header.
//!
//! [`AllowlistOptions::new`]: crate::pipeline::AllowlistOptions::new
//!
//! Adding a header is a file under `headers/` with its type (a [`Policy`](crate::Policy)
//! with `new()`, `value(raw)` and `Default`), and a line here. A report-only form's type
//! also has `enforce()`, and its enforced type `report_only()`.

/// Calls `$callback!` (a macro in scope where this is called) with every row of the registry, in emission order:
/// `method, map_method, Type, "Name", "lowercase-name", config_key, EnforcedType;` where
/// `config_key` is `-` for a header that has no raw-value key, and `EnforcedType` is `-`
/// for a header that is not the report-only form of another.
macro_rules! registry {
    ($callback:ident) => {
        $callback! {
            cache, map_cache, CacheControl, "Cache-Control", "cache-control", cache_control, -;
            coep, map_coep, CrossOriginEmbedderPolicy, "Cross-Origin-Embedder-Policy", "cross-origin-embedder-policy", cross_origin_embedder_policy, -;
            coep_report_only, map_coep_report_only, CrossOriginEmbedderPolicyReportOnly, "Cross-Origin-Embedder-Policy-Report-Only", "cross-origin-embedder-policy-report-only", cross_origin_embedder_policy_report_only, CrossOriginEmbedderPolicy;
            coop, map_coop, CrossOriginOpenerPolicy, "Cross-Origin-Opener-Policy", "cross-origin-opener-policy", cross_origin_opener_policy, -;
            coop_report_only, map_coop_report_only, CrossOriginOpenerPolicyReportOnly, "Cross-Origin-Opener-Policy-Report-Only", "cross-origin-opener-policy-report-only", cross_origin_opener_policy_report_only, CrossOriginOpenerPolicy;
            corp, map_corp, CrossOriginResourcePolicy, "Cross-Origin-Resource-Policy", "cross-origin-resource-policy", cross_origin_resource_policy, -;
            csp, map_csp, ContentSecurityPolicy, "Content-Security-Policy", "content-security-policy", content_security_policy, -;
            csp_report_only, map_csp_report_only, ContentSecurityPolicyReportOnly, "Content-Security-Policy-Report-Only", "content-security-policy-report-only", content_security_policy_report_only, ContentSecurityPolicy;
            hsts, map_hsts, StrictTransportSecurity, "Strict-Transport-Security", "strict-transport-security", strict_transport_security, -;
            permissions, map_permissions, PermissionsPolicy, "Permissions-Policy", "permissions-policy", permissions_policy, -;
            permissions_report_only, map_permissions_report_only, PermissionsPolicyReportOnly, "Permissions-Policy-Report-Only", "permissions-policy-report-only", permissions_policy_report_only, PermissionsPolicy;
            referrer, map_referrer, ReferrerPolicy, "Referrer-Policy", "referrer-policy", referrer_policy, -;
            xpcdp, map_xpcdp, XPermittedCrossDomainPolicies, "X-Permitted-Cross-Domain-Policies", "x-permitted-cross-domain-policies", x_permitted_cross_domain_policies, -;
            xdfc, map_xdfc, XDnsPrefetchControl, "X-DNS-Prefetch-Control", "x-dns-prefetch-control", x_dns_prefetch_control, -;
            server, map_server, Server, "Server", "server", server, -;
            xcto, map_xcto, XContentTypeOptions, "X-Content-Type-Options", "x-content-type-options", x_content_type_options, -;
            xfo, map_xfo, XFrameOptions, "X-Frame-Options", "x-frame-options", x_frame_options, -;
            origin_agent_cluster, map_origin_agent_cluster, OriginAgentCluster, "Origin-Agent-Cluster", "origin-agent-cluster", origin_agent_cluster, -;
            x_download_options, map_x_download_options, XDownloadOptions, "X-Download-Options", "x-download-options", x_download_options, -;
            x_xss_protection, map_x_xss_protection, XXssProtection, "X-XSS-Protection", "x-xss-protection", x_xss_protection, -;
            clear_site_data, map_clear_site_data, ClearSiteData, "Clear-Site-Data", "clear-site-data", clear_site_data, -;
            reporting_endpoints, map_reporting_endpoints, ReportingEndpoints, "Reporting-Endpoints", "reporting-endpoints", -, -;
            report_to, map_report_to, ReportTo, "Report-To", "report-to", report_to, -;
            nel, map_nel, Nel, "NEL", "nel", nel, -;
            integrity_policy, map_integrity_policy, IntegrityPolicy, "Integrity-Policy", "integrity-policy", integrity_policy, -;
            integrity_policy_report_only, map_integrity_policy_report_only, IntegrityPolicyReportOnly, "Integrity-Policy-Report-Only", "integrity-policy-report-only", integrity_policy_report_only, IntegrityPolicy;
            document_isolation_policy, map_document_isolation_policy, DocumentIsolationPolicy, "Document-Isolation-Policy", "document-isolation-policy", document_isolation_policy, -;
            document_isolation_policy_report_only, map_document_isolation_policy_report_only, DocumentIsolationPolicyReportOnly, "Document-Isolation-Policy-Report-Only", "document-isolation-policy-report-only", document_isolation_policy_report_only, DocumentIsolationPolicy;
        }
    };
}

pub(crate) use registry;

/// A configuration key as the docs table shows it: the lowercase name, as a file writes it.
macro_rules! doc_key {
    ($lower:literal, -) => {
        "(a section)"
    };
    ($lower:literal, $key:ident) => {
        concat!("`", $lower, "`")
    };
}

pub(crate) use doc_key;

/// One registered header: how it is sent and configured.
///
/// ```
/// use secure_headers::registry::HeaderInfo;
///
/// let csp = HeaderInfo::get("content-security-policy").unwrap();
/// assert_eq!(csp.name, "Content-Security-Policy");
/// assert_eq!(csp.lowercase, "content-security-policy");
/// assert_eq!(csp.method, "csp"); // SecureBuilder::csp
/// assert_eq!(csp.type_name, "ContentSecurityPolicy");
/// assert_eq!(csp.config_key, Some("content-security-policy"));
/// assert_eq!(csp.report_only_of, None);
/// // Reporting-Endpoints is configured through its own section, not a raw value.
/// assert_eq!(HeaderInfo::get("Reporting-Endpoints").unwrap().config_key, None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct HeaderInfo {
    /// The name as sent (`Content-Security-Policy`).
    pub name: &'static str,
    /// The name in lowercase, as `http` and HTTP/2 carry it.
    pub lowercase: &'static str,
    /// The [`SecureBuilder`](crate::SecureBuilder) method that sets it.
    pub method: &'static str,
    /// The name of its type at the crate root (`ContentSecurityPolicy`).
    pub type_name: &'static str,
    /// The configuration file's key for a raw value, in kebab case, if there is one.
    pub config_key: Option<&'static str>,
    /// For a report-only header, the name of the header it is the report-only form of:
    /// the same value, reported on instead of enforced. `None` for every other header.
    ///
    /// ```
    /// use secure_headers::registry::HEADERS;
    ///
    /// let ro = HEADERS.iter().find(|h| h.name == "Permissions-Policy-Report-Only").unwrap();
    /// assert_eq!(ro.report_only_of, Some("Permissions-Policy"));
    /// let csp = HEADERS.iter().find(|h| h.name == "Content-Security-Policy").unwrap();
    /// assert_eq!(csp.report_only_of, None);
    /// ```
    pub report_only_of: Option<&'static str>,
}

impl HeaderInfo {
    /// The registered header named `name` (any case).
    ///
    /// ```
    /// use secure_headers::registry::HeaderInfo;
    ///
    /// let nel = HeaderInfo::get("nel").unwrap();
    /// assert_eq!(nel.name, "NEL");
    /// assert_eq!(nel.type_name, "Nel");
    /// assert!(HeaderInfo::get("X-Unknown").is_none());
    /// ```
    #[must_use]
    pub fn get(name: &str) -> Option<&'static Self> {
        HEADERS.iter().find(|h| h.name.eq_ignore_ascii_case(name))
    }

    /// The report-only form of this header, if it has one.
    ///
    /// ```
    /// use secure_headers::registry::HeaderInfo;
    ///
    /// let coop = HeaderInfo::get("Cross-Origin-Opener-Policy").unwrap();
    /// assert_eq!(
    ///     coop.report_only_form().map(|h| h.name),
    ///     Some("Cross-Origin-Opener-Policy-Report-Only")
    /// );
    /// assert!(HeaderInfo::get("Strict-Transport-Security").unwrap().report_only_form().is_none());
    /// ```
    #[must_use]
    pub fn report_only_form(&self) -> Option<&'static Self> {
        HEADERS.iter().find(|h| h.report_only_of == Some(self.name))
    }

    /// For a report-only header, the header it reports on (the enforced form).
    ///
    /// ```
    /// use secure_headers::registry::HeaderInfo;
    ///
    /// let ro = HeaderInfo::get("Integrity-Policy-Report-Only").unwrap();
    /// assert_eq!(ro.enforced_form().map(|h| h.name), Some("Integrity-Policy"));
    /// ```
    #[must_use]
    pub fn enforced_form(&self) -> Option<&'static Self> {
        self.report_only_of.and_then(Self::get)
    }
}

/// The name of the report-only form of the header `name` (any case), if it has one.
///
/// ```
/// use secure_headers::registry::report_only_form;
///
/// assert_eq!(
///     report_only_form("content-security-policy"),
///     Some("Content-Security-Policy-Report-Only")
/// );
/// assert_eq!(report_only_form("Referrer-Policy"), None);
/// ```
#[must_use]
pub fn report_only_form(name: &str) -> Option<&'static str> {
    HeaderInfo::get(name)?.report_only_form().map(|h| h.name)
}

/// The header's name, and its report-only form's if it has one: the names a rule that
/// reads both forms looks at.
#[cfg(any(feature = "lint", test))]
pub(crate) fn with_report_only(name: &'static str) -> impl Iterator<Item = &'static str> {
    std::iter::once(name).chain(report_only_form(name))
}

macro_rules! infos {
    ($($field:ident, $map:ident, $ty:ident, $name:literal, $lower:literal, $key:tt, $enforced:tt;)*) => {
        /// Every type's registered name, for [`enforced_name`].
        const NAMES: &[(&str, &str)] = &[$((stringify!($ty), $name),)*];

        /// Every registered header, in emission order.
        ///
        /// | Header | Type | Builder method | Configuration key of the raw value | Report-only form of |
        /// |---|---|---|---|---|
        $(#[doc = concat!(
            "| `", $name, "` | [`", stringify!($ty), "`](crate::", stringify!($ty), ") | [`",
            stringify!($field), "`](crate::SecureBuilder::", stringify!($field), ") | ",
            $crate::headers::registry::doc_key!($lower, $key), " | ",
            $crate::headers::registry::doc_enforced!($enforced), " |",
        )])*
        ///
        /// ```
        /// use secure_headers::registry::HEADERS;
        ///
        /// let csp = HEADERS.iter().find(|h| h.name == "Content-Security-Policy").unwrap();
        /// assert_eq!(csp.lowercase, "content-security-policy");
        /// assert_eq!(csp.method, "csp");
        /// assert_eq!(csp.config_key, Some("content-security-policy"));
        /// assert_eq!(csp.report_only_form().unwrap().name, "Content-Security-Policy-Report-Only");
        /// ```
        pub const HEADERS: &[HeaderInfo] = &[$(HeaderInfo {
            name: $name,
            lowercase: $lower,
            method: stringify!($field),
            type_name: stringify!($ty),
            config_key: $crate::headers::registry::info_key!($lower, $key),
            report_only_of: $crate::headers::registry::info_enforced!($enforced),
        },)*];

        $($crate::headers::registry::conversions!($ty, $enforced);)*
    };
}

/// The `report_only_of` of a row: the enforced type's registered name.
macro_rules! info_enforced {
    (-) => {
        None
    };
    ($enforced:ident) => {
        Some(enforced_name(stringify!($enforced)))
    };
}

pub(crate) use info_enforced;

/// The docs table's cell for the enforced form of a row.
macro_rules! doc_enforced {
    (-) => {
        ""
    };
    ($enforced:ident) => {
        concat!(
            "[`",
            stringify!($enforced),
            "`](crate::",
            stringify!($enforced),
            ")"
        )
    };
}

pub(crate) use doc_enforced;

/// For a report-only row, `From` both ways between its type and the enforced one, through
/// the enforced type's `report_only()` and the report-only type's `enforce()`.
macro_rules! conversions {
    ($ty:ident, -) => {};
    ($ty:ident, $enforced:ident) => {
        impl From<crate::$enforced> for crate::$ty {
            fn from(policy: crate::$enforced) -> Self {
                policy.report_only()
            }
        }

        impl From<crate::$ty> for crate::$enforced {
            fn from(policy: crate::$ty) -> Self {
                policy.enforce()
            }
        }
    };
}

pub(crate) use conversions;

/// The registered name of the type `ty`; a compile-time error if it is not registered.
const fn enforced_name(ty: &str) -> &'static str {
    let mut i = 0;
    while i < NAMES.len() {
        if str_eq(NAMES[i].0, ty) {
            return NAMES[i].1;
        }
        i += 1;
    }
    panic!("a report-only row names a type that has no row")
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
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
            if let Some(enforced) = h.report_only_of {
                assert_eq!(h.name, format!("{enforced}-Report-Only"));
                assert_eq!(h.enforced_form().unwrap().report_only_form(), Some(h));
            }
        }
    }

    #[test]
    fn report_only_forms() {
        let pairs: Vec<(&str, &str)> = HEADERS
            .iter()
            .filter_map(|h| Some((h.report_only_of?, h.name)))
            .collect();
        assert_eq!(
            pairs,
            [
                (
                    "Cross-Origin-Embedder-Policy",
                    "Cross-Origin-Embedder-Policy-Report-Only"
                ),
                (
                    "Cross-Origin-Opener-Policy",
                    "Cross-Origin-Opener-Policy-Report-Only"
                ),
                (
                    "Content-Security-Policy",
                    "Content-Security-Policy-Report-Only"
                ),
                ("Permissions-Policy", "Permissions-Policy-Report-Only"),
                ("Integrity-Policy", "Integrity-Policy-Report-Only"),
                (
                    "Document-Isolation-Policy",
                    "Document-Isolation-Policy-Report-Only"
                ),
            ]
        );
        assert_eq!(
            with_report_only("Integrity-Policy").collect::<Vec<_>>(),
            ["Integrity-Policy", "Integrity-Policy-Report-Only"]
        );
        assert_eq!(with_report_only("NEL").collect::<Vec<_>>(), ["NEL"]);
        assert_eq!(
            report_only_form("PERMISSIONS-POLICY"),
            Some("Permissions-Policy-Report-Only")
        );
        // Every header whose name ends so is registered as a report-only form.
        for h in HEADERS {
            assert_eq!(
                h.name.ends_with("-Report-Only"),
                h.report_only_of.is_some(),
                "{}",
                h.name
            );
        }
    }

    #[test]
    fn every_header_python_secure_allows_is_registered() {
        for n in crate::DEFAULT_ALLOWED_HEADERS {
            assert!(lowercase(n).is_some(), "{n} is not registered");
        }
    }
}
