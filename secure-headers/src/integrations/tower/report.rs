//! The report collector as a tower service.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use http::{Request, Response};
use tower_service::Service;

/// The report collector as a tower service: mount it as a route (axum's `route_service`).
///
/// ```
/// use axum::{Router, routing::post};
/// use secure_headers::report::ReportCollector;
///
/// let (collector, reports) = ReportCollector::channel(1024);
/// let app: Router = Router::new().route_service("/csp-reports", collector);
/// # drop(reports);
/// ```
///
/// It answers `204` for accepted reports and CORS preflights, `413` for a body over the
/// limit (without reading the rest), `415` for another content type, `400` for malformed
/// JSON and `405` for another method; see [`crate::report`].
#[cfg(feature = "reporting")]
#[cfg_attr(docsrs, doc(cfg(feature = "reporting")))]
impl<B> Service<Request<B>> for crate::report::ReportCollector
where
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = Response<String>;
    type Error = std::convert::Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response<String>, Self::Error>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let collector = self.clone();
        Box::pin(async move {
            let (head, body) = req.into_parts();
            let status =
                crate::report::collect_report(&collector, &head.method, &head.headers, body).await;
            let mut response = Response::new(String::new());
            *response.status_mut() = status;
            response.headers_mut().extend(collector.response_headers());
            Ok(response)
        })
    }
}
