//! [`wrap`](super::wrap) and [`wrap_replies`](super::wrap_replies) for each error type a
//! warp filter can have.

use std::convert::Infallible;
use std::future::ready;

use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

use super::ResponseOnly;
use super::inspect::{Inspected, inspect};
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
