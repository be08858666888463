//! [`wrap`](super::wrap) and [`wrap_replies`](super::wrap_replies) for each error type a
//! warp filter can have.

use std::convert::Infallible;
use std::future::ready;

use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

use super::ResponseOnly;
use super::inspect::{Early, Inspected, View, inspect, view};
use crate::request::{Pending, offer_route};
use crate::{Secure, SecureOverride};

/// The signature of [`Sealed::wrap`], written once for the trait and its two
/// implementations: `$body` is `;` or the body, which names the parameters
/// `$filter` and `$secure`.
macro_rules! wrap_fn {
    ($filter:ident, $secure:ident, $($body:tt)*) => {
        fn wrap<F, R>(
            $filter: F,
            $secure: Secure,
        ) -> impl Filter<Extract = (Response,), Error = Self> + Clone + Send + Sync + 'static
        where
            F: Filter<Extract = (R,), Error = Self> + Clone + Send + Sync + 'static,
            R: Reply
        $($body)*
    };
}

pub trait Sealed: Sized {
    wrap_fn!(filter, secure, ;);

    /// [`wrap_replies`](super::wrap_replies) for this error type.
    fn wrap_replies<F, R>(
        filter: F,
        secure: ResponseOnly,
    ) -> impl Filter<Extract = (Response,), Error = Self> + Clone + Send + Sync + 'static
    where
        F: Filter<Extract = (R,), Error = Self> + Clone + Send + Sync + 'static,
        R: Reply;

    /// [`wrap_override`](super::wrap_override) for this error type.
    fn wrap_override<F, R>(
        filter: F,
        secure: SecureOverride,
    ) -> impl Filter<Extract = (Response,), Error = Self> + Clone + Send + Sync + 'static
    where
        F: Filter<Extract = (R,), Error = Self> + Clone + Send + Sync + 'static,
        R: Reply;
}

/// Writes [`Sealed::wrap`] for the error type `$error`: the request is inspected once,
/// the reply of `filter` gets the headers, an early answer (an HTTPS redirect or a
/// refused host) is sent in place of `filter`'s reply, and any other rejection is
/// answered by `$unmatched`. (Written out per type because warp does not export the
/// trait that combines the two error types.)
macro_rules! wrap_for {
    ($error:ty, $unmatched:path, $replies:path, $route:path) => {
        impl Sealed for $error {
            wrap_fn!(filter, secure, {
                let apply = secure;
                let early = apply.clone();
                inspect(apply.clone())
                    .and(filter)
                    .map(move |inspected: Inspected, reply: R| inspected.apply(&apply, reply))
                    .recover(move |rejection: Rejection| {
                        ready(match rejection.find::<Early>() {
                            Some(e) => Ok(e.response(&early)),
                            None => $unmatched(rejection, &early),
                        })
                    })
                    .unify()
            });

            fn wrap_replies<F, R>(
                filter: F,
                secure: ResponseOnly,
            ) -> impl Filter<Extract = (Response,), Error = Self> + Clone + Send + Sync + 'static
            where
                F: Filter<Extract = (R,), Error = Self> + Clone + Send + Sync + 'static,
                R: Reply,
            {
                $replies(filter, secure)
            }

            fn wrap_override<F, R>(
                filter: F,
                secure: SecureOverride,
            ) -> impl Filter<Extract = (Response,), Error = Self> + Clone + Send + Sync + 'static
            where
                F: Filter<Extract = (R,), Error = Self> + Clone + Send + Sync + 'static,
                R: Reply,
            {
                $route(filter, secure)
            }
        }
    };
}

wrap_for!(Rejection, pass_on, replies_rejecting, route_rejecting);
wrap_for!(
    Infallible,
    internal_error,
    replies_answering,
    route_answering
);

/// The reply with the headers, the request's method given (a filter that never
/// rejects: a route override in it answers its refusal itself).
fn replies_answering<F, R>(
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
fn replies_rejecting<F, R>(
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
fn marked<F, R>(
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
fn route_rejecting<F, R>(
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
fn route_answering<F, R>(
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

/// A filter that can reject passes its own rejections on.
fn pass_on(rejection: Rejection, _: &Secure) -> Result<Response, Rejection> {
    Err(rejection)
}

/// A filter that never rejects has no rejection but the early answer, handled before
/// this: anything else is answered `500 Internal Server Error`, with the headers.
#[expect(clippy::unnecessary_wraps, reason = "the shape `wrap_for!` calls")]
fn internal_error(_: Rejection, secure: &Secure) -> Result<Response, Infallible> {
    let status = http::StatusCode::INTERNAL_SERVER_ERROR;
    let mut response = warp::reply::with_status(warp::reply(), status).into_response();
    secure.apply_to_response(&mut response);
    Ok(response)
}
