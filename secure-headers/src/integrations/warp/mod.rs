#![doc = include_str!("../../docs/warp.md")]
#![doc = ""]
#![cfg_attr(feature = "reporting", doc = "[`report_collector`]: report_collector")]
#![cfg_attr(
    not(feature = "reporting"),
    doc = "[`report_collector`]: crate#feature-flags"
)]
#![cfg_attr(
    feature = "reporting",
    doc = "[`ReportCollector`]: crate::report::ReportCollector"
)]
#![cfg_attr(
    not(feature = "reporting"),
    doc = "[`ReportCollector`]: crate#feature-flags"
)]

use std::convert::Infallible;

use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

use crate::{Secure, SecureOverride};

mod inspect;
mod nonce;
mod replies;
#[cfg(feature = "reporting")]
mod report;
mod route;
mod sealed;

pub(crate) use nonce::Nonces;
pub use nonce::nonce;
pub use replies::{InspectsRequest, ResponseOnly, wrap_replies};
#[cfg(feature = "reporting")]
pub use report::report_collector;

/// Wraps `filter` so that every request is inspected before it (see the [module](self)
/// docs) and every reply it produces carries `secure`'s headers (or those of a
/// [`SecureOverride`] the reply or its route carries). Rejections pass through untouched:
/// see the [module](self) docs for where to put `recover`.
///
/// The wrapped filter extracts a [`Response`] and rejects exactly when `filter` rejects:
/// an HTTPS redirect or the refusal of a host is a reply, sent without running `filter`.
/// Use it directly, or inside [`warp::wrap_fn`] to chain it with [`Filter::with`]:
///
/// ```
/// use secure_headers::Secure;
/// use secure_headers::warp::wrap;
/// use warp::Filter;
///
/// let secure = Secure::with_default_headers();
/// let hello = wrap(warp::path("hello").map(|| "hello"), secure.clone());
/// let bye = warp::path("bye")
///     .map(|| "bye")
///     .with(warp::wrap_fn(move |f| wrap(f, secure.clone())));
/// ```
pub fn wrap<F, R>(
    filter: F,
    secure: Secure,
) -> impl Filter<Extract = (Response,), Error = F::Error> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,)> + Clone + Send + Sync + 'static,
    F::Error: FilterError,
    R: Reply,
{
    <F::Error as sealed::Sealed>::wrap(filter, secure)
}

/// The error type of a filter that [`wrap`] accepts: [`Rejection`], or [`Infallible`] for
/// a filter that recovers its rejections (every warp filter has one of the two). The
/// wrapped filter has the same error type.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use std::convert::Infallible;
///
/// use secure_headers::Secure;
/// use secure_headers::warp::wrap;
/// use warp::{Filter, Rejection, Reply};
///
/// let secure = Secure::with_default_headers();
/// // A filter that may reject (the path does not match): the wrapped one rejects too.
/// let route = wrap(warp::path("hello").map(|| "hello"), secure.clone());
/// let missed = warp::test::request().path("/other").filter(&route).await;
/// assert!(missed.is_err());
/// // A filter that recovered its rejections (error type `Infallible`): every reply,
/// // the 404 included, gets the headers.
/// let recovered = warp::path("hello")
///     .map(|| "hello".into_response())
///     .recover(|_: Rejection| async {
///         Ok::<_, Infallible>(warp::http::StatusCode::NOT_FOUND.into_response())
///     })
///     .unify();
/// let app = wrap(recovered, secure);
/// let response = warp::test::request().path("/other").reply(&app).await;
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["x-content-type-options"], "nosniff");
/// # });
/// ```
pub trait FilterError: sealed::Sealed {}

impl FilterError for Rejection {}

impl FilterError for Infallible {}

/// Wraps `filter` so that every reply it produces (that the handler did not mark itself) is
/// marked with `secure`, for the enclosing [`wrap`] to apply instead of its own headers:
/// a different header set for one route.
///
/// An override with cross-origin protection, allowed hosts or an HTTPS redirect runs those
/// checks first, for every request that reaches the wrapped filter, before `filter` runs
/// ([`SecureOverride::inspect`]). For a filter that may reject, a refused request is a
/// rejection: the other routes of an `or` are still tried, and [`wrap`] answers the
/// refusal (exactly as it answers its own, with the override's headers) when none of them
/// answers. Put the path filters outside, `warp::path("admin").and(wrap_override(rest,
/// admin))`, so that only the route's requests reach the checks. A filter that never
/// rejects (its rejections recovered) answers the refusal itself.
///
/// ```
/// use secure_headers::warp::{wrap, wrap_override};
/// use secure_headers::{Secure, SecureOverride};
/// use warp::Filter;
///
/// let base = Secure::with_default_headers();
/// let framable = SecureOverride::new(base.derive(|b| b.without("X-Frame-Options")).unwrap()).unwrap();
/// let widget = warp::path("widget")
///     .map(|| "framable")
///     .with(warp::wrap_fn(move |f| wrap_override(f, framable.clone())));
/// let routes = wrap(widget.or(warp::path("page").map(|| "page")), base);
/// ```
pub fn wrap_override<F, R>(
    filter: F,
    secure: SecureOverride,
) -> impl Filter<Extract = (Response,), Error = F::Error> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,)> + Clone + Send + Sync + 'static,
    F::Error: FilterError,
    R: Reply,
{
    <F::Error as sealed::Sealed>::wrap_override(filter, secure)
}

#[cfg(test)]
mod tests;
