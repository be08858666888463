//! The typed bodies of Reporting API reports.

use serde::{Deserialize, Serialize};

/// A Reporting API report: the envelope every report has, and its typed body.
///
/// ```
/// use secure_headers::report::{Report, parse};
///
/// let body = br#"[{"type": "deprecation", "age": 12, "url": "https://example.com/",
///     "user_agent": "Mozilla/5.0", "body": {"id": "UnloadHandler", "message": "unload is deprecated"}}]"#;
/// let Report::Deprecation(report) = &parse(Some("application/reports+json"), body)?[0] else { panic!() };
/// assert_eq!((report.url.as_str(), report.user_agent.as_str(), report.age), ("https://example.com/", "Mozilla/5.0", 12));
/// assert_eq!(report.body.id, "UnloadHandler");
/// # Ok::<(), secure_headers::report::ParseError>(())
/// ```
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
///
/// ```
/// use secure_headers::report::{Report, parse};
///
/// let body = br#"[{"type": "crash", "age": 0, "url": "https://example.com/", "user_agent": "UA",
///     "body": {"reason": "oom", "is_top_level": true}}]"#;
/// let Report::Crash(crash) = &parse(Some("application/reports+json"), body)?[0] else { panic!() };
/// assert_eq!(crash.body.extra["is_top_level"], true);
/// # Ok::<(), secure_headers::report::ParseError>(())
/// ```
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The body of a `csp-hash` report
/// ([CSP3](https://w3c.github.io/webappsec-csp/#potentially-report-hash)). Chromium sends
/// the field names in camelCase (`documentURL`), the specification's example in
/// snake_case (`document_url`): both are read.
///
/// ```
/// use secure_headers::report::{Report, parse};
///
/// // As Chromium sends it for `script-src 'self' 'report-sha256'`.
/// let body = br#"[{"type": "csp-hash", "age": 0, "url": "https://example.com/", "user_agent": "UA",
///     "body": {"documentURL": "https://example.com/", "subresourceURL": "https://example.com/app.js",
///              "hash": "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "destination": "script", "type": "subresource"}}]"#;
/// let Report::CspHash(r) = &parse(Some("application/reports+json"), body)?[0] else { panic!() };
/// assert_eq!(r.body.subresource_url, "https://example.com/app.js");
/// assert_eq!(r.body.source().unwrap().as_str(), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
/// # Ok::<(), secure_headers::report::ParseError>(())
/// ```
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
///
/// ```
/// use secure_headers::report::{Report, parse};
///
/// // As Chromium sends it under `Integrity-Policy-Report-Only: blocked-destinations=(script)`.
/// let body = br#"[{"type": "integrity-violation", "age": 1, "url": "https://example.com/", "user_agent": "UA",
///     "body": {"documentURL": "https://example.com/", "blockedURL": "https://cdn.example/app.js",
///              "destination": "script", "reportOnly": true}}]"#;
/// let Report::IntegrityViolation(r) = &parse(Some("application/reports+json"), body)?[0] else { panic!() };
/// assert_eq!((r.body.blocked_url.as_str(), r.body.destination.as_str()), ("https://cdn.example/app.js", "script"));
/// assert!(r.body.report_only);
/// # Ok::<(), secure_headers::report::ParseError>(())
/// ```
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
///
/// ```
/// use secure_headers::report::{Report, parse};
///
/// let body = br#"[{"type": "coop", "age": 3, "url": "https://example.com/", "user_agent": "UA",
///     "body": {"disposition": "reporting", "effectivePolicy": "same-origin",
///              "type": "navigation-from-response", "nextResponseURL": "https://other.example/"}}]"#;
/// let Report::Coop(r) = &parse(Some("application/reports+json"), body)?[0] else { panic!() };
/// assert_eq!(r.body.effective_policy, "same-origin");
/// assert_eq!(r.body.kind, "navigation-from-response");
/// assert_eq!(r.body.next_response_url, "https://other.example/");
/// # Ok::<(), secure_headers::report::ParseError>(())
/// ```
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
///
/// ```
/// use secure_headers::report::{Report, parse};
///
/// let body = br#"[{"type": "coep", "age": 3, "url": "https://example.com/", "user_agent": "UA",
///     "body": {"type": "corp", "blockedURL": "https://other.example/i.png",
///              "destination": "image", "disposition": "reporting"}}]"#;
/// let Report::Coep(r) = &parse(Some("application/reports+json"), body)?[0] else { panic!() };
/// assert_eq!((r.body.kind.as_str(), r.body.disposition.as_str()), ("corp", "reporting"));
/// assert_eq!(r.body.blocked_url, "https://other.example/i.png");
/// # Ok::<(), secure_headers::report::ParseError>(())
/// ```
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
///
/// ```
/// use secure_headers::report::{Report, parse};
///
/// // Chromium names the feature `policyId`; the specification, `featureId`.
/// let body = br#"[{"type": "permissions-policy-violation", "age": 2, "url": "https://example.com/", "user_agent": "UA",
///     "body": {"policyId": "geolocation", "disposition": "report", "lineNumber": 4}}]"#;
/// let Report::PermissionsPolicyViolation(r) = &parse(Some("application/reports+json"), body)?[0] else { panic!() };
/// assert_eq!(r.body.feature_id, "geolocation");
/// assert_eq!(r.body.line_number, Some(4));
/// assert!(r.body.is_report_only());
/// # Ok::<(), secure_headers::report::ParseError>(())
/// ```
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

/// The body of a `document-policy-violation` report
/// ([Document Policy](https://wicg.github.io/document-policy/#reporting)): a feature used
/// against `Document-Policy` (`disposition` `enforce`) or `Document-Policy-Report-Only`
/// (`report`). Chromium sends one only to the group the feature's `;report-to` names, or
/// the policy's default `*;report-to=group`.
///
/// ```
/// use secure_headers::report::{Report, parse};
///
/// // As Chromium sends it: the feature as `policyId`, the specification's `featureId`.
/// let body = br#"[{"type": "document-policy-violation", "age": 1, "url": "https://example.com/", "user_agent": "UA",
///     "body": {"policyId": "js-profiling", "disposition": "report", "lineNumber": 1, "columnNumber": 30,
///              "message": "Document policy violation: js-profiling is not allowed in this document.",
///              "sourceFile": "https://example.com/"}}]"#;
/// let Report::DocumentPolicyViolation(r) = &parse(Some("application/reports+json"), body)?[0] else { panic!() };
/// assert_eq!(r.body.feature_id, "js-profiling");
/// assert_eq!(r.body.column_number, Some(30));
/// assert!(r.body.is_report_only());
/// # Ok::<(), secure_headers::report::ParseError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct DocumentPolicyViolation {
    /// The feature: `js-profiling`, `oversized-images`, ... (the specification's
    /// `featureId`; Chromium sends it as `policyId`).
    #[serde(alias = "policyId")]
    pub feature_id: String,
    /// `enforce` (`Document-Policy`) or `report` (`Document-Policy-Report-Only`).
    pub disposition: String,
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

impl DocumentPolicyViolation {
    /// True for a violation of `Document-Policy-Report-Only` (nothing was blocked).
    #[must_use]
    pub fn is_report_only(&self) -> bool {
        self.disposition == "report"
    }
}

/// The body of a `deprecation` report ([Deprecation Reporting](https://wicg.github.io/deprecation-reporting/)).
///
/// ```
/// use secure_headers::report::{Report, parse};
///
/// let body = br#"[{"type": "deprecation", "age": 0, "url": "https://example.com/", "user_agent": "UA",
///     "body": {"id": "UnloadHandler", "message": "unload is deprecated",
///              "anticipatedRemoval": "2026-12-31", "sourceFile": "https://example.com/a.js"}}]"#;
/// let Report::Deprecation(r) = &parse(Some("application/reports+json"), body)?[0] else { panic!() };
/// assert_eq!(r.body.anticipated_removal.as_deref(), Some("2026-12-31"));
/// assert_eq!(r.body.source_file.as_deref(), Some("https://example.com/a.js"));
/// # Ok::<(), secure_headers::report::ParseError>(())
/// ```
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
///
/// ```
/// use secure_headers::report::{Report, parse};
///
/// let body = br#"[{"type": "intervention", "age": 0, "url": "https://example.com/", "user_agent": "UA",
///     "body": {"id": "NavigatorVibrate", "message": "Blocked call to navigator.vibrate"}}]"#;
/// let Report::Intervention(r) = &parse(Some("application/reports+json"), body)?[0] else { panic!() };
/// assert_eq!(r.body.id, "NavigatorVibrate");
/// assert_eq!(r.body.line_number, None);
/// # Ok::<(), secure_headers::report::ParseError>(())
/// ```
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
///
/// ```
/// use secure_headers::report::{Report, parse};
///
/// let body = br#"[{"type": "crash", "age": 0, "url": "https://example.com/", "user_agent": "UA", "body": {}}]"#;
/// let Report::Crash(r) = &parse(Some("application/reports+json"), body)?[0] else { panic!() };
/// assert_eq!(r.body.reason, None); // the reason is unknown
/// # Ok::<(), secure_headers::report::ParseError>(())
/// ```
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
///
/// ```
/// use secure_headers::report::{Report, parse};
///
/// // The example of the NEL specification, §"Sample Network Error Reports".
/// let body = br#"[{"type": "network-error", "age": 0, "url": "https://www.example.com/", "user_agent": "UA",
///     "body": {"sampling_fraction": 0.5, "referrer": "http://example.com/", "server_ip": "2001:db8:0:0:0:0:0:42",
///              "protocol": "h2", "method": "GET", "request_headers": {}, "response_headers": {},
///              "status_code": 200, "elapsed_time": 823, "phase": "application", "type": "http.protocol.error"}}]"#;
/// let Report::NetworkError(r) = &parse(Some("application/reports+json"), body)?[0] else { panic!() };
/// assert_eq!((r.body.phase.as_str(), r.body.kind.as_str()), ("application", "http.protocol.error"));
/// assert_eq!((r.body.status_code, r.body.elapsed_time), (200, 823));
/// assert!(r.body.extra.contains_key("request_headers"));
/// # Ok::<(), secure_headers::report::ParseError>(())
/// ```
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
