//! Which header set applies to a response: the override precedence, in one place.

use crate::Secure;
#[allow(unused_imports, reason = "named in the docs and by the http path")]
use crate::SecureOverride;

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
        extensions.insert(secure.clone());
    }
}
