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
//! # Per-route and per-response overrides
//!
//! Give a router (a route and everything under it) a different header set with
//! [`SecureOverride`] as a hoop on that router, or attach one to a single response from the
//! handler by putting it in the response's extensions (`res.extensions.insert(..)`). An
//! override set by the handler wins over the router's. See [`SecureOverride`].
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
//! let report = SecureOverride::new(base.derive(|b| b.map_xfo(|x| x.deny())).unwrap());
//!
//! let router = Router::new()
//!     .push(Router::with_path("widget").hoop(SecureOverride::new(embeddable)).get(widget))
//!     .push(Router::with_path("report").get(Report(report)));
//! let service = Service::new(router).hoop(base);
//! ```

use salvo::http::StatusCode;
use salvo::{Depot, FlowCtrl, Handler, Request, Response, async_trait};

use crate::parts::{apply_to_parts, mark};
use crate::{Secure, SecureOverride};

#[async_trait]
impl Handler for Secure {
    /// Runs the rest of the chain, then applies the headers to the response.
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        ctrl: &mut FlowCtrl,
    ) {
        ctrl.call_next(req, depot, res).await;
        // Salvo fills in `200 OK` for a response nobody gave a status.
        let status = res.status_code.unwrap_or(StatusCode::OK);
        apply_to_parts(self, status, &mut res.headers, &mut res.extensions);
    }
}

#[async_trait]
impl Handler for SecureOverride {
    /// Runs the rest of the chain, then marks the response with the override (unless the
    /// handler attached its own), for the enclosing [`Secure`] hoop to apply.
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        ctrl: &mut FlowCtrl,
    ) {
        ctrl.call_next(req, depot, res).await;
        mark(&mut res.extensions, self);
    }
}
