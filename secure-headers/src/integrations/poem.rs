//! [poem](https://docs.rs/poem) middleware: `Secure` is a poem [`Middleware`].
//!
//! # Example
//!
//! ```no_run
//! use poem::{EndpointExt, Route, Server, get, handler, listener::TcpListener};
//! use secure_headers::Secure;
//!
//! #[handler]
//! fn index() -> &'static str {
//!     "hello"
//! }
//!
//! # async fn run() -> std::io::Result<()> {
//! let app = Route::new()
//!     .at("/", get(index))
//!     .with(Secure::with_default_headers());
//! Server::new(TcpListener::bind("127.0.0.1:3000")).run(app).await
//! # }
//! ```
//!
//! Every response that comes out of the wrapped endpoint gets the headers: handler
//! responses, the router's 404 and 405, extractor rejections, `HEAD` and `304`, and errors:
//! an endpoint's `Err(poem::Error)` is turned into its response inside the middleware (as
//! [`Endpoint::get_response`] does), so it carries the headers too, and the middleware
//! returns `Ok`. Put error handlers that replace error responses (`catch_error`,
//! `catch_all_error`) inside `.with(secure)` so that their responses get the headers as
//! well. Bodies are not touched, so streams stream through; WebSocket upgrades
//! (`101 Switching Protocols`) are left alone.
//!
//! # What is looked at in the request
//!
//! Before calling the wrapped endpoint, the middleware calls [`Secure::inspect`] once,
//! with the peer address poem knows ([`Request::remote_addr`]) and whether the connection
//! is TLS ([`Request::scheme`] is `https` behind poem's TLS listeners): whether the request
//! is secure (for [`HstsMode::SecureOnly`]; `Forwarded` / `X-Forwarded-*` count only from a
//! [trusted proxy](crate::SecureBuilder::trusted_proxies)), the HTTPS redirect, the allowed
//! hosts, and a fresh [`CspNonce`] when the policy uses one. A redirect or a refusal
//! is answered at once, with the security headers, and the endpoint is not called: a
//! redirect has no body, a refusal its reason on one line of plain text
//! ([`Refusal::body`](crate::request::Refusal::body)), and is logged once with the
//! request's method and path (`log`, or `tracing` with that feature).
//!
//! # Per-request CSP nonces
//!
//! When the policy uses [`Source::nonce`](crate::csp::Source::nonce), every request gets a
//! fresh [`CspNonce`]: it fills every `'nonce-…'` slot of the enforced and the report-only
//! policy, and it is in the request's extensions, where the handler takes it with
//! `Data<&CspNonce>` and puts it on its inline elements with [`CspNonce::attribute`]:
//!
//! ```
//! # #[cfg(feature = "nonce")] {
//! use poem::web::{Data, Html};
//! use poem::{EndpointExt, Route, get, handler};
//! use secure_headers::csp::Source;
//! use secure_headers::{ContentSecurityPolicy, CspNonce, Secure};
//!
//! #[handler]
//! fn page(Data(nonce): Data<&CspNonce>) -> Html<String> {
//!     Html(format!("<script {}>start()</script>", nonce.attribute()))
//! }
//!
//! let secure = Secure::builder()
//!     .csp(ContentSecurityPolicy::new().script_src([Source::SELF, Source::nonce()]))
//!     .build()
//!     .unwrap();
//! let app = Route::new().at("/", get(page)).with(secure);
//! # }
//! ```
//!
//! # Report collector
//!
//! With the `reporting` feature, a [`ReportCollector`] is a
//! poem [`Endpoint`]: mount it with `Route::at` (see its implementation of [`Endpoint`]
//! below).
//!
//! # Per-route and per-response overrides
//!
//! Give a route or a nested [`Route`](poem::Route) a different header set with
//! [`SecureOverride`] as a middleware on it, or attach one to a single response from the
//! handler by putting it in the response's extensions
//! (`response.extensions_mut().insert(..)`, or `Response::builder().extension(..)`). An
//! override set by the handler wins over the route's. See [`SecureOverride`]. A route's
//! override with cross-origin protection, allowed hosts or an HTTPS redirect runs those
//! checks for the route's requests, after the application's, and answers a refusal
//! exactly as the application's middleware does.
//!
//! ```no_run
//! use poem::{EndpointExt, Response, Route, get, handler};
//! use secure_headers::{Secure, SecureOverride};
//!
//! #[handler]
//! fn widget() -> &'static str {
//!     "framable"
//! }
//!
//! let base = Secure::with_default_headers();
//! let embeddable = base.derive(|b| b.without("X-Frame-Options")).unwrap();
//! let report = SecureOverride::new(base.derive(|b| b.map_xfo(|x| x.deny())).unwrap()).unwrap();
//!
//! let app = Route::new()
//!     .at("/widget", get(widget).with(SecureOverride::new(embeddable).unwrap()))
//!     .at("/report", get(poem::endpoint::make_sync(move |_| {
//!         Response::builder().extension(report.clone()).body("one response")
//!     })))
//!     .with(base);
//! ```
//!
//! [`HstsMode::SecureOnly`]: crate::transport::HstsMode::SecureOnly
//! [`CspNonce`]: crate::CspNonce
//! [`CspNonce::attribute`]: crate::CspNonce::attribute
//!
#![cfg_attr(
    feature = "reporting",
    doc = "[`ReportCollector`]: crate::report::ReportCollector"
)]
#![cfg_attr(
    not(feature = "reporting"),
    doc = "[`ReportCollector`]: crate#feature-flags"
)]

use std::net::IpAddr;

use poem::http::uri::Scheme;
use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result};

use super::parts::early_parts;
use crate::request::{RequestView, offer_route, route_answer};
use crate::{Secure, SecureOverride};

impl<E: Endpoint> Middleware<E> for Secure {
    type Output = SecureEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        SecureEndpoint {
            inner: ep,
            secure: self.clone(),
        }
    }
}

/// The endpoint made by [`Secure`]'s [`Middleware`] implementation: inspects each request
/// before `E` (see the [module](self) docs), then applies the headers to every response of
/// `E`, error responses included.
///
/// ```
/// use poem::{EndpointExt, endpoint::make_sync};
/// use secure_headers::Secure;
/// use secure_headers::poem::SecureEndpoint;
///
/// let ep: SecureEndpoint<_> = make_sync(|_| "hello").with(Secure::with_default_headers());
/// ```
pub struct SecureEndpoint<E> {
    inner: E,
    secure: Secure,
}

impl<E> SecureEndpoint<E> {
    /// The wrapped endpoint.
    ///
    /// ```
    /// use poem::{EndpointExt, endpoint::make_sync};
    /// use secure_headers::Secure;
    ///
    /// let ep = make_sync(|_| "hello").with(Secure::with_default_headers());
    /// let _inner = ep.get_ref();
    /// ```
    pub fn get_ref(&self) -> &E {
        &self.inner
    }

    /// Unwraps the inner endpoint.
    ///
    /// ```
    /// use poem::{EndpointExt, endpoint::make_sync};
    /// use secure_headers::Secure;
    ///
    /// let ep = make_sync(|_| "hello").with(Secure::with_default_headers());
    /// let _inner = ep.into_inner();
    /// ```
    pub fn into_inner(self) -> E {
        self.inner
    }
}

super::debug_by_type_name!(SecureEndpoint<E>, "inner", secure = secure);

impl<E: Endpoint> Endpoint for SecureEndpoint<E> {
    type Output = Response;

    // An `async` block rather than an `async fn`: the block reads and changes the request
    // where the future holds it (an `async fn` first moves its arguments into variables of
    // its own), so the request is moved once, into `E`'s future.
    #[allow(
        clippy::manual_async_fn,
        reason = "an `async fn` moves the request once more"
    )]
    #[inline]
    fn call(&self, mut req: Request) -> impl Future<Output = Result<Self::Output>> + Send {
        async move {
            // Kept as `inspect` wrote it (the context is read where it is, not copied).
            let inspected = self.secure.inspect(&view(&req));
            let context = match inspected {
                Ok(ref context) => context,
                Err(early) => {
                    let (status, headers, body) = early_parts(early, &self.secure);
                    let mut response = Response::builder().status(status).body(body);
                    *response.headers_mut() = headers;
                    return Ok(response);
                }
            };
            if let Some(nonce) = context.nonce() {
                req.extensions_mut().insert(*nonce);
            }
            // An `Err` becomes its response here (what `get_response` does, without its
            // extra future), so errors get the headers too; apart, so that the response of
            // the path most requests take is written to in place, not moved into a variable
            // both share.
            let mut response = match self.inner.call(req).await {
                Ok(response) => response.into_response(),
                Err(error) => return Ok(self.error_response(error, context)),
            };
            self.apply(&mut response, context);
            Ok(response)
        }
    }
}

impl<E> SecureEndpoint<E> {
    /// The headers for `response`, from the request `context` was made for.
    #[inline]
    fn apply(&self, response: &mut Response, context: &crate::RequestContext) {
        finish(
            &self.secure,
            response,
            Response::headers_mut,
            Response::extensions_mut,
            context,
        );
    }

    /// An endpoint's `Err` as its response, with the headers.
    #[cold]
    #[inline(never)]
    fn error_response(&self, error: poem::Error, context: &crate::RequestContext) -> Response {
        let mut response = error.into_response();
        self.apply(&mut response, context);
        response
    }
}

/// The headers for `response`, by [`Secure::apply_to_parts`].
///
/// Not inlined, and generic (over the accessors, the same for every `E`), so that one copy
/// is made in the application's crate, where [`SecureEndpoint::call`] is compiled, as a
/// function of its own: the compiler then inlines `http`'s insert (with its hash) into its
/// loop. Inlined into the endpoint's future, the loop shared `http`'s insert with the
/// application's own inserts, and both kept it out of line, a call per header.
#[inline(never)]
fn finish(
    secure: &Secure,
    response: &mut Response,
    headers: impl FnOnce(&mut Response) -> &mut poem::http::HeaderMap,
    extensions: impl FnOnce(&mut Response) -> &mut poem::http::Extensions,
    context: &crate::RequestContext,
) {
    let status = response.status();
    secure.apply_to_parts(status, response, headers, extensions, context);
}

/// The request as [`Secure::inspect`] sees it: the request itself, each part looked up
/// only if asked (a `Secure` that reads nothing of the request asks for its method alone).
fn view(req: &Request) -> View<'_> {
    View(req)
}

/// A poem request as a [`RequestView`]: one reference, the parts read from it on demand.
struct View<'a>(&'a Request);

impl RequestView for View<'_> {
    #[inline]
    fn method(&self) -> &str {
        self.0.method().as_str()
    }

    fn uri_scheme(&self) -> Option<&str> {
        self.0.uri().scheme_str()
    }

    fn uri_authority(&self) -> Option<&str> {
        self.0
            .uri()
            .authority()
            .map(poem::http::uri::Authority::as_str)
    }

    fn path_and_query(&self) -> &str {
        crate::request::path_and_query(self.0.uri())
    }

    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        crate::request::each_value(self.0.headers(), name, f);
    }

    fn peer_addr(&self) -> Option<IpAddr> {
        self.0.remote_addr().as_socket_addr().map(|a| a.ip())
    }

    fn is_tls(&self) -> bool {
        *self.0.scheme() == Scheme::HTTPS
    }
}

impl<E: Endpoint> Middleware<E> for SecureOverride {
    type Output = OverrideEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        OverrideEndpoint {
            inner: ep,
            secure: self.clone(),
        }
    }
}

/// The endpoint made by [`SecureOverride`]'s [`Middleware`] implementation: runs the
/// override's request-side checks ([`SecureOverride::inspect`]) before `E`, answering a
/// refusal (or a redirect) itself, as [`SecureEndpoint`] does, without calling `E`; marks
/// every response (that the handler did not mark itself) with the override, for the
/// enclosing [`SecureEndpoint`] to apply.
///
/// Errors are marked too: they are turned into their responses here, as
/// [`SecureEndpoint`] does.
///
/// ```
/// use poem::{EndpointExt, endpoint::make_sync};
/// use secure_headers::{Secure, SecureOverride};
/// use secure_headers::poem::OverrideEndpoint;
///
/// let ep: OverrideEndpoint<_> = make_sync(|_| "hello").with(SecureOverride::none());
/// ```
pub struct OverrideEndpoint<E> {
    inner: E,
    secure: SecureOverride,
}

super::debug_by_type_name!(OverrideEndpoint<E>, "inner", secure = secure);

impl<E: Endpoint> Endpoint for OverrideEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let inspected = self.secure.inspect(&view(&req));
        let mut response = match inspected {
            Ok(()) => self.inner.get_response(req).await,
            Err(early) => {
                let body = early.body();
                let (parts, body) = route_answer(early, &self.secure, body).into_parts();
                let mut response = Response::builder().status(parts.status).body(body);
                *response.headers_mut() = parts.headers;
                *response.extensions_mut() = parts.extensions;
                response
            }
        };
        offer_route(response.extensions_mut(), &self.secure);
        Ok(response)
    }
}

/// The report collector as a poem endpoint: mount it at a path, for every method (it
/// answers CORS preflights itself).
///
/// ```
/// use poem::{EndpointExt, Route};
/// use secure_headers::Secure;
/// use secure_headers::report::ReportCollector;
///
/// let (collector, reports) = ReportCollector::channel(1024);
/// let app = Route::new()
///     .at("/csp-reports", collector)
///     .with(Secure::with_default_headers());
/// # drop(reports);
/// ```
///
/// It decides from the request head first ([`ReportCollector::admit`]), then reads at most
/// [`ReportCollector::body_limit`] bytes: `204` for accepted reports and preflights, `413`
/// for a body over the limit (without reading the rest), `415` for another content type,
/// `400` for malformed JSON, `405` for another method. See [`crate::report`].
///
/// [`ReportCollector::admit`]: crate::report::ReportCollector::admit
/// [`ReportCollector::body_limit`]: crate::report::ReportCollector::body_limit
#[cfg(feature = "reporting")]
#[cfg_attr(docsrs, doc(cfg(feature = "reporting")))]
impl Endpoint for crate::report::ReportCollector {
    type Output = Response;

    async fn call(&self, mut req: Request) -> Result<Self::Output> {
        type Body = http_body_util::combinators::BoxBody<bytes::Bytes, std::io::Error>;

        let body = Body::from(req.take_body());
        let status = crate::report::collect_report(self, req.method(), req.headers(), body).await;
        let mut response = Response::builder().status(status).finish();
        response.headers_mut().extend(self.response_headers());
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use poem::http::StatusCode;
    use poem::{EndpointExt, Route, endpoint::make_sync, get};

    use super::*;
    use crate::integrations::block_on;

    #[test]
    fn errors_become_responses_with_headers() {
        let app = Route::new()
            .at("/", get(make_sync(|_| "ok")))
            .with(Secure::with_default_headers());
        let resp = block_on(app.call(Request::builder().uri_str("/nope").finish())).unwrap();
        assert_eq!(resp.status(), StatusCode::NOT_FOUND);
        assert_eq!(resp.headers()["x-frame-options"], "SAMEORIGIN");
    }

    #[test]
    fn handler_override_wins_over_route_override() {
        let route = SecureOverride::new(
            Secure::with_default_headers()
                .derive(|b| b.without("X-Frame-Options"))
                .unwrap(),
        )
        .unwrap();
        let app = Route::new()
            .at(
                "/",
                get(make_sync(|_| {
                    Response::builder()
                        .extension(SecureOverride::none())
                        .body("x")
                }))
                .with(route),
            )
            .with(Secure::with_default_headers());
        let resp = block_on(app.call(Request::builder().uri_str("/").finish())).unwrap();
        assert_eq!(resp.headers().get("x-content-type-options"), None);
        assert_eq!(resp.headers().get("x-frame-options"), None);
    }
}
