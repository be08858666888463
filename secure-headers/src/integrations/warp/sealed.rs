//! [`wrap`](super::wrap) and [`wrap_replies`](super::wrap_replies) for each error type a
//! warp filter can have.

use std::convert::Infallible;
use std::future::ready;

use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

use super::ResponseOnly;
use super::inspect::{Inspected, full, inspect, quick};
use super::route::{Early, replies_answering, replies_rejecting, route_answering, route_rejecting};
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

/// Writes [`Sealed`] for the error type `$error`: [`Sealed::wrap`] is `$wrap`. (Written
/// out per type because warp does not export the trait that combines the two error
/// types.)
macro_rules! wrap_for {
    ($error:ty, $wrap:path, $replies:path, $route:path) => {
        impl Sealed for $error {
            wrap_fn!(filter, secure, { $wrap(filter, secure) });

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

wrap_for!(
    Rejection,
    wrap_rejecting,
    replies_rejecting,
    route_rejecting
);
wrap_for!(
    Infallible,
    wrap_answering,
    replies_answering,
    route_answering
);

/// [`Sealed::wrap`] for a filter that may reject: the request is inspected once, the reply
/// of `filter` gets the headers, an early answer (an HTTPS redirect or a refused host) is
/// sent in place of `filter`'s reply, and `filter`'s own rejections pass on.
fn wrap_rejecting<F, R>(
    filter: F,
    secure: Secure,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,), Error = Rejection> + Clone + Send + Sync + 'static,
    R: Reply,
{
    let apply = secure;
    let early = apply.clone();
    inspect(apply.clone())
        .and(filter)
        .map(move |inspected: Inspected, reply: R| inspected.apply(&apply, reply))
        .recover(move |rejection: Rejection| {
            ready(match rejection.find::<Early>() {
                Some(e) => Ok(e.response(&early)),
                None => Err(rejection),
            })
        })
        .unify()
}

/// [`Sealed::wrap`] for a filter that never rejects: as [`wrap_rejecting`], but the choice
/// between the two inspections is made around the whole, so that a `Secure` that reads
/// nothing but the method (the usual one) takes a path with no early answer and nothing
/// to recover: the method, `filter`, the headers. (`filter` runs in one branch only: it
/// never rejects, so `or` tries the second branch only when the first one's inspection
/// refers the request to it.) Any rejection but the early answer (there is none) would be
/// answered `500 Internal Server Error`, with the headers.
fn wrap_answering<F, R>(
    filter: F,
    secure: Secure,
) -> impl Filter<Extract = (Response,), Error = Infallible> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,), Error = Infallible> + Clone + Send + Sync + 'static,
    R: Reply,
{
    let (apply, early) = (secure.clone(), secure.clone());
    let method_only = quick(secure.clone())
        .and(filter.clone())
        .map(move |inspected: Inspected, reply: R| inspected.apply(&apply, reply));
    let apply = secure.clone();
    // Boxed: `or` carries this branch in every request's future (its filter cloned, room
    // for its future), taken or not; boxed, that is one pointer and one reference count,
    // for an allocation on the requests that take it (which copy the request's headers
    // anyway).
    let viewed = full(secure)
        .and(filter)
        .map(move |inspected: Inspected, reply: R| inspected.apply(&apply, reply))
        .boxed()
        .recover(move |rejection: Rejection| {
            ready(match rejection.find::<Early>() {
                Some(e) => Ok(e.response(&early)),
                None => internal_error(&early),
            })
        })
        .unify();
    method_only.or(viewed).unify()
}

/// A filter that never rejects has no rejection but the early answer, handled before
/// this: anything else is answered `500 Internal Server Error`, with the headers.
#[expect(clippy::unnecessary_wraps, reason = "the shape `recover` takes")]
fn internal_error(secure: &Secure) -> Result<Response, Infallible> {
    let status = http::StatusCode::INTERNAL_SERVER_ERROR;
    let mut response = warp::reply::with_status(warp::reply(), status).into_response();
    secure.apply_to_response(&mut response);
    Ok(response)
}
