//! The report collector as Rocket routes.

use ::rocket::http::{Header, Method, Status};
use ::rocket::route::{Handler, Outcome};
use ::rocket::{Data, Request, Response, Route};

use super::convert::{name, text};
use super::early::METHODS;

/// The report collector's route handler.
#[cfg(feature = "reporting")]
#[derive(Clone, Debug)]
struct ReportHandler(crate::report::ReportCollector);

#[cfg(feature = "reporting")]
#[::rocket::async_trait]
impl Handler for ReportHandler {
    async fn handle<'r>(&self, request: &'r Request<'_>, data: Data<'r>) -> Outcome<'r> {
        use crate::report::Admission;

        let collector = &self.0;
        let headers = request.headers();
        let content_type = headers.get_one("Content-Type");
        let length = headers
            .get_one("Content-Length")
            .and_then(|v| v.trim().parse::<u64>().ok());
        let status = match http::Method::from_bytes(request.method().as_str().as_bytes()) {
            Err(_) => http::StatusCode::METHOD_NOT_ALLOWED,
            Ok(method) => match collector.admit(&method, content_type, length) {
                Admission::Respond(status) => status,
                Admission::ReadBody => {
                    let limit = ::rocket::data::ByteUnit::from(collector.body_limit());
                    match data.open(limit).into_bytes().await {
                        Ok(body) if body.is_complete() => collector.receive(content_type, &body),
                        Ok(_) => collector.too_large(),
                        Err(_) => collector.unreadable(),
                    }
                }
            },
        };
        let mut response = Response::new();
        response.set_status(Status::new(status.as_u16()));
        for (n, v) in collector.response_headers() {
            response.adjoin_header(Header::new(name(n.as_str()), text(v.as_bytes())));
        }
        Outcome::Success(response)
    }
}

/// The report collector as Rocket routes: mount it where the policies' `report-uri` and
/// `Reporting-Endpoints` point (`.mount("/csp-reports", collector)`).
///
/// The routes answer every method at the mount point. The collector decides from the
/// request line and headers first ([`ReportCollector::admit`]), so a `Content-Length` over
/// the limit is refused before any byte of the body is read; a body without a length is
/// read only up to the collector's limit (Rocket's own data limits do not apply). It
/// answers `204` for accepted reports and CORS preflights, `413` for a body over the limit
/// (the rest is not read), `415` for another content type, `400` for malformed JSON and
/// `405` for another method; see [`crate::report`].
///
/// [`ReportCollector::admit`]: crate::report::ReportCollector::admit
///
/// ```
/// use rocket::http::ContentType;
/// use rocket::local::blocking::Client;
/// use secure_headers::Secure;
/// use secure_headers::report::{Report, ReportCollector};
///
/// let (collector, reports) = ReportCollector::channel(1024);
/// let rocket = rocket::build()
///     .mount("/csp-reports", collector)
///     .attach(Secure::with_default_headers());
/// let client = Client::tracked(rocket)?;
/// let response = client
///     .post("/csp-reports")
///     .header(ContentType::new("application", "csp-report"))
///     .body(r#"{"csp-report": {"document-uri": "https://example.com/", "blocked-uri": "inline", "effective-directive": "script-src-elem"}}"#)
///     .dispatch();
/// assert_eq!(response.status().code, 204);
/// assert_eq!(response.headers().get_one("Access-Control-Allow-Origin"), Some("*"));
/// let Report::CspViolation(v) = reports.try_recv().unwrap() else { panic!() };
/// assert_eq!(v.blocked_url, "inline");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "reporting")]
#[cfg_attr(docsrs, doc(cfg(feature = "reporting")))]
impl From<crate::report::ReportCollector> for Vec<Route> {
    fn from(collector: crate::report::ReportCollector) -> Self {
        // Not HEAD (Rocket answers it from the GET route), TRACE nor CONNECT (no route:
        // `404`).
        METHODS
            .into_iter()
            .filter(|m| !matches!(m, Method::Head | Method::Trace | Method::Connect))
            .map(|method| Route::new(method, "/", ReportHandler(collector.clone())))
            .collect()
    }
}
