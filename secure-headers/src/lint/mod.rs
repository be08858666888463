//! Linting: what is weak, risky or broken in a set of security headers.
//!
//! The rules of severity error (below), and the types of every finding, are always
//! compiled: [`SecureBuilder::build`](crate::SecureBuilder::build) runs those rules. The
//! linter itself, its three entry points and every other rule, comes with the `lint`
//! feature. The entry points read the same rules:
//!
//! - [`lint_csp`] checks one raw `Content-Security-Policy` value, with every check of
//!   Google's [CSP Evaluator](https://csp-evaluator.withgoogle.com/) (the findings,
//!   severities, directives and values agree with its npm package `csp_evaluator` 1.1.8,
//!   which the test suite runs on a corpus of real-world policies) and a few of this
//!   crate's own;
//! - [`lint_headers`] checks every header this crate knows in an [`http::HeaderMap`]
//!   (a response you received, say), the headers against each other
//!   (`X-Frame-Options` against `frame-ancestors`, COEP without CORP, ...) and the
//!   important headers that are missing;
//! - [`lint_secure`] checks a built [`Secure`](crate::Secure), and
//!   [`SecureBuilder::validate`] a configuration before
//!   it is built.
//!
//! ```
//! # #[cfg(feature = "lint")] {
//! use secure_headers::lint::{Rule, Severity, lint_csp};
//!
//! let findings = lint_csp("script-src 'self' 'unsafe-inline'; object-src 'none'");
//! let inline = findings.iter().find(|f| f.rule() == Rule::CspUnsafeInline).unwrap();
//! assert_eq!(inline.severity(), Severity::High);
//! assert_eq!(inline.directive(), Some("script-src"));
//! assert_eq!(inline.value(), Some("'unsafe-inline'"));
//! assert_eq!(Rule::CspUnsafeInline.csp_evaluator_type(), Some("SCRIPT_UNSAFE_INLINE"));
//! # }
//! ```
//!
//! # Severities
//!
//! [`Severity`] is CSP Evaluator's scale (`High`, `Syntax`, `Medium`, `StrictCsp`,
//! `MediumMaybe`, `Info`, `None`, from most to least severe; its `HIGH_MAYBE` is left
//! out, as none of its checks uses it) with one more level above it,
//! [`Severity::Error`]: a configuration that browsers would ignore or that breaks a hard
//! requirement. [`SecureBuilder::build`](crate::SecureBuilder::build) refuses a
//! configuration with an `Error` finding ([`ErrorKind::Lint`]). These rules are errors:
//!
//! | Rule | Why |
//! |---|---|
//! | `hsts-missing-max-age` | browsers ignore a `Strict-Transport-Security` header without `max-age` |
//! | `hsts-invalid-max-age` | ... or with a `max-age` that is not a number of seconds |
//! | `hsts-preload-needs-subdomains` | the preload list requires `includeSubDomains` |
//! | `hsts-preload-max-age` | the preload list requires a `max-age` of at least one year (31536000) |
//! | `csp-nonce-too-short` | a nonce below 128 bits (22 base64 characters) can be guessed |
//! | `header-invalid` | a configured header cannot be rendered or sent |
//!
//! Every rule has a stable kebab-case id ([`Rule::as_str`]); see [`Rule`] for the list.
//!
//! [`ErrorKind::Lint`]: crate::ErrorKind::Lint
//!
// Links to items behind `lint`; without it, they lead to the crate's list of features.
#![cfg_attr(feature = "lint", doc = "[`lint_csp`]: lint_csp")]
#![cfg_attr(not(feature = "lint"), doc = "[`lint_csp`]: crate#feature-flags")]
#![cfg_attr(feature = "lint", doc = "[`lint_headers`]: lint_headers")]
#![cfg_attr(not(feature = "lint"), doc = "[`lint_headers`]: crate#feature-flags")]
#![cfg_attr(feature = "lint", doc = "[`lint_secure`]: lint_secure")]
#![cfg_attr(not(feature = "lint"), doc = "[`lint_secure`]: crate#feature-flags")]
#![cfg_attr(
    feature = "lint",
    doc = "[`SecureBuilder::validate`]: crate::SecureBuilder::validate"
)]
#![cfg_attr(
    not(feature = "lint"),
    doc = "[`SecureBuilder::validate`]: crate#feature-flags"
)]

use std::borrow::Cow;
use std::fmt;

#[cfg(feature = "lint")]
use crate::Secure;

pub use rule::Rule;

#[cfg(feature = "lint")]
mod bypass;
mod checks;
#[cfg(feature = "lint")]
mod cross_header;
#[cfg(feature = "lint")]
mod csp;
#[cfg(feature = "lint")]
mod document_policy;
mod hsts;
#[cfg(feature = "lint")]
mod integrity;
#[cfg(feature = "lint")]
mod nel;
#[cfg(feature = "lint")]
mod permissions;
#[cfg(feature = "lint")]
mod referrer;
mod rule;
#[cfg(feature = "lint")]
mod simple;

/// One problem found by the linter: which [`Rule`], how severe, and where.
///
/// ```
/// # #[cfg(feature = "lint")] {
/// use secure_headers::lint::{Rule, Severity, lint_csp};
///
/// let findings = lint_csp("default-src 'self'");
/// let f = findings.iter().find(|f| f.rule() == Rule::CspSelfAllowlist).unwrap();
/// assert_eq!(f.header(), "Content-Security-Policy");
/// assert_eq!(f.directive(), Some("default-src"));
/// assert_eq!(f.value(), Some("'self'"));
/// assert_eq!(f.severity(), Severity::MediumMaybe);
/// assert!(f.to_string().starts_with("[medium-maybe] csp-self-allowlist: Content-Security-Policy default-src 'self': "));
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    rule: Rule,
    severity: Severity,
    header: Cow<'static, str>,
    directive: Option<Box<str>>,
    value: Option<Box<str>>,
    message: Box<str>,
}

impl Finding {
    /// A finding of `rule` with the rule's severity.
    pub(crate) fn new(rule: Rule, header: &str, message: impl Into<Box<str>>) -> Self {
        let header = match crate::header::canonical_name(header) {
            Some(name) => Cow::Borrowed(name),
            None => Cow::Owned(header.to_owned()),
        };
        Self {
            rule,
            severity: rule.severity(),
            header,
            directive: None,
            value: None,
            message: message.into(),
        }
    }

    #[must_use]
    pub(crate) fn directive_is(mut self, directive: &str) -> Self {
        self.directive = Some(directive.into());
        self
    }

    #[must_use]
    pub(crate) fn value_is(mut self, value: &str) -> Self {
        self.value = Some(value.into());
        self
    }

    /// A [`Rule::HeaderInvalid`] finding for a header that cannot be rendered.
    #[cfg(feature = "lint")]
    /// The one exception is `preload` without `includeSubDomains`, which every front
    /// refuses with the same error: it is the rule that names it, however it was written.
    pub(crate) fn from_error(e: &crate::Error) -> Self {
        use crate::headers::strict_transport_security::PRELOAD_WITHOUT_SUBDOMAINS;
        let preload = e.kind() == crate::ErrorKind::Conflict
            && e.detail()
                .is_some_and(|d| d.starts_with(PRELOAD_WITHOUT_SUBDOMAINS));
        let rule = if preload {
            Rule::HstsPreloadNeedsSubdomains
        } else {
            Rule::HeaderInvalid
        };
        let mut f = Self::new(rule, e.header().unwrap_or(""), e.to_string());
        if let Some(d) = e.directive() {
            f = f.directive_is(d);
        }
        if let Some(i) = e.input() {
            f = f.value_is(i);
        }
        f
    }

    /// The rule that fired.
    #[must_use]
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// How severe the finding is.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The header the finding is about (`Content-Security-Policy`).
    #[must_use]
    pub fn header(&self) -> &str {
        &self.header
    }

    /// The directive (or feature, or option) the finding is about, if any.
    #[must_use]
    pub fn directive(&self) -> Option<&str> {
        self.directive.as_deref()
    }

    /// The offending value (a source expression, a token, ...), if any.
    #[must_use]
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// What is wrong and what to do about it.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Finding {
    /// `[severity] rule-id: Header directive value: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}: {}", self.severity, self.rule, self.header)?;
        if let Some(d) = &self.directive {
            write!(f, " {d}")?;
        }
        if let Some(v) = &self.value {
            write!(f, " {v}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// How severe a [`Finding`] is: CSP Evaluator's scale, with [`Severity::Error`] above it.
///
/// The order is from most to least severe (`Error < High < Syntax < ... < None`), as CSP
/// Evaluator orders its numeric severities, so the most severe finding is the minimum:
///
/// ```
/// use secure_headers::lint::Severity;
///
/// assert!(Severity::Error < Severity::High && Severity::High < Severity::Info);
/// assert_eq!(Severity::MediumMaybe.to_string(), "medium-maybe");
/// # #[cfg(feature = "lint")] {
/// let worst = secure_headers::lint::lint_csp("script-src * 'unsafe-inline'").iter().map(|f| f.severity()).min();
/// assert_eq!(worst, Some(Severity::High));
/// # }
/// ```
///
/// `Debug` names the type (`Severity::None`), so that a finding's lowest level never reads
/// like `Option::None`:
///
/// ```
/// use secure_headers::lint::Severity;
/// assert_eq!(format!("{:?}", Severity::None), "Severity::None");
/// assert_eq!(format!("{:?}", Some(Severity::High)), "Some(Severity::High)");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Broken or refused: browsers would ignore the header, or a hard requirement is not
    /// met. [`SecureBuilder::build`](crate::SecureBuilder::build) fails on these.
    Error,
    /// A serious weakness (CSP Evaluator `HIGH`): the policy can be bypassed.
    High,
    /// A syntax problem (CSP Evaluator `SYNTAX`): part of the value is ignored.
    Syntax,
    /// A weakness (CSP Evaluator `MEDIUM`).
    Medium,
    /// Not a strict CSP (CSP Evaluator `STRICT_CSP`): consider nonces or hashes with
    /// `'strict-dynamic'`.
    StrictCsp,
    /// Possibly a weakness, depending on the site (CSP Evaluator `MEDIUM_MAYBE`).
    MediumMaybe,
    /// Good to know (CSP Evaluator `INFO`).
    Info,
    /// No impact (CSP Evaluator `NONE`): a source that is ignored, for instance.
    None,
}

impl Severity {
    const fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::High => "high",
            Self::Syntax => "syntax",
            Self::Medium => "medium",
            Self::StrictCsp => "strict-csp",
            Self::MediumMaybe => "medium-maybe",
            Self::Info => "info",
            Self::None => "none",
        }
    }
}

impl fmt::Debug for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let variant = match self {
            Self::Error => "Error",
            Self::High => "High",
            Self::Syntax => "Syntax",
            Self::Medium => "Medium",
            Self::StrictCsp => "StrictCsp",
            Self::MediumMaybe => "MediumMaybe",
            Self::Info => "Info",
            Self::None => "None",
        };
        write!(f, "Severity::{variant}")
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "lint")]
/// Lints one raw `Content-Security-Policy` value.
///
/// Runs every check of Google's CSP Evaluator (its default checks on the effective
/// policy, its strict-CSP checks and its reporting check on the policy as written, for
/// CSP Level 3), with the same severities, directives and values, plus this crate's own
/// CSP rules (nonce entropy, `'unsafe-inline'` styles, duplicate directives, malformed
/// sources, ...). The value is read as CSP Evaluator and browsers read it: names are
/// case-insensitive, the first of a repeated directive wins. Problems of syntax are
/// findings of [`Severity::Syntax`]; this never panics. A finding is reported once, even
/// when several directives fall back to the one it is about. The per-request nonce slot
/// `'nonce-{nonce}'` (what [`Source::nonce()`](crate::csp::Source::nonce) renders, and
/// `secure-headers show` prints) is linted as the fresh nonce each request gets.
///
/// ```
/// use secure_headers::lint::{Rule, Severity, lint_csp};
///
/// let strict = lint_csp("script-src 'nonce-{nonce}' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'");
/// assert!(strict.iter().all(|f| f.severity() > Severity::Medium), "{strict:?}");
/// // The two deliberate fallbacks, each explained once.
/// let ignored: Vec<_> = strict.iter().filter(|f| f.rule() == Rule::CspIgnoredSource).map(|f| f.value().unwrap()).collect();
/// assert_eq!(ignored, ["'unsafe-inline'", "https:"]);
/// ```
///
/// ```
/// use secure_headers::lint::{Rule, lint_csp};
///
/// let findings = lint_csp("script-src https://www.google.com self");
/// let rules: Vec<Rule> = findings.iter().map(|f| f.rule()).collect();
/// assert!(rules.contains(&Rule::CspKnownBypassHost)); // www.google.com serves JSONP
/// assert!(rules.contains(&Rule::CspInvalidKeyword)); // self without quotes
/// assert!(rules.contains(&Rule::CspMissingObjectSrc));
/// ```
#[must_use]
pub fn lint_csp(value: &str) -> Vec<Finding> {
    lint_policy(value, csp::HEADER)
}

#[cfg(feature = "lint")]
/// Lints a policy as configured: the per-request nonce slot (`'nonce-{nonce}'`, as
/// [`Source::nonce()`](crate::csp::Source::nonce) renders and `Display` prints it) is
/// linted as the nonce each request gets.
fn lint_policy(value: &str, header: &str) -> Vec<Finding> {
    if !value.contains(crate::nonce::NONCE_SOURCE) {
        return csp::lint(value, header);
    }
    let filled = value.replace(crate::nonce::NONCE_SOURCE, REQUEST_NONCE);
    csp::lint(&filled, header)
        .into_iter()
        .map(|mut f| {
            if f.value.as_deref() == Some(REQUEST_NONCE) {
                f.value = Some(crate::nonce::NONCE_SOURCE.into());
            }
            f
        })
        .collect()
}

#[cfg(feature = "lint")]
/// Lints the headers of a response: every header this crate knows, the headers against
/// each other, and the important headers that are missing.
///
/// Values with bytes above 0x7F (obs-text, which HTTP allows) are read as UTF-8 (U+FFFD
/// for what is not) and linted like the rest; repeated values of a header that takes one
/// are [`Rule::HeaderRepeated`]; several
/// `Content-Security-Policy` headers are each linted (browsers enforce them all).
///
/// ```
/// use secure_headers::http::{HeaderMap, HeaderValue};
/// use secure_headers::lint::{Rule, lint_headers};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("strict-transport-security", HeaderValue::from_static("max-age=300; preload"));
/// headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
/// headers.insert("content-security-policy", HeaderValue::from_static("frame-ancestors 'self'"));
/// let rules: Vec<Rule> = lint_headers(&headers).iter().map(|f| f.rule()).collect();
/// assert!(rules.contains(&Rule::HstsPreloadNeedsSubdomains));
/// assert!(rules.contains(&Rule::HstsPreloadMaxAge));
/// assert!(rules.contains(&Rule::XfoFrameAncestorsMismatch));
/// assert!(rules.contains(&Rule::MissingXcto));
/// ```
#[must_use]
pub fn lint_headers(headers: &http::HeaderMap) -> Vec<Finding> {
    // Bytes above 0x7F (obs-text) are allowed in a field value: they are read as UTF-8
    // where they are, and as U+FFFD where not, and linted with the rest.
    let texts: Vec<(&str, Cow<'_, str>)> = headers
        .iter()
        .map(|(name, value)| (name.as_str(), String::from_utf8_lossy(value.as_bytes())))
        .collect();
    let pairs: Vec<(&str, &str)> = texts.iter().map(|(n, v)| (*n, v.as_ref())).collect();
    lint_pairs(&pairs, Scope::Response)
}

#[cfg(feature = "lint")]
/// Lints the headers a [`Secure`] sends, as [`lint_headers`] lints a response, plus the
/// checks that only make sense for a configuration applied to every response
/// ([`Rule::ClearSiteDataOnEveryResponse`]).
///
/// ```
/// use secure_headers::lint::{Severity, lint_secure};
/// use secure_headers::{Preset, Secure};
///
/// for preset in Preset::ALL {
///     let findings = lint_secure(&Secure::from_preset(preset));
///     assert!(findings.iter().all(|f| f.severity() != Severity::Error));
/// }
/// ```
#[must_use]
pub fn lint_secure(secure: &Secure) -> Vec<Finding> {
    let pairs: Vec<(&str, &str)> = secure.header_items().collect();
    let mut findings = lint_pairs(&pairs, Scope::Configuration);
    let transport = &secure.inner.transport;
    let hsts = pairs
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("strict-transport-security"));
    if let Some((name, value)) = hsts
        && transport.hsts == crate::transport::HstsMode::Always
        && transport.answers_plain_http()
    {
        findings.push(
            Finding::new(
                Rule::HstsOverPlainHttp,
                name,
                "sent on plain-HTTP responses too (RFC 6797 section 7.2 says not to); \
                 HstsMode::SecureOnly sends it only on secure requests",
            )
            .value_is(value),
        );
    }
    findings
}

#[cfg(feature = "lint")]
/// What the headers being linted are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// One response's headers.
    Response,
    /// A configuration sent on every response.
    Configuration,
}

#[cfg(feature = "lint")]
/// What a per-request nonce (`'nonce-{nonce}'` in a configuration) is linted as: a nonce
/// as long as the ones the middleware generates (24 base64 characters, 144 bits).
const REQUEST_NONCE: &str = "'nonce-UmVxdWVzdE5vbmNlMTQ0Yml0'";

#[cfg(feature = "lint")]
/// Lints `(name, value)` pairs: each known header, then the set as a whole.
pub(crate) fn lint_pairs(pairs: &[(&str, &str)], scope: Scope) -> Vec<Finding> {
    let mut findings = Vec::new();
    let values = |name: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
            .collect()
    };
    for name in crate::registry::with_report_only(csp::HEADER) {
        for value in values(name) {
            if scope == Scope::Configuration {
                findings.extend(lint_policy(value, name));
            } else {
                // A response that carries the slot itself was sent unfilled: lint it as
                // browsers read it.
                findings.extend(csp::lint(value, name));
            }
            if scope == Scope::Configuration {
                findings.extend(csp::lint_static_nonces(value, name));
            }
        }
    }
    let list = |name: &str| -> Option<String> {
        let v = values(name);
        (!v.is_empty()).then(|| v.join(", "))
    };
    for name in crate::registry::with_report_only(permissions::HEADER) {
        if let Some(v) = list(name) {
            findings.extend(permissions::lint(&v, name));
        }
    }
    if let Some(v) = list(nel::REPORT_TO) {
        findings.extend(nel::lint_report_to(&v));
    }
    for v in values(nel::NEL) {
        findings.extend(nel::lint_nel(v));
    }
    if let Some(v) = list(referrer::HEADER) {
        findings.extend(referrer::lint(&v));
    }
    if let Some(v) = list(simple::CACHE_CONTROL) {
        findings.extend(simple::lint_cache_control(&v));
    }
    if let Some(v) = list(simple::CLEAR_SITE_DATA) {
        findings.extend(simple::lint_clear_site_data(&v, scope));
    }
    if let Some(v) = list(simple::REPORTING_ENDPOINTS) {
        findings.extend(simple::lint_reporting_endpoints(&v));
    }
    for (i, name) in crate::registry::with_report_only("Integrity-Policy").enumerate() {
        if let Some(v) = list(name) {
            findings.extend(integrity::lint(&v, i == 1));
        }
    }
    for name in crate::registry::with_report_only(document_policy::HEADER) {
        if let Some(v) = list(name) {
            findings.extend(document_policy::lint(&v, name));
        }
    }
    let single = simple::SINGLE
        .into_iter()
        .flat_map(crate::registry::with_report_only);
    for name in single.chain([hsts::HEADER]) {
        let v = values(name);
        let Some(first) = v.first() else {
            continue;
        };
        if v.len() > 1 && scope == Scope::Response {
            let message = format!(
                "{name} is sent {} times; it takes one value, so browsers may ignore it",
                v.len()
            );
            findings.push(Finding::new(Rule::HeaderRepeated, name, message));
        }
        if name == hsts::HEADER {
            findings.extend(hsts::lint(first));
        } else {
            findings.extend(simple::lint(name, first));
        }
    }
    // Every other row of the registry is read through its own type.
    for row in crate::registry::HEADERS.iter().filter(|h| !dedicated(h)) {
        for value in values(row.name) {
            findings.extend(by_type(row, value));
        }
    }
    findings.extend(cross_header::lint(pairs));
    findings
}

#[cfg(feature = "lint")]
/// Whether `row` (or the header it is the report-only form of) has a lint of its own in
/// [`lint_pairs`]; every other row is read by [`by_type`], so that a header added to the
/// registry is linted with no change here.
fn dedicated(row: &crate::registry::HeaderInfo) -> bool {
    let name = row.report_only_of.unwrap_or(row.name);
    [
        csp::HEADER,
        permissions::HEADER,
        nel::REPORT_TO,
        nel::NEL,
        referrer::HEADER,
        simple::CACHE_CONTROL,
        simple::CLEAR_SITE_DATA,
        simple::REPORTING_ENDPOINTS,
        "Integrity-Policy",
        document_policy::HEADER,
        hsts::HEADER,
    ]
    .contains(&name)
        || simple::SINGLE.contains(&name)
}

#[cfg(feature = "lint")]
/// Lints `value` of a header without a lint of its own through its type: a value that
/// its `value(raw)` refuses (what [`build`](crate::SecureBuilder::build) would refuse) is
/// a [`Rule::HeaderInvalid`] finding naming the header. Nothing for a type configured
/// only through a section (no raw value), which needs a lint of its own.
fn by_type(row: &crate::registry::HeaderInfo, value: &str) -> Option<Finding> {
    let policy = (row.make.from_value)(value)?;
    let e = policy.render().err()?;
    let mut finding = Finding::from_error(&e);
    if finding.header.is_empty() {
        finding.header = Cow::Borrowed(row.name);
    }
    Some(finding)
}

pub(crate) use checks::errors;

#[cfg(all(test, feature = "lint"))]
mod tests;
