//! The report collector as an actix-web handler.

use std::future::Future;
use std::pin::Pin;

use actix_web_4::http::StatusCode;
use actix_web_4::http::header::{self, HeaderName, HeaderValue};
use actix_web_4::{HttpRequest, HttpResponse};

use super::sink::value;

/// The report collector as an actix-web handler: mount it as a resource
/// (`web::resource("/csp-reports").to(collector)`, or `App::route` with `web::to`).
///
/// It decides from the request line and headers first ([`ReportCollector::admit`]), so a
/// `Content-Length` over the limit is refused before any byte of the body is read; a body
/// without a length is read only up to the limit. It answers `204` for accepted reports and
/// CORS preflights, `413` for a body over the limit (the rest is not read), `415` for
/// another content type, `400` for malformed JSON and `405` for another method; see
/// [`crate::report`].
///
/// [`ReportCollector::admit`]: crate::report::ReportCollector::admit
///
/// ```
/// # extern crate actix_web_4 as actix_web;
/// use actix_web::test::{TestRequest, call_service, init_service};
/// use actix_web::{App, web};
/// use secure_headers::Secure;
/// use secure_headers::report::{Report, ReportCollector};
///
/// let (collector, reports) = ReportCollector::channel(1024);
/// let app = App::new()
///     .service(web::resource("/csp-reports").to(collector))
///     .wrap(Secure::with_default_headers());
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = init_service(app).await;
/// let report = TestRequest::post()
///     .uri("/csp-reports")
///     .insert_header(("content-type", "application/csp-report"))
///     .set_payload(r#"{"csp-report": {"document-uri": "https://example.com/", "blocked-uri": "inline", "effective-directive": "script-src-elem"}}"#);
/// let response = call_service(&app, report.to_request()).await;
/// assert_eq!(response.status(), 204);
/// assert_eq!(response.headers().get("access-control-allow-origin").unwrap(), "*");
/// let Report::CspViolation(v) = reports.try_recv().unwrap() else { panic!() };
/// assert_eq!(v.blocked_url, "inline");
/// # });
/// ```
#[cfg(feature = "reporting")]
#[cfg_attr(docsrs, doc(cfg(feature = "reporting")))]
impl actix_web_4::Handler<(HttpRequest, actix_web_4::web::Payload)>
    for crate::report::ReportCollector
{
    type Output = HttpResponse;
    type Future = Pin<Box<dyn Future<Output = HttpResponse>>>;

    fn call(&self, (req, payload): (HttpRequest, actix_web_4::web::Payload)) -> Self::Future {
        let collector = self.clone();
        Box::pin(async move { collect(&collector, &req, payload).await })
    }
}

/// The collector's answer to one request.
#[cfg(feature = "reporting")]
async fn collect(
    collector: &crate::report::ReportCollector,
    req: &HttpRequest,
    payload: actix_web_4::web::Payload,
) -> HttpResponse {
    use crate::report::Admission;

    let get = |name| req.headers().get(name).map(HeaderValue::as_bytes);
    let (content_type, length) =
        crate::report::report_head(get(header::CONTENT_TYPE), get(header::CONTENT_LENGTH));
    let status = match http::Method::from_bytes(req.method().as_str().as_bytes()) {
        Err(_) => http::StatusCode::METHOD_NOT_ALLOWED,
        Ok(method) => match collector.admit(&method, content_type, length) {
            Admission::Respond(status) => status,
            Admission::ReadBody => match payload.to_bytes_limited(collector.body_limit()).await {
                Ok(Ok(body)) => collector.receive(content_type, &body),
                Ok(Err(_)) => collector.unreadable(),
                Err(_) => collector.too_large(),
            },
        },
    };
    let status = StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = HttpResponse::new(status);
    for (name, v) in collector.response_headers() {
        if let (Ok(name), Some(v)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            value(v.as_bytes()),
        ) {
            response.headers_mut().append(name, v);
        }
    }
    response
}
