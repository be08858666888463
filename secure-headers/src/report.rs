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
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;

use http::{HeaderName, HeaderValue, Method, StatusCode, header};
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
            Self::Deprecation(_) => "deprecation",
            Self::Intervention(_) => "intervention",
            Self::Crash(_) => "crash",
            Self::NetworkError(_) => "network-error",
            Self::Other { kind, .. } => kind,
        }
    }
}

/// A Reporting API report: the envelope every report has, and its typed body.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reported<B> {
    /// The URL of the document or worker the report is about.
    pub url: String,
    /// The browser's `User-Agent`.
    pub user_agent: String,
    /// Milliseconds between the report's creation and its delivery.
    pub age: u64,
    /// The report's body.
    pub body: B,
}

/// Fields a browser sent beyond those of the specification, kept as they came.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The body of a `csp-hash` report
/// ([CSP3](https://w3c.github.io/webappsec-csp/#potentially-report-hash)). Chromium sends
/// the field names in camelCase (`documentURL`), the specification's example in
/// snake_case (`document_url`): both are read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct CspHash {
    /// The page that loaded the script.
    #[serde(rename = "documentURL", alias = "document_url")]
    pub document_url: String,
    /// The script's URL.
    #[serde(rename = "subresourceURL", alias = "subresource_url")]
    pub subresource_url: String,
    /// `<algorithm>-<base64 digest>` of the script's body (`sha256-…`), empty when the
    /// script is not CORS-same-origin.
    pub hash: String,
    /// The request's destination: `script`, ...
    pub destination: String,
    /// `subresource`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CspHash {
    /// The hash as a CSP hash source (`'sha256-…'`) to allow the script by, or `None` if
    /// the report has no hash or it is not a well-formed base64 digest.
    ///
    /// ```
    /// use secure_headers::report::CspHash;
    ///
    /// let mut report = CspHash::default();
    /// report.hash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=".into();
    /// assert_eq!(report.source().unwrap().as_str(), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    /// ```
    #[must_use]
    pub fn source(&self) -> Option<crate::csp::Source> {
        let (name, digest) = self.hash.split_once('-')?;
        let algorithm = crate::csp::HashAlgorithm::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(name))?;
        crate::csp::Source::hash(algorithm, digest).ok()
    }
}

/// The body of an `integrity-violation` report
/// ([SRI, "Handling integrity violations"](https://w3c.github.io/webappsec-subresource-integrity/#handling-integrity-violations)).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct IntegrityViolation {
    /// The page that loaded the resource.
    #[serde(rename = "documentURL")]
    pub document_url: String,
    /// The resource without integrity metadata.
    #[serde(rename = "blockedURL")]
    pub blocked_url: String,
    /// The request's destination: `script`, `style`, ...
    pub destination: String,
    /// True if the resource was only reported (`Integrity-Policy-Report-Only`), false if
    /// it was blocked.
    pub report_only: bool,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The body of a `coop` report ([HTML](https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies)):
/// a navigation that the opener policy would (or did) put in another browsing context
/// group, or an access across that boundary.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct CoopViolation {
    /// `enforce` or `reporting`.
    pub disposition: String,
    /// The policy that applied: `same-origin`, `same-origin-allow-popups`, ...
    pub effective_policy: String,
    /// `navigation-to-response`, `navigation-from-response`,
    /// `access-from-coop-page-to-opener`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// For a navigation to the page: the previous document's URL.
    #[serde(rename = "previousResponseURL")]
    pub previous_response_url: String,
    /// For a navigation away from the page: the next document's URL.
    #[serde(rename = "nextResponseURL")]
    pub next_response_url: String,
    /// The navigation's referrer.
    pub referrer: String,
    /// For an access report: the property accessed (`postMessage`, `closed`, ...).
    pub property: String,
    /// Other fields (`openerURL`, `openeeURL`, `otherDocumentURL`, `sourceFile`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The body of a `coep` report ([HTML](https://html.spec.whatwg.org/multipage/browsers.html#coep)).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct CoepViolation {
    /// `corp`, `navigation` or `worker initialization`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The resource the embedder policy refused (or would refuse).
    #[serde(rename = "blockedURL")]
    pub blocked_url: String,
    /// The request's destination: `image`, `script`, `iframe`, ...
    pub destination: String,
    /// `enforce` or `reporting` (report-only).
    pub disposition: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The body of a `permissions-policy-violation` or
/// `potential-permissions-policy-violation` report
/// ([Permissions Policy](https://w3c.github.io/webappsec-permissions-policy/#reporting)).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct PermissionsPolicyViolation {
    /// The feature: `geolocation`, `camera`, ... (the specification's `featureId`;
    /// Chromium sends it as `policyId`).
    #[serde(alias = "policyId")]
    pub feature_id: String,
    /// `enforce` (`Permissions-Policy`) or `report` (`Permissions-Policy-Report-Only`).
    pub disposition: String,
    /// The script that used the feature, if known.
    pub source_file: Option<String>,
    /// Its line, if known.
    pub line_number: Option<u64>,
    /// Its column, if known.
    pub column_number: Option<u64>,
    /// For a potential violation: the iframe's `allow` attribute.
    pub allow_attribute: Option<String>,
    /// For a potential violation: the iframe's `src` attribute.
    pub src_attribute: Option<String>,
    /// Other fields (Chromium: `message`).
    #[serde(flatten)]
    pub extra: Extra,
}

impl PermissionsPolicyViolation {
    /// True for a violation of `Permissions-Policy-Report-Only` (nothing was blocked).
    #[must_use]
    pub fn is_report_only(&self) -> bool {
        self.disposition == "report"
    }
}

/// The body of a `deprecation` report ([Deprecation Reporting](https://wicg.github.io/deprecation-reporting/)).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Deprecation {
    /// The deprecated feature's identifier.
    pub id: String,
    /// When the browser expects to remove it (a date), if known.
    pub anticipated_removal: Option<String>,
    /// A human-readable message.
    pub message: String,
    /// The script that used the feature, if known.
    pub source_file: Option<String>,
    /// Its line, if known.
    pub line_number: Option<u64>,
    /// Its column, if known.
    pub column_number: Option<u64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The body of an `intervention` report ([Intervention Reporting](https://wicg.github.io/intervention-reporting/)).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Intervention {
    /// The intervention's identifier.
    pub id: String,
    /// A human-readable message.
    pub message: String,
    /// The script concerned, if known.
    pub source_file: Option<String>,
    /// Its line, if known.
    pub line_number: Option<u64>,
    /// Its column, if known.
    pub column_number: Option<u64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The body of a `crash` report ([Crash Reporting](https://wicg.github.io/crash-reporting/)).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Crash {
    /// `oom`, `unresponsive`, or absent when unknown.
    pub reason: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The body of a `network-error` report
/// ([NEL](https://w3c.github.io/network-error-logging/#sample-network-error-reports)).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct NetworkError {
    /// The share of such reports the policy asked for (`0.0`..=`1.0`).
    pub sampling_fraction: f64,
    /// The request's referrer.
    pub referrer: String,
    /// The server's IP address, empty if unknown.
    pub server_ip: String,
    /// The protocol: `h2`, `http/1.1`, ..., empty if unknown.
    pub protocol: String,
    /// The request method.
    pub method: String,
    /// The response status, 0 if none.
    pub status_code: u64,
    /// Milliseconds from the start of the request to the error.
    pub elapsed_time: u64,
    /// `dns`, `connection` or `application`.
    pub phase: String,
    /// The error: `dns.name_not_resolved`, `tcp.refused`, `http.protocol.error`, `ok`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// Other fields (`request_headers`, `response_headers`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The legacy `application/csp-report` body.
#[derive(Deserialize)]
struct LegacyEnvelope {
    #[serde(rename = "csp-report")]
    csp_report: LegacyBody,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case")]
struct LegacyBody {
    document_uri: String,
    referrer: String,
    blocked_uri: String,
    violated_directive: String,
    effective_directive: String,
    original_policy: String,
    disposition: String,
    script_sample: String,
    source_file: String,
    line_number: u64,
    column_number: u64,
    status_code: u64,
}

impl From<LegacyBody> for CspViolation {
    fn from(b: LegacyBody) -> Self {
        let effective = if b.effective_directive.is_empty() {
            b.violated_directive
        } else {
            b.effective_directive
        };
        Self {
            format: Some(ReportFormat::CspReport),
            document_url: b.document_uri,
            referrer: b.referrer,
            blocked_url: b.blocked_uri,
            effective_directive: effective,
            original_policy: b.original_policy,
            disposition: b.disposition,
            sample: b.script_sample,
            source_file: b.source_file,
            line_number: b.line_number,
            column_number: b.column_number,
            status_code: b.status_code,
            ..Self::default()
        }
    }
}

/// One entry of an `application/reports+json` batch.
#[derive(Deserialize)]
struct ApiReport {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    user_agent: String,
    #[serde(default)]
    age: u64,
    #[serde(default)]
    body: serde_json::Value,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ApiCspBody {
    #[serde(rename = "documentURL")]
    document_url: String,
    referrer: String,
    #[serde(rename = "blockedURL")]
    blocked_url: String,
    effective_directive: String,
    original_policy: String,
    disposition: String,
    sample: String,
    source_file: String,
    line_number: u64,
    column_number: u64,
    status_code: u64,
}

impl From<ApiReport> for Report {
    fn from(r: ApiReport) -> Self {
        if r.kind == "csp-violation" {
            let b: ApiCspBody = serde_json::from_value(r.body).unwrap_or_default();
            return Report::CspViolation(CspViolation {
                format: Some(ReportFormat::ReportingApi),
                document_url: b.document_url,
                referrer: b.referrer,
                blocked_url: b.blocked_url,
                effective_directive: b.effective_directive,
                original_policy: b.original_policy,
                disposition: b.disposition,
                sample: b.sample,
                source_file: b.source_file,
                line_number: b.line_number,
                column_number: b.column_number,
                status_code: b.status_code,
                url: r.url,
                user_agent: r.user_agent,
                age: r.age,
            });
        }
        match r.kind.as_str() {
            "csp-hash" => r.typed(Report::CspHash),
            "integrity-violation" => r.typed(Report::IntegrityViolation),
            "coop" => r.typed(Report::Coop),
            "coep" => r.typed(Report::Coep),
            "permissions-policy-violation" => r.typed(Report::PermissionsPolicyViolation),
            "potential-permissions-policy-violation" => {
                r.typed(Report::PotentialPermissionsPolicyViolation)
            }
            "deprecation" => r.typed(Report::Deprecation),
            "intervention" => r.typed(Report::Intervention),
            "crash" => r.typed(Report::Crash),
            "network-error" => r.typed(Report::NetworkError),
            _ => r.other(),
        }
    }
}

impl ApiReport {
    /// The report with its body typed as `B`, or [`Report::Other`] if the body does not
    /// have that shape (it is then kept as it came).
    fn typed<B: serde::de::DeserializeOwned>(self, variant: fn(Reported<B>) -> Report) -> Report {
        match B::deserialize(&self.body) {
            Ok(body) => variant(Reported {
                url: self.url,
                user_agent: self.user_agent,
                age: self.age,
                body,
            }),
            Err(_) => self.other(),
        }
    }

    fn other(self) -> Report {
        Report::Other {
            kind: self.kind,
            url: self.url,
            body: self.body,
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

fn parse_legacy(body: &[u8]) -> Result<Vec<Report>, ParseError> {
    let env: LegacyEnvelope =
        serde_json::from_slice(body).map_err(|e| ParseError::Malformed(e.to_string()))?;
    Ok(vec![Report::CspViolation(env.csp_report.into())])
}

fn parse_batch(body: &[u8]) -> Result<Vec<Report>, ParseError> {
    let batch: Vec<ApiReport> =
        serde_json::from_slice(body).map_err(|e| ParseError::Malformed(e.to_string()))?;
    Ok(batch.into_iter().map(Report::from).collect())
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

type Callback = dyn Fn(Report) -> Delivery + Send + Sync;

/// What became of a report handed on by a [`ReportCollector`]: see
/// [`ReportCollector::with_delivery`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Delivery {
    /// The report was taken (counted as accepted).
    Delivered,
    /// The report was dropped, for example because a queue was full (counted as dropped).
    Dropped,
}

/// What a [`ReportCollector`] has counted so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ReportStats {
    /// Reports parsed and delivered.
    pub accepted: u64,
    /// Requests refused (wrong method, content type, size or body).
    pub rejected: u64,
    /// Reports parsed but dropped on delivery (a full channel).
    pub dropped: u64,
}

/// A report endpoint's logic, shared by every framework integration. Cheap to clone.
///
/// ```
/// use secure_headers::report::{Report, ReportCollector};
///
/// let (collector, reports) = ReportCollector::channel(16);
/// // What a framework adapter does with a POST to the endpoint.
/// let status = collector.receive(
///     Some("application/csp-report"),
///     br#"{"csp-report":{"document-uri":"https://example.com/","blocked-uri":"inline","effective-directive":"script-src-elem"}}"#,
/// );
/// assert_eq!(status, 204);
/// match reports.try_recv()? {
///     Report::CspViolation(v) => assert_eq!(v.effective_directive, "script-src-elem"),
///     other => panic!("{other:?}"),
/// }
/// assert_eq!(collector.receive(Some("text/plain"), b"hello"), 415);
/// assert_eq!(collector.counts(), (1, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct ReportCollector {
    callback: Arc<Callback>,
    limit: usize,
    allow_origin: Option<HeaderValue>,
    stats: Arc<Stats>,
}

#[derive(Debug, Default)]
struct Stats {
    accepted: AtomicU64,
    rejected: AtomicU64,
    dropped: AtomicU64,
}

impl fmt::Debug for ReportCollector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReportCollector")
            .field("limit", &self.limit)
            .field("allow_origin", &self.allow_origin)
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

/// What a framework adapter should do with a request, decided before reading the body.
///
/// ```
/// use secure_headers::http::{Method, StatusCode};
/// use secure_headers::report::{Admission, ReportCollector};
///
/// let collector = ReportCollector::new(|_| {});
/// let post = collector.admit(&Method::POST, Some("application/reports+json"), Some(300));
/// assert_eq!(post, Admission::ReadBody);
/// let get = collector.admit(&Method::GET, None, None);
/// assert_eq!(get, Admission::Respond(StatusCode::METHOD_NOT_ALLOWED));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Admission {
    /// Read the body (at most [`ReportCollector::limit`] bytes) and call
    /// [`ReportCollector::receive`].
    ReadBody,
    /// Answer now with this status (and [`ReportCollector::response_headers`]).
    Respond(StatusCode),
}

impl ReportCollector {
    /// A collector that calls `callback` with every report. Keep the callback quick (hand
    /// the report to a queue): it runs on the request's task.
    pub fn new(callback: impl Fn(Report) + Send + Sync + 'static) -> Self {
        Self::with_delivery(move |r| {
            callback(r);
            Delivery::Delivered
        })
    }

    /// A collector that calls `callback` with every report, and counts each as accepted
    /// or dropped by what the callback answers (for a callback that hands reports to a
    /// bounded queue of its own).
    ///
    /// ```
    /// use secure_headers::report::{Delivery, ReportCollector};
    ///
    /// let collector = ReportCollector::with_delivery(|_report| Delivery::Dropped);
    /// let body = br#"[{"type": "crash", "url": "https://example.com/", "body": {}}]"#;
    /// collector.receive(Some("application/reports+json"), body);
    /// assert_eq!(collector.stats().dropped, 1);
    /// assert_eq!(collector.stats().accepted, 0);
    /// ```
    pub fn with_delivery(callback: impl Fn(Report) -> Delivery + Send + Sync + 'static) -> Self {
        Self {
            callback: Arc::new(callback),
            limit: DEFAULT_BODY_LIMIT,
            allow_origin: Some(HeaderValue::from_static("*")),
            stats: Arc::default(),
        }
    }

    /// A collector that sends every report into a bounded channel of `capacity`; when the
    /// channel is full (or its receiver is gone), reports are dropped and counted as
    /// dropped ([`ReportCollector::stats`]), so a flood cannot grow memory. The browser
    /// still gets `204`: a retry would not help.
    #[must_use]
    pub fn channel(capacity: usize) -> (Self, mpsc::Receiver<Report>) {
        let (tx, rx) = mpsc::sync_channel(capacity);
        let collector = Self::with_delivery(move |r| match tx.try_send(r) {
            Ok(()) => Delivery::Delivered,
            Err(_) => Delivery::Dropped,
        });
        (collector, rx)
    }

    /// The largest body accepted (default [`DEFAULT_BODY_LIMIT`]); larger ones get `413`.
    #[must_use]
    pub fn limit(mut self, bytes: usize) -> Self {
        self.limit = bytes;
        self
    }

    /// The body limit in bytes.
    #[must_use]
    pub fn body_limit(&self) -> usize {
        self.limit
    }

    /// The `Access-Control-Allow-Origin` sent with answers (default `*`: reports come from
    /// pages on other origins too); `None` sends no CORS headers.
    #[must_use]
    pub fn allow_origin(mut self, origin: Option<HeaderValue>) -> Self {
        self.allow_origin = origin;
        self
    }

    /// Reports accepted and requests refused so far (see [`stats`](Self::stats) for the
    /// reports dropped too).
    #[must_use]
    pub fn counts(&self) -> (u64, u64) {
        (
            self.stats.accepted.load(Ordering::Relaxed),
            self.stats.rejected.load(Ordering::Relaxed),
        )
    }

    /// Reports accepted, requests refused and reports dropped so far.
    #[must_use]
    pub fn stats(&self) -> ReportStats {
        ReportStats {
            accepted: self.stats.accepted.load(Ordering::Relaxed),
            rejected: self.stats.rejected.load(Ordering::Relaxed),
            dropped: self.stats.dropped.load(Ordering::Relaxed),
        }
    }

    /// Decides from the request line and headers alone.
    #[must_use]
    pub fn admit(
        &self,
        method: &Method,
        content_type: Option<&str>,
        content_length: Option<u64>,
    ) -> Admission {
        if method == Method::OPTIONS {
            return Admission::Respond(StatusCode::NO_CONTENT);
        }
        if method != Method::POST {
            return self.refuse(StatusCode::METHOD_NOT_ALLOWED);
        }
        if content_length.is_some_and(|n| n > self.limit as u64) {
            return self.refuse(StatusCode::PAYLOAD_TOO_LARGE);
        }
        if parse(content_type, b"").is_err_and(|e| e == ParseError::UnsupportedMediaType) {
            return self.refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE);
        }
        Admission::ReadBody
    }

    /// The answer to a body that went over [`body_limit`](Self::body_limit) while it was
    /// read (a chunked body declares no length up front): `413`, counted as refused.
    /// Adapters call it and stop reading.
    pub fn too_large(&self) -> StatusCode {
        self.stats.rejected.fetch_add(1, Ordering::Relaxed);
        StatusCode::PAYLOAD_TOO_LARGE
    }

    /// The answer to a body that could not be read to its end (the client went away or
    /// sent a broken chunk): `400`, counted as refused.
    pub fn unreadable(&self) -> StatusCode {
        self.stats.rejected.fetch_add(1, Ordering::Relaxed);
        StatusCode::BAD_REQUEST
    }

    fn refuse(&self, status: StatusCode) -> Admission {
        self.stats.rejected.fetch_add(1, Ordering::Relaxed);
        Admission::Respond(status)
    }

    /// Parses a body (already limited to [`body_limit`](Self::body_limit) bytes by the
    /// adapter), delivers its reports and returns the status to answer.
    pub fn receive(&self, content_type: Option<&str>, body: &[u8]) -> StatusCode {
        if body.len() > self.limit {
            return self.too_large();
        }
        match parse(content_type, body) {
            Ok(reports) => {
                for report in reports {
                    #[cfg(feature = "tracing")]
                    tracing::info!(target: "secure_headers::report", ?report, "report received");
                    let counter = match (self.callback)(report) {
                        Delivery::Delivered => &self.stats.accepted,
                        Delivery::Dropped => {
                            #[cfg(feature = "tracing")]
                            tracing::debug!(target: "secure_headers::report", "report dropped");
                            &self.stats.dropped
                        }
                    };
                    counter.fetch_add(1, Ordering::Relaxed);
                }
                StatusCode::NO_CONTENT
            }
            Err(e) => {
                #[cfg(feature = "tracing")]
                tracing::debug!(target: "secure_headers::report", error = %e, "report refused");
                let _ = e;
                self.stats.rejected.fetch_add(1, Ordering::Relaxed);
                match e {
                    ParseError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    ParseError::Malformed(_) => StatusCode::BAD_REQUEST,
                }
            }
        }
    }

    /// The headers every answer carries: CORS (if an allowed origin is set) so that
    /// cross-origin pages can report, with the preflight's methods, headers and max-age.
    pub fn response_headers(&self) -> impl Iterator<Item = (HeaderName, HeaderValue)> + '_ {
        self.allow_origin.iter().flat_map(|origin| {
            [
                (header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone()),
                (
                    header::ACCESS_CONTROL_ALLOW_METHODS,
                    HeaderValue::from_static("POST, OPTIONS"),
                ),
                (
                    header::ACCESS_CONTROL_ALLOW_HEADERS,
                    HeaderValue::from_static("content-type"),
                ),
                (
                    header::ACCESS_CONTROL_MAX_AGE,
                    HeaderValue::from_static("86400"),
                ),
            ]
        })
    }
}

/// What the report collector needs from the request head: the content type and length.
#[cfg(any(feature = "tower", feature = "poem", feature = "salvo"))]
pub(crate) fn report_head(headers: &http::HeaderMap) -> (Option<String>, Option<u64>) {
    let content_type = headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let length = headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    (content_type, length)
}

/// The report collector's answer to a request whose body is an `http_body::Body` (tower,
/// poem, salvo): `admit`
/// before reading anything, then at most the body limit (`413` as soon as the body is
/// longer, without reading the rest).
#[cfg(any(feature = "tower", feature = "poem", feature = "salvo"))]
pub(crate) async fn collect_report<B>(
    collector: &crate::report::ReportCollector,
    method: &http::Method,
    content_type: Option<&str>,
    length: Option<u64>,
    body: impl FnOnce() -> B,
) -> StatusCode
where
    B: http_body::Body,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    use http_body_util::BodyExt as _;

    match collector.admit(method, content_type, length) {
        Admission::Respond(status) => status,
        Admission::ReadBody => {
            let limited = http_body_util::Limited::new(body(), collector.body_limit());
            match limited.collect().await {
                Ok(body) => collector.receive(content_type, &body.to_bytes()),
                Err(e) if e.is::<http_body_util::LengthLimitError>() => collector.too_large(),
                Err(_) => collector.unreadable(),
            }
        }
    }
}

#[cfg(test)]
mod tests;
