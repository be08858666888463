//! [`SecureOverride`]: a different header set for one route or one response.

use crate::{Error, Secure};

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
/// # Request-side checks on a route
///
/// An override mounted on a route or scope (as that framework's middleware; Rocket's
/// [`wrap`]) whose `Secure` carries cross-origin protection, allowed
/// hosts or an HTTPS redirect runs those checks for every request to that route, before its
/// handler, through [`SecureOverride::inspect`]: the same checks, in the same order, as the
/// application's `Secure` runs for every request (hosts and the redirect, then cross-origin
/// protection). A request either refuses is answered at once with the same
/// [`Refusal`](crate::request::Refusal), status, one-line body and log line, and the
/// route's handler does not run. The answer carries the route's headers, as every response
/// of the route does.
///
/// The route's checks run *after* the application's, and *add* to them: a request to the
/// route must pass both. A route can tighten what the application enforces, never relax it:
///
/// - allowed hosts: the route answers only the hosts both lists allow (its own list narrows
///   the application's, or sets one where the application has none);
/// - cross-origin protection: the route refuses what its own protection refuses, on top of
///   what the application's refuses (a route can turn protection on for itself, or trust
///   fewer origins). To exempt a route from the application's protection, list it in the
///   application's [`bypass`](crate::request::CrossOriginProtection::bypass): that is the
///   one explicit way to relax it;
/// - HTTPS redirect: a plain-HTTP request to the route is redirected; when the application
///   redirects too, its redirect answers first.
///
/// The route reads the request (its host and scheme behind
/// [trusted proxies](crate::SecureBuilder::trusted_proxies)) as its own `Secure` says:
/// derive it from the application's with [`Secure::derive`], so that both read a request
/// the same way. A handler that attaches an override to its own response has already run,
/// so such an override cannot check its request: its headers apply, and its request-side
/// options are reported as an error in the log (mount it on the route instead).
///
/// ```
/// use secure_headers::http::Request;
/// use secure_headers::request::{CrossOriginProtection, HttpRequest};
/// use secure_headers::transport::AllowedHosts;
/// use secure_headers::{Secure, SecureOverride};
///
/// let base = Secure::with_default_headers();
/// let admin = SecureOverride::new(base.derive(|b| {
///     b.cross_origin_protection(CrossOriginProtection::new())
///         .allowed_hosts(AllowedHosts::new(["admin.example"]))
/// })?)?;
/// let cross_site = Request::post("/admin/delete")
///     .header("host", "admin.example")
///     .header("sec-fetch-site", "cross-site")
///     .body(())
///     .unwrap();
/// let refused = admin.inspect(&HttpRequest::new(&cross_site)).unwrap_err();
/// assert_eq!(refused.status(), 403);
/// assert_eq!(refused.body(), "refused: cross-origin request\n");
///
/// let same_origin = Request::post("/admin/delete")
///     .header("host", "admin.example")
///     .header("sec-fetch-site", "same-origin")
///     .body(())
///     .unwrap();
/// assert!(admin.inspect(&HttpRequest::new(&same_origin)).is_ok());
/// # Ok::<(), secure_headers::Error>(())
/// ```
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
///
#[cfg_attr(feature = "rocket", doc = "[`wrap`]: SecureOverride::wrap")]
#[cfg_attr(not(feature = "rocket"), doc = "[`wrap`]: crate#feature-flags")]
#[derive(Clone, Debug)]
pub struct SecureOverride {
    secure: Secure,
    /// Whether `secure` carries a request-side check ([`Secure::checks_request`]).
    checks: bool,
    /// Whether a route offered it (rather than a handler attaching it to its response).
    routed: bool,
}

/// Two overrides are equal when they apply the same `Secure`.
impl PartialEq for SecureOverride {
    fn eq(&self, other: &Self) -> bool {
        self.secure == other.secure
    }
}

impl Eq for SecureOverride {}

impl SecureOverride {
    /// Applies `secure` instead of the middleware's configuration; mounted on a route, also
    /// runs its request-side checks for that route's requests (see
    /// [the type's documentation](SecureOverride#request-side-checks-on-a-route)).
    ///
    /// ```
    /// use secure_headers::request::CrossOriginProtection;
    /// use secure_headers::{Secure, SecureOverride};
    ///
    /// let guarded = Secure::with_default_headers()
    ///     .derive(|b| b.cross_origin_protection(CrossOriginProtection::new()))?;
    /// let route = SecureOverride::new(guarded)?;
    /// assert!(route.inspects_request());
    /// assert!(!SecureOverride::none().inspects_request());
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// None today: every `Secure` makes an override. The `Result` stays so that a check
    /// no framework can run is refused here rather than ignored.
    pub fn new(secure: Secure) -> Result<Self, Error> {
        Ok(Self {
            checks: secure.checks_request(),
            secure,
            routed: false,
        })
    }

    /// Sends no security header at all on this response. Use sparingly, and say why.
    #[must_use]
    pub fn none() -> Self {
        Self::new(Secure::new()).expect("every Secure makes an override")
    }

    /// The header set this override applies.
    #[must_use]
    pub fn secure(&self) -> &Secure {
        &self.secure
    }

    pub(crate) fn into_secure(self) -> Secure {
        self.secure
    }

    /// Whether this override runs request-side checks for its route (see
    /// [`inspect`](SecureOverride::inspect)).
    #[must_use]
    pub fn inspects_request(&self) -> bool {
        self.checks
    }

    /// This override, as a route offers it.
    #[cfg(any(
        feature = "tower",
        feature = "poem",
        feature = "salvo",
        feature = "warp"
    ))]
    pub(crate) fn routed(&self) -> Self {
        Self {
            routed: true,
            ..self.clone()
        }
    }

    /// Whether a route offered it.
    pub(crate) fn is_routed(&self) -> bool {
        self.routed
    }
}

impl TryFrom<Secure> for SecureOverride {
    type Error = Error;

    /// As [`SecureOverride::new`].
    fn try_from(secure: Secure) -> Result<Self, Error> {
        Self::new(secure)
    }
}
