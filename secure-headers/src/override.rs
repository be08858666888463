//! [`SecureOverride`]: a different header set for one route or one response.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::{Error, ErrorKind, Secure};

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
/// An override changes the headers of a response, nothing else: the request-side checks
/// (cross-origin protection, allowed hosts, the HTTPS redirect) are the application's
/// `Secure`'s, run by its middleware for every route. So building an override whose
/// `Secure` carries one of them is an error ([`ErrorKind::Conflict`], naming the option),
/// rather than a check that silently never runs: set the option on the application's
/// `Secure`, and relax it for the routes that need it there (cross-origin protection has
/// [`bypass`](crate::request::CrossOriginProtection::bypass) for paths that skip the check).
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
/// response.extensions_mut().insert(SecureOverride::new(framable)?);
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
    ///
    /// ```
    /// use secure_headers::request::CrossOriginProtection;
    /// use secure_headers::{ErrorKind, Secure, SecureOverride};
    ///
    /// let guarded = Secure::with_default_headers()
    ///     .derive(|b| b.cross_origin_protection(CrossOriginProtection::new()))?;
    /// let err = SecureOverride::new(guarded).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Conflict);
    /// assert_eq!(err.header(), Some("SecureOverride"));
    /// assert_eq!(err.directive(), Some("cross_origin_protection"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Conflict`] when `secure` carries a request-side check an override cannot
    /// run (cross-origin protection, allowed hosts, an HTTPS redirect): the error names the
    /// option and says where to put it instead.
    pub fn new(secure: Secure) -> Result<Self, Error> {
        if let Some((option, what)) = request_side(&secure) {
            return Err(Error::new(ErrorKind::Conflict)
                .with_header("SecureOverride")
                .with_directive(option)
                .with_detail(format!(
                    "an override only changes response headers and never runs {what}; \
                     set {option} on the application's Secure, which checks every route{relax}, \
                     and build the override from a Secure without it",
                    relax = if option == "cross_origin_protection" {
                        " (CrossOriginProtection::bypass lists the paths that skip the check)"
                    } else {
                        ""
                    }
                )));
        }
        // Written once: an override made per response does not write a shared cache line
        // each time. Whoever receives this value synchronized with this thread, so it sees
        // the flag.
        if !MADE.load(Ordering::Relaxed) {
            MADE.store(true, Ordering::Relaxed);
        }
        Ok(Self { secure })
    }

    /// Sends no security header at all on this response. Use sparingly, and say why.
    #[must_use]
    pub fn none() -> Self {
        Self::new(Secure::new()).expect("an empty Secure has no request-side option")
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

impl TryFrom<Secure> for SecureOverride {
    type Error = Error;

    /// As [`SecureOverride::new`].
    fn try_from(secure: Secure) -> Result<Self, Error> {
        Self::new(secure)
    }
}

/// The first request-side check `secure` carries, as its builder method's name and what it
/// does: an override cannot run it.
fn request_side(secure: &Secure) -> Option<(&'static str, &'static str)> {
    let t = &secure.inner.transport;
    if t.cross_origin.is_some() {
        Some(("cross_origin_protection", "the cross-origin check"))
    } else if t.hosts.is_some() {
        Some(("allowed_hosts", "the host check"))
    } else if t.redirect.is_some() {
        Some(("https_redirect", "the HTTPS redirect"))
    } else {
        None
    }
}
