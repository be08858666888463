//! [Rocket](https://rocket.rs) 0.5: `Secure` is a response [`Fairing`], so
//! `.attach(secure)` puts the headers on every response of the application.
//!
//! # Example
//!
//! ```
//! use rocket::local::blocking::Client;
//! use rocket::{get, routes};
//! use secure_headers::Secure;
//!
//! #[get("/")]
//! fn index() -> &'static str {
//!     "hello"
//! }
//!
//! let rocket = rocket::build()
//!     .mount("/", routes![index])
//!     .attach(Secure::with_default_headers());
//!
//! let client = Client::tracked(rocket)?;
//! let response = client.get("/").dispatch();
//! assert_eq!(response.headers().get_one("X-Frame-Options"), Some("SAMEORIGIN"));
//! assert_eq!(response.headers().get_one("Server"), Some(""));
//! # Ok::<(), rocket::Error>(())
//! ```
//!
//! Every response Rocket sends gets the headers: route responses, the catchers' responses
//! (404, a guard's rejection such as a JSON body that does not parse, 500, ...), `HEAD` and
//! `304`. Bodies are not touched, so streams
//! stream through. Responses that upgrade the connection (WebSocket, through `rocket_ws`)
//! are left alone, as the seed's ASGI middleware leaves WebSocket connections alone.
//!
//! The fairing applies the headers without copying them: the header set in use is kept in
//! the request-local cache for the request's lifetime, and Rocket's headers borrow its
//! names and values. The insertion rules are those of
//! [`InsertMode::apply`](crate::InsertMode::apply), as everywhere else.
//!
//! # Rocket's `Shield`
//!
//! Rocket attaches its own [`Shield`](::rocket::shield::Shield) by default, which sends
//! `X-Content-Type-Options: nosniff`, `X-Frame-Options: SAMEORIGIN` and
//! `Permissions-Policy: interest-cohort=()` when the response does not have them. The default
//! `Shield` runs before every fairing you attach, so every header your `Secure` configures
//! replaces `Shield`'s. But a header your `Secure` does *not* send (one dropped with
//! [`SecureBuilder::without`](crate::SecureBuilder::without), in an override for example)
//! is still sent by `Shield`. To send exactly the headers of your `Secure`, turn `Shield`
//! off by attaching one with no policy:
//!
//! ```
//! use rocket::shield::Shield;
//! use secure_headers::Secure;
//!
//! let rocket = rocket::build()
//!     .attach(Shield::new()) // replaces the default Shield: no policy, no header
//!     .attach(Secure::with_default_headers());
//! ```
//!
//! | Header | Default `Shield` | With `Secure` (Balanced) |
//! |---|---|---|
//! | X-Content-Type-Options | `nosniff` | `nosniff` (ours) |
//! | X-Frame-Options | `SAMEORIGIN` | `SAMEORIGIN` (ours) |
//! | Permissions-Policy | `interest-cohort=()` | `geolocation=(), microphone=(), camera=()` (ours) |
//! | Strict-Transport-Security | only with TLS | ours |
//! | Server | `Rocket` (the `ident` setting, not `Shield`) | empty (ours) |
//!
//! # Per-route and per-response overrides
//!
//! Rocket responses carry no extensions, so the override travels in the request-local
//! cache. A group of routes can use a different header set: pass them through
//! [`SecureOverride::wrap`] when mounting them
//! (`.mount("/embed", embeddable.wrap(routes![widget]))`). A handler can attach an override
//! to its own response by returning [`WithSecureOverride`]. An override attached by the
//! handler wins over one set for the route, which wins over the attached `Secure`.
//!
//! ```
//! use rocket::local::blocking::Client;
//! use rocket::shield::Shield;
//! use rocket::{State, get, routes};
//! use secure_headers::rocket::WithSecureOverride;
//! use secure_headers::{Secure, SecureOverride};
//!
//! #[get("/widget")]
//! fn widget() -> &'static str {
//!     "framable"
//! }
//!
//! #[get("/report")]
//! fn report(strict: &State<SecureOverride>) -> WithSecureOverride<&'static str> {
//!     WithSecureOverride(strict.inner().clone(), "one response")
//! }
//!
//! let base = Secure::with_default_headers();
//! // Derived once, at start-up.
//! let embeddable = SecureOverride::new(base.derive(|b| b.without("X-Frame-Options"))?);
//! let strict = SecureOverride::new(base.derive(|b| b.map_xfo(|x| x.deny()))?);
//!
//! let rocket = rocket::build()
//!     .mount("/embed", embeddable.wrap(rocket::routes![widget]))
//!     .mount("/", routes![report])
//!     .manage(strict)
//!     .attach(Shield::new())
//!     .attach(base);
//!
//! let client = Client::tracked(rocket)?;
//! let widget = client.get("/embed/widget").dispatch();
//! assert_eq!(widget.headers().get_one("X-Frame-Options"), None);
//! let report = client.get("/report").dispatch();
//! assert_eq!(report.headers().get_one("X-Frame-Options"), Some("DENY"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::sync::{Mutex, OnceLock, PoisonError};

use ::rocket::fairing::{Fairing, Info, Kind};
use ::rocket::http::{Header, Status};
use ::rocket::response::{self, Responder};
use ::rocket::route::{Handler, Outcome};
use ::rocket::{Data, Request, Response, Route};

use crate::{HeaderSink, Secure, SecureOverride};

/// What a request carries for the fairing, in its request-local cache.
#[derive(Debug, Default)]
struct Marks {
    /// Set by [`WithSecureOverride`]: the last one to respond wins.
    handler: Mutex<Option<SecureOverride>>,
    /// Set by a route wrapped with [`SecureOverride::wrap`]: the innermost wrapper wins.
    route: Mutex<Option<SecureOverride>>,
    /// The header set applied to this request's response, kept for the request's lifetime
    /// so that Rocket's headers can borrow from it.
    applied: OnceLock<Secure>,
}

fn marks<'r>(request: &'r Request<'_>) -> &'r Marks {
    request.local_cache(Marks::default)
}

fn get(slot: &Mutex<Option<SecureOverride>>) -> Option<SecureOverride> {
    slot.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// Rocket's response as a [`HeaderSink`].
struct Sink<'a, 'r>(&'a mut Response<'r>);

impl<'r> HeaderSink for Sink<'_, 'r> {
    type Name = Cow<'r, str>;
    type Value = Cow<'r, str>;

    #[inline]
    fn insert(&mut self, name: &Cow<'r, str>, value: Cow<'r, str>) {
        self.0.set_header(Header::new(name.clone(), value));
    }

    #[inline]
    fn append(&mut self, name: &Cow<'r, str>, value: Cow<'r, str>) {
        self.0.adjoin_header(Header::new(name.clone(), value));
    }

    #[inline]
    fn contains(&self, name: &Cow<'r, str>) -> bool {
        self.0.headers().contains(name.as_ref())
    }

    #[inline]
    fn remove(&mut self, name: &Cow<'r, str>) {
        self.0.remove_header(name);
    }
}

/// Whether Rocket will upgrade the connection with this response (it sets the `101` status
/// only after the fairings have run).
fn upgrades(request: &Request<'_>, response: &mut Response<'_>) -> bool {
    response.status() == Status::SwitchingProtocols
        || request
            .headers()
            .get("Upgrade")
            .flat_map(|v| v.split(','))
            .any(|proto| response.upgrade(proto.trim()).is_some())
}

/// The response path: the handler's override, else the route's, else `base`.
fn apply<'r>(base: &Secure, request: &'r Request<'_>, response: &mut Response<'r>) {
    if upgrades(request, response) {
        return;
    }
    let marks = marks(request);
    let chosen = get(&marks.handler).or_else(|| get(&marks.route));
    let secure = chosen.as_ref().map_or(base, SecureOverride::secure);
    let held: &'r Secure = marks.applied.get_or_init(|| secure.clone());
    let mut sink = Sink(response);
    if held == secure {
        // Borrowed for the request's lifetime: no copy of any name or value.
        for e in held.entries() {
            let (name, value) = (Cow::Borrowed(e.name()), Cow::Borrowed(e.value_str()));
            e.mode().apply(&mut sink, &name, value);
        }
    } else {
        // A second `Secure` fairing on the same request: copy its headers.
        for e in secure.entries() {
            let name = Cow::Owned(e.name().to_owned());
            let value = Cow::Owned(e.value_str().to_owned());
            e.mode().apply(&mut sink, &name, value);
        }
    }
}

/// `Secure` as a response fairing, named `Secure Headers`: attach it with
/// `rocket::build().attach(secure)`.
///
/// ```
/// use rocket::fairing::{Fairing, Kind};
/// use secure_headers::Secure;
///
/// let secure = Secure::with_default_headers();
/// assert_eq!(secure.info().name, "Secure Headers");
/// assert!(secure.info().kind.is(Kind::Response));
/// let rocket = rocket::build().attach(secure);
/// ```
#[::rocket::async_trait]
impl Fairing for Secure {
    fn info(&self) -> Info {
        Info {
            name: "Secure Headers",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        apply(self, request, response);
    }
}

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
/// })?);
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
        *marks(request)
            .handler
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(self.0);
        Ok(response)
    }
}

/// The handler of a route passed through [`SecureOverride::wrap`].
#[derive(Clone)]
struct OverrideHandler {
    inner: Box<dyn Handler>,
    secure: SecureOverride,
}

#[::rocket::async_trait]
impl Handler for OverrideHandler {
    async fn handle<'r>(&self, request: &'r Request<'_>, data: Data<'r>) -> Outcome<'r> {
        let outcome = self.inner.handle(request, data).await;
        // A forwarded request is answered by another route: its override, if any.
        if !outcome.is_forward() {
            marks(request)
                .route
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get_or_insert_with(|| self.secure.clone());
        }
        outcome
    }
}

impl SecureOverride {
    /// Gives `routes` this override (Rocket): their responses, and the catchers' responses
    /// when they fail (a guard's rejection, an error status), get this header set instead of
    /// the attached [`Secure`]'s. Mount what it returns:
    /// `.mount("/embed", embeddable.wrap(routes![widget]))`.
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
    /// })?);
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
        routes
            .into()
            .into_iter()
            .map(|mut route| {
                route.handler = Box::new(OverrideHandler {
                    inner: route.handler,
                    secure: self.clone(),
                });
                route
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use ::rocket::local::blocking::Client;
    use ::rocket::shield::Shield;

    use crate::{Preset, Secure};

    /// A second `Secure` fairing on the same application (the copying path) overwrites what
    /// the first one set.
    #[test]
    fn second_fairing_applies_its_own_headers() {
        let rocket = ::rocket::build()
            .attach(Shield::new())
            .attach(Secure::from_preset(Preset::Balanced))
            .attach(Secure::from_preset(Preset::Strict));
        let client = Client::tracked(rocket).unwrap();
        let response = client.get("/").dispatch();
        assert_eq!(response.status().code, 404);
        let headers = response.headers();
        assert_eq!(headers.get_one("X-Frame-Options"), Some("DENY"));
        assert_eq!(
            headers.get_one("Cache-Control"),
            Some("no-store, max-age=0")
        );
        // Both CSPs are there: CSP is appended, not replaced.
        assert_eq!(headers.get("Content-Security-Policy").count(), 2);
        assert_eq!(
            headers.get_one("Strict-Transport-Security"),
            Some("max-age=63072000; includeSubDomains")
        );
    }
}
