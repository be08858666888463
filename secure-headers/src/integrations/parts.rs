//! Applying a [`Secure`] to a framework response that is not an `http::Response` but is made
//! of the same parts (poem's and salvo's responses).

use http::{Extensions, HeaderMap, Response, StatusCode};

use crate::{EarlyResponse, RequestContext, Secure, SecureOverride};

/// Runs [`Secure::apply_to_response_with`] on a response given by its parts, so that every
/// integration follows the rules of the `http` path (a [`SecureOverride`] in the extensions
/// wins, `101 Switching Protocols` is left alone) without restating them. Moving a header
/// map and an extension map in and out costs a few pointer swaps, no allocation.
pub(crate) fn apply_to_parts(
    secure: &Secure,
    status: StatusCode,
    headers: &mut HeaderMap,
    extensions: &mut Extensions,
    context: &RequestContext,
) {
    let mut response = Response::new(());
    *response.status_mut() = status;
    std::mem::swap(response.headers_mut(), headers);
    std::mem::swap(response.extensions_mut(), extensions);
    secure.apply_to_response_with(&mut response, context);
    std::mem::swap(response.headers_mut(), headers);
    std::mem::swap(response.extensions_mut(), extensions);
}

/// The status and headers of an early answer (a redirect or a refused host), with the
/// security headers, as [`EarlyResponse::into_response`] makes them.
pub(crate) fn early_parts(early: EarlyResponse, secure: &Secure) -> (StatusCode, HeaderMap) {
    let (parts, ()) = early.into_response(secure, ()).into_parts();
    (parts.status, parts.headers)
}

/// Marks a response with a route's override, unless the handler attached its own.
pub(crate) fn mark(extensions: &mut Extensions, secure: &SecureOverride) {
    if extensions.get::<SecureOverride>().is_none() {
        extensions.insert(secure.clone());
    }
}

/// What the report collector needs from the request head: the content type and length.
#[cfg(feature = "reporting")]
pub(crate) fn report_head(headers: &HeaderMap) -> (Option<String>, Option<u64>) {
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

/// The report collector's answer to a request, as its tower service decides it: `admit`
/// before reading anything, then at most the body limit (`413` as soon as the body is
/// longer, without reading the rest).
#[cfg(feature = "reporting")]
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
    use crate::report::Admission;
    use http_body_util::BodyExt as _;

    match collector.admit(method, content_type, length) {
        Admission::Respond(status) => status,
        Admission::ReadBody => {
            let limited = http_body_util::Limited::new(body(), collector.body_limit());
            match limited.collect().await {
                Ok(body) => collector.receive(content_type, &body.to_bytes()),
                Err(e) if e.is::<http_body_util::LengthLimitError>() => {
                    StatusCode::PAYLOAD_TOO_LARGE
                }
                Err(_) => StatusCode::BAD_REQUEST,
            }
        }
    }
}
