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
//! | `cache-control`, `clear-site-data`, `cross-origin-embedder-policy`, `cross-origin-opener-policy`, `cross-origin-resource-policy`, `origin-agent-cluster`, `referrer-policy`, `server`, `x-content-type-options`, `x-dns-prefetch-control`, `x-download-options`, `x-frame-options`, `x-permitted-cross-domain-policies`, `x-xss-protection` | That header, with this exact value. |
//! | `content-security-policy`, `content-security-policy-report-only`, `strict-transport-security`, `permissions-policy` | That header as a raw value (or use the typed section; not both). |
//! | `[csp]`, `[csp-report-only]` | One key per directive: a list of sources (`[]` for a valueless directive), a string (split on spaces), `true` (set a valueless directive) or `false` (remove the directive). Each key replaces that directive of the base policy; `replace = true` starts from an empty policy; `value` sets a raw value first. |
//! | `[hsts]` | `max-age` (seconds), `include-subdomains`, `preload`; unset keys keep the base's; or `value`. |
//! | `[permissions]` | One key per feature: a list of allowlist members (`[]`, `["self", "https://a.example"]`) or `"*"`; replaces that feature of the base; `replace = true`, `value` as for `[csp]`. |
//! | `[reporting-endpoints]` | Endpoint name = URL, added to the base's. |
//! | `[custom]` | Header name = value, sent after the typed headers in file order. |
//! | `[insert-mode]` | Header name = `overwrite`, `append` or `if-absent` ([`InsertMode`]). |
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
//! `[csp]` keys are the directives this crate knows and `[permissions]` keys the features
//! it knows; send one it does not know yet through the section's raw `value`.
//! `preload = true` with `include-subdomains = false` is an error naming both keys (the
//! preload list requires `includeSubDomains`); `preload = true` alone brings
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
use crate::{
    CacheControl, ClearSiteData, ContentSecurityPolicy, ContentSecurityPolicyReportOnly,
    CrossOriginEmbedderPolicy, CrossOriginEmbedderPolicyReportOnly, CrossOriginOpenerPolicy,
    CrossOriginOpenerPolicyReportOnly, CrossOriginResourcePolicy, CustomHeader,
    DocumentIsolationPolicy, DocumentIsolationPolicyReportOnly, Error, ErrorKind, InsertMode,
    IntegrityPolicy, IntegrityPolicyReportOnly, Nel, OriginAgentCluster, PermissionsPolicy,
    PermissionsPolicyReportOnly, Preset, ReferrerPolicy, ReportTo, Secure, SecureBuilder, Server,
    StrictTransportSecurity, XContentTypeOptions, XDnsPrefetchControl, XDownloadOptions,
    XFrameOptions, XPermittedCrossDomainPolicies, XXssProtection,
};

const ONE_YEAR: u64 = 31_536_000;

/// The text format of a configuration.
///
/// ```
/// use secure_headers::config::Format;
/// assert_eq!(Format::from_path("secure.toml"), Some(Format::Toml));
/// assert_eq!(Format::from_path("conf/secure.JSON"), Some(Format::Json));
/// assert_eq!(Format::from_path("secure.yaml"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// TOML (needs the `toml` feature).
    Toml,
    /// JSON (needs the `json` feature).
    Json,
}

impl Format {
    /// The format a file name's extension names (`.toml` or `.json`, any case).
    #[must_use]
    pub fn from_path(path: impl AsRef<Path>) -> Option<Self> {
        let ext = path.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(Self::Toml),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

fn config_error(key: &str, input: &str, detail: impl Into<Box<str>>) -> Error {
    Error::new(ErrorKind::Config)
        .with_directive(key)
        .with_input(input)
        .with_detail(detail)
}

/// An ordered list of `name = value` pairs, read and written as a map in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Pairs<V>(Vec<(String, V)>);

impl<V: Serialize> Serialize for Pairs<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Pairs<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PairsVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<V> {
            type Value = Pairs<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of names and values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, V>()? {
                    out.push((k, v));
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(PairsVisitor(std::marker::PhantomData))
    }
}

/// The value of a `[csp]` directive or a `[permissions]` feature.
///
/// ```
/// use secure_headers::config::Value;
/// let v = Value::List(vec!["'self'".into(), "https:".into()]);
/// assert_eq!(v.tokens(), ["'self'", "https:"]);
/// assert_eq!(Value::Text("'self'  data:".into()).tokens(), ["'self'", "data:"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value {
    /// `true` sets a valueless directive, `false` removes the directive.
    Flag(bool),
    /// A string, split on whitespace.
    Text(String),
    /// A list of tokens (sources, flags, allowlist members).
    List(Vec<String>),
}

impl Value {
    /// The tokens: the list, the string split on whitespace, or none for a flag.
    #[must_use]
    pub fn tokens(&self) -> Vec<&str> {
        match self {
            Self::Flag(_) => Vec::new(),
            Self::Text(s) => s.split_whitespace().collect(),
            Self::List(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Flag(b) => s.serialize_bool(*b),
            Self::Text(t) => s.serialize_str(t),
            Self::List(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true, false, a string or a list of strings")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Flag(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Text(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                Ok(Value::List(out))
            }
        }
        d.deserialize_any(ValueVisitor)
    }
}

/// A section of named entries with the `replace` and `value` keys: `[csp]`,
/// `[csp-report-only]` and `[permissions]`.
///
/// ```
/// use secure_headers::config::{Section, Value};
///
/// let section = Section::new().entry("img-src", Value::List(vec!["'self'".into()]));
/// assert_eq!(section.entries().len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Section {
    /// Start from an empty policy instead of the base's.
    pub replace: bool,
    /// A raw value applied before the entries.
    pub value: Option<String>,
    entries: Vec<(String, Value)>,
}

impl Section {
    /// An empty section.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the entry `name`.
    #[must_use]
    pub fn entry(mut self, name: impl Into<String>, value: Value) -> Self {
        let name = name.into();
        self.entries.retain(|(n, _)| *n != name);
        self.entries.push((name, value));
        self
    }

    /// The entries, in file order.
    #[must_use]
    pub fn entries(&self) -> &[(String, Value)] {
        &self.entries
    }
}

impl Serialize for Section {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if self.replace {
            map.serialize_entry("replace", &true)?;
        }
        if let Some(v) = &self.value {
            map.serialize_entry("value", v)?;
        }
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Section {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SectionVisitor;
        impl<'de> Visitor<'de> for SectionVisitor {
            type Value = Section;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of directives")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Section, A::Error> {
                let mut out = Section::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "replace" => out.replace = map.next_value()?,
                        "value" => out.value = Some(map.next_value()?),
                        _ => {
                            let v: Value = map.next_value()?;
                            if out.entries.iter().any(|(n, _)| *n == key) {
                                return Err(de::Error::custom(format!("duplicate key `{key}`")));
                            }
                            out.entries.push((key, v));
                        }
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(SectionVisitor)
    }
}

/// The `[hsts]` section.
///
/// ```
/// use secure_headers::config::Hsts;
/// let mut hsts = Hsts::default();
/// hsts.max_age = Some(63_072_000);
/// hsts.include_subdomains = Some(true);
/// assert_eq!(hsts.preload, None); // keeps the base's
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Hsts {
    /// `max-age`, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u64>,
    /// Whether to send `includeSubDomains`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_subdomains: Option<bool>,
    /// Whether to send `preload`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preload: Option<bool>,
    /// A raw value instead of the three keys above.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// One `[[pipeline]]` step.
///
/// ```
/// use secure_headers::config::Step;
/// let step = Step::Deduplicate { action: Some("last".into()), comma_join_ok: None, multi_ok: None };
/// assert!(matches!(step, Step::Deduplicate { .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "step",
    rename_all = "kebab-case",
    rename_all_fields = "kebab-case",
    deny_unknown_fields
)]
#[non_exhaustive]
pub enum Step {
    /// [`SecureBuilder::allowlist_headers`].
    Allowlist {
        /// The allowed names (default: [`DEFAULT_ALLOWED_HEADERS`](crate::DEFAULT_ALLOWED_HEADERS)).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        allowed: Option<Vec<String>>,
        /// Names allowed on top of `allowed`.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        allow_extra: Vec<String>,
        /// `raise` (default), `drop` or `warn`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on_unexpected: Option<String>,
        /// Whether any `X-` name is allowed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        allow_x_prefixed: Option<bool>,
    },
    /// [`SecureBuilder::deduplicate_headers`].
    Deduplicate {
        /// `raise` (default), `first`, `last` or `concat`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        action: Option<String>,
        /// Names whose values `concat` may join with commas.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comma_join_ok: Option<Vec<String>>,
        /// Names that may legitimately repeat.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        multi_ok: Option<Vec<String>>,
    },
    /// [`SecureBuilder::validate_and_normalize_headers`].
    Normalize {
        /// `drop` (default), `warn` or `raise`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on_invalid: Option<String>,
        /// Stricter value checks.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        strict: Option<bool>,
        /// Allow bytes 0x80–0xFF in values.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        allow_obs_text: Option<bool>,
    },
}

/// Writes [`Config`] and its raw-value keys from the header registry's rows (a row without
/// a raw-value key, `-`, is left out), and [`Config::apply_raw`].
macro_rules! config_struct {
    (@filter [$($kept:tt)*]) => {
        config_struct!(@emit $($kept)*);
    };
    (@filter [$($kept:tt)*] $field:ident, $map:ident, $ty:ident, $name:literal, $lower:literal, -, $enforced:tt; $($rest:tt)*) => {
        config_struct!(@filter [$($kept)*] $($rest)*);
    };
    (@filter [$($kept:tt)*] $field:ident, $map:ident, $ty:ident, $name:literal, $lower:literal, $key:ident, $enforced:tt; $($rest:tt)*) => {
        config_struct!(@filter [$($kept)* $field $ty $name $key;] $($rest)*);
    };
    (@emit $($method:ident $ty:ident $name:literal $key:ident;)*) => {
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
            $(
                #[doc = concat!("`", $name, "` as a raw value, sent as written.")]
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $key: Option<String>,
            )*
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
        }

        impl Config {
            /// Sets, on `b`, every header given as a raw value.
            fn apply_raw(&self, mut b: SecureBuilder) -> SecureBuilder {
                $(if let Some(v) = &self.$key {
                    b = b.$method(<$ty>::new().value(v));
                })*
                b
            }
        }
    };
    ($($rows:tt)*) => {
        config_struct!(@filter [] $($rows)*);
    };
}

impl<V> Pairs<V> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

crate::headers::registry::registry!(config_struct);

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
        #[cfg(feature = "toml")]
        {
            let config: Self = toml::from_str(text).map_err(|e| {
                let at = e.span().map_or(0, |s| s.start);
                parse_error(text, Format::Toml, e.message(), at)
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
        #[cfg(feature = "json")]
        {
            let config: Self = serde_json::from_str(text).map_err(|e| {
                // serde_json names the position where it noticed the mistake; its message
                // ends with that position, which is given separately here.
                let message = e.to_string();
                let message = message
                    .rsplit_once(" at line ")
                    .map_or(message.as_str(), |(m, _)| m);
                let at = offset_of(text, e.line(), e.column());
                parse_error(text, Format::Json, message, at)
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

    /// The builder this configuration describes, checked by building it once.
    ///
    /// ```
    /// use secure_headers::config::{Config, Section, Value};
    ///
    /// let mut config = Config::default();
    /// config.csp = Some(Section::new().entry("script-src", Value::List(vec!["self".into()])));
    /// let err = config.into_builder().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "unquoted keyword in Content-Security-Policy directive script-src: \"self\" (use 'self'; config key csp.script-src)"
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// An unknown preset, insert mode or pipeline option, a header given both as a raw
    /// value and as a section, or any value the builder refuses; the error names the key.
    pub fn into_builder(self) -> Result<SecureBuilder, Error> {
        self.check_keys()?;
        let preset = self.preset.as_deref().unwrap_or("balanced");
        let mut b = if preset.trim().eq_ignore_ascii_case("none") {
            SecureBuilder::new()
        } else {
            preset
                .parse::<Preset>()
                .map_err(|_| {
                    config_error("preset", preset, "expected basic, balanced, strict or none")
                })?
                .builder()
        };

        b = self.apply_raw(b);

        let both = |raw: &Option<String>, section: bool, raw_key: &str, section_key: &str| {
            if raw.is_some() && section {
                Err(Error::new(ErrorKind::Conflict)
                    .with_directive(raw_key)
                    .with_detail(format!(
                        "give either {raw_key} or [{section_key}], not both"
                    )))
            } else {
                Ok(())
            }
        };
        both(
            &self.content_security_policy,
            self.csp.is_some(),
            "content-security-policy",
            "csp",
        )?;
        both(
            &self.content_security_policy_report_only,
            self.csp_report_only.is_some(),
            "content-security-policy-report-only",
            "csp-report-only",
        )?;
        both(
            &self.strict_transport_security,
            self.hsts.is_some(),
            "strict-transport-security",
            "hsts",
        )?;
        both(
            &self.permissions_policy,
            self.permissions.is_some(),
            "permissions-policy",
            "permissions",
        )?;

        if let Some(section) = &self.csp {
            b = b.map_csp(|csp| apply_csp(csp, section));
        }
        if let Some(section) = &self.csp_report_only {
            b = b.map_csp_report_only(|ro| ro.map(|csp| apply_csp(csp, section)));
        }
        if let Some(h) = &self.hsts {
            if h.value.is_some()
                && (h.max_age.is_some() || h.include_subdomains.is_some() || h.preload.is_some())
            {
                return Err(Error::new(ErrorKind::Conflict)
                    .with_directive("hsts.value")
                    .with_detail("give either value or max-age, include-subdomains and preload"));
            }
            if h.preload == Some(true) && h.include_subdomains == Some(false) {
                return Err(Error::new(ErrorKind::Conflict)
                    .with_directive("hsts.preload")
                    .with_detail(
                        "preload = true needs includeSubDomains (the HSTS preload list requires it), \
                         but hsts.include-subdomains = false",
                    ));
            }
            b = b.map_hsts(|cur| match &h.value {
                Some(v) => StrictTransportSecurity::new().value(v),
                None => {
                    let max_age = h
                        .max_age
                        .map(Duration::from_secs)
                        .or_else(|| cur.get_max_age())
                        .unwrap_or(Duration::from_secs(ONE_YEAR));
                    let hsts = if h.include_subdomains.unwrap_or(cur.includes_subdomains()) {
                        StrictTransportSecurity::including_subdomains(max_age)
                    } else {
                        StrictTransportSecurity::excluding_subdomains(max_age)
                    };
                    if h.preload.unwrap_or(cur.is_preload()) {
                        hsts.preload()
                    } else {
                        hsts
                    }
                }
            });
        }
        if let Some(section) = &self.permissions {
            if let Some((name, _)) = section
                .entries
                .iter()
                .find(|(_, v)| matches!(v, Value::Flag(_)))
            {
                return Err(config_error(
                    &format!("permissions.{name}"),
                    "true/false",
                    "a feature takes a list of origins ([], [\"self\"], ...) or \"*\"",
                ));
            }
            b = b.map_permissions(|cur| {
                let mut pp = if section.replace {
                    PermissionsPolicy::new()
                } else {
                    cur
                };
                if let Some(v) = &section.value {
                    pp = pp.value(v);
                }
                for (name, value) in &section.entries {
                    let allowlist = match value {
                        Value::Text(t) if t.trim() == "*" => Allowlist::any(),
                        other => Allowlist::from_tokens(other.tokens()),
                    };
                    pp = pp.directive(name, allowlist);
                }
                pp
            });
        }
        if !self.reporting_endpoints.is_empty() {
            b = b.map_reporting_endpoints(|mut re| {
                for (name, url) in &self.reporting_endpoints.0 {
                    re = re.endpoint(name, url);
                }
                re
            });
        }
        for (name, value) in &self.custom.0 {
            b = b.custom(CustomHeader::new(name, value));
        }
        if let Some(names) = &self.multi_ok {
            b = b.multi_ok(names);
        }
        for (name, mode) in &self.insert_mode.0 {
            let m = match mode.trim().to_ascii_lowercase().as_str() {
                "overwrite" => InsertMode::Overwrite,
                "append" => InsertMode::Append,
                "if-absent" => InsertMode::IfAbsent,
                _ => {
                    return Err(config_error(
                        &format!("insert-mode.{name}"),
                        mode,
                        "expected overwrite, append or if-absent",
                    ));
                }
            };
            b = b.insert_mode(name, m);
        }
        for (i, step) in self.pipeline.iter().enumerate() {
            b = apply_step(b, step, i)?;
        }
        for name in &self.remove {
            b = b.without(name);
        }
        b.build().map_err(|e| self.name_key(e))?;
        Ok(b)
    }
}

/// Reads a configuration file and the format its extension names (TOML when unknown).
fn read_config(path: &Path) -> Result<(String, Format), Error> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::new(ErrorKind::Config)
            .with_input(path.display().to_string())
            .with_detail(e.to_string())
    })?;
    Ok((text, Format::from_path(path).unwrap_or(Format::Toml)))
}

/// Names the file an error comes from: as its input, or before its detail when the input
/// is the offending value.
fn in_file(e: Error, path: &Path) -> Error {
    let shown = path.display().to_string();
    if e.input().is_none() {
        return e.with_input(shown);
    }
    let detail = match e.detail() {
        Some(d) => format!("{shown}, {d}"),
        None => shown,
    };
    e.with_detail(detail)
}

/// The keys of the `[csp]` and `[csp-report-only]` sections: every directive this crate
/// knows, and the section's own keys.
fn csp_keys() -> Vec<String> {
    crate::csp::Directive::KNOWN
        .iter()
        .map(|d| d.as_str().to_owned())
        .chain(["replace".to_owned(), "value".to_owned()])
        .collect()
}

/// The keys of the `[permissions]` section: every feature this crate knows, and the
/// section's own keys.
fn permissions_keys() -> Vec<String> {
    crate::permissions_policy::Feature::ALL
        .iter()
        .map(|f| f.as_str().to_owned())
        .chain(["replace".to_owned(), "value".to_owned()])
        .collect()
}

/// How many single-character edits (insertions, deletions, substitutions and swaps of two
/// neighbours) turn `a` into `b`, ASCII case ignored.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    // d[i][j]: the distance between a[..i] and b[..j].
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// The candidate closest to `input`, if it is close enough to be a typo of it (at most a
/// third of its characters differ, and never more than three).
fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (input.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (edit_distance(input, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The error for a key that no section of that name has.
fn unknown_key<'a>(
    path: &str,
    key: &str,
    what: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Error {
    let detail = match closest(key, candidates) {
        Some(c) => format!("unknown {what} `{key}`; did you mean `{c}`?"),
        None => format!("unknown {what} `{key}`"),
    };
    Error::new(ErrorKind::Config)
        .with_directive(path)
        .with_detail(detail)
}

impl Config {
    /// Refuses the keys that no section of that name has: a `[csp]` key that is not a
    /// CSP directive, a `[permissions]` key that is not a feature.
    fn check_keys(&self) -> Result<(), Error> {
        let sections = [
            (
                &self.csp,
                "csp",
                "CSP directive",
                csp_keys as fn() -> Vec<String>,
            ),
            (
                &self.csp_report_only,
                "csp-report-only",
                "CSP directive",
                csp_keys,
            ),
            (
                &self.permissions,
                "permissions",
                "Permissions-Policy feature",
                permissions_keys,
            ),
        ];
        for (section, name, what, keys) in sections {
            let Some(section) = section else { continue };
            let keys = keys();
            for (key, _) in &section.entries {
                if !keys.iter().any(|k| k.eq_ignore_ascii_case(key)) {
                    return Err(unknown_key(
                        &format!("{name}.{key}"),
                        key,
                        what,
                        keys.iter().map(String::as_str),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The byte offset of 1-based `line` and `column` (serde_json's position) in `text`.
#[cfg(feature = "json")]
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

/// The 1-based line and column (in characters) of byte offset `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The key a TOML line assigns (`name = ...`, `"name" = ...`), without quotes.
fn toml_line_key(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if t.starts_with('[') || t.starts_with('#') {
        return None;
    }
    let (key, _) = t.split_once('=')?;
    Some(key.trim().trim_matches(['"', '\'']))
}

/// The table a TOML line opens (`[csp]` → `csp`, the second `[[pipeline]]` →
/// `pipeline[1]`), given how many `[[name]]` tables came before.
fn toml_table(line: &str, arrays: &mut Vec<(String, usize)>) -> Option<String> {
    let t = line.trim();
    if let Some(inner) = t.strip_prefix("[[") {
        let name = inner
            .split("]]")
            .next()?
            .trim()
            .trim_matches('"')
            .to_owned();
        let index = match arrays.iter_mut().find(|(n, _)| *n == name) {
            Some((_, i)) => {
                *i += 1;
                *i
            }
            None => {
                arrays.push((name.clone(), 0));
                0
            }
        };
        return Some(format!("{name}[{index}]"));
    }
    let inner = t.strip_prefix('[')?;
    Some(inner.split(']').next()?.trim().trim_matches('"').to_owned())
}

/// Where `key` (`csp.script-src`, `pipeline[0].action`, `x-frame-options`, `hsts`) is
/// written in `text`: the byte offset of the key, or of its table's header.
fn find_key(text: &str, format: Format, key: &str) -> Option<usize> {
    let (table, name) = match key.split_once('.') {
        Some((t, n)) => (Some(t), n),
        None => (None, key),
    };
    match format {
        Format::Toml => {
            let mut current: Option<String> = None;
            let mut arrays = Vec::new();
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let here = offset;
                offset += line.len();
                let indent = line.len() - line.trim_start().len();
                if let Some(t) = toml_table(line, &mut arrays) {
                    if table.is_none() && t == name {
                        return Some(here + indent);
                    }
                    current = Some(t);
                    continue;
                }
                let Some(k) = toml_line_key(line) else {
                    continue;
                };
                let dotted = table.map(|t| format!("{t}.{name}"));
                let found = match (&current, table) {
                    (None, None) => k == name,
                    (None, Some(_)) => Some(k) == dotted.as_deref(),
                    (Some(c), Some(t)) => c == t && k == name,
                    (Some(_), None) => false,
                };
                if found {
                    return Some(here + indent);
                }
            }
            None
        }
        Format::Json => {
            let mut from = 0;
            if let Some(t) = table {
                let t = t.split('[').next().unwrap_or(t);
                from = text.find(&format!("\"{t}\""))? + t.len() + 2;
            }
            let needle = format!("\"{name}\"");
            let mut at = from;
            while let Some(i) = text[at..].find(&needle) {
                let start = at + i;
                let after = text[start + needle.len()..].trim_start();
                if after.starts_with(':') {
                    return Some(start);
                }
                at = start + needle.len();
            }
            None
        }
    }
}

/// The table a TOML error at byte offset `at` sits in, and the key of its line.
#[cfg(any(feature = "toml", feature = "json"))]
fn toml_context(text: &str, at: usize) -> (Option<String>, Option<String>) {
    let mut current = None;
    let mut arrays = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(t) = toml_table(line, &mut arrays) {
            if offset + line.len() > at {
                return (Some(t), None);
            }
            current = Some(t);
        } else if offset + line.len() > at {
            return (current, toml_line_key(line).map(str::to_owned));
        }
        offset += line.len();
    }
    (current, None)
}

/// `line L, column C: ` for byte offset `at`.
fn position(text: &str, at: usize) -> String {
    let (line, column) = line_col(text, at);
    format!("line {line}, column {column}: ")
}

/// A parser's error at byte offset `at`, with its line and column, the key it is about
/// and, for a key or a name that does not exist, the closest one that does.
#[cfg(any(feature = "toml", feature = "json"))]
fn parse_error(text: &str, format: Format, message: &str, at: usize) -> Error {
    let message = message.trim_end();
    let backticked =
        |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_owned).collect() };
    let (mut table, line_key) = match format {
        Format::Toml => toml_context(text, at),
        Format::Json => (None, None),
    };
    for (prefix, what) in [("unknown field `", "key"), ("unknown variant `", "value")] {
        let Some(rest) = message.strip_prefix(prefix) else {
            continue;
        };
        let Some((name, expected)) = rest.split_once('`') else {
            continue;
        };
        let candidates = backticked(expected);
        let mut at = at;
        if format == Format::Toml && what == "key" && !text[at.min(text.len())..].starts_with(name)
        {
            // Inside an array of tables, the parser points at the table; find the key.
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                if toml_line_key(line) == Some(name) {
                    at = offset + line.len() - line.trim_start().len();
                    table = toml_context(text, at).0;
                    break;
                }
                offset += line.len();
            }
        }
        if format == Format::Json {
            // serde_json stops after the key; point at its opening quote instead.
            let quoted = format!("\"{name}\"");
            if let Some(i) = text[..(at + 1).min(text.len())].rfind(&quoted) {
                at = i;
            }
        }
        let path = if what == "key" {
            match table.take() {
                Some(t) if t != name => format!("{t}.{name}"),
                _ => name.to_owned(),
            }
        } else {
            match (table.take(), line_key.as_deref()) {
                (Some(t), Some(k)) => format!("{t}.{k}"),
                (None, Some(k)) => k.to_owned(),
                (t, None) => t.unwrap_or_default(),
            }
        };
        let hint = match closest(name, candidates.iter().map(String::as_str)) {
            Some(c) => format!("; did you mean `{c}`?"),
            None if what == "value" && !candidates.is_empty() => {
                format!("; expected {}", candidates.join(", "))
            }
            None => String::new(),
        };
        let mut e = Error::new(ErrorKind::Config).with_detail(format!(
            "{}unknown {what} `{name}`{hint}",
            position(text, at)
        ));
        if !path.is_empty() {
            e = e.with_directive(path);
        }
        return e;
    }
    let mut e =
        Error::new(ErrorKind::Config).with_detail(format!("{}{message}", position(text, at)));
    let path = match (table, line_key) {
        (Some(t), Some(k)) => Some(format!("{t}.{k}")),
        (None, Some(k)) => Some(k),
        (Some(t), None) => Some(t),
        (None, None) => None,
    };
    if let Some(p) = path {
        e = e.with_directive(p);
    }
    e
}

/// Adds the line and column of the key an error names (its `config key`, or its
/// directive) to its detail.
fn locate(e: Error, text: &str, format: Format) -> Error {
    let key = e
        .detail()
        .and_then(|d| d.rsplit_once("config key "))
        .map(|(_, k)| k.to_owned())
        .or_else(|| e.directive().map(str::to_owned));
    let Some(at) = key.and_then(|k| find_key(text, format, &k)) else {
        return e;
    };
    let detail = format!("{}{}", position(text, at), e.detail().unwrap_or_default());
    e.with_detail(detail)
}

impl Config {
    /// The key of this configuration that sets `directive` of `header`, as the user wrote
    /// it: `csp.script-src`, `hsts.include-subdomains`, `permissions.camera`,
    /// `x-frame-options`, `custom.X-Robots-Tag`.
    fn key_for(&self, header: &str, directive: Option<&str>) -> String {
        let is = |name: &str| header.eq_ignore_ascii_case(name);
        let typed = |section: bool, name: &str, raw: &str| {
            if !section {
                return raw.to_owned();
            }
            match directive {
                Some(d) => format!("{name}.{d}"),
                None => name.to_owned(),
            }
        };
        if is("Content-Security-Policy") {
            typed(self.csp.is_some(), "csp", "content-security-policy")
        } else if is("Content-Security-Policy-Report-Only") {
            typed(
                self.csp_report_only.is_some(),
                "csp-report-only",
                "content-security-policy-report-only",
            )
        } else if is("Permissions-Policy") {
            typed(
                self.permissions.is_some(),
                "permissions",
                "permissions-policy",
            )
        } else if is("Strict-Transport-Security") {
            let written = directive.map(|d| match d.to_ascii_lowercase().as_str() {
                "includesubdomains" => "include-subdomains".to_owned(),
                other => other.to_owned(),
            });
            match (&self.hsts, written) {
                (Some(h), Some(d)) if h.value.is_none() => format!("hsts.{d}"),
                (Some(_), _) => "hsts".to_owned(),
                (None, _) => "strict-transport-security".to_owned(),
            }
        } else if is("Reporting-Endpoints") {
            "reporting-endpoints".to_owned()
        } else if let Some((name, _)) = self.custom.0.iter().find(|(n, _)| is(n)) {
            format!("custom.{name}")
        } else {
            header.to_ascii_lowercase()
        }
    }

    /// The key of this configuration that a lint finding is about, as the file writes it:
    /// `csp.script-src` for a finding about the `script-src` of a `[csp]` section,
    /// `hsts.max-age`, `permissions.camera`, `x-frame-options` (a header given as a raw
    /// value), `custom.X-Robots-Tag`.
    ///
    /// ```
    /// # #[cfg(feature = "toml")] {
    /// use secure_headers::config::Config;
    /// use secure_headers::lint::Rule;
    ///
    /// let config = Config::from_toml("[csp]\nscript-src = [\"'self'\", \"'unsafe-inline'\"]\n[hsts]\nmax-age = 600")?;
    /// let findings = config.clone().into_builder()?.validate();
    /// let keys: Vec<(Rule, String)> = findings
    ///     .iter()
    ///     .filter(|f| matches!(f.rule(), Rule::CspUnsafeInline | Rule::HstsShortMaxAge))
    ///     .map(|f| (f.rule(), config.key_of(f)))
    ///     .collect();
    /// assert_eq!(keys, [
    ///     (Rule::CspUnsafeInline, "csp.script-src".to_owned()),
    ///     (Rule::HstsShortMaxAge, "hsts.max-age".to_owned()),
    /// ]);
    /// # }
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    #[must_use]
    pub fn key_of(&self, finding: &crate::lint::Finding) -> String {
        self.key_for(finding.header(), finding.directive())
    }

    /// Adds the configuration key an error comes from to its detail.
    fn name_key(&self, e: Error) -> Error {
        let Some(header) = e.header() else {
            return e;
        };
        let mut directive = e.directive();
        // The preload list's one-year minimum is about the max-age the file sets.
        if e.detail()
            .is_some_and(|d| d.starts_with("hsts-preload-max-age"))
        {
            directive = Some("max-age");
        }
        let key = self.key_for(header, directive);
        let detail = match e.detail() {
            Some(d) => format!("{d}; config key {key}"),
            None => format!("config key {key}"),
        };
        e.with_detail(detail)
    }
}

fn apply_csp(csp: ContentSecurityPolicy, section: &Section) -> ContentSecurityPolicy {
    let mut csp = if section.replace {
        ContentSecurityPolicy::new()
    } else {
        csp
    };
    if let Some(v) = &section.value {
        csp = csp.value(v);
    }
    for (name, value) in &section.entries {
        csp = csp.remove_directive(name);
        csp = match value {
            Value::Flag(false) => csp,
            other => csp.custom_directive(name, other.tokens()),
        };
    }
    csp
}

fn apply_step(b: SecureBuilder, step: &Step, index: usize) -> Result<SecureBuilder, Error> {
    let bad = |key: &str, value: &str, expected: &str| {
        config_error(
            &format!("pipeline[{index}].{key}"),
            value,
            format!("expected {expected}"),
        )
    };
    Ok(match step {
        Step::Allowlist {
            allowed,
            allow_extra,
            on_unexpected,
            allow_x_prefixed,
        } => {
            let mut o = AllowlistOptions::new();
            if let Some(names) = allowed {
                o = o.allowed(names);
            }
            o = o.allow_extra(allow_extra);
            if let Some(m) = on_unexpected {
                o = o.on_unexpected(match m.trim().to_ascii_lowercase().as_str() {
                    "raise" => OnUnexpected::Raise,
                    "drop" => OnUnexpected::Drop,
                    "warn" => OnUnexpected::Warn,
                    _ => return Err(bad("on-unexpected", m, "raise, drop or warn")),
                });
            }
            if let Some(x) = allow_x_prefixed {
                o = o.allow_x_prefixed(*x);
            }
            b.allowlist_headers(o)
        }
        Step::Deduplicate {
            action,
            comma_join_ok,
            multi_ok,
        } => {
            let mut o = DeduplicateOptions::new();
            if let Some(a) = action {
                o = o.action(match a.trim().to_ascii_lowercase().as_str() {
                    "raise" => DeduplicateAction::Raise,
                    "first" => DeduplicateAction::First,
                    "last" => DeduplicateAction::Last,
                    "concat" => DeduplicateAction::Concat,
                    _ => return Err(bad("action", a, "raise, first, last or concat")),
                });
            }
            if let Some(names) = comma_join_ok {
                o = o.comma_join_ok(names);
            }
            if let Some(names) = multi_ok {
                o = o.multi_ok(names);
            }
            b.deduplicate_headers(o)
        }
        Step::Normalize {
            on_invalid,
            strict,
            allow_obs_text,
        } => {
            let mut o = NormalizeOptions::new();
            if let Some(m) = on_invalid {
                o = o.on_invalid(match m.trim().to_ascii_lowercase().as_str() {
                    "drop" => OnInvalid::Drop,
                    "warn" => OnInvalid::Warn,
                    "raise" => OnInvalid::Raise,
                    _ => return Err(bad("on-invalid", m, "drop, warn or raise")),
                });
            }
            if let Some(s) = strict {
                o = o.strict(*s);
            }
            if let Some(x) = allow_obs_text {
                o = o.allow_obs_text(*x);
            }
            b.validate_and_normalize_headers(o)
        }
    })
}

impl Secure {
    /// Builds the `Secure` a configuration file describes (TOML, or JSON for a `.json`
    /// file). See [`config`](crate::config).
    ///
    /// ```no_run
    /// let secure = secure_headers::Secure::from_config_file("secure.toml")?;
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Config::from_file`] and [`Config::into_builder`].
    pub fn from_config_file(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let (text, format) = read_config(path)?;
        Self::from_config_str(&text, format).map_err(|e| in_file(e, path))
    }

    /// Builds the `Secure` a configuration text describes.
    ///
    /// ```
    /// # #[cfg(feature = "toml")] {
    /// use secure_headers::config::Format;
    /// use secure_headers::{Preset, Secure};
    ///
    /// let secure = Secure::from_config_str("preset = \"strict\"\nremove = [\"Cache-Control\"]", Format::Toml)?;
    /// assert_eq!(secure.header_items().len(), Secure::from_preset(Preset::Strict).header_items().len() - 1);
    /// # }
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Config::from_str`] and [`Config::into_builder`].
    pub fn from_config_str(text: &str, format: Format) -> Result<Self, Error> {
        Config::from_str(text, format)?
            .into_builder()
            .and_then(|b| b.build())
            .map_err(|e| locate(e, text, format))
    }
}

#[cfg(test)]
mod tests;
