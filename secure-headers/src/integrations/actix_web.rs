//! [actix-web](https://docs.rs/actix-web/4) 4 middleware: `Secure` is a [`Transform`], so
//! `App::new().wrap(secure)` puts the headers on every response of the application.
//!
//! # Example
//!
//! ```
//! # extern crate actix_web_4 as actix_web;
//! use actix_web::test::{TestRequest, call_service, init_service};
//! use actix_web::{App, HttpResponse, web};
//! use secure_headers::Secure;
//!
//! let app = App::new()
//!     .route("/", web::get().to(|| async { HttpResponse::Ok().body("hello") }))
//!     .wrap(Secure::with_default_headers());
//!
//! # actix_web::rt::System::new().block_on(async {
//! let app = init_service(app).await;
//! let response = call_service(&app, TestRequest::get().uri("/").to_request()).await;
//! assert_eq!(response.headers().get("x-frame-options").unwrap(), "SAMEORIGIN");
//! assert_eq!(response.headers().get("server").unwrap(), "");
//! # });
//! ```
//!
//! Every response that comes out of the wrapped service gets the headers: handler responses,
//! the default service's 404, extractor rejections, handler errors, errors returned by inner
//! middleware (through actix-web's error response mappers, so the error itself is not
//! wrapped and `Error::as_error` still finds it), `HEAD` and `304`. Bodies are not touched,
//! so streams stream through. `101 Switching Protocols` responses (WebSocket upgrades) are
//! left alone, as the seed's ASGI middleware leaves WebSocket connections alone.
//!
//! actix-web 4 speaks `http` 0.2 types. The headers are converted to actix-web's
//! `HeaderName` and `HeaderValue` once per worker, when the middleware is built (in
//! [`Transform::new_transform`]); each response then costs one reference-count increment
//! plus the header-map inserts, made by [`InsertMode::apply`] through this module's
//! [`HeaderSink`] implementation for actix-web's `HeaderMap`, so the insertion rules are the
//! same as everywhere else.
//!
//! # Per-route and per-response overrides
//!
//! A scope or a resource can use a different header set: wrap it in a [`SecureOverride`]
//! (`web::scope("/embed").wrap(SecureOverride::new(embeddable))`). A handler can attach one
//! to its own response, either by returning [`WithSecureOverride`] or with
//! `response.extensions_mut().insert(secure_override)` on an `HttpResponse`. An override
//! attached by the handler wins over one set for the scope, which wins over the application's
//! `Secure`. Overrides take effect inside a `Secure` middleware: wrap the application (or an
//! outer scope) in a `Secure`, and the scopes or handlers below it in overrides.
//!
//! ```
//! # extern crate actix_web_4 as actix_web;
//! use actix_web::test::{TestRequest, call_service, init_service};
//! use actix_web::{App, web};
//! use secure_headers::{Secure, SecureOverride};
//! use secure_headers::actix_web::WithSecureOverride;
//!
//! let base = Secure::with_default_headers();
//! // Derived once, at start-up.
//! let embeddable = base.derive(|b| b.without("X-Frame-Options"))?;
//! let report = SecureOverride::new(base.derive(|b| b.map_xfo(|x| x.deny()))?);
//!
//! let app = App::new()
//!     .service(
//!         web::scope("/embed")
//!             .wrap(SecureOverride::new(embeddable))
//!             .route("/widget", web::get().to(|| async { "framable" })),
//!     )
//!     .app_data(web::Data::new(report))
//!     .route(
//!         "/report",
//!         web::get().to(|report: web::Data<SecureOverride>| async move {
//!             WithSecureOverride(report.get_ref().clone(), "one response")
//!         }),
//!     )
//!     .wrap(base);
//!
//! # actix_web::rt::System::new().block_on(async {
//! let app = init_service(app).await;
//! let widget = call_service(&app, TestRequest::get().uri("/embed/widget").to_request()).await;
//! assert!(widget.headers().get("x-frame-options").is_none());
//! let report = call_service(&app, TestRequest::get().uri("/report").to_request()).await;
//! assert_eq!(report.headers().get("x-frame-options").unwrap(), "DENY");
//! # });
//! # Ok::<(), secure_headers::Error>(())
//! ```

use std::cell::RefCell;
use std::fmt;
use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use actix_web_4::body::MessageBody;
use actix_web_4::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web_4::http::StatusCode;
use actix_web_4::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web_4::{Error, HttpRequest, HttpResponse, Responder};
use pin_project_lite::pin_project;

use crate::{HeaderSink, InsertMode, Secure, SecureOverride};

/// Header sink for actix-web's own header map, whose names and values are `http` 0.2 types.
///
/// ```
/// # extern crate actix_web_4 as actix_web;
/// use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
/// use secure_headers::InsertMode;
///
/// let mut map = HeaderMap::new();
/// let name = HeaderName::from_static("x-frame-options");
/// map.insert(name.clone(), HeaderValue::from_static("ALLOWALL"));
/// InsertMode::Overwrite.apply(&mut map, &name, HeaderValue::from_static("DENY"));
/// assert_eq!(map.get(&name).unwrap(), "DENY");
/// ```
impl HeaderSink for HeaderMap {
    type Name = HeaderName;
    type Value = HeaderValue;

    #[inline]
    fn insert(&mut self, name: &HeaderName, value: HeaderValue) {
        HeaderMap::insert(self, name.clone(), value);
    }

    #[inline]
    fn append(&mut self, name: &HeaderName, value: HeaderValue) {
        HeaderMap::append(self, name.clone(), value);
    }

    #[inline]
    fn contains(&self, name: &HeaderName) -> bool {
        self.contains_key(name)
    }

    #[inline]
    fn remove(&mut self, name: &HeaderName) {
        HeaderMap::remove(self, name);
    }

    #[inline]
    fn reserve(&mut self, additional: usize) {
        HeaderMap::reserve(self, additional);
    }
}

/// One header of a `Secure`, in actix-web's types.
#[derive(Clone, Debug)]
struct Converted {
    name: HeaderName,
    value: HeaderValue,
    mode: InsertMode,
}

/// A `Secure`'s headers in actix-web's types, shared by every response of one worker.
type Headers = Rc<[Converted]>;

/// Converts a `Secure`'s entries to actix-web's header types. `http` 0.2 and 1.x accept
/// exactly the same header-name and header-value bytes, so no entry is ever lost here.
fn convert(secure: &Secure) -> Headers {
    secure
        .entries()
        .iter()
        .filter_map(|e| {
            Some(Converted {
                name: HeaderName::from_bytes(e.header_name().as_str().as_bytes()).ok()?,
                value: HeaderValue::from_bytes(e.value().as_bytes()).ok()?,
                mode: e.mode(),
            })
        })
        .collect()
}

/// Writes `headers` into `map`, each according to its [`InsertMode`].
#[inline]
fn write(map: &mut HeaderMap, headers: &[Converted]) {
    HeaderSink::reserve(map, headers.len());
    for h in headers {
        h.mode.apply(map, &h.name, h.value.clone());
    }
}

/// The mark a scope-level [`SecureOverride`] leaves on a response for the enclosing
/// `Secure` middleware: the override's headers, already converted.
#[derive(Clone)]
struct RouteOverride(Headers);

/// How many distinct handler-attached overrides a worker keeps converted.
const OVERRIDE_CACHE: usize = 8;

/// What a worker's `Secure` middleware shares with its response futures.
struct Shared {
    headers: Headers,
    /// Handler-attached overrides seen recently, with their converted headers.
    recent: RefCell<Vec<(Secure, Headers)>>,
}

impl Shared {
    fn new(secure: &Secure) -> Self {
        Self {
            headers: convert(secure),
            recent: RefCell::new(Vec::new()),
        }
    }

    /// The converted headers of a handler-attached override: cached, since handlers attach
    /// overrides derived once at start-up.
    fn converted(&self, secure: &Secure) -> Headers {
        let mut recent = self.recent.borrow_mut();
        if let Some((_, headers)) = recent.iter().find(|(s, _)| s == secure) {
            return headers.clone();
        }
        let headers = convert(secure);
        if recent.len() == OVERRIDE_CACHE {
            recent.remove(0);
        }
        recent.push((secure.clone(), headers.clone()));
        headers
    }

    /// The response path: the handler's override, else the scope's, else our own headers;
    /// `101 Switching Protocols` responses are left alone.
    fn apply<B>(&self, response: &mut HttpResponse<B>) {
        if response.status() == StatusCode::SWITCHING_PROTOCOLS {
            return;
        }
        let (handler, route) = {
            let mut ext = response.extensions_mut();
            (
                ext.remove::<SecureOverride>(),
                ext.remove::<RouteOverride>(),
            )
        };
        match (handler, route) {
            (Some(o), _) => write(response.headers_mut(), &self.converted(o.secure())),
            (None, Some(RouteOverride(headers))) => write(response.headers_mut(), &headers),
            (None, None) => write(response.headers_mut(), &self.headers),
        }
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shared")
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

/// Marks `response` with a scope's override, unless the handler or an inner scope already
/// chose one.
fn mark<B>(response: &mut HttpResponse<B>, headers: &Headers) {
    if response.status() == StatusCode::SWITCHING_PROTOCOLS {
        return;
    }
    let mut ext = response.extensions_mut();
    if !ext.contains::<SecureOverride>() && !ext.contains::<RouteOverride>() {
        ext.insert(RouteOverride(headers.clone()));
    }
}

impl<S, B> Transform<S, ServiceRequest> for Secure
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Transform = SecureMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    /// Converts the headers to actix-web's types, once for this worker.
    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(SecureMiddleware {
            service,
            shared: Rc::new(Shared::new(self)),
        }))
    }
}

/// The service made by [`Secure`]'s [`Transform`] implementation (one per worker): applies
/// the headers to every response of `S`, and to the response an error of `S` turns into.
///
/// ```
/// # extern crate actix_web_4 as actix_web;
/// use actix_web::error::ErrorForbidden;
/// use actix_web::test::{TestRequest, init_service};
/// use actix_web::{App, HttpResponse, web};
/// use secure_headers::Secure;
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = App::new()
///     .route("/", web::get().to(|| async { HttpResponse::Ok().finish() }))
///     .wrap(Secure::with_default_headers());
/// let app = init_service(app).await;
///
/// // A 404 from the default service.
/// let response = app.call(TestRequest::get().uri("/missing").to_request()).await.unwrap();
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers().get("x-content-type-options").unwrap(), "nosniff");
/// # });
/// # use actix_web::dev::Service as _;
/// ```
pub struct SecureMiddleware<S> {
    service: S,
    shared: Rc<Shared>,
}

impl<S> fmt::Debug for SecureMiddleware<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecureMiddleware")
            .field("service", &std::any::type_name::<S>())
            .field("headers", &self.shared.headers)
            .finish()
    }
}

impl<S, B> Service<ServiceRequest> for SecureMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Future = ResponseFuture<S::Future>;

    actix_web_4::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        ResponseFuture {
            future: self.service.call(req),
            shared: Some(Rc::clone(&self.shared)),
        }
    }
}

pin_project! {
    /// The response future of [`SecureMiddleware`] (see its example).
    pub struct ResponseFuture<F> {
        #[pin]
        future: F,
        shared: Option<Rc<Shared>>,
    }
}

impl<F> fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("future", &std::any::type_name::<F>())
            .finish()
    }
}

impl<F, B> Future for ResponseFuture<F>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = std::task::ready!(this.future.poll(cx));
        let Some(shared) = this.shared.take() else {
            return Poll::Ready(result);
        };
        Poll::Ready(match result {
            Ok(mut response) => {
                shared.apply(response.response_mut());
                Ok(response)
            }
            Err(mut error) => {
                // The error becomes a response after every middleware has returned: apply
                // the headers then, to whatever response it makes.
                error.add_response_mapper(move |mut response| {
                    shared.apply(&mut response);
                    response
                });
                Err(error)
            }
        })
    }
}

impl<S, B> Transform<S, ServiceRequest> for SecureOverride
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Transform = OverrideMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    /// Converts the override's headers to actix-web's types, once for this worker.
    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(OverrideMiddleware {
            service,
            headers: convert(self.secure()),
        }))
    }
}

/// The service made by [`SecureOverride`]'s [`Transform`] implementation: marks every
/// response of `S` (that the handler did not mark itself) with the override, for the
/// enclosing [`SecureMiddleware`] to apply. Errors of `S` are marked too: the response they
/// turn into gets the override's headers.
///
/// ```
/// # extern crate actix_web_4 as actix_web;
/// use actix_web::test::{TestRequest, call_service, init_service};
/// use actix_web::{App, web};
/// use secure_headers::{Secure, SecureOverride};
///
/// let base = Secure::with_default_headers();
/// let embeddable = SecureOverride::new(base.derive(|b| b.without("X-Frame-Options"))?);
/// let app = App::new()
///     .service(
///         web::scope("/embed")
///             .wrap(embeddable)
///             .route("/widget", web::get().to(|| async { "framable" })),
///     )
///     .route("/", web::get().to(|| async { "home" }))
///     .wrap(base);
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = init_service(app).await;
/// let widget = call_service(&app, TestRequest::get().uri("/embed/widget").to_request()).await;
/// assert!(widget.headers().get("x-frame-options").is_none());
/// let home = call_service(&app, TestRequest::get().uri("/").to_request()).await;
/// assert_eq!(home.headers().get("x-frame-options").unwrap(), "SAMEORIGIN");
/// # });
/// # Ok::<(), secure_headers::Error>(())
/// ```
pub struct OverrideMiddleware<S> {
    service: S,
    headers: Headers,
}

impl<S> fmt::Debug for OverrideMiddleware<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OverrideMiddleware")
            .field("service", &std::any::type_name::<S>())
            .field("headers", &self.headers)
            .finish()
    }
}

impl<S, B> Service<ServiceRequest> for OverrideMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Future = OverrideFuture<S::Future>;

    actix_web_4::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        OverrideFuture {
            future: self.service.call(req),
            headers: Some(Rc::clone(&self.headers)),
        }
    }
}

pin_project! {
    /// The response future of [`OverrideMiddleware`] (see its example).
    pub struct OverrideFuture<F> {
        #[pin]
        future: F,
        headers: Option<Headers>,
    }
}

impl<F> fmt::Debug for OverrideFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OverrideFuture")
            .field("future", &std::any::type_name::<F>())
            .finish()
    }
}

impl<F, B> Future for OverrideFuture<F>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = std::task::ready!(this.future.poll(cx));
        let Some(headers) = this.headers.take() else {
            return Poll::Ready(result);
        };
        Poll::Ready(match result {
            Ok(mut response) => {
                mark(response.response_mut(), &headers);
                Ok(response)
            }
            Err(mut error) => {
                // Mappers run innermost first: the mark is in place when the enclosing
                // `Secure`'s mapper looks for it.
                error.add_response_mapper(move |mut response| {
                    mark(&mut response, &headers);
                    response
                });
                Err(error)
            }
        })
    }
}

/// A responder with a [`SecureOverride`] for its own response: the handler-level override.
///
/// The enclosing [`Secure`] middleware applies the override's headers instead of its own.
/// This is the same as inserting the override into the response's extensions
/// (`response.extensions_mut().insert(secure_override)` on an `HttpResponse`).
///
/// ```
/// # extern crate actix_web_4 as actix_web;
/// use actix_web::test::{TestRequest, call_service, init_service};
/// use actix_web::{App, HttpResponse, web};
/// use secure_headers::{Secure, SecureOverride};
/// use secure_headers::actix_web::WithSecureOverride;
///
/// let base = Secure::with_default_headers();
/// // One page loads scripts from a CDN: derive its policy once, at start-up.
/// let cdn = SecureOverride::new(base.derive(|b| {
///     b.map_csp(|csp| csp.script_src(["https://cdn.example"]))
/// })?);
///
/// let app = App::new()
///     .app_data(web::Data::new(cdn))
///     .route(
///         "/chart",
///         web::get().to(|cdn: web::Data<SecureOverride>| async move {
///             WithSecureOverride(cdn.get_ref().clone(), HttpResponse::Ok().body("<script src=..>"))
///         }),
///     )
///     .wrap(base);
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = init_service(app).await;
/// let response = call_service(&app, TestRequest::get().uri("/chart").to_request()).await;
/// let csp = response.headers().get("content-security-policy").unwrap().to_str().unwrap();
/// assert!(csp.contains("script-src 'self' https://cdn.example;"));
/// # });
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct WithSecureOverride<R>(pub SecureOverride, pub R);

impl<R: Responder> Responder for WithSecureOverride<R> {
    type Body = R::Body;

    fn respond_to(self, req: &HttpRequest) -> HttpResponse<Self::Body> {
        let mut response = self.1.respond_to(req);
        response.extensions_mut().insert(self.0);
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CustomHeader, Preset};

    /// Every entry survives the conversion to `http` 0.2 types, unchanged and in order.
    #[test]
    fn conversion_keeps_every_entry() {
        for preset in Preset::ALL {
            let secure = preset
                .builder()
                .custom(CustomHeader::new("X-Custom-Thing", "a=1; b"))
                .build()
                .unwrap();
            let converted = convert(&secure);
            assert_eq!(converted.len(), secure.entries().len());
            for (c, e) in converted.iter().zip(secure.entries()) {
                assert_eq!(c.name.as_str(), e.header_name().as_str());
                assert_eq!(c.value.as_bytes(), e.value().as_bytes());
                assert_eq!(c.mode, e.mode());
            }
        }
    }

    #[test]
    fn override_cache_is_bounded_and_reused() {
        let base = Secure::with_default_headers();
        let shared = Shared::new(&base);
        let first = shared.converted(&base);
        assert!(Rc::ptr_eq(&first, &shared.converted(&base)));
        for i in 0..OVERRIDE_CACHE * 2 {
            let variant = base
                .derive(|b| b.custom(CustomHeader::new("X-Variant", &i.to_string())))
                .unwrap();
            let _ = shared.converted(&variant);
        }
        assert_eq!(shared.recent.borrow().len(), OVERRIDE_CACHE);
    }
}
