//! The request core: everything that depends on the request is decided here, once, the
//! same way for every framework.
//!
//! An integration describes its framework's request through [`RequestView`] and calls
//! [`Secure::inspect`] before the handler: it gets either a [`RequestContext`] (whether the
//! request is secure, its CSP nonce, whether it opens a tunnel) or an [`EarlyResponse`] (an
//! HTTPS redirect or a refusal) to send instead. After the handler, [`Secure::plan`] says
//! whether the response gets headers at all (not a `101` nor a tunnel's `2xx`) and which
//! set: the response's own override, else a catcher's, else the route's, else the base
//! ([`Level`]), with a fresh nonce for an override that needs one. Integrations convert
//! types and hold no rule.

mod cross_origin;
mod overrides;
mod refusal;
mod report_paths;
mod view;

use http::{HeaderValue, StatusCode};

use crate::transport::Verdict;
use crate::{CspNonce, HeaderSink, Secure};

pub use cross_origin::CrossOriginProtection;
pub(crate) use overrides::attached_by_handler;
pub use overrides::{Level, Marks};
#[cfg(any(
    feature = "tower",
    feature = "poem",
    feature = "salvo",
    feature = "warp"
))]
pub(crate) use overrides::{offer_route, route_answer};
#[cfg(feature = "warp")]
pub(crate) use refusal::Pending;
pub use refusal::Refusal;
pub(crate) use report_paths::report_paths;
#[cfg(any(feature = "tower", feature = "poem", feature = "salvo"))]
pub(crate) use view::LazyHttpRequest;
#[cfg(feature = "warp")]
pub(crate) use view::each_value;
pub(crate) use view::names;
pub(crate) use view::opens_tunnel;
pub use view::{HttpRequest, RawRequest, RequestView};

/// What the request core decided for one request, carried from the request to its
/// response: the request's [`CspNonce`] (if a policy uses one), whether it is secure, and
/// whether it opens a tunnel (`CONNECT`).
///
/// [`Secure::inspect`] makes one before the handler runs; [`Secure::plan`] (or
/// [`Secure::apply_to_response_with`]) uses it for the response.
///
/// ```
/// use secure_headers::Secure;
/// use secure_headers::http::Request;
/// use secure_headers::request::HttpRequest;
///
/// let secure = Secure::with_default_headers();
/// let tunnel = Request::builder().method("CONNECT").uri("example.com:443").body(()).unwrap();
/// let context = secure.inspect(&HttpRequest::new(&tunnel)).unwrap();
/// assert!(context.is_tunnel());
/// assert!(!context.is_secure()); // plain HTTP, no TLS
/// assert!(context.nonce().is_none()); // the Balanced policy has no nonce
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestContext {
    nonce: Option<CspNonce>,
    secure: bool,
    tunnel: bool,
}

impl RequestContext {
    /// A context carrying `nonce`.
    #[must_use]
    pub fn with_nonce(nonce: CspNonce) -> Self {
        Self {
            nonce: Some(nonce),
            ..Self::default()
        }
    }

    /// This context, for a request known to be secure (TLS, or HTTPS behind a trusted
    /// proxy) or not.
    #[must_use]
    pub fn secure(mut self, secure: bool) -> Self {
        self.secure = secure;
        self
    }

    /// Whether the request was found secure. Without [`Secure::inspect`] nobody looked,
    /// and this is `false`: then only [`HstsMode::SecureOnly`] cares, and it leaves HSTS out.
    ///
    /// [`HstsMode::SecureOnly`]: crate::transport::HstsMode::SecureOnly
    #[must_use]
    pub fn is_secure(&self) -> bool {
        self.secure
    }

    /// The request's CSP nonce, if the policy uses one.
    #[must_use]
    pub fn nonce(&self) -> Option<&CspNonce> {
        self.nonce.as_ref()
    }

    /// This context, for a request that opens a tunnel (`CONNECT`) or not: a tunnel's
    /// successful response is left alone, like a `101`.
    #[must_use]
    pub fn tunnel(mut self, tunnel: bool) -> Self {
        self.tunnel = tunnel;
        self
    }

    /// Whether the request opens a tunnel (its method is `CONNECT`).
    #[must_use]
    pub fn is_tunnel(&self) -> bool {
        self.tunnel
    }
}

impl Secure {
    /// Decides, once per request and before the handler runs, everything that depends on
    /// the request: whether it is secure (TLS, or HTTPS forwarded by a trusted proxy),
    /// whether its host is allowed, whether to redirect it to HTTPS, whether to refuse it
    /// as a cross-origin request ([`CrossOriginProtection`]), and its CSP nonce.
    /// Every framework integration calls this; what it returns is handed to
    /// [`apply_to_response_with`](Secure::apply_to_response_with) (or
    /// [`set_headers_with`](Secure::set_headers_with)).
    ///
    /// # Errors
    ///
    /// An [`EarlyResponse`] (a redirect, a refusal of a bad host, or a `403` refusal of a
    /// cross-origin request) to send instead of
    /// calling the handler; it carries the security headers too when built with
    /// [`EarlyResponse::into_response`].
    ///
    /// ```
    /// use secure_headers::Secure;
    /// use secure_headers::request::HttpRequest;
    /// use secure_headers::transport::{AllowedHosts, HttpsRedirect};
    /// use secure_headers::http::Request;
    ///
    /// let secure = Secure::with_default_headers().derive(|b| {
    ///     b.https_redirect(HttpsRedirect::new())
    ///         .allowed_hosts(AllowedHosts::new(["example.com"]))
    /// })?;
    /// let req = Request::get("/a?b=1").header("host", "example.com").body(()).unwrap();
    /// let early = secure.inspect(&HttpRequest::new(&req)).unwrap_err();
    /// assert_eq!(early.status(), 308);
    /// assert_eq!(early.location().unwrap(), "https://example.com/a?b=1");
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    #[inline]
    pub fn inspect(&self, request: &impl RequestView) -> Result<RequestContext, EarlyResponse> {
        let tunnel = opens_tunnel(request);
        if !self.inner.transport.inspects() {
            return Ok(self.request_context().tunnel(tunnel));
        }
        self.inspect_transport(request, tunnel)
    }

    /// [`inspect`](Secure::inspect) for a `Secure` that reads the request (redirects,
    /// allowed hosts, secure-only HSTS, cross-origin protection). Out of line: the path of
    /// the others, inlined into every integration's request path, stays a few instructions.
    #[inline(never)]
    fn inspect_transport(
        &self,
        request: &impl RequestView,
        tunnel: bool,
    ) -> Result<RequestContext, EarlyResponse> {
        let secure = self.check_request(request)?;
        Ok(self.request_context().secure(secure).tunnel(tunnel))
    }

    /// The request-side checks, in their one order: the host and the HTTPS redirect, then
    /// cross-origin protection; whether the request is secure if it passes. Run by
    /// [`inspect`](Secure::inspect) for the application and by
    /// [`SecureOverride::inspect`](crate::SecureOverride::inspect) for a route, so that a
    /// route refuses exactly as the application does (the same [`Refusal`], body and log
    /// line).
    pub(crate) fn check_request(&self, request: &impl RequestView) -> Result<bool, EarlyResponse> {
        self.check_request_noting(request, &mut |refusal, passed| {
            refusal::log(request, refusal, passed);
        })
    }

    /// [`check_request`](Secure::check_request), with each refusal given to `note` (with
    /// whether it is a report-only one, which passes) rather than logged.
    pub(crate) fn check_request_noting(
        &self,
        request: &impl RequestView,
        note: &mut dyn FnMut(Refusal, bool),
    ) -> Result<bool, EarlyResponse> {
        let transport = &self.inner.transport;
        match transport.decide(request) {
            Verdict::Proceed { secure } => {
                if let Some(protection) = &transport.cross_origin
                    && let Err(refusal) = protection.decide(transport, request, secure)
                {
                    let report_only = protection.is_report_only();
                    note(refusal, report_only);
                    if !report_only {
                        return Err(EarlyResponse {
                            status: StatusCode::FORBIDDEN,
                            location: None,
                            refusal: Some(refusal),
                            secure,
                        });
                    }
                }
                Ok(secure)
            }
            // A redirect only ever answers a request that is not secure; a refusal may
            // answer one that is (and then carries HSTS in secure-only mode).
            Verdict::Redirect { status, location } => Err(EarlyResponse {
                status,
                location: Some(location),
                refusal: None,
                secure: false,
            }),
            Verdict::Reject { status, why } => {
                note(why, false);
                Err(EarlyResponse {
                    status,
                    location: None,
                    refusal: Some(why),
                    secure: transport.is_secure(request),
                })
            }
        }
    }

    /// Whether this `Secure` carries a request-side check that can answer a request early
    /// (cross-origin protection; allowed hosts or an HTTPS redirect, unless development mode
    /// is on): what a [`SecureOverride`](crate::SecureOverride) runs for its route.
    pub(crate) fn checks_request(&self) -> bool {
        let t = &self.inner.transport;
        t.cross_origin.is_some() || !t.development && (t.redirect.is_some() || t.hosts.is_some())
    }

    /// Whether every request gets a nonce: a header uses one, or overrides are given one.
    pub(crate) fn needs_nonce(&self) -> bool {
        self.inner.uses_nonce || self.inner.provides_nonce
    }

    /// Whether [`inspect`](Secure::inspect) reads anything of the request beyond its
    /// method: false unless an HTTPS redirect or allowed hosts (with development mode off),
    /// [`HstsMode::SecureOnly`] or [`CrossOriginProtection`] is configured. An integration whose request view is
    /// costly to make can then make a cheap one that only knows the method.
    ///
    /// ```
    /// use secure_headers::Secure;
    /// use secure_headers::transport::HttpsRedirect;
    ///
    /// assert!(!Secure::with_default_headers().inspects_request());
    /// let redirecting = Secure::with_default_headers()
    ///     .derive(|b| b.https_redirect(HttpsRedirect::new().host("example.com")))?;
    /// assert!(redirecting.inspects_request());
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// [`HstsMode::SecureOnly`]: crate::transport::HstsMode::SecureOnly
    #[must_use]
    pub fn inspects_request(&self) -> bool {
        self.inner.transport.inspects()
    }

    /// What middleware decides once per request, before the handler runs: a fresh
    /// [`CspNonce`] if the policy uses one (with the `nonce` feature), nothing otherwise
    /// (then this costs nothing).
    ///
    /// If the operating system cannot give random bytes, this is logged (with the
    /// `tracing` feature), the context has no nonce, and every `'nonce-…'` source is sent
    /// as a hash source no script has: the policy fails closed, allowing no inline script
    /// even beside `'unsafe-inline'` (which browsers ignore when a hash is present).
    #[must_use]
    #[inline]
    pub fn request_context(&self) -> RequestContext {
        if !self.needs_nonce() {
            return RequestContext::default();
        }
        #[cfg(feature = "nonce")]
        {
            match CspNonce::generate() {
                Ok(nonce) => RequestContext::with_nonce(nonce),
                Err(_e) => {
                    #[cfg(feature = "tracing")]
                    tracing::error!(target: "secure_headers", "no CSP nonce for this request: {_e}");
                    RequestContext::default()
                }
            }
        }
        #[cfg(not(feature = "nonce"))]
        RequestContext::default()
    }

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
        let extensions = extensions(response);
        // Most responses carry no extension at all: no override to look up then, and
        // nothing to do for a `Secure` that writes no header (request-side checks only).
        // Whether an override applies is read from this response alone.
        let chosen = if extensions.is_empty() {
            if self.inner.simple && self.inner.entries.is_empty() {
                return;
            }
            None
        } else {
            extensions.remove::<crate::SecureOverride>().map(|o| {
                attached_by_handler(&o);
                o.into_secure()
            })
        };
        // `plan` leaves alone what `applies` says is left alone.
        if let Some(plan) = self.plan(context, status, chosen.as_ref()) {
            plan.apply(headers(response));
        }
    }

    /// Whether a response with `status` to the request `context` was made for gets
    /// security headers at all: not a `101 Switching Protocols` (a WebSocket upgrade), nor
    /// the successful answer to a `CONNECT` (a tunnel, or a WebSocket over HTTP/2), whose
    /// bytes are no longer HTTP.
    #[inline]
    #[must_use]
    pub fn applies(&self, context: &RequestContext, status: StatusCode) -> bool {
        status != StatusCode::SWITCHING_PROTOCOLS && !(context.tunnel && status.is_success())
    }

    /// Decides, after the handler, what to write into its response: nothing for a response
    /// that [`applies`](Secure::applies) says is left alone, else the header set of the
    /// override `chosen` for it (see [`Level`] and [`Marks`]) or this `Secure`, with the
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
        if !self.applies(context, status) {
            return None;
        }
        let secure = chosen.unwrap_or(self);
        let context = if context.nonce.is_none() && secure.inner.uses_nonce {
            // An override with a nonce on a request that had none: a fresh one, keeping
            // what the request was found to be.
            secure
                .request_context()
                .secure(context.secure)
                .tunnel(context.tunnel)
        } else {
            *context
        };
        Some(Plan { secure, context })
    }
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

/// A response to send instead of calling the handler: an HTTPS redirect, or the refusal
/// of a request whose host is not allowed. See [`Secure::inspect`].
///
/// ```
/// use secure_headers::Secure;
/// use secure_headers::http::Request;
/// use secure_headers::request::HttpRequest;
/// use secure_headers::transport::AllowedHosts;
///
/// let secure = Secure::with_default_headers()
///     .derive(|b| b.allowed_hosts(AllowedHosts::new(["example.com"])))?;
/// let req = Request::get("/").header("host", "evil.example").body(()).unwrap();
/// let early = secure.inspect(&HttpRequest::new(&req)).unwrap_err();
/// assert_eq!(early.status(), 400);
/// assert!(early.location().is_none());
/// let response = early.into_response(&secure, ());
/// assert_eq!(response.headers()["x-frame-options"], "SAMEORIGIN"); // refusals carry the headers
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlyResponse {
    pub(crate) status: http::StatusCode,
    location: Option<HeaderValue>,
    refusal: Option<Refusal>,
    secure: bool,
}

impl EarlyResponse {
    /// The status: a redirect (301, 302, 307, 308) or a refusal (400 by default).
    #[must_use]
    pub fn status(&self) -> http::StatusCode {
        self.status
    }

    /// The context to apply the security headers with (it records whether the refused
    /// request was secure, for HSTS in secure-only mode).
    #[must_use]
    pub fn context(&self) -> RequestContext {
        RequestContext::default().secure(self.secure)
    }

    /// The `Location` of a redirect.
    #[must_use]
    pub fn location(&self) -> Option<&HeaderValue> {
        self.location.as_ref()
    }

    /// Why the request is refused; `None` for a redirect.
    #[must_use]
    pub fn refusal(&self) -> Option<Refusal> {
        self.refusal
    }

    /// The body to send: a refusal's [reason](Refusal::body), one line of plain text
    /// (`text/plain; charset=utf-8`), the same in every framework; empty for a redirect.
    #[must_use]
    pub fn body(&self) -> &'static str {
        self.refusal.map_or("", Refusal::body)
    }

    /// The `Content-Type` of the [body](Self::body): `text/plain; charset=utf-8` for a
    /// refusal, none for a redirect.
    #[must_use]
    pub fn content_type(&self) -> Option<HeaderValue> {
        self.refusal
            .map(|_| HeaderValue::from_static("text/plain; charset=utf-8"))
    }

    /// The response, with `body` (pass it [`body`](Self::body)), `Location` if a redirect,
    /// `Content-Type` if a refusal, and `secure`'s headers.
    // Out of line and cold: inlined, it would spread the request path of every integration
    // over more instruction-cache lines, for a response most requests never get.
    #[cold]
    #[inline(never)]
    pub fn into_response<B>(self, secure: &Secure, body: B) -> http::Response<B> {
        let context = self.context();
        let mut response = self.into_bare_response(body);
        secure.apply_to_response_with(&mut response, &context);
        response
    }

    /// The response without the security headers: the status, `Content-Type` if a refusal,
    /// `Location` if a redirect, and `body`.
    #[cold]
    pub(crate) fn into_bare_response<B>(self, body: B) -> http::Response<B> {
        let mut response = http::Response::new(body);
        *response.status_mut() = self.status;
        if let Some(content_type) = self.content_type() {
            response
                .headers_mut()
                .insert(http::header::CONTENT_TYPE, content_type);
        }
        if let Some(location) = self.location {
            response
                .headers_mut()
                .insert(http::header::LOCATION, location);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_secure_with_request_options_reads_the_request() {
        use crate::transport::{AllowedHosts, HstsMode, HttpsRedirect};
        assert!(!Secure::with_default_headers().inspects_request());
        let b = || crate::Preset::Balanced.builder();
        assert!(
            b().https_redirect(HttpsRedirect::new().host("a.example"))
                .build()
                .unwrap()
                .inspects_request()
        );
        assert!(
            b().allowed_hosts(AllowedHosts::new(["a.example"]))
                .build()
                .unwrap()
                .inspects_request()
        );
        assert!(
            b().hsts_mode(HstsMode::SecureOnly)
                .build()
                .unwrap()
                .inspects_request()
        );
        assert!(
            !b().https_redirect(HttpsRedirect::new().host("a.example"))
                .development_mode(true)
                .build()
                .unwrap()
                .inspects_request()
        );
    }

    #[test]
    fn trusted_proxies_without_a_peer_address_are_noticed() {
        use crate::transport::{ForwardedHeader, HstsMode};
        let with_proxies = crate::Preset::Balanced
            .builder()
            .hsts_mode(HstsMode::SecureOnly)
            .trusted_proxies(["10.0.0.1"])
            .forwarded_headers([ForwardedHeader::XForwardedProto])
            .build()
            .unwrap();
        let without = crate::Preset::Balanced
            .builder()
            .hsts_mode(HstsMode::SecureOnly)
            .build()
            .unwrap();
        let req = http::Request::get("/")
            .header("host", "example.com")
            .header("x-forwarded-proto", "https")
            .body(())
            .unwrap();
        let with_peer = HttpRequest::new(&req).peer(Some("10.0.0.1".parse().unwrap()));
        assert!(with_proxies.inspect(&with_peer).unwrap().is_secure());
        assert!(!with_proxies.inner.transport.saw_no_peer());

        assert!(
            !without
                .inspect(&HttpRequest::new(&req))
                .unwrap()
                .is_secure()
        );
        assert!(!without.inner.transport.saw_no_peer());

        // No peer address: the proxy cannot be trusted, and that is noticed (and logged
        // once, with the `tracing` feature).
        assert!(
            !with_proxies
                .inspect(&HttpRequest::new(&req))
                .unwrap()
                .is_secure()
        );
        assert!(with_proxies.inner.transport.saw_no_peer());
    }

    /// An invalid `Forwarded` from a trusted proxy is not read (the request is not secure,
    /// its host is the `Host` header's), and that is noticed once per configuration; a
    /// valid one is read as before.
    #[test]
    fn an_invalid_forwarded_is_not_read_and_noticed() {
        use crate::transport::{AllowedHosts, ForwardedHeader, HstsMode};
        let secure = crate::Preset::Balanced
            .builder()
            .hsts_mode(HstsMode::SecureOnly)
            .trusted_proxies(["10.0.0.1"])
            .forwarded_headers([ForwardedHeader::Forwarded])
            .allowed_hosts(AllowedHosts::new(["app.example", "client.example"]))
            .build()
            .unwrap();
        let inspect = |lines: &[&str]| {
            let mut req = http::Request::get("/").header("host", "client.example");
            for line in lines {
                req = req.header("forwarded", *line);
            }
            let req = req.body(()).unwrap();
            let view = HttpRequest::new(&req).peer(Some("10.0.0.1".parse().unwrap()));
            secure
                .inspect(&view)
                .map(|c| (c.is_secure(), secure.inner.transport.host(&view)))
        };
        let app = Some(("app.example".to_owned(), None));
        let client = Some(("client.example".to_owned(), None));
        let valid = r#"for="[2001:db8::7]";proto=https;host=app.example"#;
        assert_eq!(inspect(&[valid]).unwrap(), (true, app.clone()));
        assert!(!secure.inner.transport.saw_invalid_forwarded());
        // The audit's line, and the client's part on a line of its own.
        let appended = r#"proto=https;x=", for="[2001:db8::7]";proto=http;host=app.example"#;
        assert_eq!(inspect(&[appended]).unwrap(), (false, client.clone()));
        assert!(secure.inner.transport.saw_invalid_forwarded());
        let split = [
            r#"proto=https;host=app.example;x=""#,
            "for=10.0.0.9;proto=http",
        ];
        assert_eq!(inspect(&split).unwrap(), (false, client));
        // A valid header after an invalid one is read again.
        assert_eq!(inspect(&[valid]).unwrap(), (true, app));
    }
}
