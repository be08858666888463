//! [`SecureOverride`]: a different header set for one route or one response.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::Secure;

/// Whether any [`SecureOverride`] was ever made in this process. Until one is, no response
/// can carry one, and the middleware skips looking for it. Set once, never cleared: read on
/// every response, it stays in every core's cache.
static MADE: AtomicBool = AtomicBool::new(false);

/// A deliberate exception to the middleware's configuration, for one route, scope or
/// response.
///
/// The middleware of every framework integration looks for a `SecureOverride` attached to
/// the response (in its extensions, or the framework's equivalent); when it finds one, it
/// applies the override's [`Secure`] to that response instead of its own. Route- and
/// scope-level overrides are the same type used as that framework's middleware; a handler
/// attaches one to its response. Derive the variant once, at start-up, with
/// [`Secure::derive`]; attaching it then costs one reference-count increment.
///
/// An override attached by the handler wins over one set for the route, which wins over the
/// middleware's own configuration.
///
/// ```
/// use secure_headers::{Secure, SecureOverride};
/// use secure_headers::http::Response;
///
/// let base = Secure::with_default_headers();
/// // This page may be framed by a partner: drop X-Frame-Options, widen frame-ancestors.
/// let framable = base.derive(|b| {
///     b.without("X-Frame-Options")
///         .map_csp(|csp| csp.frame_ancestors(["https://partner.example"]))
/// })?;
///
/// let mut response = Response::new(());
/// response.extensions_mut().insert(SecureOverride::new(framable));
/// base.apply_to_response(&mut response);
/// assert!(response.headers().get("x-frame-options").is_none());
/// assert!(response.headers()["content-security-policy"]
///     .to_str()?
///     .contains("frame-ancestors 'self' https://partner.example;"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecureOverride {
    secure: Secure,
}

impl SecureOverride {
    /// Applies `secure` instead of the middleware's configuration.
    #[must_use]
    pub fn new(secure: Secure) -> Self {
        // Written once: an override made per response does not write a shared cache line
        // each time. Whoever receives this value synchronized with this thread, so it sees
        // the flag.
        if !MADE.load(Ordering::Relaxed) {
            MADE.store(true, Ordering::Relaxed);
        }
        Self { secure }
    }

    /// Sends no security header at all on this response. Use sparingly, and say why.
    #[must_use]
    pub fn none() -> Self {
        Self::new(Secure::new())
    }

    /// The header set this override applies.
    #[must_use]
    pub fn secure(&self) -> &Secure {
        &self.secure
    }

    /// Whether any response may carry an override: false until the first one is made.
    #[inline]
    pub(crate) fn any_made() -> bool {
        MADE.load(Ordering::Relaxed)
    }

    pub(crate) fn into_secure(self) -> Secure {
        self.secure
    }
}

impl From<Secure> for SecureOverride {
    fn from(secure: Secure) -> Self {
        Self::new(secure)
    }
}
