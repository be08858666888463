//! The registry: one table of every typed header this crate sends.
//!
//! Each header type states what it is in one place, its [`Header::INFO`]: the name as
//! sent, its lowercase form, the [`SecureBuilder`](crate::SecureBuilder) method that sets
//! it, the key of its raw value in a configuration file, and, for a report-only header,
//! the header it is the report-only form of. [`HEADERS`] is the table of those, in
//! emission order (for the headers of Python's `secure` 2.0.1, its order). From it come:
//!
//! - the slots of [`SecureBuilder`](crate::SecureBuilder), and its generic
//!   [`set`](crate::SecureBuilder::set), [`map`](crate::SecureBuilder::map) and
//!   [`unset`](crate::SecureBuilder::unset);
//! - the raw-value keys of a configuration file (`config::Config`);
//! - the names every integration can borrow instead of copying (the `lowercase` of [`HEADERS`]);
//! - the allowlist's defaults beyond 2.0.1's list ([`AllowlistOptions::new`]);
//! - which header is the report-only form of which ([`HeaderInfo::report_only_of`],
//!   [`report_only_form`]), and the linter's rules that read both forms.
//!
//! [`AllowlistOptions::new`]: crate::pipeline::AllowlistOptions::new
//!
//! Adding a header is a file under `headers/` with its type and its `impl Header`, and
//! its row in [`HEADERS`] (`CONTRIBUTING.md` shows both).

use std::any::Any;
use std::fmt;
use std::str::FromStr;

use crate::{Policy, headers::*};

pub use super::report_only::HasReportOnly;

/// A header type of the registry: it states what it is in [`INFO`](Header::INFO), and the
/// builder's generic [`set`](crate::SecureBuilder::set),
/// [`map`](crate::SecureBuilder::map) and [`unset`](crate::SecureBuilder::unset) take it
/// as their type parameter.
///
/// This crate's header types implement it; its rows are [`HEADERS`].
///
/// ```
/// use secure_headers::registry::Header;
/// use secure_headers::{ContentSecurityPolicy, XFrameOptions};
///
/// assert_eq!(ContentSecurityPolicy::INFO.name, "Content-Security-Policy");
/// assert_eq!(XFrameOptions::INFO.lowercase, "x-frame-options");
/// assert_eq!(XFrameOptions::INFO.method, "xfo");
/// ```
pub trait Header: Policy + Default + Clone + Eq + Send + Sync + 'static {
    /// What this header is: its names, builder method, configuration key and
    /// report-only pairing; its row of [`HEADERS`].
    const INFO: HeaderInfo;

    /// The header with the whole value `raw`, as its `value(raw)` takes it (checked when
    /// built); `None` for a type configured only through a section of its own. A
    /// configuration file's raw value is read with it. For a header with a `report-to`
    /// parameter (COOP, COEP, Document-Isolation-Policy and their report-only forms) the
    /// parameter is taken too, as `FromStr` reads it.
    ///
    /// ```
    /// use secure_headers::registry::Header;
    /// use secure_headers::{CrossOriginOpenerPolicy, Policy, ReportingEndpoints, XFrameOptions};
    ///
    /// assert_eq!(XFrameOptions::from_value("DENY").unwrap().render().unwrap(), "DENY");
    /// assert!(ReportingEndpoints::from_value("a=\"https://r.example\"").is_none());
    ///
    /// let coop = CrossOriginOpenerPolicy::from_value("same-origin; report-to=\"coop\"").unwrap();
    /// assert_eq!(coop, CrossOriginOpenerPolicy::new().report_to("coop"));
    /// ```
    fn from_value(raw: &str) -> Option<Self>;

    /// The error [`build`](crate::SecureBuilder::build) gives for a value read with
    /// `FromStr` that is a likely typo: an unknown directive, keyword or value close to
    /// a known one, which browsers would ignore. It is the error the typed builder and
    /// `value(..)` give for the same text. `None` for a value a builder method made (it
    /// was checked then), for a value far from every known one (it may be newer than
    /// this crate; lint reports it), and for a type without such a check.
    ///
    /// ```
    /// use secure_headers::registry::Header;
    /// use secure_headers::{ContentSecurityPolicy, XFrameOptions};
    ///
    /// // FromStr keeps what browsers ignore: it reads what a server sent.
    /// let xfo: XFrameOptions = "DENYY".parse()?;
    /// let e = xfo.likely_typo().unwrap();
    /// assert_eq!(e.input(), Some("DENYY"));
    /// assert!(e.to_string().contains("did you mean DENY?"));
    /// assert!("DENY".parse::<XFrameOptions>()?.likely_typo().is_none());
    ///
    /// let csp: ContentSecurityPolicy = "scrpt-src 'self'".parse()?;
    /// assert!(csp.likely_typo().unwrap().to_string().contains("script-src"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    fn likely_typo(&self) -> Option<crate::Error> {
        None
    }
}

/// A configured header of any registered type, as the builder keeps it.
pub(crate) trait Slot: Policy + Send + Sync {
    fn clone_slot(&self) -> Box<dyn Slot>;
    fn eq_slot(&self, other: &dyn Slot) -> bool;
    fn as_any(&self) -> &dyn Any;
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
    /// [`Header::likely_typo`] of the policy.
    fn likely_typo(&self) -> Option<crate::Error>;
    /// The path of the type (`secure_headers::..::XFrameOptions`).
    #[cfg(test)]
    fn type_name(&self) -> &'static str;
}

impl<P: Header> Slot for P {
    fn clone_slot(&self) -> Box<dyn Slot> {
        Box::new(self.clone())
    }

    fn eq_slot(&self, other: &dyn Slot) -> bool {
        other.as_any().downcast_ref::<P>() == Some(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }

    fn likely_typo(&self) -> Option<crate::Error> {
        Header::likely_typo(self)
    }

    #[cfg(test)]
    fn type_name(&self) -> &'static str {
        std::any::type_name::<P>()
    }
}

impl Clone for Box<dyn Slot> {
    fn clone(&self) -> Self {
        self.clone_slot()
    }
}

impl PartialEq for Box<dyn Slot> {
    fn eq(&self, other: &Self) -> bool {
        self.eq_slot(&**other)
    }
}

impl Eq for Box<dyn Slot> {}

/// How to make a registered type without naming it: what a configuration file's raw
/// value and the tests need.
#[derive(Clone, Copy)]
#[cfg_attr(
    not(any(feature = "serde", feature = "lint", test)),
    expect(
        dead_code,
        reason = "read by the configuration file, lint and the tests"
    )
)]
pub(crate) struct Make {
    pub(crate) from_value: fn(&str) -> Option<Box<dyn Slot>>,
    /// The type's `FromStr`: how a received value is read.
    pub(crate) parse: fn(&str) -> Result<Box<dyn Slot>, crate::Error>,
    #[cfg(test)]
    pub(crate) default: fn() -> Box<dyn Slot>,
}

fn from_value<P: Header>(raw: &str) -> Option<Box<dyn Slot>> {
    P::from_value(raw).map(|p| Box::new(p) as Box<dyn Slot>)
}

fn parse<P: Header + FromStr<Err = crate::Error>>(
    text: &str,
) -> Result<Box<dyn Slot>, crate::Error> {
    text.parse::<P>().map(|p| Box::new(p) as Box<dyn Slot>)
}

#[cfg(test)]
fn default<P: Header>() -> Box<dyn Slot> {
    Box::new(P::default())
}

impl Make {
    /// How to make `P`.
    pub(crate) const fn of<P: Header + FromStr<Err = crate::Error>>() -> Self {
        Self {
            from_value: from_value::<P>,
            parse: parse::<P>,
            #[cfg(test)]
            default: default::<P>,
        }
    }
}

/// The index of the row named `name` in [`HEADERS`]; a compile-time error for a type
/// that has no row.
pub(crate) const fn index_of(name: &str) -> usize {
    let mut i = 0;
    while i < HEADERS.len() {
        if str_eq(HEADERS[i].name, name) {
            return i;
        }
        i += 1;
    }
    panic!("a Header type has no row in registry::HEADERS")
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
#[derive(Clone, Copy)]
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
    /// Where the header is specified, as the crate's docs name it (`CSP 3`, `RFC 6797`).
    ///
    /// ```
    /// use secure_headers::registry::HeaderInfo;
    ///
    /// let hsts = HeaderInfo::get("Strict-Transport-Security").unwrap();
    /// assert_eq!(hsts.spec, "RFC 6797");
    /// assert_eq!(hsts.spec_url, "https://www.rfc-editor.org/rfc/rfc6797");
    /// ```
    pub spec: &'static str,
    /// The address of that specification ([`spec`](Self::spec)).
    pub spec_url: &'static str,
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
    pub(crate) make: Make,
}

impl PartialEq for HeaderInfo {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for HeaderInfo {}

impl fmt::Debug for HeaderInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HeaderInfo")
            .field("name", &self.name)
            .field("lowercase", &self.lowercase)
            .field("method", &self.method)
            .field("type_name", &self.type_name)
            .field("spec", &self.spec)
            .field("spec_url", &self.spec_url)
            .field("config_key", &self.config_key)
            .field("report_only_of", &self.report_only_of)
            .finish()
    }
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

    /// Reads a received value of this header as its type's `FromStr` does, without
    /// naming the type: what parses renders, and reads back to the same rendering.
    ///
    /// # Errors
    ///
    /// What the type's `FromStr` refuses, the error naming the header and the input.
    ///
    /// ```
    /// use secure_headers::registry::HeaderInfo;
    ///
    /// let xfo = HeaderInfo::get("X-Frame-Options").unwrap();
    /// assert_eq!(xfo.parse(" deny ")?.render()?, "DENY");
    /// let e = xfo.parse("a\u{1}b").unwrap_err();
    /// assert_eq!(e.header(), Some("X-Frame-Options"));
    ///
    /// for row in secure_headers::registry::HEADERS {
    ///     if let Ok(policy) = row.parse("same-origin") {
    ///         assert_eq!(policy.name(), row.name);
    ///     }
    /// }
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn parse(&self, value: &str) -> Result<Box<dyn Policy + Send + Sync>, crate::Error> {
        (self.make.parse)(value).map(|p| p as Box<dyn Policy + Send + Sync>)
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

/// Every registered header, in emission order: one row per header type, its
/// [`Header::INFO`]. (`registry_lists.rs` writes this table from the rows.)
///
/// <!-- begin registry-list headers-table -->
///
/// | Header | Type | Builder method | Configuration key of the raw value | Report-only form of |
/// |---|---|---|---|---|
/// | `Cache-Control` | [`CacheControl`](crate::CacheControl) | [`cache`](crate::SecureBuilder::cache) | `cache-control` |  |
/// | `Cross-Origin-Embedder-Policy` | [`CrossOriginEmbedderPolicy`](crate::CrossOriginEmbedderPolicy) | [`coep`](crate::SecureBuilder::coep) | `cross-origin-embedder-policy` |  |
/// | `Cross-Origin-Embedder-Policy-Report-Only` | [`CrossOriginEmbedderPolicyReportOnly`](crate::CrossOriginEmbedderPolicyReportOnly) | [`coep_report_only`](crate::SecureBuilder::coep_report_only) | `cross-origin-embedder-policy-report-only` | [`CrossOriginEmbedderPolicy`](crate::CrossOriginEmbedderPolicy) |
/// | `Cross-Origin-Opener-Policy` | [`CrossOriginOpenerPolicy`](crate::CrossOriginOpenerPolicy) | [`coop`](crate::SecureBuilder::coop) | `cross-origin-opener-policy` |  |
/// | `Cross-Origin-Opener-Policy-Report-Only` | [`CrossOriginOpenerPolicyReportOnly`](crate::CrossOriginOpenerPolicyReportOnly) | [`coop_report_only`](crate::SecureBuilder::coop_report_only) | `cross-origin-opener-policy-report-only` | [`CrossOriginOpenerPolicy`](crate::CrossOriginOpenerPolicy) |
/// | `Cross-Origin-Resource-Policy` | [`CrossOriginResourcePolicy`](crate::CrossOriginResourcePolicy) | [`corp`](crate::SecureBuilder::corp) | `cross-origin-resource-policy` |  |
/// | `Content-Security-Policy` | [`ContentSecurityPolicy`](crate::ContentSecurityPolicy) | [`csp`](crate::SecureBuilder::csp) | `content-security-policy` |  |
/// | `Content-Security-Policy-Report-Only` | [`ContentSecurityPolicyReportOnly`](crate::ContentSecurityPolicyReportOnly) | [`csp_report_only`](crate::SecureBuilder::csp_report_only) | `content-security-policy-report-only` | [`ContentSecurityPolicy`](crate::ContentSecurityPolicy) |
/// | `Strict-Transport-Security` | [`StrictTransportSecurity`](crate::StrictTransportSecurity) | [`hsts`](crate::SecureBuilder::hsts) | `strict-transport-security` |  |
/// | `Permissions-Policy` | [`PermissionsPolicy`](crate::PermissionsPolicy) | [`permissions`](crate::SecureBuilder::permissions) | `permissions-policy` |  |
/// | `Permissions-Policy-Report-Only` | [`PermissionsPolicyReportOnly`](crate::PermissionsPolicyReportOnly) | [`permissions_report_only`](crate::SecureBuilder::permissions_report_only) | `permissions-policy-report-only` | [`PermissionsPolicy`](crate::PermissionsPolicy) |
/// | `Referrer-Policy` | [`ReferrerPolicy`](crate::ReferrerPolicy) | [`referrer`](crate::SecureBuilder::referrer) | `referrer-policy` |  |
/// | `X-Permitted-Cross-Domain-Policies` | [`XPermittedCrossDomainPolicies`](crate::XPermittedCrossDomainPolicies) | [`xpcdp`](crate::SecureBuilder::xpcdp) | `x-permitted-cross-domain-policies` |  |
/// | `X-DNS-Prefetch-Control` | [`XDnsPrefetchControl`](crate::XDnsPrefetchControl) | [`xdfc`](crate::SecureBuilder::xdfc) | `x-dns-prefetch-control` |  |
/// | `Server` | [`Server`](crate::Server) | [`server`](crate::SecureBuilder::server) | `server` |  |
/// | `X-Content-Type-Options` | [`XContentTypeOptions`](crate::XContentTypeOptions) | [`xcto`](crate::SecureBuilder::xcto) | `x-content-type-options` |  |
/// | `X-Frame-Options` | [`XFrameOptions`](crate::XFrameOptions) | [`xfo`](crate::SecureBuilder::xfo) | `x-frame-options` |  |
/// | `Origin-Agent-Cluster` | [`OriginAgentCluster`](crate::OriginAgentCluster) | [`origin_agent_cluster`](crate::SecureBuilder::origin_agent_cluster) | `origin-agent-cluster` |  |
/// | `X-Download-Options` | [`XDownloadOptions`](crate::XDownloadOptions) | [`x_download_options`](crate::SecureBuilder::x_download_options) | `x-download-options` |  |
/// | `X-XSS-Protection` | [`XXssProtection`](crate::XXssProtection) | [`x_xss_protection`](crate::SecureBuilder::x_xss_protection) | `x-xss-protection` |  |
/// | `Clear-Site-Data` | [`ClearSiteData`](crate::ClearSiteData) | [`clear_site_data`](crate::SecureBuilder::clear_site_data) | `clear-site-data` |  |
/// | `Reporting-Endpoints` | [`ReportingEndpoints`](crate::ReportingEndpoints) | [`reporting_endpoints`](crate::SecureBuilder::reporting_endpoints) | (a section) |  |
/// | `Report-To` | [`ReportTo`](crate::ReportTo) | [`report_to`](crate::SecureBuilder::report_to) | `report-to` |  |
/// | `NEL` | [`Nel`](crate::Nel) | [`nel`](crate::SecureBuilder::nel) | `nel` |  |
/// | `Integrity-Policy` | [`IntegrityPolicy`](crate::IntegrityPolicy) | [`integrity_policy`](crate::SecureBuilder::integrity_policy) | `integrity-policy` |  |
/// | `Integrity-Policy-Report-Only` | [`IntegrityPolicyReportOnly`](crate::IntegrityPolicyReportOnly) | [`integrity_policy_report_only`](crate::SecureBuilder::integrity_policy_report_only) | `integrity-policy-report-only` | [`IntegrityPolicy`](crate::IntegrityPolicy) |
/// | `Document-Isolation-Policy` | [`DocumentIsolationPolicy`](crate::DocumentIsolationPolicy) | [`document_isolation_policy`](crate::SecureBuilder::document_isolation_policy) | `document-isolation-policy` |  |
/// | `Document-Isolation-Policy-Report-Only` | [`DocumentIsolationPolicyReportOnly`](crate::DocumentIsolationPolicyReportOnly) | [`document_isolation_policy_report_only`](crate::SecureBuilder::document_isolation_policy_report_only) | `document-isolation-policy-report-only` | [`DocumentIsolationPolicy`](crate::DocumentIsolationPolicy) |
/// | `Document-Policy` | [`DocumentPolicy`](crate::DocumentPolicy) | [`document_policy`](crate::SecureBuilder::document_policy) | `document-policy` |  |
/// | `Document-Policy-Report-Only` | [`DocumentPolicyReportOnly`](crate::DocumentPolicyReportOnly) | [`document_policy_report_only`](crate::SecureBuilder::document_policy_report_only) | `document-policy-report-only` | [`DocumentPolicy`](crate::DocumentPolicy) |
///
/// <!-- end registry-list headers-table -->
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
pub const HEADERS: &[HeaderInfo] = &[
    CacheControl::INFO,
    CrossOriginEmbedderPolicy::INFO,
    CrossOriginEmbedderPolicyReportOnly::INFO,
    CrossOriginOpenerPolicy::INFO,
    CrossOriginOpenerPolicyReportOnly::INFO,
    CrossOriginResourcePolicy::INFO,
    ContentSecurityPolicy::INFO,
    ContentSecurityPolicyReportOnly::INFO,
    StrictTransportSecurity::INFO,
    PermissionsPolicy::INFO,
    PermissionsPolicyReportOnly::INFO,
    ReferrerPolicy::INFO,
    XPermittedCrossDomainPolicies::INFO,
    XDnsPrefetchControl::INFO,
    Server::INFO,
    XContentTypeOptions::INFO,
    XFrameOptions::INFO,
    OriginAgentCluster::INFO,
    XDownloadOptions::INFO,
    XXssProtection::INFO,
    ClearSiteData::INFO,
    ReportingEndpoints::INFO,
    ReportTo::INFO,
    Nel::INFO,
    IntegrityPolicy::INFO,
    IntegrityPolicyReportOnly::INFO,
    DocumentIsolationPolicy::INFO,
    DocumentIsolationPolicyReportOnly::INFO,
    DocumentPolicy::INFO,
    DocumentPolicyReportOnly::INFO,
];

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
            // The row is its type's: the type's name and `Policy::name` agree with it,
            // and a raw value makes one exactly when the row has a configuration key.
            let made = (h.make.default)();
            assert_eq!(made.name(), h.name);
            // A report-only type is named as `ReportOnly` of its enforced type.
            let named = |t: &str| {
                t.ends_with(&format!("::{}", h.type_name))
                    || h.type_name.strip_suffix("ReportOnly").is_some_and(|e| {
                        t.contains("::ReportOnly<") && t.ends_with(&format!("::{e}>"))
                    })
            };
            assert!(
                named(made.type_name()),
                "{} is a {}",
                h.type_name,
                made.type_name()
            );
            assert_eq!(index_of(h.name), i);
            let raw = (h.make.from_value)("x");
            assert_eq!(raw.is_some(), h.config_key.is_some(), "{}", h.name);
            if let Some(raw) = raw {
                assert_eq!(raw.name(), h.name);
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
                ("Document-Policy", "Document-Policy-Report-Only"),
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

    /// What a row parses renders, parses back and renders the same (the `registry` fuzz
    /// target checks this on any input).
    #[test]
    fn what_a_row_parses_round_trips() {
        let mut values: Vec<String> = [
            "",
            " ",
            "x",
            "same-origin",
            " deny ",
            "DENYY",
            "?1",
            "?0",
            "off",
            "on",
            "noopen",
            "0",
            "1; mode=block",
            "nosniff",
            "none",
            "max-age=0",
            "max-age=31536000; includeSubDomains; preload",
            "no-store, max-age=0",
            "default-src 'self'; script-src 'nonce-abc' 'strict-dynamic'",
            "geolocation=(), camera=(self \"https://a.example\")",
            "\"cache\", \"cookies\"",
            "a=\"https://r.example/a\"",
            "same-origin; report-to=\"coop\"",
            "blocked-destinations=(script), endpoints=(a)",
            "isolate-and-require-corp",
            "force-load-at-top, oversized-images=2.0;report-to=x",
            r#"{"group":"a","max_age":86400,"endpoints":[{"url":"https://r.example/a"}]}"#,
            r#"{"report_to":"a","max_age":86400}"#,
            "a, b",
            "a;b=c",
            "\u{fffd}",
        ]
        .map(str::to_owned)
        .to_vec();
        for preset in crate::Preset::ALL {
            let secure = crate::Secure::from_preset(preset);
            values.extend(secure.header_items().map(|(_, v)| v.to_owned()));
        }
        let mut parsed = 0;
        for h in HEADERS {
            for value in &values {
                let Ok(policy) = h.parse(value) else { continue };
                parsed += 1;
                assert_eq!(policy.name(), h.name);
                let rendered = policy
                    .render()
                    .unwrap_or_else(|e| panic!("{}: {value:?}: {e}", h.name));
                let again = h
                    .parse(&rendered)
                    .unwrap_or_else(|e| panic!("{}: {rendered:?}: {e}", h.name));
                assert_eq!(again.render().unwrap(), rendered, "{}: {value:?}", h.name);
            }
        }
        assert!(parsed > HEADERS.len(), "{parsed}");
    }

    #[test]
    fn every_header_python_secure_allows_is_registered() {
        for n in crate::DEFAULT_ALLOWED_HEADERS {
            assert!(lowercase(n).is_some(), "{n} is not registered");
        }
    }
}
