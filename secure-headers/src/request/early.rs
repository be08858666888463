//! The answer sent instead of calling the handler: an HTTPS redirect or a refusal.

use http::HeaderValue;

use super::context::RequestContext;
use super::refusal::Refusal;
use crate::Secure;

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
    pub(super) location: Option<HeaderValue>,
    pub(super) refusal: Option<Refusal>,
    pub(super) secure: bool,
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
