//! [`wrap`](super::wrap) and [`wrap_replies`](super::wrap_replies) for each error type a
//! warp filter can have.

use std::convert::Infallible;
use std::future::ready;

use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

use super::ResponseOnly;
use super::inspect::{Inspected, inspect};
use super::replies::{reads_request, respond};
use super::route::{
    Early, answer_early, replies_answering, replies_rejecting, route_answering, route_rejecting,
};
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
    let apply = secure.clone();
    inspect(secure)
        .and(filter)
        .map(move |inspected: Inspected, reply: R| inspected.apply(&apply, reply))
        .recover(answer_early)
        .unify()
}

/// [`Sealed::wrap`] for a filter that never rejects: as [`wrap_rejecting`], but the choice
/// between reading the request and not is made around the whole, so that a `Secure` that
/// reads nothing but the method (the usual one) takes the path of
/// [`wrap_replies`](super::wrap_replies): the method, `filter`, the headers, with no
/// inspection and nothing to recover. (`filter` runs in one branch only: it never rejects,
/// so `or` tries the second branch only when the first one refers the request to it.)
///
/// Every `Secure`-holding callback is cloned into each request's future, an atomic
/// reference count each (`Map`, `AndThen` and `Recover` clone their callback, `or` its
/// second branch), so the first branch holds the `Secure` in its last `map` only (its
/// gate holds a `bool`), and the second one, which `or` clones for every request, taken
/// or not, is boxed but for its `recover`, which holds nothing: one reference count, for
/// an allocation on the requests that take it (which inspect the request).
fn wrap_answering<F, R>(
    filter: F,
    secure: Secure,
) -> impl Filter<Extract = (Response,), Error = Infallible> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,), Error = Infallible> + Clone + Send + Sync + 'static,
    R: Reply,
{
    let method_only = !reads_request(&secure);
    let apply = secure.clone();
    let replies = warp::method()
        .and_then(move |method: http::Method| {
            ready(if method_only {
                Ok(method)
            } else {
                Err(warp::reject::not_found())
            })
        })
        .and(filter.clone())
        .map(move |method: http::Method, reply: R| respond(&apply, &method, reply));
    let apply = secure.clone();
    let inspected = inspect(secure)
        .and(filter)
        .map(move |inspected: Inspected, reply: R| inspected.apply(&apply, reply))
        .boxed()
        .recover(|rejection: Rejection| {
            ready(Ok::<_, Infallible>(match rejection.find::<Early>() {
                Some(e) => e.response(),
                None => internal_error(),
            }))
        })
        .unify();
    replies.or(inspected).unify()
}

/// A filter that never rejects has no rejection but the early answer, handled before
/// this: anything else is answered `500 Internal Server Error`, without headers (the
/// `recover` holds no `Secure`: it is cloned into every request's future).
fn internal_error() -> Response {
    warp::reply::with_status(warp::reply(), http::StatusCode::INTERNAL_SERVER_ERROR).into_response()
}
