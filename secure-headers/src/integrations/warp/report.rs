//! The report collector as a warp filter.

use http::HeaderMap;
use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

/// The report collector as a warp filter: mount it at a path, for every method (it answers
/// CORS preflights itself). It extracts the answer, and rejects only when the body was
/// already taken by another filter.
///
/// ```
/// use secure_headers::Secure;
/// use secure_headers::report::ReportCollector;
/// use warp::Filter;
///
/// let (collector, reports) = ReportCollector::channel(1024);
/// let page = warp::path::end().map(|| "hello");
/// let reports_route = warp::path!("csp-reports").and(secure_headers::warp::report_collector(collector));
/// let routes = secure_headers::warp::wrap(page.or(reports_route), Secure::with_default_headers());
/// # drop(reports);
/// ```
///
/// It decides from the request head first ([`ReportCollector::admit`]), then reads at most
/// [`ReportCollector::body_limit`] bytes of the body: `204` for accepted reports and
/// preflights, `413` for a body over the limit (without reading the rest), `415` for
/// another content type, `400` for malformed JSON, `405` for another method. See
/// [`crate::report`].
///
/// [`ReportCollector::admit`]: crate::report::ReportCollector::admit
/// [`ReportCollector::body_limit`]: crate::report::ReportCollector::body_limit
#[cfg(feature = "reporting")]
#[cfg_attr(docsrs, doc(cfg(feature = "reporting")))]
pub fn report_collector(
    collector: crate::report::ReportCollector,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone + Send + Sync + 'static {
    warp::method()
        .and(warp::header::headers_cloned())
        .and(warp::body::stream())
        .and_then(move |method: http::Method, headers: HeaderMap, body| {
            let collector = collector.clone();
            async move {
                let status = collect(&collector, &method, &headers, body).await;
                let mut response = warp::reply().into_response();
                *response.status_mut() = status;
                response.headers_mut().extend(collector.response_headers());
                Ok::<_, Rejection>(response)
            }
        })
}

/// The collector's answer, as its tower service decides it: `admit` before reading
/// anything, then at most the body limit.
#[cfg(feature = "reporting")]
async fn collect<S, B>(
    collector: &crate::report::ReportCollector,
    method: &http::Method,
    headers: &HeaderMap,
    body: S,
) -> http::StatusCode
where
    S: warp::Stream<Item = Result<B, warp::Error>>,
    B: warp::Buf,
{
    use crate::report::Admission;

    let (content_type, length) = crate::report::http_report_head(headers);
    if let Admission::Respond(status) = collector.admit(method, content_type, length) {
        return status;
    }
    let limit = collector.body_limit();
    let mut body = std::pin::pin!(body);
    let mut read = Vec::new();
    while let Some(chunk) = std::future::poll_fn(|cx| body.as_mut().poll_next(cx)).await {
        let Ok(mut chunk) = chunk else {
            return collector.unreadable();
        };
        if read.len() + chunk.remaining() > limit {
            return collector.too_large();
        }
        while chunk.has_remaining() {
            let part = chunk.chunk();
            let n = part.len();
            read.extend_from_slice(part);
            chunk.advance(n);
        }
    }
    collector.receive(content_type, &read)
}
