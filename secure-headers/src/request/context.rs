//! What the request core decided for one request, carried to its response.

use crate::CspNonce;

/// What the request core decided for one request, carried from the request to its
/// response: the request's [`CspNonce`] (if a policy uses one), whether it is secure, and
/// whether it opens a tunnel (`CONNECT`).
///
/// [`Secure::inspect`](crate::Secure::inspect) makes one before the handler runs; [`Secure::plan`](crate::Secure::plan) (or
/// [`Secure::apply_to_response_with`](crate::Secure::apply_to_response_with)) uses it for the response.
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

    /// Whether the request was found secure. Without [`Secure::inspect`](crate::Secure::inspect) nobody looked,
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
