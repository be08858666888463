//! The report endpoint's logic, shared by every framework integration.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;

use http::{HeaderName, HeaderValue, Method, StatusCode, header};

use super::{DEFAULT_BODY_LIMIT, ParseError, Report, parse};

type Callback = dyn Fn(Report) -> Delivery + Send + Sync;

/// What became of a report handed on by a [`ReportCollector`]: see
/// [`ReportCollector::with_delivery`].
///
/// ```
/// use std::sync::mpsc;
/// use secure_headers::report::{Delivery, ReportCollector};
///
/// // A bounded queue of the application's own: a full queue drops the report.
/// let (tx, rx) = mpsc::sync_channel(1);
/// let collector = ReportCollector::with_delivery(move |report| match tx.try_send(report) {
///     Ok(()) => Delivery::Delivered,
///     Err(_) => Delivery::Dropped,
/// });
/// let body = br#"[{"type": "crash", "url": "https://example.com/", "body": {}},
///                 {"type": "crash", "url": "https://example.com/", "body": {}}]"#;
/// assert_eq!(collector.receive(Some("application/reports+json"), body), 204);
/// assert_eq!((collector.stats().accepted, collector.stats().dropped), (1, 1));
/// assert_eq!(rx.try_iter().count(), 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Delivery {
    /// The report was taken (counted as accepted).
    Delivered,
    /// The report was dropped, for example because a queue was full (counted as dropped).
    Dropped,
}

/// What a [`ReportCollector`] has counted so far.
///
/// ```
/// use secure_headers::http::Method;
/// use secure_headers::report::{ReportCollector, ReportStats};
///
/// let (collector, _reports) = ReportCollector::channel(16);
/// let report = br#"{"csp-report": {"document-uri": "https://example.com/", "blocked-uri": "inline"}}"#;
/// collector.receive(Some("application/csp-report"), report);
/// collector.receive(Some("application/csp-report"), b"{not json");
/// let _ = collector.admit(&Method::GET, None, None);
/// let stats: ReportStats = collector.stats();
/// assert_eq!((stats.accepted, stats.rejected, stats.dropped), (1, 2, 0));
/// ```
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
/// Reports come from pages on other origins, so the collector answers CORS preflights
/// with `Access-Control-Allow-Origin: *`. Under
/// [`CrossOriginProtection`](crate::request::CrossOriginProtection), the paths the
/// `Secure` names for its own reports (its `Reporting-Endpoints` URLs, `report-uri` in its
/// enforced and report-only CSP) skip the check, so mount the collector at one of them. A
/// collector at a path the `Secure` does not name must be listed in
/// [`bypass`](crate::request::CrossOriginProtection::bypass) (and in
/// [`exempt`](crate::request::CrossOriginProtection::exempt) with resource isolation), or
/// its reports get a `403`.
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

/// What the report collector needs from the request head, from the raw values of its
/// `Content-Type` and `Content-Length` headers (every framework's header types give bytes):
/// the content type as text, and the length.
#[cfg(any(
    feature = "tower",
    feature = "poem",
    feature = "salvo",
    feature = "warp",
    feature = "actix-web"
))]
pub(crate) fn report_head<'a>(
    content_type: Option<&'a [u8]>,
    length: Option<&[u8]>,
) -> (Option<&'a str>, Option<u64>) {
    // As `HeaderValue::to_str` reads a value: visible ASCII and tabs only.
    let text = |v: &'a [u8]| {
        v.iter()
            .all(|&b| b == b'\t' || (0x20..0x7f).contains(&b))
            .then(|| std::str::from_utf8(v).ok())
            .flatten()
    };
    let length = length
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    (content_type.and_then(text), length)
}

/// [`report_head`] of an `http` header map.
#[cfg(any(
    feature = "tower",
    feature = "poem",
    feature = "salvo",
    feature = "warp"
))]
pub(crate) fn http_report_head(headers: &http::HeaderMap) -> (Option<&str>, Option<u64>) {
    let get = |name| headers.get(name).map(HeaderValue::as_bytes);
    report_head(get(header::CONTENT_TYPE), get(header::CONTENT_LENGTH))
}

/// The report collector's answer to a request whose body is an `http_body::Body` (tower,
/// poem, salvo): `admit` by the method and the head, before reading anything, then at most
/// the body limit (`413` as soon as the body is longer, without reading the rest).
#[cfg(any(feature = "tower", feature = "poem", feature = "salvo"))]
pub(crate) async fn collect_report<B>(
    collector: &crate::report::ReportCollector,
    method: &http::Method,
    headers: &http::HeaderMap,
    body: B,
) -> StatusCode
where
    B: http_body::Body,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    use http_body_util::BodyExt as _;

    let (content_type, length) = http_report_head(headers);
    match collector.admit(method, content_type, length) {
        Admission::Respond(status) => status,
        Admission::ReadBody => {
            let limited = http_body_util::Limited::new(body, collector.body_limit());
            match limited.collect().await {
                Ok(body) => collector.receive(content_type, &body.to_bytes()),
                Err(e) if e.is::<http_body_util::LengthLimitError>() => collector.too_large(),
                Err(_) => collector.unreadable(),
            }
        }
    }
}
