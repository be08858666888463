//! actix-web's request as a [`RequestView`], and the request's nonce as an extractor.

use std::future::{Ready, ready};
use std::net::IpAddr;

use actix_web_4::dev::{Payload, ServiceRequest};
use actix_web_4::{Error, FromRequest, HttpMessage, HttpRequest};

use crate::CspNonce;
#[cfg(doc)]
use crate::Secure;
use crate::request::RequestView;

/// The request as the shared request-side code sees it.
///
/// The peer is the connection's ([`ServiceRequest::peer_addr`]), and the connection is TLS
/// when the listener it arrived on serves TLS (`req.app_config().secure()`, set by
/// `bind_rustls*` and `bind_openssl`). Forwarded headers are read by
/// [`Secure::inspect`], which believes them only from trusted proxies;
/// `connection_info().scheme()` is never used, since it believes them from anyone.
impl RequestView for ServiceRequest {
    // Inline: asked on every request (does it open a tunnel?).
    #[inline]
    fn method(&self) -> &str {
        self.method().as_str()
    }

    fn uri_scheme(&self) -> Option<&str> {
        self.uri().scheme_str()
    }

    fn uri_authority(&self) -> Option<&str> {
        self.uri().authority().map(|a| a.as_str())
    }

    fn path_and_query(&self) -> &str {
        self.uri().path_and_query().map_or("/", |p| p.as_str())
    }

    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        for value in self.headers().get_all(name) {
            f(value.as_bytes());
        }
    }

    fn peer_addr(&self) -> Option<IpAddr> {
        ServiceRequest::peer_addr(self).map(|a| a.ip())
    }

    fn is_tls(&self) -> bool {
        self.app_config().secure()
    }
}

/// The request's CSP nonce, as an extractor (the same value as `web::ReqData<CspNonce>`).
///
/// The [`Secure`] middleware generates one for every request when its policy uses
/// [`Source::nonce`](crate::csp::Source::nonce). Without one (no such policy, or no
/// middleware around the route), extraction fails with `500 Internal Server Error`: take an
/// `Option<CspNonce>` to handle that case yourself.
///
/// ```
/// # extern crate actix_web_4 as actix_web;
/// # #[cfg(feature = "nonce")] {
/// use actix_web::test::{TestRequest, call_service, init_service, read_body};
/// use actix_web::{App, HttpResponse, web};
/// use secure_headers::csp::Source;
/// use secure_headers::{ContentSecurityPolicy, CspNonce, Secure};
///
/// async fn page(nonce: CspNonce) -> HttpResponse {
///     HttpResponse::Ok()
///         .content_type("text/html")
///         .body(format!("<script {}>boot()</script>", nonce.attribute()))
/// }
///
/// let secure = Secure::builder()
///     .csp(ContentSecurityPolicy::new().script_src([Source::nonce()]))
///     .build()?;
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = init_service(App::new().route("/", web::get().to(page)).wrap(secure)).await;
/// let response = call_service(&app, TestRequest::get().uri("/").to_request()).await;
/// let csp = response.headers().get("content-security-policy").unwrap().to_str().unwrap();
/// let nonce = csp.strip_prefix("script-src 'nonce-").unwrap().strip_suffix('\'').unwrap().to_owned();
/// let body = read_body(response).await;
/// assert_eq!(body, format!(r#"<script nonce="{nonce}">boot()</script>"#));
/// # });
/// # }
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromRequest for CspNonce {
    type Error = Error;
    type Future = Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(req.extensions().get::<CspNonce>().copied().ok_or_else(|| {
            actix_web_4::error::ErrorInternalServerError(crate::integrations::no_nonce(
                "the Secure middleware does not wrap this route",
            ))
        }))
    }
}
