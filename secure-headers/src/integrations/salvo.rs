//! [salvo](https://docs.rs/salvo) middleware: `Secure` is a salvo [`Handler`], used as a hoop.
//!
//! # Example
//!
//! ```no_run
//! use salvo::conn::TcpListener;
//! use salvo::prelude::*;
//! use secure_headers::Secure;
//!
//! #[handler]
//! async fn index() -> &'static str {
//!     "hello"
//! }
//!
//! # async fn run() {
//! let router = Router::new().get(index);
//! // On the `Service`, not the `Router`: see below.
//! let service = Service::new(router).hoop(Secure::with_default_headers());
//! let acceptor = TcpListener::new("127.0.0.1:3000").bind().await;
//! Server::new(acceptor).serve(service).await;
//! # }
//! ```
//!
//! # Where to put the hoop
//!
//! Salvo runs a router's hoops only for requests that one of its routes matched: a hoop on
//! the root `Router` never sees the 404 (or 405) salvo produces when nothing matched. Hoops
//! on the [`Service`](salvo::Service) run for every request, so put `Secure` there, with
//! `Service::new(router).hoop(secure)`; every response then gets the headers: handler
//! responses, 404 and 405, extractor rejections, errors a handler returns, `HEAD` and
//! `304`. Error pages that the service's [`Catcher`](salvo::catcher::Catcher) writes after
//! the hoops keep the headers the hoop set. Bodies are not touched, so streams stream
//! through; WebSocket upgrades (`101 Switching Protocols`) are left alone.
//!
//! Salvo 1.x needs Rust 1.95 or newer; the rest of this crate needs less.
//!
//! # What is looked at in the request
//!
//! Before the rest of the chain runs, the hoop calls [`Secure::inspect`] once, with the
//! peer address salvo knows ([`Request::remote_addr`]) and whether the connection is TLS
//! ([`Request::scheme`] is `https` behind salvo's TLS acceptors): whether the request is
//! secure (for [`HstsMode::SecureOnly`]; `Forwarded` / `X-Forwarded-*` count only from a
//! [trusted proxy](crate::SecureBuilder::trusted_proxies)), the HTTPS redirect, the allowed
//! hosts, and a fresh [`CspNonce`] when the policy uses one. A redirect or a refusal
//! is answered by the hoop, with the security headers, and the rest of the chain is
//! skipped: a redirect has no body, a refusal its reason on one line of plain text
//! ([`Refusal::body`](crate::request::Refusal::body)), and is logged once with the
//! request's method and path (`log`, or `tracing` with that feature).
//!
//! # Per-request CSP nonces
//!
//! When the policy uses [`Source::nonce`](crate::csp::Source::nonce), every request gets a
//! fresh [`CspNonce`]: it fills every `'nonce-…'` slot of the enforced and the report-only
//! policy, and the handler finds it in the request's extensions and in the depot
//! (`depot.get_typed::<CspNonce>()`), to put on its inline elements with
//! [`CspNonce::attribute`]:
//!
//! ```
//! # #[cfg(feature = "nonce")] {
//! use salvo::prelude::*;
//! use secure_headers::csp::Source;
//! use secure_headers::{ContentSecurityPolicy, CspNonce, Secure};
//!
//! #[handler]
//! async fn page(depot: &mut Depot, res: &mut Response) {
//!     if let Ok(nonce) = depot.get_typed::<CspNonce>() {
//!         res.render(Text::Html(format!("<script {}>start()</script>", nonce.attribute())));
//!     }
//! }
//!
//! let secure = Secure::builder()
//!     .csp(ContentSecurityPolicy::new().script_src([Source::SELF, Source::nonce()]))
//!     .build()
//!     .unwrap();
//! let service = Service::new(Router::new().get(page)).hoop(secure);
//! # }
//! ```
//!
//! # Report collector
//!
//! With the `reporting` feature, a [`ReportCollector`] is a
//! salvo [`Handler`]: mount it with `Router::goal` (see its implementation of [`Handler`]
//! below).
//!
//! # Per-route and per-response overrides
//!
//! Give a router (a route and everything under it) a different header set with
//! [`SecureOverride`] as a hoop on that router, or attach one to a single response from the
//! handler by putting it in the response's extensions (`res.extensions.insert(..)`). An
//! override set by the handler wins over the router's. See [`SecureOverride`]. A router's
//! override with cross-origin protection, allowed hosts or an HTTPS redirect runs those
//! checks for its requests, after the application's hoop, and answers a refusal exactly
//! as that hoop does.
//!
//! ```no_run
//! use salvo::prelude::*;
//! use secure_headers::{Secure, SecureOverride};
//!
//! #[handler]
//! async fn widget() -> &'static str {
//!     "framable"
//! }
//!
//! struct Report(SecureOverride);
//!
//! #[salvo::async_trait]
//! impl Handler for Report {
//!     async fn handle(&self, _: &mut Request, _: &mut Depot, res: &mut Response, _: &mut FlowCtrl) {
//!         res.extensions.insert(self.0.clone());
//!         res.render("one response");
//!     }
//! }
//!
//! let base = Secure::with_default_headers();
//! let embeddable = base.derive(|b| b.without("X-Frame-Options")).unwrap();
//! let report = SecureOverride::new(base.derive(|b| b.map_xfo(|x| x.deny())).unwrap()).unwrap();
//!
//! let router = Router::new()
//!     .push(Router::with_path("widget").hoop(SecureOverride::new(embeddable).unwrap()).get(widget))
//!     .push(Router::with_path("report").get(Report(report)));
//! let service = Service::new(router).hoop(base);
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

use salvo::http::StatusCode;
use salvo::http::uri::Scheme;
use salvo::{Depot, FlowCtrl, Handler, Request, Response, async_trait};

use super::parts::early_parts;
use crate::request::{LazyHttpRequest, offer_route, route_answer};
use crate::{Secure, SecureOverride};

#[async_trait]
impl Handler for Secure {
    /// Inspects the request (see the [module](self) docs), runs the rest of the chain, then
    /// applies the headers to the response. A redirect or a refused host is answered here,
    /// and the rest of the chain is skipped.
    // Inlined: salvo calls the hoop through `dyn Handler`, so without this the hoop would
    // be compiled here, not in the application's crate, and `finish` (generic) with it.
    #[inline]
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        ctrl: &mut FlowCtrl,
    ) {
        let context = match self.inspect(&view(req)) {
            Ok(context) => context,
            Err(early) => {
                let (status, headers, body) = early_parts(early, self);
                res.status_code(status);
                res.headers_mut().extend(headers);
                if !body.is_empty() {
                    res.body(body);
                }
                ctrl.skip_rest();
                return;
            }
        };
        if let Some(nonce) = context.nonce() {
            req.extensions_mut().insert(*nonce);
            depot.insert_typed(*nonce);
        }
        ctrl.call_next(req, depot, res).await;
        finish(
            self,
            res,
            // Salvo fills in `200 OK` for a response nobody gave a status.
            |r| r.status_code.unwrap_or(StatusCode::OK),
            |r| &mut r.headers,
            |r| &mut r.extensions,
            &context,
        );
    }
}

/// After the rest of the chain: the headers, by [`Secure::apply_to_parts`], for a
/// response reached through `status`, `headers` and `extensions`.
///
/// Not inlined, and generic (the closures are the hoop's own), so that its one copy is
/// made in the application's crate, where the hoop is inlined, as a function of its own:
/// the compiler then inlines `http`'s insert (with its hash) into its apply loop. Not
/// generic, it is compiled in this crate, where that insert stays a call per header;
/// inlined into the hoop, the loop shares `http`'s insert with the application's own
/// inserts, and both keep it out of line.
#[inline(never)]
fn finish<R: ?Sized>(
    secure: &Secure,
    res: &mut R,
    status: impl FnOnce(&R) -> StatusCode,
    headers: impl FnOnce(&mut R) -> &mut http::HeaderMap,
    extensions: impl FnOnce(&mut R) -> &mut http::Extensions,
    context: &crate::request::RequestContext,
) {
    let status = status(res);
    secure.apply_to_parts(status, res, headers, extensions, context);
}

/// The request as [`Secure::inspect`] sees it: the peer address and the scheme are looked
/// up only if asked.
fn view(req: &Request) -> impl crate::request::RequestView + '_ {
    LazyHttpRequest::new(
        req.method(),
        req.uri(),
        req.headers(),
        || req.remote_addr().ip(),
        || *req.scheme() == Scheme::HTTPS,
    )
}

#[async_trait]
impl Handler for SecureOverride {
    /// Runs the override's request-side checks ([`SecureOverride::inspect`]): a refusal (or
    /// a redirect) is answered here, as the [`Secure`] hoop answers its own, and the rest
    /// of the chain is skipped. Else runs the rest of the chain, then marks the response
    /// with the override (unless the handler attached its own), for the enclosing
    /// [`Secure`] hoop to apply.
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        ctrl: &mut FlowCtrl,
    ) {
        if let Err(early) = self.inspect(&view(req)) {
            let body = early.body();
            let (parts, body) = route_answer(early, self, body).into_parts();
            res.status_code(parts.status);
            res.headers_mut().extend(parts.headers);
            if !body.is_empty() {
                res.body(body);
            }
            res.extensions.extend(parts.extensions);
            ctrl.skip_rest();
            return;
        }
        ctrl.call_next(req, depot, res).await;
        offer_route(&mut res.extensions, self);
    }
}

/// The report collector as a salvo handler: mount it as a router's goal, for every method
/// (it answers CORS preflights itself).
///
/// ```
/// use salvo::prelude::*;
/// use secure_headers::Secure;
/// use secure_headers::report::ReportCollector;
///
/// let (collector, reports) = ReportCollector::channel(1024);
/// let router = Router::new().push(Router::with_path("csp-reports").goal(collector));
/// let service = Service::new(router).hoop(Secure::with_default_headers());
/// # drop(reports);
/// ```
///
/// It decides from the request head first ([`ReportCollector::admit`]), then reads at most
/// [`ReportCollector::body_limit`] bytes of the body it takes from the request: `204` for
/// accepted reports and preflights, `413` for a body over the limit (without reading the
/// rest), `415` for another content type, `400` for malformed JSON, `405` for another
/// method. See [`crate::report`].
///
/// [`ReportCollector::admit`]: crate::report::ReportCollector::admit
/// [`ReportCollector::body_limit`]: crate::report::ReportCollector::body_limit
#[cfg(feature = "reporting")]
#[cfg_attr(docsrs, doc(cfg(feature = "reporting")))]
#[async_trait]
impl Handler for crate::report::ReportCollector {
    async fn handle(
        &self,
        req: &mut Request,
        _depot: &mut Depot,
        res: &mut Response,
        _ctrl: &mut FlowCtrl,
    ) {
        let body = req.take_body();
        let status = crate::report::collect_report(self, req.method(), req.headers(), body).await;
        res.status_code(status);
        res.headers_mut().extend(self.response_headers());
    }
}
