//! A route's override in warp: its request-side checks before the route's filter, its
//! mark on the reply, and a route's refusal under [`wrap_replies`](super::wrap_replies).

use std::convert::Infallible;
use std::future::{Ready, ready};

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
    warp::method()
        .and(filter)
        .map(move |method: http::Method, reply: R| secure.apply(&method, reply))
        .recover(answer_early)
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

/// The answer of an [`Early`] rejection, with the headers of the `Secure` or route whose
/// checks gave it; any other rejection passes on. Holds nothing: warp clones a
/// `recover`'s callback into every request's future, and a `Secure` there would cost a
/// reference count on every request for the few answered early.
pub(super) fn answer_early(rejection: Rejection) -> Ready<Result<Response, Rejection>> {
    ready(match rejection.find::<Early>() {
        Some(e) => Ok(e.response()),
        None => Err(rejection),
    })
}

/// An early answer (an HTTPS redirect or a refusal), carried as a rejection from the
/// inspection past `filter` to the `recover` of [`wrap`](super::wrap) (or of
/// [`wrap_replies`](super::wrap_replies)), with whose checks gave it.
pub(super) struct Early {
    early: EarlyResponse,
    by: By,
    /// The route's refusal, logged when it answers.
    pending: Option<Pending>,
}

/// Whose checks gave an [`Early`] answer: its headers are theirs.
enum By {
    /// The `Secure` of [`wrap`](super::wrap).
    App(Secure),
    /// A route's override (the answer is marked with it).
    Route(SecureOverride),
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
    /// The answer of `secure`'s checks.
    pub(super) fn new(early: EarlyResponse, secure: &Secure) -> Self {
        Self {
            early,
            by: By::App(secure.clone()),
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
            by: By::Route(route.clone()),
            pending,
        }
    }

    /// The answer with the headers of whose checks gave it (a route's answer is marked
    /// with its override, which applying any `Secure` then applies).
    pub(super) fn response(&self) -> Response {
        if let Some(pending) = &self.pending {
            pending.log();
        }
        let mut response = self.bare();
        let secure = match &self.by {
            By::App(secure) => secure,
            By::Route(route) => route.secure(),
        };
        secure.apply_to_response_with(&mut response, &self.early.context());
        response
    }

    /// The answer without the headers, marked with the route's override if a route's.
    pub(super) fn bare(&self) -> Response {
        let body = self.early.body();
        let response = match &self.by {
            By::Route(route) => route_answer(self.early.clone(), route, body),
            By::App(_) => self.early.clone().into_bare_response(body),
        };
        response.map(Into::into)
    }
}
