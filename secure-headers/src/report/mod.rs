//! Collecting the reports browsers send: CSP violations in both formats, and every report
//! type of the Reporting API that browsers send, typed.
//!
//! A [`ReportCollector`] is the endpoint's logic, independent of any framework: it checks
//! the method, the content type and the size, answers CORS preflights, parses the body into
//! typed [`Report`]s, hands them to your callback (or a bounded channel), logs them through
//! `tracing` when that feature is on, and says which status to answer. The framework
//! integrations mount it as a route.
//!
//! | `type` | [`Report`] variant | Sent for | Specification |
//! |---|---|---|---|
//! | `csp-violation` (or `application/csp-report`) | [`Report::CspViolation`] | `Content-Security-Policy` | [CSP3](https://w3c.github.io/webappsec-csp/#reporting) |
//! | `csp-hash` | [`Report::CspHash`] | `'report-sha256'` and the other `'report-sha…'` keywords | [CSP3, "Potentially report hash"](https://w3c.github.io/webappsec-csp/#potentially-report-hash) |
//! | `integrity-violation` | [`Report::IntegrityViolation`] | `Integrity-Policy` and its report-only form | [SRI](https://w3c.github.io/webappsec-subresource-integrity/#handling-integrity-violations) |
//! | `coop` | [`Report::Coop`] | `Cross-Origin-Opener-Policy` and its report-only form | [HTML](https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies) |
//! | `coep` | [`Report::Coep`] | `Cross-Origin-Embedder-Policy` and its report-only form | [HTML](https://html.spec.whatwg.org/multipage/browsers.html#coep) |
//! | `permissions-policy-violation` | [`Report::PermissionsPolicyViolation`] | `Permissions-Policy` (`disposition` `enforce`) and `Permissions-Policy-Report-Only` (`report`) | [Permissions Policy](https://w3c.github.io/webappsec-permissions-policy/#reporting) |
//! | `potential-permissions-policy-violation` | [`Report::PotentialPermissionsPolicyViolation`] | an iframe's `allow` attribute that a report-only policy would refuse | [Permissions Policy](https://w3c.github.io/webappsec-permissions-policy/#algo-report-potential-permissions-policy-violation) |
//! | `document-policy-violation` | [`Report::DocumentPolicyViolation`] | `Document-Policy` (`enforce`) and `Document-Policy-Report-Only` (`report`), for a feature with `;report-to` or under a default `*;report-to` | [Document Policy](https://wicg.github.io/document-policy/#reporting) |
//! | `deprecation` | [`Report::Deprecation`] | a deprecated API the page used | [Deprecation Reporting](https://wicg.github.io/deprecation-reporting/) |
//! | `intervention` | [`Report::Intervention`] | a request the browser refused (an intervention) | [Intervention Reporting](https://wicg.github.io/intervention-reporting/) |
//! | `crash` | [`Report::Crash`] | the page crashed (sent to the `default` endpoint) | [Crash Reporting](https://wicg.github.io/crash-reporting/) |
//! | `network-error` | [`Report::NetworkError`] | `NEL` (delivered through `Report-To`) | [NEL](https://w3c.github.io/network-error-logging/#sample-network-error-reports) |
//! | anything else, or a body that does not have its type's shape | [`Report::Other`], kept as it came | | |
//!
//! Fields a browser adds beyond its specification (Chromium's `message` in a
//! permissions-policy report, for instance) are kept in each body's `extra` map.
//!
//! | Request | Answer |
//! |---|---|
//! | `POST` `application/csp-report` (one legacy report) | `204`, report delivered |
//! | `POST` `application/reports+json` (a batch) | `204`, every report delivered |
//! | `POST` `application/json` (either shape, as some browsers send) | `204` |
//! | `OPTIONS` (CORS preflight) | `204` with the CORS headers |
//! | body over the limit (default 64 KiB) | `413`, the rest is not read |
//! | another content type | `415` |
//! | malformed JSON | `400` |
//! | another method | `405` |
//!
//! ```
//! use secure_headers::report::{Report, ReportCollector};
//! use secure_headers::http::{Method, StatusCode};
//!
//! let (collector, reports) = ReportCollector::channel(1024);
//! let body = br#"{"csp-report": {"document-uri": "https://example.com/",
//!     "violated-directive": "script-src-elem", "effective-directive": "script-src-elem",
//!     "original-policy": "script-src 'self'; report-uri /r", "disposition": "enforce",
//!     "blocked-uri": "inline", "status-code": 200}}"#;
//! let status = collector.receive(Some("application/csp-report"), body);
//! assert_eq!(status, StatusCode::NO_CONTENT);
//!
//! let Report::CspViolation(v) = reports.try_recv().unwrap() else { panic!() };
//! assert_eq!(v.effective_directive, "script-src-elem");
//! assert_eq!(v.blocked_url, "inline");
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

/// The default body limit: 64 KiB.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

/// Which wire format a report came in.
///
/// ```
/// use secure_headers::report::{ParseError, Report, ReportFormat, parse};
///
/// let reports = parse(
///     Some("application/csp-report"),
///     br#"{"csp-report":{"document-uri":"https://example.com/","blocked-uri":"https://evil.example/x.js","effective-directive":"script-src-elem","disposition":"enforce"}}"#,
/// )?;
/// let Report::CspViolation(v) = &reports[0] else { panic!("{reports:?}") };
/// assert_eq!(v.format, Some(ReportFormat::CspReport));
/// assert_eq!(v.document_url, "https://example.com/");
/// assert_eq!(v.blocked_url, "https://evil.example/x.js");
/// assert_eq!(parse(Some("text/plain"), b"{}"), Err(ParseError::UnsupportedMediaType));
/// assert!(matches!(parse(Some("application/csp-report"), b"{"), Err(ParseError::Malformed(_))));
/// # Ok::<(), ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ReportFormat {
    /// `application/csp-report`: one `{"csp-report": {...}}` object (`report-uri`).
    CspReport,
    /// `application/reports+json`: a JSON array of reports (`report-to`, Reporting API).
    ReportingApi,
}

/// A CSP violation, from either format, with the field names of the Reporting API.
///
/// ```
/// use secure_headers::report::{ParseError, Report, ReportFormat, parse};
///
/// let reports = parse(
///     Some("application/csp-report"),
///     br#"{"csp-report":{"document-uri":"https://example.com/","blocked-uri":"https://evil.example/x.js","effective-directive":"script-src-elem","disposition":"enforce"}}"#,
/// )?;
/// let Report::CspViolation(v) = &reports[0] else { panic!("{reports:?}") };
/// assert_eq!(v.format, Some(ReportFormat::CspReport));
/// assert_eq!(v.document_url, "https://example.com/");
/// assert_eq!(v.blocked_url, "https://evil.example/x.js");
/// assert_eq!(parse(Some("text/plain"), b"{}"), Err(ParseError::UnsupportedMediaType));
/// assert!(matches!(parse(Some("application/csp-report"), b"{"), Err(ParseError::Malformed(_))));
/// # Ok::<(), ParseError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CspViolation {
    /// The format it arrived in.
    pub format: Option<ReportFormat>,
    /// The page where the violation happened.
    pub document_url: String,
    /// The page's referrer.
    pub referrer: String,
    /// What was blocked: a URL, or `inline`, `eval`, `wasm-eval`, ...
    pub blocked_url: String,
    /// The directive whose enforcement caused the violation.
    pub effective_directive: String,
    /// The whole policy.
    pub original_policy: String,
    /// `enforce` or `report`.
    pub disposition: String,
    /// The first characters of the offending inline script or style, if `'report-sample'`.
    pub sample: String,
    /// The file of the offending script.
    pub source_file: String,
    /// Line number in `source_file`.
    pub line_number: u64,
    /// Column number in `source_file`.
    pub column_number: u64,
    /// The HTTP status of the page.
    pub status_code: u64,
    /// The reporting page's URL (Reporting API envelope).
    pub url: String,
    /// The browser (Reporting API envelope).
    pub user_agent: String,
    /// Milliseconds between the violation and the delivery (Reporting API envelope).
    pub age: u64,
}

/// One report, as delivered to the callback. New report types will be added as browsers
/// ship them, so the enum is `#[non_exhaustive]`; until then they arrive as
/// [`Report::Other`].
///
/// ```
/// use secure_headers::report::{ParseError, Report, ReportFormat, parse};
///
/// let reports = parse(
///     Some("application/csp-report"),
///     br#"{"csp-report":{"document-uri":"https://example.com/","blocked-uri":"https://evil.example/x.js","effective-directive":"script-src-elem","disposition":"enforce"}}"#,
/// )?;
/// let Report::CspViolation(v) = &reports[0] else { panic!("{reports:?}") };
/// assert_eq!(v.format, Some(ReportFormat::CspReport));
/// assert_eq!(v.document_url, "https://example.com/");
/// assert_eq!(v.blocked_url, "https://evil.example/x.js");
/// assert_eq!(parse(Some("text/plain"), b"{}"), Err(ParseError::UnsupportedMediaType));
/// assert!(matches!(parse(Some("application/csp-report"), b"{"), Err(ParseError::Malformed(_))));
/// # Ok::<(), ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Report {
    /// A CSP violation (either format).
    CspViolation(CspViolation),
    /// `csp-hash`: the hash of a script loaded under a `'report-sha256'` (or `-384`,
    /// `-512`) source list.
    CspHash(Reported<CspHash>),
    /// `integrity-violation`: a resource without integrity metadata that
    /// `Integrity-Policy` (blocked) or `Integrity-Policy-Report-Only` (reported) covers.
    IntegrityViolation(Reported<IntegrityViolation>),
    /// `coop`: a Cross-Origin-Opener-Policy violation (enforced or report-only).
    Coop(Reported<CoopViolation>),
    /// `coep`: a Cross-Origin-Embedder-Policy violation (enforced or report-only).
    Coep(Reported<CoepViolation>),
    /// `permissions-policy-violation`: a feature used against `Permissions-Policy`
    /// (`disposition` `enforce`) or `Permissions-Policy-Report-Only` (`report`).
    PermissionsPolicyViolation(Reported<PermissionsPolicyViolation>),
    /// `potential-permissions-policy-violation`: an iframe's `allow` attribute that a
    /// report-only policy would refuse.
    PotentialPermissionsPolicyViolation(Reported<PermissionsPolicyViolation>),
    /// `document-policy-violation`: a feature used against `Document-Policy`
    /// (`disposition` `enforce`) or `Document-Policy-Report-Only` (`report`).
    DocumentPolicyViolation(Reported<DocumentPolicyViolation>),
    /// `deprecation`: the page used a deprecated API.
    Deprecation(Reported<Deprecation>),
    /// `intervention`: the browser refused something the page asked for.
    Intervention(Reported<Intervention>),
    /// `crash`: the page crashed.
    Crash(Reported<Crash>),
    /// `network-error`: a Network Error Logging report.
    NetworkError(Reported<NetworkError>),
    /// Any other Reporting API report, or one whose body does not have its type's shape,
    /// kept as it came.
    Other {
        /// The report's `type`.
        kind: String,
        /// The reporting page's URL.
        url: String,
        /// The report's `body`.
        body: serde_json::Value,
    },
}

impl Report {
    /// The report's `type` (`csp-violation` for both CSP formats).
    ///
    /// ```
    /// use secure_headers::report::{Report, parse};
    ///
    /// let body = br#"[{"type": "crash", "age": 42, "url": "https://example.com/",
    ///     "user_agent": "Mozilla/5.0", "body": {"reason": "oom"}}]"#;
    /// let reports = parse(Some("application/reports+json"), body).unwrap();
    /// assert_eq!(reports[0].kind(), "crash");
    /// let Report::Crash(crash) = &reports[0] else { panic!() };
    /// assert_eq!(crash.body.reason.as_deref(), Some("oom"));
    /// assert_eq!(crash.url, "https://example.com/");
    /// ```
    #[must_use]
    pub fn kind(&self) -> &str {
        match self {
            Self::CspViolation(_) => "csp-violation",
            Self::CspHash(_) => "csp-hash",
            Self::IntegrityViolation(_) => "integrity-violation",
            Self::Coop(_) => "coop",
            Self::Coep(_) => "coep",
            Self::PermissionsPolicyViolation(_) => "permissions-policy-violation",
            Self::PotentialPermissionsPolicyViolation(_) => {
                "potential-permissions-policy-violation"
            }
            Self::DocumentPolicyViolation(_) => "document-policy-violation",
            Self::Deprecation(_) => "deprecation",
            Self::Intervention(_) => "intervention",
            Self::Crash(_) => "crash",
            Self::NetworkError(_) => "network-error",
            Self::Other { kind, .. } => kind,
        }
    }
}

/// Parses a report body of the given content type.
///
/// # Errors
///
/// [`ParseError::UnsupportedMediaType`] for a content type that is not a report format,
/// [`ParseError::Malformed`] for a body that is not a report.
pub fn parse(content_type: Option<&str>, body: &[u8]) -> Result<Vec<Report>, ParseError> {
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match mime.as_str() {
        "application/csp-report" => parse_legacy(body),
        "application/reports+json" => parse_batch(body),
        // Some browsers send the legacy report as plain JSON.
        "application/json" => match body.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[') => parse_batch(body),
            _ => parse_legacy(body),
        },
        _ => Err(ParseError::UnsupportedMediaType),
    }
}

/// Why a report body was refused.
///
/// ```
/// use secure_headers::report::{ParseError, Report, ReportFormat, parse};
///
/// let reports = parse(
///     Some("application/csp-report"),
///     br#"{"csp-report":{"document-uri":"https://example.com/","blocked-uri":"https://evil.example/x.js","effective-directive":"script-src-elem","disposition":"enforce"}}"#,
/// )?;
/// let Report::CspViolation(v) = &reports[0] else { panic!("{reports:?}") };
/// assert_eq!(v.format, Some(ReportFormat::CspReport));
/// assert_eq!(v.document_url, "https://example.com/");
/// assert_eq!(v.blocked_url, "https://evil.example/x.js");
/// assert_eq!(parse(Some("text/plain"), b"{}"), Err(ParseError::UnsupportedMediaType));
/// assert!(matches!(parse(Some("application/csp-report"), b"{"), Err(ParseError::Malformed(_))));
/// # Ok::<(), ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseError {
    /// Not a report content type (`415`).
    UnsupportedMediaType,
    /// Not valid JSON of a report format (`400`), with the parser's message.
    Malformed(String),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnsupportedMediaType => f.write_str("unsupported media type for a report"),
            Self::Malformed(m) => write!(f, "malformed report: {m}"),
        }
    }
}

impl std::error::Error for ParseError {}

mod bodies;
mod collector;
mod wire;

pub use bodies::{
    CoepViolation, CoopViolation, Crash, CspHash, Deprecation, DocumentPolicyViolation, Extra,
    IntegrityViolation, Intervention, NetworkError, PermissionsPolicyViolation, Reported,
};
#[cfg(any(feature = "tower", feature = "poem", feature = "salvo"))]
pub(crate) use collector::collect_report;
#[cfg(feature = "warp")]
pub(crate) use collector::http_report_head;
#[cfg(feature = "actix-web")]
pub(crate) use collector::report_head;
pub use collector::{Admission, Delivery, ReportCollector, ReportStats};
use wire::{parse_batch, parse_legacy};

#[cfg(test)]
mod tests;
