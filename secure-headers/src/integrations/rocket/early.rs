//! The routes that send an early response (a redirect or a refusal) the request fairing
//! decided on.

use std::borrow::Cow;

use ::rocket::http::{Method, Status};
use ::rocket::route::{Handler, Outcome};
use ::rocket::{Data, Request, Response, Route};

use super::context::marks;
use super::convert::text;
use crate::EarlyResponse;

/// The query segment a request answered early is re-routed with: its path and query stay,
/// so that Rocket's own log shows what the client asked for.
pub(super) const EARLY_QUERY: &str = "secure_headers_early";

/// The routes' URI: any path, with [`EARLY_QUERY`] (no request the fairing has not
/// re-routed reaches the handler: one that has no early answer is forwarded).
const EARLY_ROUTE_URI: &str = "/<_..>?secure_headers_early";

/// The name of the early-response routes.
pub(super) const EARLY_ROUTE: &str = "secure_headers::early";

/// Sends the early response the request fairing recorded.
#[derive(Clone, Copy, Debug)]
struct EarlyHandler;

#[::rocket::async_trait]
impl Handler for EarlyHandler {
    async fn handle<'r>(&self, request: &'r Request<'_>, data: Data<'r>) -> Outcome<'r> {
        let Some(early) = marks(request).early.get() else {
            return Outcome::Forward((data, Status::NotFound));
        };
        Outcome::Success(early_response(early))
    }
}

/// An early answer (a redirect or a refusal) in Rocket's types, without the security
/// headers (the response fairing applies them): the status, `Location` or `Content-Type`,
/// and the body.
#[cold]
pub(super) fn early_response(early: &EarlyResponse) -> Response<'static> {
    let mut response = Response::new();
    response.set_status(Status::new(early.status().as_u16()));
    if let Some(location) = early.location() {
        response.set_raw_header("Location", text(location.as_bytes()));
    }
    if early.refusal().is_some() {
        let body = early.body();
        response.set_raw_header("Content-Type", "text/plain; charset=utf-8");
        response.set_sized_body(body.len(), std::io::Cursor::new(body));
    }
    response
}

/// Every method Rocket routes.
pub(super) const METHODS: [Method; 9] = [
    Method::Get,
    Method::Put,
    Method::Post,
    Method::Delete,
    Method::Options,
    Method::Head,
    Method::Trace,
    Method::Connect,
    Method::Patch,
];

pub(super) fn early_routes() -> Vec<Route> {
    METHODS
        .into_iter()
        .map(|method| {
            let mut route = Route::ranked(isize::MIN, method, EARLY_ROUTE_URI, EarlyHandler);
            route.name = Some(Cow::Borrowed(EARLY_ROUTE));
            route
        })
        .collect()
}
