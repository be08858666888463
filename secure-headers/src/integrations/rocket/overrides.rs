//! Overrides in Rocket: on a response ([`WithSecureOverride`]), on routes and on catchers
//! ([`SecureOverride::wrap`], [`SecureOverride::wrap_catchers`]).

use ::rocket::catcher::{self, Catcher, Handler as CatcherHandler};
use ::rocket::http::Status;
use ::rocket::response::{self, Responder};
use ::rocket::route::{Handler, Outcome};
use ::rocket::{Data, Request, Route};

use super::context::offer;
use super::early::early_response;
#[cfg(doc)]
use crate::Secure;
use crate::SecureOverride;
use crate::request::{Level, attached_by_handler};

/// A responder with a [`SecureOverride`] for its own response: the handler-level override.
///
/// The attached [`Secure`] fairing applies the override's headers instead of its own. If
/// the wrapped responder fails (and a catcher answers instead), the override is not used.
///
/// ```
/// use rocket::local::blocking::Client;
/// use rocket::{State, get, routes};
/// use secure_headers::rocket::WithSecureOverride;
/// use secure_headers::{Secure, SecureOverride};
///
/// #[get("/chart")]
/// fn chart(cdn: &State<SecureOverride>) -> WithSecureOverride<&'static str> {
///     WithSecureOverride(cdn.inner().clone(), "<script src=..>")
/// }
///
/// let base = Secure::with_default_headers();
/// // One page loads scripts from a CDN: derive its policy once, at start-up.
/// let cdn = SecureOverride::new(base.derive(|b| {
///     b.map_csp(|csp| csp.script_src(["https://cdn.example"]))
/// })?)?;
///
/// let client = Client::tracked(
///     rocket::build().mount("/", routes![chart]).manage(cdn).attach(base),
/// )?;
/// let response = client.get("/chart").dispatch();
/// let csp = response.headers().get_one("Content-Security-Policy").unwrap();
/// assert!(csp.contains("script-src 'self' https://cdn.example;"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct WithSecureOverride<R>(pub SecureOverride, pub R);

impl<'r, 'o: 'r, R: Responder<'r, 'o>> Responder<'r, 'o> for WithSecureOverride<R> {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'o> {
        let response = self.1.respond_to(request)?;
        attached_by_handler(&self.0);
        offer(request, Level::Handler, self.0.secure());
        Ok(response)
    }
}

/// The handler of a route passed through [`SecureOverride::wrap`] (`H` a route's
/// handler) or of a catcher passed through [`SecureOverride::wrap_catchers`] (a catcher's).
#[derive(Clone)]
struct Marked<H> {
    inner: H,
    secure: SecureOverride,
}

impl<H> Marked<H> {
    fn boxed(inner: H, secure: &SecureOverride) -> Box<Self> {
        Box::new(Self {
            inner,
            secure: secure.clone(),
        })
    }
}

/// A route or a catcher, whose handler [`SecureOverride`] wraps in a [`Marked`] one.
trait Mark {
    fn mark(self, secure: &SecureOverride) -> Self;
}

impl Mark for Route {
    fn mark(mut self, secure: &SecureOverride) -> Self {
        self.handler = Marked::boxed(self.handler, secure);
        self
    }
}

impl Mark for Catcher {
    fn mark(mut self, secure: &SecureOverride) -> Self {
        self.handler = Marked::boxed(self.handler, secure);
        self
    }
}

#[::rocket::async_trait]
impl Handler for Marked<Box<dyn Handler>> {
    /// Runs the override's request-side checks first: the route's handler (and its
    /// guards) runs only for a request they pass.
    async fn handle<'r>(&self, request: &'r Request<'_>, data: Data<'r>) -> Outcome<'r> {
        if let Err(early) = self.secure.inspect(request) {
            offer(request, Level::Route, self.secure.secure());
            return Outcome::Success(early_response(&early));
        }
        let outcome = self.inner.handle(request, data).await;
        // A forwarded request is answered by another route: its override, if any.
        if !outcome.is_forward() {
            offer(request, Level::Route, self.secure.secure());
        }
        outcome
    }
}

#[::rocket::async_trait]
impl CatcherHandler for Marked<Box<dyn CatcherHandler>> {
    /// Runs the override's request-side checks first: the error page goes only to a
    /// request they pass.
    async fn handle<'r>(&self, status: Status, request: &'r Request<'_>) -> catcher::Result<'r> {
        if let Err(early) = self.secure.inspect(request) {
            offer(request, Level::Catcher, self.secure.secure());
            return Ok(early_response(&early));
        }
        let answer = self.inner.handle(status, request).await;
        if answer.is_ok() {
            offer(request, Level::Catcher, self.secure.secure());
        }
        answer
    }
}

impl SecureOverride {
    /// Gives `catchers` this override (Rocket): the error pages they answer with get this
    /// header set instead of the route's override or the attached [`Secure`]'s (a
    /// [`WithSecureOverride`] on a response still wins). Register what it returns:
    /// `.register("/", strict.wrap_catchers(catchers![not_found]))`. The headers are
    /// converted to Rocket's types here, once.
    ///
    /// ```
    /// use rocket::local::blocking::Client;
    /// use rocket::{Request, catch, catchers};
    /// use secure_headers::{Secure, SecureOverride};
    ///
    /// #[catch(404)]
    /// fn not_found(_: &Request) -> &'static str {
    ///     "nothing here"
    /// }
    ///
    /// let base = Secure::with_default_headers();
    /// let error_pages = SecureOverride::new(base.derive(|b| {
    ///     b.map_xfo(|x| x.deny())
    /// })?)?;
    ///
    /// let rocket = rocket::build()
    ///     .register("/", error_pages.wrap_catchers(catchers![not_found]))
    ///     .attach(base);
    /// let client = Client::tracked(rocket)?;
    /// let response = client.get("/missing").dispatch();
    /// assert_eq!(response.status().code, 404);
    /// assert_eq!(response.headers().get_one("X-Frame-Options"), Some("DENY"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn wrap_catchers(&self, catchers: impl Into<Vec<Catcher>>) -> Vec<Catcher> {
        catchers.into().into_iter().map(|r| r.mark(self)).collect()
    }

    /// Gives `routes` this override (Rocket): their responses, and the catchers' responses
    /// when they fail (a guard's rejection, an error status), get this header set instead of
    /// the attached [`Secure`]'s. Mount what it returns:
    /// `.mount("/embed", embeddable.wrap(routes![widget]))`. The headers are converted to
    /// Rocket's types here, once.
    ///
    /// An override with cross-origin protection, allowed hosts or an HTTPS redirect runs
    /// those checks for every request routed to these routes, before their handlers and
    /// guards (after the attached [`Secure`]'s own checks), and answers a refusal exactly
    /// as the fairing does. The same holds for catchers passed through
    /// [`wrap_catchers`](SecureOverride::wrap_catchers): a request the checks refuse gets
    /// the refusal instead of the error page.
    ///
    /// ```
    /// use rocket::local::blocking::Client;
    /// use rocket::shield::Shield;
    /// use rocket::{get, routes};
    /// use secure_headers::{Secure, SecureOverride};
    ///
    /// #[get("/widget")]
    /// fn widget() -> &'static str {
    ///     "framable"
    /// }
    ///
    /// let base = Secure::with_default_headers();
    /// let embeddable = SecureOverride::new(base.derive(|b| {
    ///     b.without("X-Frame-Options")
    ///         .map_csp(|csp| csp.frame_ancestors(["https://partner.example"]))
    /// })?)?;
    ///
    /// let rocket = rocket::build()
    ///     .mount("/embed", embeddable.wrap(routes![widget]))
    ///     .attach(Shield::new())
    ///     .attach(base);
    /// let client = Client::tracked(rocket)?;
    /// let response = client.get("/embed/widget").dispatch();
    /// assert_eq!(response.headers().get_one("X-Frame-Options"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn wrap(&self, routes: impl Into<Vec<Route>>) -> Vec<Route> {
        routes.into().into_iter().map(|r| r.mark(self)).collect()
    }
}
