//! [`wrap_replies`]: the headers on every reply of a filter, for a `Secure` that reads
//! nothing of the request ([`ResponseOnly`]), built on [`Filter::map`] alone.

use std::fmt;

use warp::reply::Response;
use warp::{Filter, Reply};

use super::FilterError;
use crate::Secure;

/// A [`Secure`] that reads nothing of the request but its method: no HTTPS redirect, no
/// allowed hosts, no secure-only HSTS, no cross-origin protection, no per-request nonce
/// (see [`Secure::inspects_request`]). It is what [`wrap_replies`] takes, so that a
/// configuration with a request-side check can never be given to a wrapper that skips
/// the checks: [`ResponseOnly::new`] refuses it.
///
/// ```
/// use secure_headers::Secure;
/// use secure_headers::transport::HttpsRedirect;
/// use secure_headers::warp::ResponseOnly;
///
/// let plain = ResponseOnly::new(Secure::with_default_headers())?;
/// let redirecting = Secure::with_default_headers()
///     .derive(|b| b.https_redirect(HttpsRedirect::new().host("example.com")))?;
/// let refused = ResponseOnly::new(redirecting).unwrap_err();
/// assert!(refused.to_string().contains("use `wrap`"));
/// let _back: Secure = refused.into_secure();
/// # drop(plain);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct ResponseOnly(Secure);

impl ResponseOnly {
    /// `secure`, if it reads nothing of the request but its method.
    ///
    /// # Errors
    ///
    /// [`InspectsRequest`], which gives `secure` back, when it has a request-side check or
    /// makes a nonce per request: such a configuration needs [`wrap`](super::wrap).
    pub fn new(secure: Secure) -> Result<Self, InspectsRequest> {
        if reads_request(&secure) {
            return Err(InspectsRequest(secure));
        }
        Ok(Self(secure))
    }

    /// The `Secure` inside.
    #[must_use]
    pub fn secure(&self) -> &Secure {
        &self.0
    }

    /// The reply as a response with the headers, the request's method given: as
    /// [`wrap`](super::wrap) answers for this `Secure`, a tunnel's success (`CONNECT`) and
    /// a protocol switch (`101`) left alone, a [`SecureOverride`](crate::SecureOverride)
    /// on the reply applied instead.
    pub(super) fn apply<R: Reply>(&self, method: &http::Method, reply: R) -> Response {
        respond(&self.0, method, reply)
    }
}

/// Whether `secure` reads more of the request than its method (a request-side check, or a
/// nonce made per request): what [`ResponseOnly`] refuses, and what makes
/// [`wrap`](super::wrap) inspect the request before its filter runs.
#[inline]
pub(super) fn reads_request(secure: &Secure) -> bool {
    secure.inspects_request() || secure.needs_nonce()
}

/// [`ResponseOnly::apply`] for a `Secure` that [`reads_request`] says reads nothing but the
/// method: the one answer of both entry points for such a `Secure`.
///
/// Not inlined: a function of its own (one per reply type, in the application's crate),
/// its apply loop is the only code next to it that inserts into a header map, so the
/// compiler inlines `http`'s insert (with its hash) into it. Inlined into warp's request
/// future instead, the insert shared that future's code with whatever else the
/// application inserts there and stayed a call per header (about 40 instructions more
/// each).
#[inline(never)]
pub(super) fn respond<R: Reply>(secure: &Secure, method: &http::Method, reply: R) -> Response {
    let mut response = reply.into_response();
    let context = secure
        .request_context()
        .tunnel(method == http::Method::CONNECT);
    secure.apply_to_response_with(&mut response, &context);
    response
}

impl TryFrom<Secure> for ResponseOnly {
    type Error = InspectsRequest;

    fn try_from(secure: Secure) -> Result<Self, InspectsRequest> {
        Self::new(secure)
    }
}

/// The refusal of [`ResponseOnly::new`]: the configuration reads the request, so only
/// [`wrap`](super::wrap) may apply it. Gives the `Secure` back.
#[derive(Clone, Debug)]
pub struct InspectsRequest(Secure);

impl InspectsRequest {
    /// The refused `Secure`, to give to [`wrap`](super::wrap).
    #[must_use]
    pub fn into_secure(self) -> Secure {
        self.0
    }
}

impl fmt::Display for InspectsRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "this configuration reads the request (an HTTPS redirect, allowed hosts, \
             secure-only HSTS, cross-origin protection or a per-request nonce): use `wrap`",
        )
    }
}

impl std::error::Error for InspectsRequest {}

/// Wraps `filter` so that every reply it produces carries `secure`'s headers (or those of
/// a [`SecureOverride`](crate::SecureOverride) on the reply), with the least work warp
/// allows: the request's method, then [`Filter::map`] over the reply. Rejections pass
/// through untouched, as with [`wrap`](super::wrap) (put `recover` inside), except the
/// refusal of a route's [`wrap_override`](super::wrap_override), answered as `wrap` answers
/// it. For a
/// `Secure` that reads the request, use [`wrap`](super::wrap): [`ResponseOnly`] cannot
/// hold one.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use secure_headers::Secure;
/// use secure_headers::warp::{ResponseOnly, wrap_replies};
/// use warp::Filter;
///
/// let secure = ResponseOnly::new(Secure::with_default_headers()).unwrap();
/// let hello = wrap_replies(warp::path("hello").map(|| "hello"), secure.clone());
/// let bye = warp::path("bye")
///     .map(|| "bye")
///     .with(warp::wrap_fn(move |f| wrap_replies(f, secure.clone())));
/// let response = warp::test::request().path("/hello").reply(&hello.or(bye)).await;
/// assert_eq!(response.headers()["x-frame-options"], "SAMEORIGIN");
/// # });
/// ```
pub fn wrap_replies<F, R>(
    filter: F,
    secure: ResponseOnly,
) -> impl Filter<Extract = (Response,), Error = F::Error> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,)> + Clone + Send + Sync + 'static,
    F::Error: FilterError,
    R: Reply,
{
    <F::Error as super::sealed::Sealed>::wrap_replies(filter, secure)
}
