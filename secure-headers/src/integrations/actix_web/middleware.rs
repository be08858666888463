//! `Secure` as actix-web middleware.

use std::cell::RefCell;
use std::fmt;
use std::future::{Ready, ready};
use std::rc::Rc;

use actix_web_4::body::{EitherBody, MessageBody};
use actix_web_4::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web_4::http::StatusCode;
use actix_web_4::http::header;
use actix_web_4::{Error, HttpMessage, HttpResponse};

use super::answer::{EarlyOr, Finish};
use super::overrides::RouteOverride;
use super::sink::{Prepared, value};
use crate::integrations::Recent;
use crate::request::{Level, Marks, attached_by_handler};
use crate::{RequestContext, Secure, SecureOverride};

/// What a worker's `Secure` middleware shares with its response futures.
pub(super) struct Shared {
    pub(super) base: Rc<Prepared>,
    /// Handler-attached overrides seen recently, converted.
    pub(super) recent: RefCell<Recent<Rc<Prepared>>>,
}

impl Shared {
    /// The converted headers of a handler-attached override: cached, since handlers attach
    /// overrides derived once at start-up.
    pub(super) fn converted(&self, secure: &Secure) -> Rc<Prepared> {
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
        EarlyOr::early(req, response)
    }

    /// The response path: the request core decides whether and which header set applies
    /// (the handler's override, the scope's, or our own); this finds it converted.
    #[inline]
    fn apply<B>(&self, response: &mut HttpResponse<B>, context: &RequestContext) {
        let status = http::StatusCode::from_u16(response.status().as_u16())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        // Read from this response alone: a shared borrow and two lookups in a map that is
        // nearly always empty.
        let carries = {
            let ext = response.extensions();
            ext.contains::<SecureOverride>() || ext.contains::<RouteOverride>()
        };
        if carries {
            return self.apply_chosen(response, context, status);
        }
        if let Some(plan) = self.base.secure.plan(context, status, None) {
            self.base.apply(response, plan.context());
        }
    }

    /// [`apply`](Self::apply) for a response that carries an override: out of line, so that
    /// the path of a response without one stays small.
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
pub(super) fn early_response(early: &crate::EarlyResponse) -> HttpResponse {
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
/// the request side once per request (see [the module documentation](super)), then applies
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

crate::integrations::debug_by_type_name!(SecureMiddleware<S>, "service", secure = shared.base);

impl<S, B> Service<ServiceRequest> for SecureMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = ResponseFuture<S::Future>;

    actix_web_4::dev::forward_ready!(service);

    #[inline]
    fn call(&self, req: ServiceRequest) -> Self::Future {
        let context = match self.shared.base.secure.inspect(&req) {
            Ok(context) => context,
            // A redirect or a refused host: answered here, the service is not called.
            Err(early) => return self.shared.early(req, &early),
        };
        if let Some(nonce) = context.nonce() {
            req.extensions_mut().insert(*nonce);
        }
        let apply = Apply {
            shared: Rc::clone(&self.shared),
            context,
        };
        EarlyOr::service(self.service.call(req), apply)
    }
}

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
pub type ResponseFuture<F> = EarlyOr<F, Apply>;

/// How [`ResponseFuture`] finishes the service's result: the headers applied.
pub struct Apply {
    shared: Rc<Shared>,
    context: RequestContext,
}

impl fmt::Debug for Apply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Apply")
            .field("secure", &self.shared.base)
            .finish_non_exhaustive()
    }
}

impl Finish for Apply {
    const NAME: &'static str = "ResponseFuture";

    #[inline]
    fn response<B>(&self, response: &mut HttpResponse<B>) {
        self.shared.apply(response, &self.context);
    }

    #[inline]
    fn error(self, error: Error) -> Error {
        headers_on_error(error, self.shared, self.context)
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
