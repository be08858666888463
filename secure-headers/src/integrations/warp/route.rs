//! A route's override in warp: its request-side checks before the route's filter, its
//! mark on the reply, and a route's refusal under [`wrap_replies`](super::wrap_replies).

use std::convert::Infallible;
use std::future::ready;

use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

use super::ResponseOnly;
use super::inspect::{View, view};
use crate::request::{Pending, offer_route, route_answer};
use crate::{EarlyResponse, Secure, SecureOverride};

/// The reply with the headers, the request's method given (a filter that never
/// rejects: a route override in it answers its refusal itself).
pub(super) fn replies_answering<F, R>(
    filter: F,
    secure: ResponseOnly,
) -> impl Filter<Extract = (Response,), Error = Infallible> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,), Error = Infallible> + Clone + Send + Sync + 'static,
    R: Reply,
{
    warp::method()
        .and(filter)
        .map(move |method: http::Method, reply: R| secure.apply(&method, reply))
}

/// [`replies_answering`] for a filter that may reject: a route override's refusal (a
/// rejection) is answered as [`wrap`](super::wrap) answers it; other rejections pass
/// on.
pub(super) fn replies_rejecting<F, R>(
    filter: F,
    secure: ResponseOnly,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,), Error = Rejection> + Clone + Send + Sync + 'static,
    R: Reply,
{
    let early = secure.secure().clone();
    warp::method()
        .and(filter)
        .map(move |method: http::Method, reply: R| secure.apply(&method, reply))
        .recover(move |rejection: Rejection| {
            ready(match rejection.find::<Early>() {
                Some(e) => Ok(e.response(&early)),
                None => Err(rejection),
            })
        })
        .unify()
}

/// The route's reply, marked with its override.
pub(super) fn marked<F, R>(
    filter: F,
    secure: SecureOverride,
) -> impl Filter<Extract = (Response,), Error = F::Error> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,)> + Clone + Send + Sync + 'static,
    R: Reply,
{
    filter.map(move |reply: R| {
        let mut response = reply.into_response();
        offer_route(response.extensions_mut(), &secure);
        response
    })
}

/// A filter that may reject: the override's checks run first, and a request they
/// refuse is a rejection carrying the answer ([`Early`]), so that the other routes of
/// an `or` are still tried; [`wrap`](super::wrap) answers it if none does.
pub(super) fn route_rejecting<F, R>(
    filter: F,
    secure: SecureOverride,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,), Error = Rejection> + Clone + Send + Sync + 'static,
    R: Reply,
{
    let needs = secure.inspects_request();
    let quick = warp::any().and_then(move || {
        ready(if needs {
            Err(warp::reject::not_found())
        } else {
            Ok(None)
        })
    });
    let route = secure.clone();
    // The refusal is logged when it answers (or, for a report-only one, when the route
    // does): not for a request that another route of an `or` answers.
    let full = view().and_then(move |view: View| {
        let (result, pending) = route.inspect_noting(&view);
        ready(match result {
            Ok(()) => Ok(pending),
            Err(early) => Err(warp::reject::custom(Early::route(early, &route, pending))),
        })
    });
    // When `quick` rejected with "not found", `or` keeps this branch's rejection.
    quick.or(full).unify().and(marked(filter, secure)).map(
        |pending: Option<Pending>, response: Response| {
            if let Some(pending) = pending {
                pending.log();
            }
            response
        },
    )
}

/// A filter that never rejects answers every request that reaches it: a request the
/// override's checks refuse is answered with the refusal, and `filter` does not run.
pub(super) fn route_answering<F, R>(
    filter: F,
    secure: SecureOverride,
) -> impl Filter<Extract = (Response,), Error = Infallible> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,), Error = Infallible> + Clone + Send + Sync + 'static,
    R: Reply,
{
    let needs = secure.inspects_request();
    let route = secure.clone();
    let refusal = warp::any()
        .and_then(move || {
            ready(if needs {
                Ok(())
            } else {
                Err(warp::reject::not_found())
            })
        })
        .untuple_one()
        .and(view())
        .and_then(move |view: View| {
            ready(match route.inspect(&view) {
                Ok(()) => Err(warp::reject::not_found()),
                Err(early) => Ok(Early::route(early, &route, None).bare()),
            })
        });
    refusal.or(marked(filter, secure)).unify()
}

/// An early answer (an HTTPS redirect or a refusal), carried as a rejection from the
/// inspection past `filter` to the `recover` inside [`wrap`](super::wrap); `route` is the override whose
/// checks gave it, if a route's.
pub(super) struct Early {
    early: EarlyResponse,
    route: Option<SecureOverride>,
    /// The route's refusal, logged when it answers.
    pending: Option<Pending>,
}

impl warp::reject::Reject for Early {}

/// Only what the answer is: a rejection's `Debug` may reach a response body (warp's
/// default answer to an unhandled rejection), which must not echo the request.
impl std::fmt::Debug for Early {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Early")
            .field("status", &self.early.status())
            .field("refusal", &self.early.refusal())
            .finish_non_exhaustive()
    }
}

impl Early {
    /// The application's answer.
    pub(super) fn new(early: EarlyResponse) -> Self {
        Self {
            early,
            route: None,
            pending: None,
        }
    }

    /// A route's answer, with its refusal not logged yet (`pending`).
    pub(super) fn route(
        early: EarlyResponse,
        route: &SecureOverride,
        pending: Option<Pending>,
    ) -> Self {
        Self {
            early,
            route: Some(route.clone()),
            pending,
        }
    }

    /// The answer with `secure`'s headers (the route's, for a route's answer).
    pub(super) fn response(&self, secure: &Secure) -> Response {
        if let Some(pending) = &self.pending {
            pending.log();
        }
        let mut response = self.bare();
        secure.apply_to_response_with(&mut response, &self.early.context());
        response
    }

    /// The answer without the headers, marked with the route's override if a route's.
    pub(super) fn bare(&self) -> Response {
        let body = self.early.body();
        let response = match &self.route {
            Some(route) => route_answer(self.early.clone(), route, body),
            None => self.early.clone().into_bare_response(body),
        };
        response.map(Into::into)
    }
}
