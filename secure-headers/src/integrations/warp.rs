//! [warp](https://docs.rs/warp) filter wrappers: [`wrap`] makes every reply of a filter
//! carry a `Secure`'s headers; use it directly or through warp's
//! [`wrap_fn`](warp::wrap_fn) and [`Filter::with`].
//!
//! # Example
//!
//! ```no_run
//! use secure_headers::Secure;
//! use warp::Filter;
//!
//! # async fn run() {
//! let secure = Secure::with_default_headers();
//! let routes = warp::path::end()
//!     .map(|| "hello")
//!     .with(warp::wrap_fn(move |f| secure_headers::warp::wrap(f, secure.clone())));
//! warp::serve(routes).run(([127, 0, 0, 1], 3030)).await;
//! # }
//! ```
//!
//! Every reply of the wrapped filter gets the headers: handler replies, `HEAD`, `304`, and
//! error statuses a handler replies with. Bodies are not touched, so streams stream
//! through; WebSocket upgrades (`101 Switching Protocols`) are left alone.
//!
//! # Rejections: put `recover` inside
//!
//! A request that no filter accepted is a warp [`Rejection`](warp::Rejection), not a reply,
//! and a rejection that reaches the server is turned into warp's default response (404,
//! 405, 400 for a body that does not parse, ...) after every filter has run: no filter can
//! add headers to it. Turn rejections into replies with your own `recover` handler, and
//! wrap the recovered filter, so that [`wrap`] comes after (outside) `.recover(..)`:
//!
//! ```no_run
//! use secure_headers::Secure;
//! use std::convert::Infallible;
//! use warp::http::StatusCode;
//! use warp::{Filter, Rejection, Reply};
//!
//! async fn handle_rejection(err: Rejection) -> Result<impl Reply, Infallible> {
//!     let status = if err.is_not_found() {
//!         StatusCode::NOT_FOUND
//!     } else if err.find::<warp::filters::body::BodyDeserializeError>().is_some() {
//!         StatusCode::BAD_REQUEST
//!     } else {
//!         StatusCode::INTERNAL_SERVER_ERROR
//!     };
//!     Ok(warp::reply::with_status(status.canonical_reason().unwrap_or(""), status))
//! }
//!
//! let routes = warp::path("hello")
//!     .map(|| "hello")
//!     .recover(handle_rejection); // rejections become replies here...
//! let routes = secure_headers::warp::wrap(routes, Secure::with_default_headers()); // ...and get the headers here
//! ```
//!
//! [`wrap`] itself never recovers a rejection, so a wrapped filter still composes with
//! [`Filter::or`] as before. To cover warp's default rejection responses as they are,
//! serve `warp::service(routes)` through the `tower` feature's layer instead.
//!
//! # Per-route and per-response overrides
//!
//! Give a route a different header set with [`wrap_override`] on it, or attach a
//! [`SecureOverride`] to a single reply from the handler by putting it in the response's
//! extensions (`response.extensions_mut().insert(..)` on the reply's
//! [`into_response`](warp::Reply::into_response)). An override set by the handler wins over
//! the route's. See [`SecureOverride`].
//!
//! ```no_run
//! use secure_headers::warp::{wrap, wrap_override};
//! use secure_headers::{Secure, SecureOverride};
//! use warp::{Filter, Reply};
//!
//! let base = Secure::with_default_headers();
//! let embeddable = SecureOverride::new(base.derive(|b| b.without("X-Frame-Options")).unwrap());
//! let report = SecureOverride::new(base.derive(|b| b.map_xfo(|x| x.deny())).unwrap());
//!
//! let widget = wrap_override(warp::path("widget").map(|| "framable"), embeddable);
//! let one = warp::path("report").map(move || {
//!     let mut response = "one response".into_response();
//!     response.extensions_mut().insert(report.clone());
//!     response
//! });
//! let routes = wrap(widget.or(one), base);
//! ```

use warp::reply::Response;
use warp::{Filter, Reply};

use crate::{Secure, SecureOverride};

/// Wraps `filter` so that every reply it produces carries `secure`'s headers (or those of a
/// [`SecureOverride`] the reply or its route carries). Rejections pass through untouched:
/// see the [module](self) docs for where to put `recover`.
///
/// The wrapped filter extracts a [`Response`] and rejects exactly when `filter` rejects.
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
    R: Reply,
{
    filter.map(move |reply: R| {
        let mut response = reply.into_response();
        secure.apply_to_response(&mut response);
        response
    })
}

/// Wraps `filter` so that every reply it produces (that the handler did not mark itself) is
/// marked with `secure`, for the enclosing [`wrap`] to apply instead of its own headers:
/// a different header set for one route.
///
/// ```
/// use secure_headers::warp::{wrap, wrap_override};
/// use secure_headers::{Secure, SecureOverride};
/// use warp::Filter;
///
/// let base = Secure::with_default_headers();
/// let framable = SecureOverride::new(base.derive(|b| b.without("X-Frame-Options")).unwrap());
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
    R: Reply,
{
    filter.map(move |reply: R| {
        let mut response = reply.into_response();
        let ext = response.extensions_mut();
        if ext.get::<SecureOverride>().is_none() {
            ext.insert(secure.clone());
        }
        response
    })
}

#[cfg(test)]
mod tests {
    use warp::http::StatusCode;

    use super::*;

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn route_override_yields_to_the_replys_own() {
        let base = Secure::with_default_headers();
        let filter = warp::any().map(|| {
            let mut r = "x".into_response();
            r.extensions_mut().insert(SecureOverride::none());
            r
        });
        let filter = wrap(
            wrap_override(filter, SecureOverride::new(base.clone())),
            base,
        );
        let resp = block_on(warp::test::request().reply(&filter));
        assert_eq!(resp.headers().get("x-frame-options"), None);
    }

    /// What the module docs promise for warp's default rejection responses: served as a
    /// service through the tower layer, they get the headers too.
    #[cfg(feature = "tower")]
    #[test]
    fn default_rejections_through_the_tower_layer() {
        use tower::{Layer, ServiceExt};

        let routes = warp::path("a").map(|| "a");
        let service = Secure::with_default_headers().layer(warp::service(routes));
        let request = http::Request::builder()
            .uri("/nope")
            .body(String::new())
            .unwrap();
        let resp = block_on(service.oneshot(request)).unwrap();
        assert_eq!(resp.status(), StatusCode::NOT_FOUND);
        assert_eq!(resp.headers()["x-frame-options"], "SAMEORIGIN");
    }
}
