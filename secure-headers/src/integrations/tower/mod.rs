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
//! With the `reporting` feature, a [`ReportCollector`] is a
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
//!
#![cfg_attr(
    feature = "reporting",
    doc = "[`ReportCollector`]: crate::report::ReportCollector"
)]
#![cfg_attr(
    not(feature = "reporting"),
    doc = "[`ReportCollector`]: crate#feature-flags"
)]

#[cfg(doc)]
use tower_layer::Layer;
#[cfg(doc)]
use tower_service::Service;

#[cfg(doc)]
use crate::{Secure, SecureOverride};

mod overrides;
#[cfg(feature = "reporting")]
mod report;
mod service;

pub use overrides::{OverrideFuture, OverrideService};
pub use service::{ResponseFuture, SecureService};
