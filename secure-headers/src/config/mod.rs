//! A whole [`Secure`] configuration as data: TOML (feature `toml`) or JSON (feature `json`)
//! through serde, or built in code.
//!
//! A [`Config`] starts from a preset and maps each section onto builder calls, without a
//! header-value parser: lists of CSP sources, HSTS numbers and flags, Permissions-Policy
//! allowlists. Simple headers are strings, given to the type's `value()`.
//!
//! ```toml
//! preset = "balanced"            # basic, balanced, strict or none (default: balanced)
//! remove = ["Server"]            # headers to drop from the result
//! x-frame-options = "DENY"       # simple headers: the value as sent
//!
//! [csp]                          # changes the preset's policy directive by directive
//! default-src = ["'self'"]
//! img-src = ["'self'", "data:", "https://images.example.com"]
//! upgrade-insecure-requests = true
//! report-to = "csp"
//!
//! [hsts]
//! max-age = 63072000
//! include-subdomains = true
//! preload = false
//!
//! [permissions]
//! geolocation = []
//! camera = ["self"]
//!
//! [reporting-endpoints]
//! csp = "https://example.com/reports/csp"
//!
//! [custom]
//! X-Robots-Tag = "noindex"
//!
//! [insert-mode]
//! Content-Security-Policy = "append"
//!
//! [[pipeline]]
//! step = "deduplicate"
//! action = "last"
//!
//! [https-redirect]               # the request side: see the table below
//! host = "example.com"
//!
//! [proxy]
//! trusted = ["10.0.0.0/8"]
//! forwarded-headers = ["x-forwarded-proto"]
//!
//! [cross-origin]
//! bypass = ["/webhooks/payments"]
//! ```
//!
//! The same file drives the library ([`Secure::from_config_file`]) and the
//! `secure-headers` command (`secure-headers show --config FILE`).
//!
//! # Keys
//!
//! | Key | Meaning |
//! |---|---|
//! | `preset` | The base: `basic`, `balanced` (the default when absent), `strict` or `none` (no header). |
//! | `remove` | Header names to drop, applied last. |
//! | `multi-ok` | The names appended after the application's value instead of replacing it ([`SecureBuilder::multi_ok`]). |
//! | <!-- registry-list config-keys --> `cache-control`, `cross-origin-embedder-policy`, `cross-origin-embedder-policy-report-only`, `cross-origin-opener-policy`, `cross-origin-opener-policy-report-only`, `cross-origin-resource-policy`, `referrer-policy`, `x-permitted-cross-domain-policies`, `x-dns-prefetch-control`, `server`, `x-content-type-options`, `x-frame-options`, `origin-agent-cluster`, `x-download-options`, `x-xss-protection`, `clear-site-data`, `report-to`, `nel`, `integrity-policy`, `integrity-policy-report-only`, `document-isolation-policy`, `document-isolation-policy-report-only`, `document-policy`, `document-policy-report-only` | That header, with this exact value (every header of [`registry::HEADERS`](crate::registry::HEADERS) with a configuration key and no section of its own). |
//! | `content-security-policy`, `content-security-policy-report-only`, `strict-transport-security`, `permissions-policy`, `permissions-policy-report-only` | That header as a raw value (or use the typed section; not both). |
//! | | The values of `cross-origin-embedder-policy`, `cross-origin-opener-policy`, `document-isolation-policy` and their `-report-only` forms may end with a reporting group, as browsers read them: `cross-origin-opener-policy = 'same-origin; report-to="coop"'`; any other parameter is an error. |
//! | `[csp]`, `[csp-report-only]` | One key per directive: a list of sources (`[]` for a valueless directive), a string (split on spaces), `true` (set a valueless directive) or `false` (remove the directive). Each key replaces that directive of the base policy; `replace = true` starts from an empty policy; `value` sets a raw value first. |
//! | `[hsts]` | `max-age` (seconds), `include-subdomains`, `preload`; unset keys keep the base's; or `value`. |
//! | `[permissions]`, `[permissions-report-only]` | One key per feature: a list of allowlist members (`[]`, `["self", "https://a.example"]`) or `"*"`; replaces that feature of the base; `replace = true`, `value` as for `[csp]`; `report-to = "name"` sends the reports of every feature of the policy to that endpoint of `Reporting-Endpoints` ([`PermissionsPolicy::report_to_all`]). |
//! | `[reporting-endpoints]` | Endpoint name = URL, added to the base's. |
//! | `[custom]` | Header name = value, sent after the typed headers in file order. |
//! | `[insert-mode]` | Header name = `overwrite`, `append` or `if-absent` ([`InsertMode`]). |
//! | `hsts-mode` | When to send HSTS: `always` (the default, as Python's `secure` 2.0.1) or `secure-only` (RFC 6797 §7.2). |
//! | `development-mode` | `true` for `http://localhost`: no HSTS, no redirect, no host check ([`SecureBuilder::development_mode`]). |
//! | `remove-headers` | Header names removed from the application's responses (`X-Powered-By`). |
//! | `provide-nonce` | Make a nonce for every request even when no header of the base uses one ([`SecureBuilder::provide_nonce`]). |
//! | `[https-redirect]` | Redirect plain HTTP to HTTPS: `host` (the canonical host), `port`, `status` (301, 302, 307, 308); without `host`, `[allowed-hosts]` is required. |
//! | `[allowed-hosts]` | `hosts` (`example.com`, `*.example.com`, `[::1]:8080`; not empty) and the refusal's `status` (400). |
//! | `[proxy]` | `trusted` (addresses or CIDR ranges), `forwarded-headers` (`forwarded`, `x-forwarded-proto`, `x-forwarded-host`: the only ones read), `hops` (proxies in front, counted from the right; 1). |
//! | `[cross-origin]` | Cross-origin request protection: `allow-same-site`, `trusted-origins`, `refuse-without-headers`, `report-only`, `bypass` (exact paths), `resource-isolation`, `exempt` (exact paths). An empty section turns it on with its defaults. |
//! | `[cookies]` | Cookie hardening: `secure`, `http-only` (both true), `same-site` (`strict`, `lax`, `none`, `omit`), `only` (cookie names). |
//! | `[[pipeline]]` | Build steps in order: `step = "allowlist"` (`allowed`, `allow-extra`, `on-unexpected` = `raise`/`drop`/`warn`, `allow-x-prefixed`), `step = "deduplicate"` (`action` = `raise`/`first`/`last`/`concat`, `comma-join-ok`, `multi-ok`), `step = "normalize"` (`on-invalid` = `drop`/`warn`/`raise`, `strict`, `allow-obs-text`). |
//!
//! Unknown keys are errors in every section, and so is every value the builder would
//! refuse. The error names the key as the file writes it (`csp.scirpt-src`,
//! `hsts.include-subdomains`), and, when the text is at hand ([`Config::from_toml`],
//! [`Config::from_json`], [`Secure::from_config_str`], [`Secure::from_config_file`]), its
//! line and column; a key close to a known one gets a "did you mean":
//!
//! ```
//! # #[cfg(feature = "toml")] {
//! use secure_headers::config::Format;
//! use secure_headers::Secure;
//!
//! let err = Secure::from_config_str("[csp]\nscirpt-src = [\"'self'\"]", Format::Toml).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "invalid configuration in csp.scirpt-src (line 2, column 1: unknown CSP directive `scirpt-src`; did you mean `script-src`?)"
//! );
//! # }
//! ```
//!
//! Every error of a text is reported at once, in file order: the returned [`Error`] is
//! the first, [`Error::others`] holds the rest, and its `Display` writes one a line, each
//! with its line and column. An error that only follows from another (a section left
//! without the key that was refused) is not repeated.
//!
//! ```
//! # #[cfg(feature = "toml")] {
//! use secure_headers::config::Format;
//! use secure_headers::Secure;
//!
//! let text = "x-frame-option = \"DENY\"\n[allowed-hosts]\nhosts = []";
//! let err = Secure::from_config_str(text, Format::Toml).unwrap_err();
//! let message = err.to_string();
//! let lines: Vec<&str> = message.lines().collect();
//! assert!(lines[0].starts_with("invalid configuration in x-frame-option (line 1, column 1: unknown key"));
//! assert!(lines[1].starts_with("invalid configuration in allowed-hosts.hosts: \"[]\" (line 3, column 1: an empty list would refuse every request"));
//! # }
//! ```
//!
//! `[csp]` keys are the directives this crate knows and `[permissions]` keys the features
//! it knows; send one it does not know yet through the section's raw `value`.
//! `preload = true` with `include-subdomains = false` is the error the builder gives for
//! `excluding_subdomains(..).preload()`, in the file's words (the preload list requires
//! `includeSubDomains`: set `include-subdomains = true` or `preload = false`);
//! `preload = true` alone brings
//! `includeSubDomains` with it, as [`StrictTransportSecurity::preload`] does.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::permissions_policy::Allowlist;
use crate::pipeline::{
    AllowlistOptions, DeduplicateAction, DeduplicateOptions, NormalizeOptions, OnInvalid,
    OnUnexpected,
};
use crate::registry::{HEADERS, HeaderInfo};
use crate::{
    ContentSecurityPolicy, CustomHeader, Error, ErrorKind, InsertMode, PermissionsPolicy, Preset,
    Secure, SecureBuilder, StrictTransportSecurity,
};

const ONE_YEAR: u64 = 31_536_000;

fn config_error(key: &str, input: &str, detail: impl Into<Box<str>>) -> Error {
    Error::new(ErrorKind::Config)
        .with_directive(key)
        .with_input(input)
        .with_detail(detail)
}

/// A whole [`Secure`] configuration. See the [module documentation](self) for the
/// keys.
///
/// ```
/// # #[cfg(feature = "toml")] {
/// use secure_headers::config::Config;
/// use secure_headers::{Preset, Secure};
///
/// let config = Config::from_toml(r#"
///     preset = "balanced"
///     x-frame-options = "DENY"
///     [csp]
///     img-src = ["'self'", "https://images.example.com"]
/// "#)?;
/// let secure = config.into_builder()?.build()?;
/// let text = secure.to_string();
/// assert!(text.contains("X-Frame-Options: DENY"));
/// // A directive given in the file replaces the preset's (and moves to the end).
/// assert!(text.contains("; img-src 'self' https://images.example.com\n"));
///
/// assert_eq!(
///     Config::from_toml("preset = \"balanced\"")?.into_builder()?.build()?,
///     Secure::from_preset(Preset::Balanced)
/// );
/// # }
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Config {
    /// The base: `basic`, `balanced` (when absent), `strict` or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// Header names to drop, applied after everything else.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
    /// [`SecureBuilder::multi_ok`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_ok: Option<Vec<String>>,
    // <!-- begin registry-list config-fields -->
    /// `Cache-Control` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_control: Option<String>,
    /// `Cross-Origin-Embedder-Policy` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_origin_embedder_policy: Option<String>,
    /// `Cross-Origin-Embedder-Policy-Report-Only` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_origin_embedder_policy_report_only: Option<String>,
    /// `Cross-Origin-Opener-Policy` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_origin_opener_policy: Option<String>,
    /// `Cross-Origin-Opener-Policy-Report-Only` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_origin_opener_policy_report_only: Option<String>,
    /// `Cross-Origin-Resource-Policy` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_origin_resource_policy: Option<String>,
    /// `Content-Security-Policy` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_security_policy: Option<String>,
    /// `Content-Security-Policy-Report-Only` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_security_policy_report_only: Option<String>,
    /// `Strict-Transport-Security` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict_transport_security: Option<String>,
    /// `Permissions-Policy` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions_policy: Option<String>,
    /// `Permissions-Policy-Report-Only` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions_policy_report_only: Option<String>,
    /// `Referrer-Policy` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer_policy: Option<String>,
    /// `X-Permitted-Cross-Domain-Policies` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_permitted_cross_domain_policies: Option<String>,
    /// `X-DNS-Prefetch-Control` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_dns_prefetch_control: Option<String>,
    /// `Server` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    /// `X-Content-Type-Options` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_content_type_options: Option<String>,
    /// `X-Frame-Options` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_frame_options: Option<String>,
    /// `Origin-Agent-Cluster` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_agent_cluster: Option<String>,
    /// `X-Download-Options` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_download_options: Option<String>,
    /// `X-XSS-Protection` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_xss_protection: Option<String>,
    /// `Clear-Site-Data` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clear_site_data: Option<String>,
    /// `Report-To` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_to: Option<String>,
    /// `NEL` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nel: Option<String>,
    /// `Integrity-Policy` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity_policy: Option<String>,
    /// `Integrity-Policy-Report-Only` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity_policy_report_only: Option<String>,
    /// `Document-Isolation-Policy` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_isolation_policy: Option<String>,
    /// `Document-Isolation-Policy-Report-Only` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_isolation_policy_report_only: Option<String>,
    /// `Document-Policy` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_policy: Option<String>,
    /// `Document-Policy-Report-Only` as a raw value, sent as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_policy_report_only: Option<String>,
    // <!-- end registry-list config-fields -->
    /// `[csp]`: the Content-Security-Policy, directive by directive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csp: Option<Section>,
    /// `[csp-report-only]`: the report-only policy, directive by directive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csp_report_only: Option<Section>,
    /// `[hsts]`: Strict-Transport-Security.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hsts: Option<Hsts>,
    /// `[permissions]`: the Permissions-Policy, feature by feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Section>,
    /// `[permissions-report-only]`: the Permissions-Policy-Report-Only, feature by
    /// feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions_report_only: Option<Section>,
    /// `[reporting-endpoints]`: endpoint name = URL.
    #[serde(default, skip_serializing_if = "Pairs::is_empty")]
    reporting_endpoints: Pairs<String>,
    /// `[custom]`: header name = value.
    #[serde(default, skip_serializing_if = "Pairs::is_empty")]
    custom: Pairs<String>,
    /// `[insert-mode]`: header name = `overwrite`, `append` or `if-absent`.
    #[serde(default, skip_serializing_if = "Pairs::is_empty")]
    insert_mode: Pairs<String>,
    /// `[[pipeline]]`: build steps, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pipeline: Vec<Step>,
    /// When to send HSTS: `always` (the default) or `secure-only`
    /// ([`SecureBuilder::hsts_mode`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hsts_mode: Option<String>,
    /// [`SecureBuilder::development_mode`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub development_mode: Option<bool>,
    /// Headers to remove from the application's responses
    /// ([`SecureBuilder::remove_headers`]), such as `X-Powered-By`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove_headers: Vec<String>,
    /// [`SecureBuilder::provide_nonce`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provide_nonce: Option<bool>,
    /// `[https-redirect]`: see [`HttpsRedirectSection`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub https_redirect: Option<HttpsRedirectSection>,
    /// `[allowed-hosts]`: see [`AllowedHostsSection`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_hosts: Option<AllowedHostsSection>,
    /// `[proxy]`: see [`ProxySection`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<ProxySection>,
    /// `[cross-origin]`: see [`CrossOriginSection`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_origin: Option<CrossOriginSection>,
    /// `[cookies]`: see [`CookiesSection`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookies: Option<CookiesSection>,
}

impl Config {
    /// The raw value the file gives for the header of the registry row `info`, by its
    /// configuration key.
    #[rustfmt::skip]
    fn raw_value(&self, info: &HeaderInfo) -> Option<&str> {
        let value = match info.config_key? {
            // <!-- begin registry-list config-raw-value -->
            "cache-control" => &self.cache_control,
            "cross-origin-embedder-policy" => &self.cross_origin_embedder_policy,
            "cross-origin-embedder-policy-report-only" => &self.cross_origin_embedder_policy_report_only,
            "cross-origin-opener-policy" => &self.cross_origin_opener_policy,
            "cross-origin-opener-policy-report-only" => &self.cross_origin_opener_policy_report_only,
            "cross-origin-resource-policy" => &self.cross_origin_resource_policy,
            "content-security-policy" => &self.content_security_policy,
            "content-security-policy-report-only" => &self.content_security_policy_report_only,
            "strict-transport-security" => &self.strict_transport_security,
            "permissions-policy" => &self.permissions_policy,
            "permissions-policy-report-only" => &self.permissions_policy_report_only,
            "referrer-policy" => &self.referrer_policy,
            "x-permitted-cross-domain-policies" => &self.x_permitted_cross_domain_policies,
            "x-dns-prefetch-control" => &self.x_dns_prefetch_control,
            "server" => &self.server,
            "x-content-type-options" => &self.x_content_type_options,
            "x-frame-options" => &self.x_frame_options,
            "origin-agent-cluster" => &self.origin_agent_cluster,
            "x-download-options" => &self.x_download_options,
            "x-xss-protection" => &self.x_xss_protection,
            "clear-site-data" => &self.clear_site_data,
            "report-to" => &self.report_to,
            "nel" => &self.nel,
            "integrity-policy" => &self.integrity_policy,
            "integrity-policy-report-only" => &self.integrity_policy_report_only,
            "document-isolation-policy" => &self.document_isolation_policy,
            "document-isolation-policy-report-only" => &self.document_isolation_policy_report_only,
            "document-policy" => &self.document_policy,
            "document-policy-report-only" => &self.document_policy_report_only,
            // <!-- end registry-list config-raw-value -->
            _ => return None,
        };
        value.as_deref()
    }

    /// Sets, on `b`, every header given as a raw value.
    fn apply_raw(&self, mut b: SecureBuilder) -> SecureBuilder {
        for info in HEADERS {
            if let Some(raw) = self.raw_value(info) {
                b.slots.put_value(info, raw);
            }
        }
        b
    }
}

impl<V> Pairs<V> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Config {
    /// A configuration that builds `preset` and nothing else.
    ///
    /// ```
    /// use secure_headers::config::Config;
    /// use secure_headers::{Preset, Secure};
    /// let secure = Config::from_preset(Preset::Strict).into_builder()?.build()?;
    /// assert_eq!(secure, Secure::from_preset(Preset::Strict));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    #[must_use]
    pub fn from_preset(preset: Preset) -> Self {
        Self {
            preset: Some(preset.as_str().to_owned()),
            ..Self::default()
        }
    }

    /// Adds a custom header, sent after the typed ones.
    ///
    /// ```
    /// use secure_headers::config::Config;
    /// let config = Config::default().custom("X-Robots-Tag", "noindex");
    /// let secure = config.into_builder()?.build()?;
    /// assert!(secure.to_string().ends_with("X-Robots-Tag: noindex"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    #[must_use]
    pub fn custom(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.custom.0.push((name.into(), value.into()));
        self
    }

    /// Sets the insert mode (`overwrite`, `append` or `if-absent`) of one header.
    ///
    /// ```
    /// use secure_headers::config::Config;
    /// use secure_headers::InsertMode;
    /// let secure = Config::default().insert_mode("X-Frame-Options", "if-absent").into_builder()?.build()?;
    /// let xfo = secure.entries().iter().find(|e| e.name() == "X-Frame-Options").unwrap();
    /// assert_eq!(xfo.mode(), InsertMode::IfAbsent);
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    #[must_use]
    pub fn insert_mode(mut self, name: impl Into<String>, mode: impl Into<String>) -> Self {
        self.insert_mode.0.push((name.into(), mode.into()));
        self
    }

    /// Adds a `Reporting-Endpoints` endpoint.
    ///
    /// ```
    /// use secure_headers::config::Config;
    /// let secure = Config::default().reporting_endpoint("csp", "/reports/csp").into_builder()?.build()?;
    /// assert!(secure.to_string().contains("Reporting-Endpoints: csp=\"/reports/csp\""));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    #[must_use]
    pub fn reporting_endpoint(mut self, name: impl Into<String>, url: impl Into<String>) -> Self {
        self.reporting_endpoints.0.push((name.into(), url.into()));
        self
    }

    /// Parses a configuration in `format`.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use secure_headers::config::{Config, Format};
    /// let config = Config::from_str(r#"{ "preset": "strict", "remove": ["Server"] }"#, Format::Json)?;
    /// assert_eq!(config.remove, ["Server"]);
    /// # }
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Config`] with the parser's message (which names the key and its line),
    /// or when the format's feature is not enabled.
    #[allow(clippy::should_implement_trait, reason = "FromStr takes no format")]
    pub fn from_str(text: &str, format: Format) -> Result<Self, Error> {
        match format {
            Format::Toml => Self::from_toml(text),
            Format::Json => Self::from_json(text),
        }
    }

    /// Parses a TOML configuration (feature `toml`).
    ///
    /// ```
    /// # #[cfg(feature = "toml")] {
    /// use secure_headers::config::Config;
    /// let err = Config::from_toml("x-frame-option = \"DENY\"").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid configuration in x-frame-option (line 1, column 1: unknown key `x-frame-option`; did you mean `x-frame-options`?)"
    /// );
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Config`] naming the key, its line and column, or without the `toml`
    /// feature.
    pub fn from_toml(text: &str) -> Result<Self, Error> {
        Self::read_all(text, Format::Toml)
    }

    /// The configuration of `text`, or every error of it (see [`collect`]).
    fn read_all(text: &str, format: Format) -> Result<Self, Error> {
        Self::read(text, format)
            .map_err(|first| every_error(text, format, first, |c| c.check_keys()))
    }

    /// The configuration of `text`, or its first error.
    fn read(text: &str, format: Format) -> Result<Self, Error> {
        match format {
            Format::Toml => Self::read_toml(text),
            Format::Json => Self::read_json(text),
        }
    }

    /// [`Config::from_toml`], stopping at the first error.
    fn read_toml(text: &str) -> Result<Self, Error> {
        #[cfg(feature = "toml")]
        {
            let config: Self = toml::from_str(text).map_err(|e| {
                let at = e.span().map_or(0, |s| s.start);
                keys::parse_error(text, Format::Toml, e.message(), at)
            })?;
            config
                .check_keys()
                .map_err(|e| locate(e, text, Format::Toml))?;
            Ok(config)
        }
        #[cfg(not(feature = "toml"))]
        {
            let _ = text;
            Err(Error::new(ErrorKind::Config)
                .with_detail("TOML configurations need the `toml` feature"))
        }
    }

    /// Parses a JSON configuration (feature `json`).
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use secure_headers::config::Config;
    /// let config = Config::from_json(r#"{ "preset": "basic", "hsts": { "max-age": 600 } }"#)?;
    /// assert_eq!(config.hsts.unwrap().max_age, Some(600));
    /// # }
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Config`] naming the key, line and column, or without the `json` feature.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Self::read_all(text, Format::Json)
    }

    /// [`Config::from_json`], stopping at the first error.
    fn read_json(text: &str) -> Result<Self, Error> {
        #[cfg(feature = "json")]
        {
            let config: Self = serde_json::from_str(text).map_err(|e| {
                // serde_json names the position where it noticed the mistake; its message
                // ends with that position, which is given separately here.
                let message = e.to_string();
                let message = message
                    .rsplit_once(" at line ")
                    .map_or(message.as_str(), |(m, _)| m);
                let at = keys::offset_of(text, e.line(), e.column());
                keys::parse_error(text, Format::Json, message, at)
            })?;
            config
                .check_keys()
                .map_err(|e| locate(e, text, Format::Json))?;
            Ok(config)
        }
        #[cfg(not(feature = "json"))]
        {
            let _ = text;
            Err(Error::new(ErrorKind::Config)
                .with_detail("JSON configurations need the `json` feature"))
        }
    }

    /// Reads a configuration file; the format comes from the extension (`.json` for
    /// JSON, anything else is read as TOML).
    ///
    /// ```
    /// use secure_headers::config::Config;
    /// let err = Config::from_file("/no/such/secure.toml").unwrap_err();
    /// assert!(err.to_string().starts_with("invalid configuration: \"/no/such/secure.toml\""));
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Config`] naming the file when it cannot be read or parsed.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let (text, format) = read_config(path)?;
        Self::from_str(&text, format).map_err(|e| in_file(e, path))
    }

    /// The configuration as TOML (feature `toml`).
    ///
    /// ```
    /// # #[cfg(feature = "toml")] {
    /// use secure_headers::config::Config;
    /// use secure_headers::Preset;
    /// assert_eq!(Config::from_preset(Preset::Basic).to_toml()?, "preset = \"basic\"\n");
    /// # }
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Without the `toml` feature.
    pub fn to_toml(&self) -> Result<String, Error> {
        #[cfg(feature = "toml")]
        {
            toml::to_string(self)
                .map_err(|e| Error::new(ErrorKind::Config).with_detail(e.to_string()))
        }
        #[cfg(not(feature = "toml"))]
        {
            Err(Error::new(ErrorKind::Config)
                .with_detail("TOML configurations need the `toml` feature"))
        }
    }

    /// The configuration as pretty-printed JSON (feature `json`).
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use secure_headers::config::Config;
    /// use secure_headers::Preset;
    /// assert_eq!(Config::from_preset(Preset::Strict).to_json()?, "{\n  \"preset\": \"strict\"\n}");
    /// # }
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Without the `json` feature.
    pub fn to_json(&self) -> Result<String, Error> {
        #[cfg(feature = "json")]
        {
            serde_json::to_string_pretty(self)
                .map_err(|e| Error::new(ErrorKind::Config).with_detail(e.to_string()))
        }
        #[cfg(not(feature = "json"))]
        {
            Err(Error::new(ErrorKind::Config)
                .with_detail("JSON configurations need the `json` feature"))
        }
    }
}

/// What [`Secure::from_config_file`] builds: the `Secure` the file at `path` describes.
pub(crate) fn secure_from_file(path: &Path) -> Result<Secure, Error> {
    let (text, format) = read_config(path)?;
    secure_from_str(&text, format).map_err(|e| in_file(e, path))
}

/// What [`Secure::from_config_str`] builds: the `Secure` `text` describes, with every
/// error of the text when there are several.
pub(crate) fn secure_from_str(text: &str, format: Format) -> Result<Secure, Error> {
    let build = Config::into_secure;
    Config::read(text, format)
        .and_then(|c| build(c).map_err(|e| locate(e, text, format)))
        .map_err(|first| every_error(text, format, first, build))
}

mod build;
#[cfg(any(feature = "toml", feature = "json"))]
mod collect;
mod keys;
mod request;
mod value;

use keys::{in_file, locate, read_config};

/// Every error of `text` (see [`collect`]), or `first` without a format to read it with.
fn every_error<T>(
    text: &str,
    format: Format,
    first: Error,
    stage: impl Fn(Config) -> Result<T, Error>,
) -> Error {
    #[cfg(any(feature = "toml", feature = "json"))]
    {
        collect::every_error(text, format, first, stage)
    }
    #[cfg(not(any(feature = "toml", feature = "json")))]
    {
        let _ = (text, format, stage);
        first
    }
}
pub use request::{
    AllowedHostsSection, CookiesSection, CrossOriginSection, HttpsRedirectSection, ProxySection,
};
use value::Pairs;
pub use value::{Format, Hsts, Section, Step, Value};

#[cfg(test)]
mod tests;
