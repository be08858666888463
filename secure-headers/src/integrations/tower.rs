//! [`tower`](https://docs.rs/tower) middleware: `Secure` is a [`Layer`], so it works with
//! axum, hyper, tonic and anything else built on tower services.
//!
//! # Example (axum)
//!
//! ```
//! use axum::{Router, routing::get};
//! use secure_headers::Secure;
//!
//! let app: Router = Router::new()
//!     .route("/", get(|| async { "hello" }))
//!     .layer(Secure::with_default_headers());
//! ```
//!
//! Every response that comes out of the wrapped service gets the headers: handler responses,
//! fallbacks (404), extractor rejections, errors turned into responses, `HEAD` and `304`.
//! Bodies are not touched, so streams (server-sent events, large files) stream through.
//!
//! WebSocket handshakes are left alone, as the seed's ASGI middleware leaves WebSocket
//! connections alone: a `101 Switching Protocols` response, and the response to a `CONNECT`
//! request (a WebSocket over HTTP/2, or a tunnel), pass through unchanged.
//!
//! An `Err` from the wrapped service is not a response yet, so it gets nothing: put the
//! layer outside the layer that turns errors into responses (in axum, outside
//! `HandleErrorLayer`; axum's own handlers and extractors never fail this way).
//!
//! # Per-route and per-response overrides
//!
//! Give a route or a nested router a different header set with [`SecureOverride`] as a
//! layer (axum's `route_layer`), or attach one to a single response from the handler
//! (`Extension(SecureOverride)` in axum). See [`SecureOverride`].
//!
//! ```
//! use axum::{Extension, Router, routing::get};
//! use secure_headers::{Secure, SecureOverride};
//!
//! let base = Secure::with_default_headers();
//! let embeddable = base.derive(|b| b.without("X-Frame-Options")).unwrap();
//! let report = SecureOverride::new(base.derive(|b| b.map_xfo(|x| x.deny())).unwrap());
//!
//! let app: Router = Router::new()
//!     .route("/widget", get(|| async { "framable" }))
//!     .route_layer(SecureOverride::new(embeddable)) // the routes above this line
//!     .route("/report", get(move || {
//!         let report = report.clone();
//!         async move { (Extension(report), "one response") }
//!     }))
//!     .layer(base);
//! ```

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use http::{Method, Request, Response};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;

use crate::{RequestContext, Secure, SecureOverride};

impl<S> Layer<S> for Secure {
    type Service = SecureService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        SecureService {
            inner,
            secure: self.clone(),
        }
    }
}

/// The service made by [`Secure`]'s [`Layer`] implementation: applies the headers to every
/// response of `S`.
#[derive(Clone)]
pub struct SecureService<S> {
    inner: S,
    secure: Secure,
}

impl<S> SecureService<S> {
    /// The wrapped service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The wrapped service, mutably.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// Unwraps the inner service.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S> fmt::Debug for SecureService<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecureService")
            .field("inner", &std::any::type_name::<S>())
            .field("secure", &self.secure)
            .finish()
    }
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for SecureService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<ReqBody>) -> Self::Future {
        // A WebSocket over HTTP/2 (RFC 8441) or a tunnel is a CONNECT answered with 200: like
        // the 101 of an HTTP/1.1 upgrade, it is left alone.
        if req.method() == Method::CONNECT {
            return ResponseFuture {
                future: self.inner.call(req),
                secure: None,
                context: RequestContext::default(),
            };
        }
        let context = self.secure.request_context();
        if let Some(nonce) = context.nonce() {
            req.extensions_mut().insert(*nonce);
        }
        ResponseFuture {
            future: self.inner.call(req),
            secure: Some(self.secure.clone()),
            context,
        }
    }
}

pin_project! {
    /// The response future of [`SecureService`].
    pub struct ResponseFuture<F> {
        #[pin]
        future: F,
        secure: Option<Secure>,
        context: RequestContext,
    }
}

impl<F> fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("future", &std::any::type_name::<F>())
            .finish()
    }
}

impl<F, B, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut response = ready!(this.future.poll(cx))?;
        if let Some(secure) = this.secure.take() {
            secure.apply_to_response_with(&mut response, this.context);
        }
        Poll::Ready(Ok(response))
    }
}

impl<S> Layer<S> for SecureOverride {
    type Service = OverrideService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        OverrideService {
            inner,
            secure: self.clone(),
        }
    }
}

/// The service made by [`SecureOverride`]'s [`Layer`] implementation: marks every response
/// of `S` (that the handler did not mark itself) with the override, for the enclosing
/// [`SecureService`] to apply.
#[derive(Clone)]
pub struct OverrideService<S> {
    inner: S,
    secure: SecureOverride,
}

impl<S> fmt::Debug for OverrideService<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OverrideService")
            .field("inner", &std::any::type_name::<S>())
            .field("secure", &self.secure)
            .finish()
    }
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for OverrideService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = OverrideFuture<S::Future>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<ReqBody>) -> Self::Future {
        OverrideFuture {
            future: self.inner.call(req),
            secure: Some(self.secure.clone()),
        }
    }
}

pin_project! {
    /// The response future of [`OverrideService`].
    pub struct OverrideFuture<F> {
        #[pin]
        future: F,
        secure: Option<SecureOverride>,
    }
}

impl<F> fmt::Debug for OverrideFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OverrideFuture")
            .field("future", &std::any::type_name::<F>())
            .finish()
    }
}

impl<F, B, E> Future for OverrideFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut response = ready!(this.future.poll(cx))?;
        if let Some(secure) = this.secure.take() {
            let ext = response.extensions_mut();
            if ext.get::<SecureOverride>().is_none() {
                ext.insert(secure);
            }
        }
        Poll::Ready(Ok(response))
    }
}

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
        use crate::report::Admission;
        use http_body_util::BodyExt as _;

        let collector = self.clone();
        Box::pin(async move {
            let content_type = req
                .headers()
                .get(http::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let length = req
                .headers()
                .get(http::header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok());
            let status = match collector.admit(req.method(), content_type.as_deref(), length) {
                Admission::Respond(status) => status,
                Admission::ReadBody => {
                    let limited =
                        http_body_util::Limited::new(req.into_body(), collector.body_limit());
                    match limited.collect().await {
                        Ok(body) => collector.receive(content_type.as_deref(), &body.to_bytes()),
                        Err(e) if e.is::<http_body_util::LengthLimitError>() => {
                            http::StatusCode::PAYLOAD_TOO_LARGE
                        }
                        Err(_) => http::StatusCode::BAD_REQUEST,
                    }
                }
            };
            let mut response = Response::new(String::new());
            *response.status_mut() = status;
            response.headers_mut().extend(collector.response_headers());
            Ok(response)
        })
    }
}
