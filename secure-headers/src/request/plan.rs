//! After the handler: whether a response gets headers, and which set ([`Secure::plan`]).

use http::{HeaderValue, StatusCode};

use super::context::RequestContext;
use super::overrides::attached_by_handler;
use crate::{HeaderSink, Secure};

impl Secure {
    /// Applies the headers to an `http::Response`, as every `http`-based middleware does:
    /// a [`SecureOverride`](crate::SecureOverride) in the response's extensions is applied
    /// instead of `self`, and `101 Switching Protocols` responses (WebSocket upgrades) are
    /// left alone, as Python's `secure` 2.0.1's ASGI middleware leaves WebSocket connections alone.
    ///
    /// ```
    /// use secure_headers::Secure;
    /// use secure_headers::http::{Response, StatusCode};
    ///
    /// let secure = Secure::with_default_headers();
    /// let mut ok = Response::new(());
    /// secure.apply_to_response(&mut ok);
    /// assert_eq!(ok.headers()["x-content-type-options"], "nosniff");
    ///
    /// let mut upgrade = Response::builder().status(StatusCode::SWITCHING_PROTOCOLS).body(()).unwrap();
    /// secure.apply_to_response(&mut upgrade);
    /// assert!(upgrade.headers().is_empty());
    /// ```
    #[inline]
    pub fn apply_to_response<B>(&self, response: &mut http::Response<B>) {
        self.apply_to_response_with(response, &RequestContext::default());
    }

    /// [`apply_to_response`](Secure::apply_to_response) for the request `context` was made
    /// for (see [`Secure::request_context`]).
    #[inline]
    pub fn apply_to_response_with<B>(
        &self,
        response: &mut http::Response<B>,
        context: &RequestContext,
    ) {
        let status = response.status();
        self.apply_to_parts(
            status,
            response,
            http::Response::headers_mut,
            http::Response::extensions_mut,
            context,
        );
    }

    /// [`apply_to_response_with`](Secure::apply_to_response_with) on a response made of
    /// the same parts (`http`'s, poem's, salvo's), reached through `headers` and
    /// `extensions`, so that every integration follows the same rules without restating
    /// them: nothing for a response [`applies`](Secure::applies) leaves alone, else the
    /// [`SecureOverride`](crate::SecureOverride) in the extensions or `self`. The response
    /// stays where it is (no part is taken out and put back).
    #[inline]
    pub(crate) fn apply_to_parts<R: ?Sized>(
        &self,
        status: StatusCode,
        response: &mut R,
        headers: impl FnOnce(&mut R) -> &mut http::HeaderMap,
        extensions: impl FnOnce(&mut R) -> &mut http::Extensions,
        context: &RequestContext,
    ) {
        let Some(chosen) = self.chosen_in(extensions(response)) else {
            return;
        };
        // `planned` (what `plan` decides) leaves alone what `applies` says is left alone.
        match self.planned(context, status, chosen.as_ref()) {
            None => {}
            Some((secure, None)) => secure.set_headers_with(headers(response), context),
            Some((secure, Some(fresh))) => with_fresh_nonce(secure, headers(response), &fresh),
        }
    }

    /// The header set [`apply_to_parts`](Secure::apply_to_parts) applies, from the
    /// response's `extensions`: `None` when there is nothing to do, else the
    /// [`SecureOverride`](crate::SecureOverride) taken from them, if any (`self` then).
    /// Most responses carry no extension at all: no override to look up then, and nothing
    /// to do for a `Secure` that writes no header (request-side checks only). Whether an
    /// override applies is read from this response alone.
    #[inline(always)]
    fn chosen_in(&self, extensions: &mut http::Extensions) -> Option<Option<Secure>> {
        if extensions.is_empty() {
            if self.inner.simple && self.inner.entries.is_empty() {
                return None;
            }
            return Some(None);
        }
        Some(extensions.remove::<crate::SecureOverride>().map(|o| {
            attached_by_handler(&o);
            o.into_secure()
        }))
    }

    /// Whether a response with `status` to the request `context` was made for gets
    /// security headers at all: not a `101 Switching Protocols` (a WebSocket upgrade), nor
    /// the successful answer to a `CONNECT` (a tunnel, or a WebSocket over HTTP/2), whose
    /// bytes are no longer HTTP.
    #[inline]
    #[must_use]
    pub fn applies(&self, context: &RequestContext, status: StatusCode) -> bool {
        !(context.is_tunnel() && status.is_success()) && status != StatusCode::SWITCHING_PROTOCOLS
    }

    /// Decides, after the handler, what to write into its response: nothing for a response
    /// that [`applies`](Secure::applies) says is left alone, else the header set of the
    /// override `chosen` for it (see [`Level`](super::Level) and [`Marks`](super::Marks)) or this `Secure`, with the
    /// request's nonce, or a fresh one for an override whose policy needs a nonce the
    /// request did not get.
    ///
    /// ```
    /// use secure_headers::Secure;
    /// use secure_headers::http::{HeaderMap, StatusCode};
    ///
    /// let secure = Secure::with_default_headers();
    /// let context = secure.request_context();
    /// assert!(secure.plan(&context, StatusCode::SWITCHING_PROTOCOLS, None).is_none());
    ///
    /// let plan = secure.plan(&context, StatusCode::NOT_FOUND, None).unwrap();
    /// let mut headers = HeaderMap::new();
    /// plan.apply(&mut headers);
    /// assert_eq!(headers["x-frame-options"], "SAMEORIGIN");
    /// ```
    #[inline]
    #[must_use]
    pub fn plan<'a>(
        &'a self,
        context: &RequestContext,
        status: StatusCode,
        chosen: Option<&'a Secure>,
    ) -> Option<Plan<'a>> {
        let (secure, fresh) = self.planned(context, status, chosen)?;
        let context = fresh.unwrap_or(*context);
        Some(Plan { secure, context })
    }

    /// What [`plan`](Secure::plan) decides: the header set, and a fresh context when it
    /// needs one (`None`: the request's). Apart, so that
    /// [`apply_to_parts`](Secure::apply_to_parts) uses the request's context where it
    /// is rather than a copy of it.
    #[inline(always)]
    fn planned<'a>(
        &'a self,
        context: &RequestContext,
        status: StatusCode,
        chosen: Option<&'a Secure>,
    ) -> Option<(&'a Secure, Option<RequestContext>)> {
        if !self.applies(context, status) {
            return None;
        }
        let secure = chosen.unwrap_or(self);
        if context.nonce().is_none() && secure.inner.uses_nonce {
            // An override with a nonce on a request that had none: a fresh one, keeping
            // what the request was found to be.
            let fresh = secure
                .request_context()
                .secure(context.is_secure())
                .tunnel(context.is_tunnel());
            return Some((secure, Some(fresh)));
        }
        Some((secure, None))
    }
}

/// `secure`'s headers with the fresh nonce of an override that needs one on a request
/// that had none: rare, so out of line, keeping the common path short where it is inlined.
#[cold]
#[inline(never)]
fn with_fresh_nonce(secure: &Secure, headers: &mut http::HeaderMap, fresh: &RequestContext) {
    secure.set_headers_with(headers, fresh);
}

/// What [`Secure::plan`] decided for one response: the header set and the context to
/// apply it with.
///
/// ```
/// use secure_headers::{Secure, SecureOverride};
/// use secure_headers::http::{HeaderMap, StatusCode};
///
/// let base = Secure::with_default_headers();
/// let framable = SecureOverride::new(base.derive(|b| b.without("X-Frame-Options"))?)?;
/// let context = base.request_context();
/// let plan = base.plan(&context, StatusCode::OK, Some(framable.secure())).unwrap();
/// assert_eq!(plan.secure(), framable.secure());
/// let mut headers = HeaderMap::new();
/// plan.apply(&mut headers);
/// assert!(headers.get("x-frame-options").is_none());
/// assert_eq!(headers["x-content-type-options"], "nosniff");
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Plan<'a> {
    secure: &'a Secure,
    context: RequestContext,
}

impl<'a> Plan<'a> {
    /// The header set that applies.
    #[must_use]
    pub fn secure(&self) -> &'a Secure {
        self.secure
    }

    /// The context to apply it with (its nonce is the one the handler saw, or a fresh one
    /// for an override that needs one).
    #[must_use]
    pub fn context(&self) -> &RequestContext {
        &self.context
    }

    /// Writes the headers into `sink`, as [`Secure::set_headers_with`].
    #[inline]
    pub fn apply<S>(&self, sink: &mut S)
    where
        S: HeaderSink<Name = http::HeaderName, Value = HeaderValue> + ?Sized,
    {
        self.secure.set_headers_with(sink, &self.context);
    }
}
