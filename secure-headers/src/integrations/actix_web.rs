#![doc = include_str!("../docs/actix_web.md")]

use std::cell::RefCell;
use std::fmt;
use std::future::{Future, Ready, ready};
use std::net::IpAddr;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use actix_web_4::body::{EitherBody, MessageBody};
use actix_web_4::dev::{Payload, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web_4::http::StatusCode;
use actix_web_4::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web_4::{Error, FromRequest, HttpMessage, HttpRequest, HttpResponse, Responder};
use pin_project_lite::pin_project;

use super::Recent;
use crate::request::{Level, Marks, RequestView, attached_by_handler};
use crate::{Converted, CspNonce, HeaderSink, RequestContext, Secure, SecureOverride};

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
    crate::sink::header_map_sink!(HeaderMap, HeaderName, HeaderValue);

    /// Rewrites every value of `name` in place of the old one, keeping their order (actix-web's
    /// map has no mutable iteration: the values are taken out and put back).
    fn rewrite(&mut self, name: &HeaderName, f: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>) {
        if !self.contains_key(name) {
            return;
        }
        let values: Vec<HeaderValue> = HeaderMap::remove(self, name).collect();
        for value in values {
            let new = f(value.as_bytes()).and_then(|v| HeaderValue::from_bytes(&v).ok());
            HeaderMap::append(self, name.clone(), new.unwrap_or(value));
        }
    }
}

/// The request as the shared request-side code sees it.
///
/// The peer is the connection's ([`ServiceRequest::peer_addr`]), and the connection is TLS
/// when the listener it arrived on serves TLS (`req.app_config().secure()`, set by
/// `bind_rustls*` and `bind_openssl`). Forwarded headers are read by
/// [`Secure::inspect`], which believes them only from trusted proxies;
/// `connection_info().scheme()` is never used, since it believes them from anyone.
impl RequestView for ServiceRequest {
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

/// A `Secure` with its names and values in actix-web's types.
struct Prepared {
    secure: Secure,
    converted: Converted<HeaderName, HeaderValue>,
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.secure.fmt(f)
    }
}

/// An `http` 1.x value as an actix-web value (`http` 0.2 accepts exactly the same bytes).
fn value(bytes: &[u8]) -> Option<HeaderValue> {
    HeaderValue::from_bytes(bytes).ok()
}

/// A value that does not change from response to response, as actix-web's: static (its
/// clones are free) when it is a well-known value, else bytes owned by the converted set
/// and shared by their clones.
fn fixed_value(bytes: &[u8]) -> Option<HeaderValue> {
    if let Some(s) = crate::header::static_value(bytes) {
        return Some(HeaderValue::from_static(s));
    }
    let value = value(bytes)?;
    // Switch the bytes to their shared form now (the first clone allocates), not on the
    // first response.
    drop(value.clone());
    Some(value)
}

/// A name as actix-web's: static when it is a registered header's (a name outside the
/// `http` crate's standard set is otherwise shared bytes, whose clones bump a reference
/// count).
fn fixed_name(name: &str) -> Option<HeaderName> {
    if let Some(lower) = crate::registry::lowercase(name) {
        return Some(HeaderName::from_static(lower));
    }
    let checked = HeaderName::from_bytes(name.as_bytes()).ok()?;
    drop(checked.clone());
    Some(checked)
}

impl Prepared {
    /// `None` if a name or value has no actix-web equivalent: `http` 0.2 and 1.x accept
    /// exactly the same header-name and header-value bytes, so this does not happen.
    fn new(secure: &Secure) -> Option<Rc<Self>> {
        let converted = secure.convert(fixed_name, fixed_value)?;
        Some(Rc::new(Self {
            secure: secure.clone(),
            converted,
        }))
    }

    /// What a middleware's [`Transform`] converts once for its worker: `Err` (the
    /// worker does not start) if the headers have no actix-web equivalent, logged as
    /// what they are (`what`, with the `tracing` feature).
    fn for_worker(secure: &Secure, what: &str) -> Result<Rc<Self>, ()> {
        let prepared = Self::new(secure);
        if prepared.is_none() {
            #[cfg(feature = "tracing")]
            tracing::error!(target: "secure_headers", "{what} cannot be sent by actix-web");
            let _ = what;
        }
        prepared.ok_or(())
    }

    /// The one apply path, for the request `context` was made for.
    fn apply<B>(&self, response: &mut HttpResponse<B>, context: &RequestContext) {
        self.secure
            .set_headers_converted(&self.converted, response.headers_mut(), context, value);
    }
}

/// The mark a scope-level [`SecureOverride`] leaves on a response for the enclosing
/// `Secure` middleware: the override's headers, already converted.
#[derive(Clone)]
struct RouteOverride(Rc<Prepared>);

/// What a worker's `Secure` middleware shares with its response futures.
struct Shared {
    base: Rc<Prepared>,
    /// Handler-attached overrides seen recently, converted.
    recent: RefCell<Recent<Rc<Prepared>>>,
}

impl Shared {
    /// The converted headers of a handler-attached override: cached, since handlers attach
    /// overrides derived once at start-up.
    fn converted(&self, secure: &Secure) -> Rc<Prepared> {
        let made = self
            .recent
            .borrow_mut()
            .get_or_make(|p| p.secure == *secure, || Prepared::new(secure));
        made.unwrap_or_else(|| {
            #[cfg(feature = "tracing")]
            tracing::error!(target: "secure_headers", "an override cannot be sent by actix-web: the base headers apply");
            Rc::clone(&self.base)
        })
    }

    /// The early answer (a redirect or a refusal) in place of the service's; out of line,
    /// so that the path every request takes stays small.
    #[cold]
    #[inline(never)]
    fn early<F>(&self, req: ServiceRequest, early: &crate::EarlyResponse) -> ResponseFuture<F> {
        let mut response = early_response(early);
        self.base.apply(&mut response, &early.context());
        let (request, _) = req.into_parts();
        ResponseFuture {
            future: None,
            early: Some(Box::new(ServiceResponse::new(request, response))),
            shared: None,
            context: RequestContext::default(),
        }
    }

    /// The response path: the request core decides whether and which header set applies
    /// (the handler's override, the scope's, or our own); this finds it converted.
    #[inline]
    fn apply<B>(&self, response: &mut HttpResponse<B>, context: &RequestContext) {
        let status = http::StatusCode::from_u16(response.status().as_u16())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        if SecureOverride::any_made() {
            return self.apply_chosen(response, context, status);
        }
        if let Some(plan) = self.base.secure.plan(context, status, None) {
            self.base.apply(response, plan.context());
        }
    }

    /// [`apply`](Self::apply) where a response may carry overrides: out of line, so that
    /// the path of a program without overrides stays small.
    #[inline(never)]
    fn apply_chosen<B>(
        &self,
        response: &mut HttpResponse<B>,
        context: &RequestContext,
        status: http::StatusCode,
    ) {
        let (handler, route) = {
            let mut ext = response.extensions_mut();
            (
                ext.remove::<SecureOverride>(),
                ext.remove::<RouteOverride>(),
            )
        };
        let mut marks = Marks::default();
        if let Some(RouteOverride(p)) = &route {
            marks.offer(Level::Route, &p.secure);
        }
        if let Some(o) = &handler {
            attached_by_handler(o);
            marks.offer(Level::Handler, o.secure());
        }
        let base = &self.base.secure;
        let Some(plan) = base.plan(context, status, marks.chosen()) else {
            return;
        };
        let prepared = match route {
            _ if std::ptr::eq(plan.secure(), base) => Rc::clone(&self.base),
            Some(RouteOverride(p)) if p.secure == *plan.secure() => p,
            _ => self.converted(plan.secure()),
        };
        prepared.apply(response, plan.context());
    }
}

/// An early answer (a redirect or a refusal) in actix-web's types, without the security
/// headers: the status, `Location` or `Content-Type`, and the body.
#[cold]
fn early_response(early: &crate::EarlyResponse) -> HttpResponse {
    let status = StatusCode::from_u16(early.status().as_u16()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = HttpResponse::new(status);
    if let Some(location) = early.location().and_then(|l| value(l.as_bytes())) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    if let Some(content_type) = early.content_type().and_then(|v| value(v.as_bytes())) {
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, content_type);
        response = response.set_body(actix_web_4::body::BoxBody::new(early.body()));
    }
    response
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shared")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

/// Carries a scope's override, converted, to the enclosing `Secure` middleware, which
/// offers it to the request core at [`Level::Route`]: an inner scope's, attached first,
/// is kept.
fn mark<B>(response: &mut HttpResponse<B>, prepared: &Rc<Prepared>) {
    let mut ext = response.extensions_mut();
    if !ext.contains::<RouteOverride>() {
        ext.insert(RouteOverride(Rc::clone(prepared)));
    }
}

/// Writes the [`Transform`] of `$for` (`Secure`, `SecureOverride`): a middleware made once
/// per worker by `$make` (given `self` and the wrapped service), ready at once, that fails
/// to start when the headers cannot be converted.
macro_rules! transform {
    ($for:ty => $middleware:ident, $response:ty, |$this:ident, $service:ident| $make:expr) => {
        impl<S, B> Transform<S, ServiceRequest> for $for
        where
            S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
            B: MessageBody,
        {
            type Response = $response;
            type Error = Error;
            type Transform = $middleware<S>;
            type InitError = ();
            type Future = Ready<Result<Self::Transform, Self::InitError>>;

            fn new_transform(&self, $service: S) -> Self::Future {
                let $this = self;
                ready($make)
            }
        }
    };
}

// Converts the headers to actix-web's types, once for this worker.
transform!(Secure => SecureMiddleware, ServiceResponse<EitherBody<B>>, |secure, service| {
    Prepared::for_worker(secure, "the headers").map(|base| SecureMiddleware {
        service,
        shared: Rc::new(Shared {
            base,
            recent: RefCell::default(),
        }),
    })
});

/// The service made by [`Secure`]'s [`Transform`] implementation (one per worker): decides
/// the request side once per request (see [the module documentation](self)), then applies
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

super::debug_by_type_name!(SecureMiddleware<S>, "service", secure = shared.base);

impl<S, B> Service<ServiceRequest> for SecureMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = ResponseFuture<S::Future>;

    actix_web_4::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let context = match self.shared.base.secure.inspect(&req) {
            Ok(context) => context,
            // A redirect or a refused host: answered here, the service is not called.
            Err(early) => return self.shared.early(req, &early),
        };
        if let Some(nonce) = context.nonce() {
            req.extensions_mut().insert(*nonce);
        }
        ResponseFuture {
            future: Some(self.service.call(req)),
            early: None,
            shared: Some(Rc::clone(&self.shared)),
            context,
        }
    }
}

pin_project! {
    /// The response future of [`SecureMiddleware`]: the wrapped service's, with the headers
    /// applied when it resolves (or an early answer: a redirect or a refusal).
    ///
    /// ```
    /// # extern crate actix_web_4 as actix_web;
    /// use actix_web::dev::{Service, ServiceRequest, Transform, fn_service};
    /// use actix_web::test::TestRequest;
    /// use actix_web::HttpResponse;
    /// use secure_headers::actix_web::ResponseFuture;
    /// use secure_headers::Secure;
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let inner = fn_service(|req: ServiceRequest| async move {
    ///     Ok::<_, actix_web::Error>(req.into_response(HttpResponse::Ok().finish()))
    /// });
    /// let middleware = Secure::with_default_headers().new_transform(inner).await.unwrap();
    /// let future: ResponseFuture<_> = middleware.call(TestRequest::get().to_srv_request());
    /// let response = future.await.unwrap();
    /// assert_eq!(response.headers().get("x-frame-options").unwrap(), "SAMEORIGIN");
    /// # });
    /// ```
    pub struct ResponseFuture<F> {
        #[pin]
        future: Option<F>,
        // Boxed: the early answer is rare, and the future is moved on every request.
        early: Option<Box<ServiceResponse>>,
        shared: Option<Rc<Shared>>,
        context: RequestContext,
    }
}

impl<F> fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("future", &std::any::type_name::<F>())
            .field("early", &self.early.is_some())
            .finish()
    }
}

impl<F, B> Future for ResponseFuture<F>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Some(early) = this.early.take() {
            return Poll::Ready(Ok((*early).map_into_right_body()));
        }
        let Some(future) = this.future.as_pin_mut() else {
            // Polled after completion: the early response was already taken.
            return Poll::Pending;
        };
        let result = std::task::ready!(future.poll(cx));
        let Some(shared) = this.shared.take() else {
            return Poll::Ready(result.map(ServiceResponse::map_into_left_body));
        };
        let context = *this.context;
        Poll::Ready(match result {
            Ok(mut response) => {
                shared.apply(response.response_mut(), &context);
                Ok(response.map_into_left_body())
            }
            Err(error) => Err(headers_on_error(error, shared, context)),
        })
    }
}

/// The error becomes a response after every middleware has returned: the headers are
/// applied then, to whatever response it makes. Out of line, as errors are rare.
#[cold]
#[inline(never)]
fn headers_on_error(mut error: Error, shared: Rc<Shared>, context: RequestContext) -> Error {
    error.add_response_mapper(move |mut response| {
        shared.apply(&mut response, &context);
        response
    });
    error
}

// Converts the override's headers to actix-web's types, once for this worker.
transform!(SecureOverride => OverrideMiddleware, ServiceResponse<EitherBody<B>>, |secure, service| {
    Prepared::for_worker(secure.secure(), "an override").map(|prepared| OverrideMiddleware {
        service,
        route: secure.clone(),
        prepared,
    })
});

/// The service made by [`SecureOverride`]'s [`Transform`] implementation: runs the
/// override's request-side checks ([`SecureOverride::inspect`]) before `S`, answering a
/// refusal (or a redirect) itself, as [`SecureMiddleware`] does, without calling `S`; marks
/// every response of `S` (that the handler did not mark itself) with the override, for the
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
/// let embeddable = SecureOverride::new(base.derive(|b| b.without("X-Frame-Options"))?)?;
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
    route: SecureOverride,
    prepared: Rc<Prepared>,
}

super::debug_by_type_name!(OverrideMiddleware<S>, "service", secure = prepared);

impl<S, B> Service<ServiceRequest> for OverrideMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = OverrideFuture<S::Future>;

    actix_web_4::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        if let Err(early) = self.route.inspect(&req) {
            return self.early(req, &early);
        }
        OverrideFuture {
            future: Some(self.service.call(req)),
            early: None,
            prepared: Some(Rc::clone(&self.prepared)),
        }
    }
}

impl<S> OverrideMiddleware<S> {
    /// The override's early answer, marked with the override for the enclosing
    /// [`SecureMiddleware`] to apply its headers; out of line, as it is rare.
    #[cold]
    #[inline(never)]
    fn early<F>(&self, req: ServiceRequest, early: &crate::EarlyResponse) -> OverrideFuture<F> {
        let mut response = early_response(early);
        mark(&mut response, &self.prepared);
        let (request, _) = req.into_parts();
        OverrideFuture {
            future: None,
            early: Some(Box::new(ServiceResponse::new(request, response))),
            prepared: None,
        }
    }
}

pin_project! {
    /// The response future of [`OverrideMiddleware`]: the wrapped service's, with the
    /// response marked with the override (unless the handler marked it itself); or the
    /// override's early answer, marked the same way.
    ///
    /// ```
    /// # extern crate actix_web_4 as actix_web;
    /// use actix_web::dev::{Service, ServiceRequest, Transform, fn_service};
    /// use actix_web::test::TestRequest;
    /// use actix_web::HttpResponse;
    /// use secure_headers::actix_web::OverrideFuture;
    /// use secure_headers::{Secure, SecureOverride};
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let strict = SecureOverride::new(Secure::with_default_headers().derive(|b| b.map_xfo(|x| x.deny())).unwrap()).unwrap();
    /// let inner = fn_service(|req: ServiceRequest| async move {
    ///     Ok::<_, actix_web::Error>(req.into_response(HttpResponse::Ok().finish()))
    /// });
    /// let middleware = strict.new_transform(inner).await.unwrap();
    /// let future: OverrideFuture<_> = middleware.call(TestRequest::get().to_srv_request());
    /// let response = future.await.unwrap();
    /// // Marked, not applied: the enclosing `Secure` middleware applies it.
    /// assert!(response.headers().get("x-frame-options").is_none());
    /// # });
    /// ```
    pub struct OverrideFuture<F> {
        #[pin]
        future: Option<F>,
        // Boxed: the early answer is rare, and the future is moved on every request.
        early: Option<Box<ServiceResponse>>,
        prepared: Option<Rc<Prepared>>,
    }
}

super::debug_by_type_name!(OverrideFuture<F>, "future");

impl<F, B> Future for OverrideFuture<F>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Some(early) = this.early.take() {
            return Poll::Ready(Ok((*early).map_into_right_body()));
        }
        let Some(future) = this.future.as_pin_mut() else {
            // Polled after completion: the early response was already taken.
            return Poll::Pending;
        };
        let result = std::task::ready!(future.poll(cx));
        let Some(prepared) = this.prepared.take() else {
            return Poll::Ready(result.map(ServiceResponse::map_into_left_body));
        };
        Poll::Ready(match result {
            Ok(mut response) => {
                mark(response.response_mut(), &prepared);
                Ok(response.map_into_left_body())
            }
            Err(mut error) => {
                // Mappers run innermost first: the mark is in place when the enclosing
                // `Secure`'s mapper looks for it.
                error.add_response_mapper(move |mut response| {
                    mark(&mut response, &prepared);
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
/// })?)?;
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
            actix_web_4::error::ErrorInternalServerError(super::no_nonce(
                "the Secure middleware does not wrap this route",
            ))
        }))
    }
}

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

#[cfg(test)]
mod tests;
