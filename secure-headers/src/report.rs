//! Collecting the reports browsers send: CSP violations in both formats, and any other
//! Reporting API report.
//!
//! A [`ReportCollector`] is the endpoint's logic, independent of any framework: it checks
//! the method, the content type and the size, answers CORS preflights, parses the body into
//! typed [`Report`]s, hands them to your callback (or a bounded channel), logs them through
//! `tracing` when that feature is on, and says which status to answer. The framework
//! integrations mount it as a route.
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

/// One report, as delivered to the callback.
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
    /// Any other Reporting API report (`deprecation`, `intervention`, `coep`, ...), kept as
    /// it came.
    Other {
        /// The report's `type`.
        kind: String,
        /// The reporting page's URL.
        url: String,
        /// The report's `body`.
        body: serde_json::Value,
    },
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
        Report::Other {
            kind: r.kind,
            url: r.url,
            body: r.body,
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

type Callback = dyn Fn(Report) + Send + Sync;

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
        Self {
            callback: Arc::new(callback),
            limit: DEFAULT_BODY_LIMIT,
            allow_origin: Some(HeaderValue::from_static("*")),
            stats: Arc::default(),
        }
    }

    /// A collector that sends every report into a bounded channel of `capacity`; when the
    /// channel is full, reports are dropped (and counted), so a flood cannot grow memory.
    #[must_use]
    pub fn channel(capacity: usize) -> (Self, mpsc::Receiver<Report>) {
        let (tx, rx) = mpsc::sync_channel(capacity);
        let collector = Self::new(move |r| {
            let _ = tx.try_send(r);
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

    /// Reports accepted and requests refused so far.
    #[must_use]
    pub fn counts(&self) -> (u64, u64) {
        (
            self.stats.accepted.load(Ordering::Relaxed),
            self.stats.rejected.load(Ordering::Relaxed),
        )
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
                    self.stats.accepted.fetch_add(1, Ordering::Relaxed);
                    (self.callback)(report);
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
mod tests {
    use super::*;

    const LEGACY: &[u8] = br#"{"csp-report":{"document-uri":"http://127.0.0.1:8080/page","referrer":"","violated-directive":"script-src-elem","effective-directive":"script-src-elem","original-policy":"script-src 'nonce-abc'; report-uri /r","disposition":"report","blocked-uri":"inline","line-number":3,"column-number":9,"source-file":"http://127.0.0.1:8080/page","status-code":200,"script-sample":""}}"#;

    const BATCH: &[u8] = br#"[{"age":12,"body":{"blockedURL":"inline","columnNumber":9,"disposition":"enforce","documentURL":"https://127.0.0.1/page","effectiveDirective":"script-src-elem","lineNumber":3,"originalPolicy":"script-src 'self'; report-to main","referrer":"","sample":"","sourceFile":"https://127.0.0.1/page","statusCode":200},"type":"csp-violation","url":"https://127.0.0.1/page","user_agent":"Mozilla/5.0"},{"age":1,"body":{"id":"x","message":"m"},"type":"deprecation","url":"https://127.0.0.1/page","user_agent":"Mozilla/5.0"}]"#;

    #[test]
    fn legacy_report_parses() {
        let r = parse(Some("application/csp-report"), LEGACY).unwrap();
        let Report::CspViolation(v) = &r[0] else {
            panic!("{r:?}")
        };
        assert_eq!(v.format, Some(ReportFormat::CspReport));
        assert_eq!(v.document_url, "http://127.0.0.1:8080/page");
        assert_eq!(v.effective_directive, "script-src-elem");
        assert_eq!(v.disposition, "report");
        assert_eq!((v.line_number, v.column_number), (3, 9));
    }

    #[test]
    fn batch_parses_csp_and_other_reports() {
        let r = parse(Some("application/reports+json; charset=utf-8"), BATCH).unwrap();
        assert_eq!(r.len(), 2);
        let Report::CspViolation(v) = &r[0] else {
            panic!("{r:?}")
        };
        assert_eq!(v.format, Some(ReportFormat::ReportingApi));
        assert_eq!(v.blocked_url, "inline");
        assert_eq!(v.user_agent, "Mozilla/5.0");
        assert_eq!(v.age, 12);
        assert!(matches!(&r[1], Report::Other { kind, .. } if kind == "deprecation"));
        // application/json with either shape.
        assert_eq!(parse(Some("application/json"), BATCH).unwrap().len(), 2);
        assert_eq!(parse(Some("application/json"), LEGACY).unwrap().len(), 1);
    }

    #[test]
    fn refusals() {
        let (c, rx) = ReportCollector::channel(1);
        assert_eq!(
            c.receive(Some("text/plain"), LEGACY),
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        assert_eq!(c.receive(None, LEGACY), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(
            c.receive(Some("application/csp-report"), b"{"),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            c.receive(Some("application/csp-report"), b"[]"),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            c.receive(Some("application/reports+json"), b"{}"),
            StatusCode::BAD_REQUEST
        );
        let big = vec![b' '; DEFAULT_BODY_LIMIT + 1];
        assert_eq!(
            c.receive(Some("application/csp-report"), &big),
            StatusCode::PAYLOAD_TOO_LARGE
        );
        assert_eq!(
            c.admit(&Method::POST, Some("application/csp-report"), Some(1 << 20)),
            Admission::Respond(StatusCode::PAYLOAD_TOO_LARGE)
        );
        assert_eq!(
            c.admit(&Method::GET, None, None),
            Admission::Respond(StatusCode::METHOD_NOT_ALLOWED)
        );
        assert_eq!(
            c.admit(&Method::POST, Some("text/html"), None),
            Admission::Respond(StatusCode::UNSUPPORTED_MEDIA_TYPE)
        );
        assert_eq!(
            c.admit(&Method::OPTIONS, None, None),
            Admission::Respond(StatusCode::NO_CONTENT)
        );
        assert_eq!(
            c.admit(&Method::POST, Some("application/reports+json"), Some(10)),
            Admission::ReadBody
        );
        assert!(rx.try_recv().is_err());
        assert_eq!(c.counts(), (0, 9));
    }

    #[test]
    fn a_full_channel_drops_instead_of_growing() {
        let (c, rx) = ReportCollector::channel(2);
        for _ in 0..10 {
            assert_eq!(
                c.receive(Some("application/csp-report"), LEGACY),
                StatusCode::NO_CONTENT
            );
        }
        assert_eq!(rx.try_iter().count(), 2);
        assert_eq!(c.counts().0, 10);
    }

    #[test]
    fn cors_headers() {
        let (c, _rx) = ReportCollector::channel(1);
        let h: Vec<_> = c.response_headers().collect();
        assert_eq!(
            h[0],
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*")
            )
        );
        assert_eq!(h.len(), 4);
        assert_eq!(c.allow_origin(None).response_headers().count(), 0);
    }

    /// A body without a length (chunked) that turns out longer than the limit while it is
    /// read: `413`, counted as refused, and the body is not read past the limit.
    #[cfg(any(feature = "tower", feature = "poem", feature = "salvo"))]
    #[test]
    fn a_body_over_the_limit_while_read_is_refused_and_counted() {
        use std::pin::Pin;
        use std::task::{Context, Poll};

        /// Yields 1 KiB chunks forever, counting how many were asked for.
        struct Endless(std::sync::Arc<AtomicU64>);
        impl http_body::Body for Endless {
            type Data = bytes::Bytes;
            type Error = std::convert::Infallible;
            fn poll_frame(
                self: Pin<&mut Self>,
                _cx: &mut Context<'_>,
            ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
                self.0.fetch_add(1, Ordering::Relaxed);
                Poll::Ready(Some(Ok(http_body::Frame::data(bytes::Bytes::from_static(
                    &[b' '; 1024],
                )))))
            }
        }

        let (c, rx) = ReportCollector::channel(1);
        let c = c.limit(4096);
        let polled = std::sync::Arc::new(AtomicU64::new(0));
        let body = Endless(polled.clone());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let status = runtime.block_on(collect_report(
            &c,
            &Method::POST,
            Some("application/csp-report"),
            None,
            || body,
        ));
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(c.counts(), (0, 1));
        assert_eq!(
            polled.load(Ordering::Relaxed),
            5,
            "stops at the first chunk past 4 KiB"
        );
        assert_eq!(rx.try_iter().count(), 0);
        assert_eq!(c.unreadable(), StatusCode::BAD_REQUEST);
        assert_eq!(c.counts(), (0, 2));
    }
}
