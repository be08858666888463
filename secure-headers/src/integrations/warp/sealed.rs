//! [`wrap`](super::wrap) and [`wrap_replies`](super::wrap_replies) for each error type a
//! warp filter can have.

use std::convert::Infallible;
use std::future::ready;

use warp::filters::BoxedFilter;
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

/// `$filter` with `$secure`'s headers on its replies, by the one of the two paths that
/// `$secure` needs, chosen once, when the filter is built: a `Secure` that reads more of
/// the request than its method is [`inspect`]ed before `$filter` runs (an early answer is
/// a rejection carrying [`Early`]); any other takes the path of
/// [`wrap_replies`](super::wrap_replies), the method, `$filter`, the headers, with no
/// inspection. Both are boxed into one type. (A macro: warp does not export the trait
/// that combines the error types of an `and`'s two filters, to write it for both.)
///
/// Chosen per request instead (warp's `or`, its only runtime branch, over a gate that
/// refers a `Secure` that reads the request to the other branch), the choice cost more
/// than the box's allocation: `or` clones its second branch into every request's future
/// (an atomic reference count), and its larger future is moved on each poll. Every
/// `Secure`-holding callback is cloned into each request's future too (`Map` and
/// `AndThen` clone theirs), so each path holds the `Secure` in its last `map` only, and
/// the `recover` around the box holds none.
macro_rules! chosen {
    ($filter:expr, $secure:expr) => {{
        let (filter, secure) = ($filter, $secure);
        let chosen: BoxedFilter<(Response,)> = if reads_request(&secure) {
            let apply = secure.clone();
            inspect(secure)
                .and(filter)
                .map(move |inspected: Inspected, reply: R| inspected.apply(&apply, reply))
                .boxed()
        } else {
            warp::method()
                .and(filter)
                .map(move |method: http::Method, reply: R| respond(&secure, &method, reply))
                .boxed()
        };
        chosen
    }};
}

/// [`Sealed::wrap`] for a filter that may reject: the request is inspected once (if
/// `secure` reads it), the reply of `filter` gets the headers, an early answer (an HTTPS
/// redirect or a refused host) is sent in place of `filter`'s reply, and `filter`'s own
/// rejections pass on.
fn wrap_rejecting<F, R>(
    filter: F,
    secure: Secure,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,), Error = Rejection> + Clone + Send + Sync + 'static,
    R: Reply,
{
    chosen!(filter, secure).recover(answer_early).unify()
}

/// [`Sealed::wrap`] for a filter that never rejects: as [`wrap_rejecting`]; its only
/// rejection is an early answer, and anything else is a `500`.
fn wrap_answering<F, R>(
    filter: F,
    secure: Secure,
) -> impl Filter<Extract = (Response,), Error = Infallible> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,), Error = Infallible> + Clone + Send + Sync + 'static,
    R: Reply,
{
    chosen!(filter, secure)
        .recover(|rejection: Rejection| {
            ready(Ok::<_, Infallible>(match rejection.find::<Early>() {
                Some(e) => e.response(),
                None => internal_error(),
            }))
        })
        .unify()
}

/// A filter that never rejects has no rejection but the early answer, handled before
/// this: anything else is answered `500 Internal Server Error`, without headers (the
/// `recover` holds no `Secure`: it is cloned into every request's future).
fn internal_error() -> Response {
    warp::reply::with_status(warp::reply(), http::StatusCode::INTERNAL_SERVER_ERROR).into_response()
}
