//! Which header set applies to a response, and which checks a route adds: the override
//! precedence, in one place.

use super::early::EarlyResponse;
use super::view::RequestView;
use crate::{Secure, SecureOverride};

impl SecureOverride {
    /// Runs this override's request-side checks (cross-origin protection, allowed hosts,
    /// the HTTPS redirect) for a request to the route it is mounted on: what every
    /// framework's route-level override calls before the route's handler, after the
    /// application's [`Secure::inspect`]. See
    /// [the type's documentation](SecureOverride#request-side-checks-on-a-route) for how the
    /// two combine.
    ///
    /// # Errors
    ///
    /// The [`EarlyResponse`] to send instead of calling the route's handler, the same as
    /// [`Secure::inspect`] gives for the same check (and logged the same way).
    ///
    /// ```
    /// use secure_headers::http::Request;
    /// use secure_headers::request::HttpRequest;
    /// use secure_headers::transport::AllowedHosts;
    /// use secure_headers::{Secure, SecureOverride};
    ///
    /// let route = SecureOverride::new(
    ///     Secure::with_default_headers()
    ///         .derive(|b| b.allowed_hosts(AllowedHosts::new(["app.example"])))?,
    /// )?;
    /// let foreign = Request::get("/").header("host", "evil.example").body(()).unwrap();
    /// let early = route.inspect(&HttpRequest::new(&foreign)).unwrap_err();
    /// assert_eq!(early.status(), 400);
    /// assert_eq!(early.body(), "refused: the request's host is not allowed\n");
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    #[inline]
    pub fn inspect(&self, request: &impl RequestView) -> Result<(), EarlyResponse> {
        if !self.inspects_request() {
            return Ok(());
        }
        self.secure().check_request(request).map(drop)
    }

    /// [`inspect`](SecureOverride::inspect), with the refusal (or the report-only one that
    /// passed) returned to be logged once it is known to answer, rather than logged now.
    #[cfg(feature = "warp")]
    pub(crate) fn inspect_noting(
        &self,
        request: &impl RequestView,
    ) -> (Result<(), EarlyResponse>, Option<super::refusal::Pending>) {
        if !self.inspects_request() {
            return (Ok(()), None);
        }
        let mut pending = None;
        let result = self
            .secure()
            .check_request_noting(request, &mut |refusal, passed| {
                pending = Some(super::refusal::Pending::new(request, refusal, passed));
            })
            .map(drop);
        (result, pending)
    }
}

/// The answer of a route's override that refused its request (or redirected it), as an
/// `http` response: the status, `Content-Type` or `Location`, `body`, and the override as
/// the route's mark, for the enclosing `Secure` to apply its headers (as for every
/// response of the route).
#[cfg(any(
    feature = "tower",
    feature = "poem",
    feature = "salvo",
    feature = "warp"
))]
#[cold]
pub(crate) fn route_answer<B>(
    early: EarlyResponse,
    route: &SecureOverride,
    body: B,
) -> http::Response<B> {
    let mut response = early.into_bare_response(body);
    offer_route(response.extensions_mut(), route);
    response
}

/// A handler attached `chosen` to its own response: it ran already, so the override's
/// request-side checks cannot, which is logged as an error (the headers still apply).
#[inline]
pub(crate) fn attached_by_handler(chosen: &SecureOverride) {
    if chosen.inspects_request() && !chosen.is_routed() {
        unchecked();
    }
}

#[cold]
#[inline(never)]
fn unchecked() {
    const WHY: &str = "a SecureOverride with request-side checks (cross-origin protection, \
                       allowed hosts or an HTTPS redirect) was attached to a response by its \
                       handler, after the request was answered: its checks did not run; \
                       mount it on the route instead";
    #[cfg(feature = "tracing")]
    tracing::error!(target: "secure_headers", "{WHY}");
    #[cfg(not(feature = "tracing"))]
    log::error!(target: "secure_headers", "{WHY}");
}

/// Where an override was attached. A response gets the set of the highest level present:
/// the handler's own (attached to its response) wins over an error catcher's, which wins
/// over a route's or scope's, which wins over the middleware's configuration. Among route
/// and scope overrides, the innermost (the one closest to the handler) wins.
///
/// ```
/// use secure_headers::request::{Level, Marks};
/// use secure_headers::{Secure, SecureOverride};
///
/// let route = SecureOverride::new(Secure::with_default_headers().derive(|b| b.without("Server"))?)?;
/// let handler = SecureOverride::none();
/// let mut marks = Marks::default();
/// marks.offer(Level::Route, route.secure());
/// assert_eq!(marks.chosen(), Some(route.secure()));
/// marks.offer(Level::Handler, handler.secure());
/// assert_eq!(marks.chosen(), Some(handler.secure()));
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Level {
    /// A route or scope override (the innermost one offered first wins).
    Route,
    /// An error catcher's override (Rocket's catchers).
    Catcher,
    /// The response's own override, attached by the handler.
    Handler,
}

/// The overrides offered for one response, one per [`Level`]; [`chosen`](Marks::chosen) is
/// the one that applies. Integrations whose responses cannot carry a [`SecureOverride`]
/// themselves keep one `Marks` per request.
///
/// ```
/// use secure_headers::request::{Level, Marks};
/// use secure_headers::Secure;
///
/// let outer = Secure::with_default_headers().derive(|b| b.without("Server"))?;
/// let inner = Secure::with_default_headers().derive(|b| b.without("X-Frame-Options"))?;
/// let catcher = Secure::new();
/// let mut marks = Marks::default();
/// assert_eq!(marks.chosen(), None); // the middleware's own set applies
/// marks.offer(Level::Route, &inner); // the innermost scope is reached first
/// marks.offer(Level::Route, &outer);
/// assert_eq!(marks.chosen(), Some(&inner));
/// marks.offer(Level::Catcher, &catcher);
/// assert_eq!(marks.chosen(), Some(&catcher));
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    by_level: [Option<Secure>; 3],
}

impl Marks {
    /// Offers `secure` at `level`. At [`Level::Route`] the first offer stays: a route layer
    /// is reached on the way out after the layers inside it, so the innermost scope has
    /// spoken first. At the other levels the last offer wins: the outermost responder that
    /// wraps the handler's response, the catcher that answered last.
    pub fn offer(&mut self, level: Level, secure: &Secure) {
        let slot = &mut self.by_level[level as usize];
        if level != Level::Route || slot.is_none() {
            *slot = Some(secure.clone());
        }
    }

    /// The header set that applies, if any override was offered.
    #[must_use]
    pub fn chosen(&self) -> Option<&Secure> {
        self.by_level.iter().rev().find_map(Option::as_ref)
    }
}

/// Offers a route's override on an `http` response: the handler's own [`SecureOverride`],
/// attached to the response's extensions, wins, and so does an inner route's, which was
/// attached first.
#[cfg(any(
    feature = "tower",
    feature = "poem",
    feature = "salvo",
    feature = "warp"
))]
pub(crate) fn offer_route(extensions: &mut http::Extensions, secure: &SecureOverride) {
    if extensions.get::<SecureOverride>().is_none() {
        extensions.insert(secure.routed());
    }
}
