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
//! WebSocket handshakes are left alone, as Python's `secure` 2.0.1's ASGI middleware leaves WebSocket
//! connections alone: a `101 Switching Protocols` response, and the response to a `CONNECT`
//! request (a WebSocket over HTTP/2, or a tunnel), pass through unchanged.
//!
//! An `Err` from the wrapped service is not a response yet, so it gets nothing: put the
//! layer outside the layer that turns errors into responses (in axum, outside
//! `HandleErrorLayer`; axum's own handlers and extractors never fail this way).
//!
//! # What is looked at in the request
//!
//! Before calling the wrapped service, the layer calls [`Secure::inspect`] once: whether
//! the request is secure (for [`HstsMode::SecureOnly`]), the HTTPS redirect, the allowed
//! hosts, cross-origin protection, and a fresh [`CspNonce`] when the policy uses one. A
//! redirect or a refusal is answered at once, with the security headers, and the wrapped
//! service is not called: a redirect with an empty body, a refusal with its reason on one
//! line of plain text ([`Refusal::body`](crate::request::Refusal::body), made with
//! `ResBody::from`), logged once with the request's method and path. A `Secure` with none
//! of these options looks at nothing and costs nothing more.
//!
//! A tower layer does not see the connection, so the server tells it:
//!
//! - the peer address, which decides whether `Forwarded` / `X-Forwarded-*` headers come
//!   from a [trusted proxy](crate::SecureBuilder::trusted_proxies), from a [`PeerAddr`]
//!   request extension, or else a `std::net::SocketAddr` one. Without either, no proxy is
//!   trusted. axum puts the address in `ConnectInfo`; copy it with a middleware outside
//!   the layer:
//!
//! ```
//! use std::net::SocketAddr;
//!
//! use axum::extract::{ConnectInfo, Request};
//! use axum::{Router, middleware, routing::get};
//! use secure_headers::transport::{ForwardedHeader, HstsMode, PeerAddr};
//! use secure_headers::Preset;
//!
//! async fn peer_addr(ConnectInfo(addr): ConnectInfo<SocketAddr>, mut req: Request) -> Request {
//!     req.extensions_mut().insert(PeerAddr(addr.ip()));
//!     req
//! }
//!
//! # async fn run() -> std::io::Result<()> {
//! let secure = Preset::Balanced
//!     .builder()
//!     .trusted_proxies(["10.0.0.0/8"])
//!     .forwarded_headers([ForwardedHeader::XForwardedProto])
//!     .hsts_mode(HstsMode::SecureOnly)
//!     .build()
//!     .unwrap();
//! let app = Router::new()
//!     .route("/", get(|| async { "hello" }))
//!     .layer(secure)
//!     .layer(middleware::map_request(peer_addr)); // outside: runs first
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await
//! # }
//! ```
//!
//! - whether the connection is TLS, from a [`Tls`] request extension, which the TLS accept
//!   loop inserts (with the [`PeerAddr`]) for every request of a TLS connection:
//!
//! ```
//! use axum::Router;
//! use axum::http::Request;
//! use hyper::body::Incoming;
//! use secure_headers::transport::{PeerAddr, Tls};
//! use tower::ServiceExt as _;
//!
//! # fn per_connection(app: Router, peer: std::net::SocketAddr) {
//! // For each accepted TLS connection from `peer`:
//! let service = app.map_request(move |mut req: Request<Incoming>| {
//!     req.extensions_mut().insert(Tls);
//!     req.extensions_mut().insert(PeerAddr(peer.ip()));
//!     req
//! });
//! // ... serve the connection with `service` (hyper-util's `TowerToHyperService`).
//! # drop(service);
//! # }
//! ```
//!
//! # Per-request CSP nonces
//!
//! When the policy uses [`Source::nonce`](crate::csp::Source::nonce), every request gets a
//! fresh [`CspNonce`]: it fills every `'nonce-…'` slot of the enforced and the report-only
//! policy, and it is in the request's extensions for the handler (axum:
//! `Extension<CspNonce>`), which puts it on its inline elements with
//! [`CspNonce::attribute`]:
//!
//! ```
//! # #[cfg(feature = "nonce")] {
//! use axum::response::Html;
//! use axum::{Extension, Router, routing::get};
//! use secure_headers::csp::Source;
//! use secure_headers::{ContentSecurityPolicy, CspNonce, Secure};
//!
//! async fn page(Extension(nonce): Extension<CspNonce>) -> Html<String> {
//!     Html(format!("<script {}>start()</script>", nonce.attribute()))
//! }
//!
//! let secure = Secure::builder()
//!     .csp(ContentSecurityPolicy::new().script_src([Source::SELF, Source::nonce()]))
//!     .build()
//!     .unwrap();
//! let app: Router = Router::new().route("/", get(page)).layer(secure);
//! # }
//! ```
//!
//! # Report collector
//!
//! With the `reporting` feature, a [`ReportCollector`](crate::report::ReportCollector) is a
//! tower service: mount it as a route with axum's `route_service` (see its implementation
//! of [`Service`] below).
//!
//! # Per-route and per-response overrides
//!
//! Give a route or a nested router a different header set with [`SecureOverride`] as a
//! layer (axum's `route_layer`), or attach one to a single response from the handler
//! (`Extension(SecureOverride)` in axum). See [`SecureOverride`]. An override layer whose
//! `Secure` has cross-origin protection, allowed hosts or an HTTPS redirect runs those
//! checks for the requests of its routes, after the application's layer, and answers a
//! refusal exactly as that layer does.
//!
//! ```
//! use axum::{Extension, Router, routing::get};
//! use secure_headers::{Secure, SecureOverride};
//!
//! let base = Secure::with_default_headers();
//! let embeddable = base.derive(|b| b.without("X-Frame-Options")).unwrap();
//! let report = SecureOverride::new(base.derive(|b| b.map_xfo(|x| x.deny())).unwrap()).unwrap();
//!
//! let app: Router = Router::new()
//!     .route("/widget", get(|| async { "framable" }))
//!     .route_layer(SecureOverride::new(embeddable).unwrap()) // the routes above this line
//!     .route("/report", get(move || {
//!         let report = report.clone();
//!         async move { (Extension(report), "one response") }
//!     }))
//!     .layer(base);
//! ```
//!
//! [`HstsMode::SecureOnly`]: crate::transport::HstsMode::SecureOnly
//! [`CspNonce`]: crate::CspNonce
//! [`CspNonce::attribute`]: crate::CspNonce::attribute
//! [`PeerAddr`]: crate::transport::PeerAddr
//! [`Tls`]: crate::transport::Tls

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use http::{Request, Response};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;

use crate::request::{LazyHttpRequest, RequestView, offer_route, route_answer};
use crate::transport::{PeerAddr, Tls};
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

/// The service made by [`Secure`]'s [`Layer`] implementation: inspects each request before
/// `S` (see the [module](self) docs), then applies the headers to every response of `S`.
///
/// An HTTPS redirect or a refusal is answered without calling `S`, with a body of `S`'s
/// body type made from the one line the core gives (empty for a redirect; hence
/// `ResBody: From<&'static str>`, as axum's, hyper's `Full`, `String` and warp's bodies
/// are).
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use secure_headers::Secure;
/// use secure_headers::tower::SecureService;
/// use tower::{Layer, ServiceExt, service_fn};
///
/// let inner = service_fn(|_req: http::Request<()>| async {
///     Ok::<_, std::convert::Infallible>(http::Response::new(String::from("hello")))
/// });
/// // The type to name when a wrapped service is stored (in a struct, a static, ...).
/// let app: SecureService<_> = Secure::with_default_headers().layer(inner);
/// let response = app.oneshot(http::Request::new(())).await.unwrap();
/// assert_eq!(response.headers()["x-frame-options"], "SAMEORIGIN");
/// assert_eq!(response.body(), "hello");
/// # });
/// ```
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

super::debug_by_type_name!(SecureService<S>, "inner", secure = secure);

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for SecureService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    ResBody: From<&'static str>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, ResBody>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<ReqBody>) -> Self::Future {
        let inspected = self.secure.inspect(&view(&req));
        match inspected {
            Ok(context) => {
                if let Some(nonce) = context.nonce() {
                    req.extensions_mut().insert(*nonce);
                }
                ResponseFuture {
                    state: State::Inner {
                        future: self.inner.call(req),
                        secure: Some(self.secure.clone()),
                        context,
                    },
                }
            }
            Err(early) => {
                let body = ResBody::from(early.body());
                ResponseFuture {
                    state: State::Early {
                        response: Some(Box::new(early.into_response(&self.secure, body))),
                    },
                }
            }
        }
    }
}

/// The request as [`Secure::inspect`] sees it: the peer address and the TLS flag are looked
/// up in the extensions only if asked, so a `Secure` that inspects nothing costs nothing.
fn view<B>(req: &Request<B>) -> impl RequestView + '_ {
    let ext = req.extensions();
    LazyHttpRequest::new(
        req.method(),
        req.uri(),
        req.headers(),
        move || {
            ext.get::<PeerAddr>()
                .map(|p| p.0)
                .or_else(|| ext.get::<SocketAddr>().map(SocketAddr::ip))
        },
        move || ext.get::<Tls>().is_some(),
    )
}

pin_project! {
    /// The response future of [`SecureService`]: the wrapped service's, with the headers
    /// applied when it resolves (or an early answer: a redirect or a refusal).
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use secure_headers::Secure;
    /// use secure_headers::tower::ResponseFuture;
    /// use tower::{Layer, Service, ServiceExt, service_fn};
    ///
    /// let inner = service_fn(|_req: http::Request<()>| async {
    ///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
    /// });
    /// let mut app = Secure::with_default_headers().layer(inner);
    /// let future: ResponseFuture<_, String> = app.ready().await.unwrap().call(http::Request::new(()));
    /// let response = future.await.unwrap();
    /// assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    /// # });
    /// ```
    pub struct ResponseFuture<F, B> {
        #[pin]
        state: State<F, B>,
    }
}

pin_project! {
    #[project = StateProj]
    enum State<F, B> {
        /// The handler runs; its response gets the headers.
        Inner {
            #[pin]
            future: F,
            secure: Option<Secure>,
            context: RequestContext,
        },
        /// Answered without calling the handler: an HTTPS redirect or a refused host (boxed:
        /// rare, and the future of every other request stays small).
        Early {
            response: Option<Box<Response<B>>>,
        },
    }
}

super::debug_by_type_name!(ResponseFuture<F, B>, "future");

impl<F, B, E> Future for ResponseFuture<F, B>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProj::Inner {
                future,
                secure,
                context,
            } => {
                let mut response = ready!(future.poll(cx))?;
                if let Some(secure) = secure.take() {
                    secure.apply_to_response_with(&mut response, context);
                }
                Poll::Ready(Ok(response))
            }
            StateProj::Early { response } => Poll::Ready(Ok(early(response))),
        }
    }
}

/// Kept out of line so that the common path's poll stays as small as it was.
#[cold]
#[inline(never)]
fn early<B>(response: &mut Option<Box<Response<B>>>) -> Response<B> {
    *response
        .take()
        .expect("`ResponseFuture` polled after completion")
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

/// The service made by [`SecureOverride`]'s [`Layer`] implementation: runs the override's
/// request-side checks ([`SecureOverride::inspect`]) before `S`, answering a refusal (or a
/// redirect) itself, as [`SecureService`] does, without calling `S`; then marks every
/// response (that the handler did not mark itself) with the override, for the enclosing
/// [`SecureService`] to apply.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use secure_headers::tower::OverrideService;
/// use secure_headers::{Secure, SecureOverride};
/// use tower::{Layer, ServiceExt, service_fn};
///
/// let secure = Secure::with_default_headers();
/// let framable = SecureOverride::new(secure.derive(|b| b.without("X-Frame-Options")).unwrap()).unwrap();
/// let widget = service_fn(|_req: http::Request<()>| async {
///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
/// });
/// // The route's service, marked with the override; the outer layer applies it.
/// let route: OverrideService<_> = framable.layer(widget);
/// let response = secure.layer(route).oneshot(http::Request::new(())).await.unwrap();
/// assert!(!response.headers().contains_key("x-frame-options"));
/// assert_eq!(response.headers()["x-content-type-options"], "nosniff");
/// # });
/// ```
#[derive(Clone)]
pub struct OverrideService<S> {
    inner: S,
    secure: SecureOverride,
}

super::debug_by_type_name!(OverrideService<S>, "inner", secure = secure);

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for OverrideService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    ResBody: From<&'static str>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = OverrideFuture<S::Future>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<ReqBody>) -> Self::Future {
        let inspected = self.secure.inspect(&view(&req));
        match inspected {
            Ok(()) => OverrideFuture {
                future: Some(self.inner.call(req)),
                secure: Some(self.secure.clone()),
                early: None,
            },
            Err(early) => OverrideFuture {
                future: None,
                secure: Some(self.secure.clone()),
                early: Some(Box::new(early)),
            },
        }
    }
}

pin_project! {
    /// The response future of [`OverrideService`]: the wrapped service's, with the override
    /// put in the response's extensions (unless the handler put one there itself); or the
    /// override's early answer, marked the same way.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use secure_headers::tower::OverrideFuture;
    /// use secure_headers::{Secure, SecureOverride};
    /// use tower::{Layer, Service, ServiceExt, service_fn};
    ///
    /// let strict = SecureOverride::new(Secure::with_default_headers().derive(|b| b.map_xfo(|x| x.deny())).unwrap()).unwrap();
    /// let inner = service_fn(|_req: http::Request<()>| async {
    ///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
    /// });
    /// let mut route = strict.layer(inner);
    /// let future: OverrideFuture<_> = route.ready().await.unwrap().call(http::Request::new(()));
    /// let response = future.await.unwrap();
    /// // Marked, not applied: the enclosing `Secure` layer applies it.
    /// assert!(response.extensions().get::<SecureOverride>().is_some());
    /// assert!(response.headers().is_empty());
    /// # });
    /// ```
    pub struct OverrideFuture<F> {
        #[pin]
        future: Option<F>,
        secure: Option<SecureOverride>,
        // Boxed: rare, and the future of every other request stays small.
        early: Option<Box<crate::EarlyResponse>>,
    }
}

super::debug_by_type_name!(OverrideFuture<F>, "future");

impl<F, B, E> Future for OverrideFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
    B: From<&'static str>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if this.early.is_some()
            && let (Some(early), Some(secure)) = (this.early.take(), this.secure.take())
        {
            let body = B::from(early.body());
            return Poll::Ready(Ok(route_answer(*early, &secure, body)));
        }
        let future = this
            .future
            .as_pin_mut()
            .expect("`OverrideFuture` polled after completion");
        let mut response = ready!(future.poll(cx))?;
        if let Some(secure) = this.secure.take() {
            offer_route(response.extensions_mut(), &secure);
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
