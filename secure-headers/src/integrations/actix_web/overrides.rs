//! Overrides in actix-web: on a scope ([`OverrideMiddleware`]) and on a response
//! ([`WithSecureOverride`]).

use std::future::{Ready, ready};
use std::rc::Rc;

use actix_web_4::body::{EitherBody, MessageBody};
use actix_web_4::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web_4::{Error, HttpRequest, HttpResponse, Responder};

#[cfg(doc)]
use super::SecureMiddleware;
use super::answer::{EarlyOr, Finish};
use super::middleware::early_response;
use super::sink::Prepared;
#[cfg(doc)]
use crate::Secure;
use crate::SecureOverride;

/// The mark a scope-level [`SecureOverride`] leaves on a response for the enclosing
/// `Secure` middleware: the override's headers, already converted.
#[derive(Clone)]
pub(super) struct RouteOverride(pub(super) Rc<Prepared>);

/// Carries a scope's override, converted, to the enclosing `Secure` middleware, which
/// offers it to the request core at [`Level::Route`]: an inner scope's, attached first,
/// is kept.
pub(super) fn mark<B>(response: &mut HttpResponse<B>, prepared: &Rc<Prepared>) {
    let mut ext = response.extensions_mut();
    if !ext.contains::<RouteOverride>() {
        ext.insert(RouteOverride(Rc::clone(prepared)));
    }
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

crate::integrations::debug_by_type_name!(OverrideMiddleware<S>, "service", secure = prepared);

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
        EarlyOr::service(self.service.call(req), Mark(Rc::clone(&self.prepared)))
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
        EarlyOr::early(req, response)
    }
}

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
pub type OverrideFuture<F> = EarlyOr<F, Mark>;

/// How [`OverrideFuture`] finishes the service's result: marked with the override.
#[derive(Debug)]
pub struct Mark(Rc<Prepared>);

impl Finish for Mark {
    const NAME: &'static str = "OverrideFuture";

    #[inline]
    fn response<B>(&self, response: &mut HttpResponse<B>) {
        mark(response, &self.0);
    }

    fn error(self, mut error: Error) -> Error {
        // Mappers run innermost first: the mark is in place when the enclosing `Secure`'s
        // mapper looks for it.
        error.add_response_mapper(move |mut response| {
            mark(&mut response, &self.0);
            response
        });
        error
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
