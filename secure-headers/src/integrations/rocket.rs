#![doc = include_str!("../docs/rocket.md")]

use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use ::rocket::catcher::{self, Catcher, Handler as CatcherHandler};
use ::rocket::fairing::{self, Fairing, Info, Kind};
use ::rocket::http::uri::Origin;
use ::rocket::http::{Method, Status};
use ::rocket::request::{self, FromRequest};
use ::rocket::response::{self, Responder};
use ::rocket::route::{Handler, Outcome};
use ::rocket::{Build, Data, Request, Response, Rocket, Route};

use super::Recent;
use crate::request::{Level, Marks as Offered, RequestView, attached_by_handler, opens_tunnel};
use crate::{Converted, CspNonce, EarlyResponse, RequestContext, Secure, SecureOverride};

/// What a request carries for the fairing, in its request-local cache.
#[derive(Debug, Default)]
struct Marks {
    /// The overrides offered by [`WithSecureOverride`], wrapped routes and wrapped catchers.
    offered: Mutex<Offered>,
    /// What [`Secure::inspect`] decided for the first attached `Secure`.
    context: OnceLock<RequestContext>,
    /// What it decided for each other attached `Secure`, by its place in attach order:
    /// each uses its own (empty, and allocating nothing, while one `Secure` is attached).
    others: Mutex<Vec<(usize, RequestContext)>>,
    /// The redirect or refusal to send instead of routing the request.
    early: OnceLock<EarlyResponse>,
}

impl Marks {
    /// Records the context of the `Secure` attached `index`-th. A request has one nonce,
    /// the one the handler sees: a later `Secure` whose policy uses one takes the nonce
    /// already made for the request, so that one page satisfies every policy.
    fn set_context(&self, index: usize, context: RequestContext) {
        let context = match (context.nonce(), self.nonce()) {
            (Some(_), Some(first)) => RequestContext::with_nonce(first)
                .secure(context.is_secure())
                .tunnel(context.is_tunnel()),
            _ => context,
        };
        if index == 0 {
            let _ = self.context.set(context);
        } else {
            let mut others = lock(&self.others);
            if !others.iter().any(|(i, _)| *i == index) {
                others.push((index, context));
            }
        }
    }

    /// The context recorded for the `Secure` attached `index`-th.
    fn context(&self, index: usize) -> Option<RequestContext> {
        if index == 0 {
            return self.context.get().copied();
        }
        lock(&self.others)
            .iter()
            .find_map(|(i, c)| (*i == index).then_some(*c))
    }

    /// The request's nonce: the first attached `Secure`'s that made one.
    fn nonce(&self) -> Option<CspNonce> {
        if let Some(nonce) = self.context.get().and_then(RequestContext::nonce) {
            return Some(*nonce);
        }
        lock(&self.others)
            .iter()
            .find_map(|(_, c)| c.nonce().copied())
    }
}

fn marks<'r>(request: &'r Request<'_>) -> &'r Marks {
    request.local_cache(Marks::default)
}

/// Offers `secure` at `level` for the response to `request`. Only an override offers
/// (every `secure` here is a [`SecureOverride`]'s): until one is made, every response's
/// [`Marks::offered`] is known to be empty without looking
/// ([`SecureOverride::any_made`]), and a request then needs no request-local cache entry
/// at all (Rocket allocates and hashes one per request, more than the headers themselves
/// cost).
fn offer(request: &Request<'_>, level: Level, secure: &Secure) {
    lock(&marks(request).offered).offer(level, secure);
}

fn lock<T>(slot: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A name or value as Rocket takes it.
type Text = Cow<'static, str>;

/// A name as Rocket takes it: borrowed when it is a registered header's (or one of the
/// few others this crate touches), so that the usual names are not copied per response.
fn name(n: &str) -> Text {
    match crate::registry::lowercase(n) {
        Some(s) => Cow::Borrowed(s),
        None => match n {
            "set-cookie" => Cow::Borrowed("set-cookie"),
            _ => Cow::Owned(n.to_owned()),
        },
    }
}

/// A value that does not change from response to response, as text: borrowed when it is
/// a well-known value, so that setting it copies nothing.
fn fixed_text(v: &[u8]) -> Text {
    crate::header::static_value(v).map_or_else(|| text(v), Cow::Borrowed)
}

/// A header value as text. Values are visible ASCII, unless the configuration allowed
/// obs-text, whose bytes are read as the Latin-1 characters they were built from.
fn text(v: &[u8]) -> Text {
    match std::str::from_utf8(v) {
        Ok(s) if v.is_ascii() => Cow::Owned(s.to_owned()),
        _ => Cow::Owned(v.iter().map(|b| char::from(*b)).collect()),
    }
}

/// A `Secure` with its names and values in Rocket's types.
struct Prepared {
    secure: Secure,
    /// Always `Some`: every name and value has a Rocket equivalent.
    converted: Option<Converted<Text, Text>>,
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.secure.fmt(f)
    }
}

impl Prepared {
    fn new(secure: &Secure) -> Arc<Self> {
        Arc::new(Self {
            secure: secure.clone(),
            converted: secure.convert(|n| Some(name(n)), |v| Some(fixed_text(v))),
        })
    }

    /// The one apply path, for the request `context` was made for.
    fn apply(&self, response: &mut Response<'_>, context: &RequestContext) {
        let Some(converted) = &self.converted else {
            return;
        };
        self.secure
            .set_headers_converted(converted, &mut Sink::new(response), context, |v| {
                Some(text(v))
            });
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

/// The request's path and query, joined once per request (Rocket keeps them apart).
struct PathAndQuery(String);

/// The request as the shared request-side code sees it.
///
/// The peer is the connection's ([`Request::remote`]), and the connection is TLS when Rocket
/// serves TLS (`request.rocket().config().tls_enabled()`). Forwarded headers are read by
/// [`Secure::inspect`], which believes them only from trusted proxies;
/// [`Request::client_ip`] is never used, since it believes `X-Real-IP` from anyone. Rocket
/// keeps only the path and query of the request target, so there is no URI scheme or
/// authority; over HTTP/2, the `:authority` Rocket took as the request's host stands for a
/// missing `Host` header.
impl RequestView for Request<'_> {
    fn method(&self) -> &str {
        self.method().as_str()
    }

    fn path_and_query(&self) -> &str {
        let uri = self.uri();
        if uri.query().is_none() {
            return uri.path().as_str();
        }
        &self.local_cache(|| PathAndQuery(uri.to_string())).0
    }

    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        let mut any = false;
        for value in self.headers().get(name) {
            any = true;
            f(value.as_bytes());
        }
        if !any
            && name == "host"
            && let Some(host) = self.host()
        {
            f(host.to_string().as_bytes());
        }
    }

    fn peer_addr(&self) -> Option<IpAddr> {
        self.remote().map(|a| a.ip())
    }

    fn is_tls(&self) -> bool {
        self.rocket().config().tls_enabled()
    }
}

/// The query segment a request answered early is re-routed with: its path and query stay,
/// so that Rocket's own log shows what the client asked for.
const EARLY_QUERY: &str = "secure_headers_early";

/// The routes' URI: any path, with [`EARLY_QUERY`] (no request the fairing has not
/// re-routed reaches the handler: one that has no early answer is forwarded).
const EARLY_ROUTE_URI: &str = "/<_..>?secure_headers_early";

/// The name of the early-response routes.
const EARLY_ROUTE: &str = "secure_headers::early";

/// Sends the early response the request fairing recorded.
#[derive(Clone, Copy, Debug)]
struct EarlyHandler;

#[::rocket::async_trait]
impl Handler for EarlyHandler {
    async fn handle<'r>(&self, request: &'r Request<'_>, data: Data<'r>) -> Outcome<'r> {
        let Some(early) = marks(request).early.get() else {
            return Outcome::Forward((data, Status::NotFound));
        };
        Outcome::Success(early_response(early))
    }
}

/// An early answer (a redirect or a refusal) in Rocket's types, without the security
/// headers (the response fairing applies them): the status, `Location` or `Content-Type`,
/// and the body.
#[cold]
fn early_response(early: &EarlyResponse) -> Response<'static> {
    let mut response = Response::new();
    response.set_status(Status::new(early.status().as_u16()));
    if let Some(location) = early.location() {
        response.set_raw_header("Location", text(location.as_bytes()));
    }
    if early.refusal().is_some() {
        let body = early.body();
        response.set_raw_header("Content-Type", "text/plain; charset=utf-8");
        response.set_sized_body(body.len(), std::io::Cursor::new(body));
    }
    response
}

/// Every method Rocket routes.
const METHODS: [Method; 9] = [
    Method::Get,
    Method::Put,
    Method::Post,
    Method::Delete,
    Method::Options,
    Method::Head,
    Method::Trace,
    Method::Connect,
    Method::Patch,
];

fn early_routes() -> Vec<Route> {
    METHODS
        .into_iter()
        .map(|method| {
            let mut route = Route::ranked(isize::MIN, method, EARLY_ROUTE_URI, EarlyHandler);
            route.name = Some(Cow::Borrowed(EARLY_ROUTE));
            route
        })
        .collect()
}

/// `Secure` as a fairing, named `Secure Headers`: attach it with
/// `rocket::build().attach(secure)`. It is an ignite fairing that attaches the fairing
/// doing the work (see [the module documentation](self)).
///
/// ```
/// use rocket::fairing::{Fairing, Kind};
/// use secure_headers::Secure;
///
/// let secure = Secure::with_default_headers();
/// assert_eq!(secure.info().name, "Secure Headers");
/// assert!(secure.info().kind.is(Kind::Ignite));
/// let rocket = rocket::build().attach(secure);
/// ```
#[::rocket::async_trait]
impl Fairing for Secure {
    fn info(&self) -> Info {
        Info {
            name: "Secure Headers",
            kind: Kind::Ignite,
        }
    }

    /// Converts the headers once, attaches the request-and-response fairing and mounts the
    /// early-response routes (once, whatever the number of `Secure` fairings).
    async fn on_ignite(&self, mut rocket: Rocket<Build>) -> fairing::Result {
        // Every `Secure` attached to this Rocket counts itself in one shared counter.
        let workers = match rocket.state::<Workers>() {
            Some(workers) => Arc::clone(&workers.0),
            None => {
                let workers = Arc::new(AtomicUsize::new(0));
                rocket = rocket.manage(Workers(Arc::clone(&workers)));
                workers
            }
        };
        let index = workers.fetch_add(1, Ordering::Relaxed);
        rocket = rocket.attach(Worker {
            index,
            base: Prepared::new(self),
            recent: Mutex::default(),
            fixed_context: self.context_is_fixed(),
            workers,
        });
        if !rocket
            .routes()
            .any(|r| r.name.as_deref() == Some(EARLY_ROUTE))
        {
            rocket = rocket.mount("/", early_routes());
        }
        Ok(rocket)
    }
}

/// The request-and-response fairing a `Secure` attaches when Rocket ignites.
#[derive(Debug)]
struct Worker {
    /// Its place among the `Secure`s attached to this Rocket, in attach order: the key of
    /// its own per-request context.
    index: usize,
    base: Arc<Prepared>,
    /// Handler-attached overrides seen recently, converted.
    recent: Mutex<Recent<Arc<Prepared>>>,
    /// The base `Secure` decides nothing from the request but the tunnel flag (see
    /// [`Secure::context_is_fixed`]).
    fixed_context: bool,
    /// How many `Secure`s are attached to this Rocket.
    workers: Arc<AtomicUsize>,
}

/// The number of `Secure` fairings attached to one Rocket (its managed state).
struct Workers(Arc<AtomicUsize>);

impl Worker {
    /// Whether this request's context is the one [`Secure::inspect`] would give without
    /// looking at more than the method, and this worker alone decides it: then it is not
    /// stored in the request-local cache but made again for the response.
    fn context_is_local(&self) -> bool {
        self.fixed_context && self.workers.load(Ordering::Relaxed) == 1
    }

    /// The converted headers of a handler-attached override: cached, since handlers attach
    /// overrides derived once at start-up.
    fn converted(&self, secure: &Secure) -> Arc<Prepared> {
        // Rocket takes every name and value: converting never fails.
        lock(&self.recent)
            .get_or_make(|p| p.secure == *secure, || Some(Prepared::new(secure)))
            .unwrap_or_else(|| Arc::clone(&self.base))
    }
}

#[::rocket::async_trait]
impl Fairing for Worker {
    fn info(&self) -> Info {
        Info {
            name: "Secure Headers",
            kind: Kind::Request | Kind::Response,
        }
    }

    /// Decides the request side once; re-routes a request answered early.
    async fn on_request(&self, request: &mut Request<'_>, _: &mut Data<'_>) {
        if self.context_is_local() {
            // Nothing to carry: `inspect` would only find the tunnel flag, which the
            // response path reads from the method again.
            return;
        }
        let marks = marks(request);
        // A request an earlier `Secure` answers early is not looked at again (its target
        // is the early route now): this one's headers go on that answer.
        let (context, early) = match marks.early.get() {
            Some(early) => (early.context(), None),
            None => match self.base.secure.inspect(&*request) {
                Ok(context) => (context, None),
                Err(early) => (early.context(), Some(early)),
            },
        };
        marks.set_context(self.index, context);
        let reroute = early.is_some_and(|early| marks.early.set(early).is_ok());
        if reroute {
            let uri = request.uri();
            let target = match uri.query() {
                Some(query) => format!("{}?{query}&{EARLY_QUERY}", uri.path()),
                None => format!("{}?{EARLY_QUERY}", uri.path()),
            };
            let uri = Origin::parse_owned(target)
                .unwrap_or_else(|_| Origin::const_new("/", Some(EARLY_QUERY)));
            request.set_uri(uri);
        }
    }

    /// The response path: the handler's override, else the answering catcher's, else the
    /// route's, else our own headers.
    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        let status = if upgrades(request, response) {
            http::StatusCode::SWITCHING_PROTOCOLS
        } else {
            http::StatusCode::from_u16(response.status().code)
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
        };
        let local = self.context_is_local();
        // The request-local cache only if something was put there.
        let marks = (!local || SecureOverride::any_made()).then(|| marks(request));
        let context = match marks {
            Some(marks) if !local => marks.context(self.index).unwrap_or_default(),
            _ => self.base.secure.fixed_context(opens_tunnel(request)),
        };
        let offered = marks.map(|marks| lock(&marks.offered));
        let chosen = offered.as_ref().and_then(|offered| offered.chosen());
        let base = &self.base.secure;
        let Some(plan) = base.plan(&context, status, chosen) else {
            return;
        };
        if std::ptr::eq(plan.secure(), base) {
            self.base.apply(response, plan.context());
        } else {
            self.converted(plan.secure())
                .apply(response, plan.context());
        }
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

/// The request's CSP nonce, as a request guard.
///
/// The attached [`Secure`] fairing generates one for every request when its policy uses
/// [`Source::nonce`](crate::csp::Source::nonce). Without one (no such policy, or no
/// fairing), the guard fails with `500 Internal Server Error`: take an `Option<CspNonce>`
/// to handle that case yourself.
///
/// ```
/// # #[cfg(feature = "nonce")] {
/// use rocket::local::blocking::Client;
/// use rocket::response::content::RawHtml;
/// use rocket::{get, routes};
/// use secure_headers::csp::Source;
/// use secure_headers::{ContentSecurityPolicy, CspNonce, Secure};
///
/// #[get("/")]
/// fn page(nonce: CspNonce) -> RawHtml<String> {
///     RawHtml(format!("<script {}>boot()</script>", nonce.attribute()))
/// }
///
/// let secure = Secure::builder()
///     .csp(ContentSecurityPolicy::new().script_src([Source::nonce()]))
///     .build()?;
/// let client = Client::tracked(rocket::build().mount("/", routes![page]).attach(secure))?;
/// let response = client.get("/").dispatch();
/// let csp = response.headers().get_one("Content-Security-Policy").unwrap();
/// let nonce = csp.strip_prefix("script-src 'nonce-").unwrap().strip_suffix('\'').unwrap().to_owned();
/// assert_eq!(
///     response.into_string().unwrap(),
///     format!(r#"<script nonce="{nonce}">boot()</script>"#)
/// );
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[::rocket::async_trait]
impl<'r> FromRequest<'r> for CspNonce {
    type Error = crate::Error;

    async fn from_request(request: &'r Request<'_>) -> request::Outcome<Self, crate::Error> {
        match marks(request).nonce() {
            Some(nonce) => request::Outcome::Success(nonce),
            None => request::Outcome::Error((
                Status::InternalServerError,
                super::no_nonce("no Secure fairing is attached"),
            )),
        }
    }
}

/// The report collector's route handler.
#[cfg(feature = "reporting")]
#[derive(Clone, Debug)]
struct ReportHandler(crate::report::ReportCollector);

#[cfg(feature = "reporting")]
#[::rocket::async_trait]
impl Handler for ReportHandler {
    async fn handle<'r>(&self, request: &'r Request<'_>, data: Data<'r>) -> Outcome<'r> {
        use crate::report::Admission;

        let collector = &self.0;
        let headers = request.headers();
        let content_type = headers.get_one("Content-Type");
        let length = headers
            .get_one("Content-Length")
            .and_then(|v| v.trim().parse::<u64>().ok());
        let status = match http::Method::from_bytes(request.method().as_str().as_bytes()) {
            Err(_) => http::StatusCode::METHOD_NOT_ALLOWED,
            Ok(method) => match collector.admit(&method, content_type, length) {
                Admission::Respond(status) => status,
                Admission::ReadBody => {
                    let limit = ::rocket::data::ByteUnit::from(collector.body_limit());
                    match data.open(limit).into_bytes().await {
                        Ok(body) if body.is_complete() => collector.receive(content_type, &body),
                        Ok(_) => collector.too_large(),
                        Err(_) => collector.unreadable(),
                    }
                }
            },
        };
        let mut response = Response::new();
        response.set_status(Status::new(status.as_u16()));
        for (n, v) in collector.response_headers() {
            response.adjoin_header(::rocket::http::Header::new(
                name(n.as_str()),
                text(v.as_bytes()),
            ));
        }
        Outcome::Success(response)
    }
}

/// The report collector as Rocket routes: mount it where the policies' `report-uri` and
/// `Reporting-Endpoints` point (`.mount("/csp-reports", collector)`).
///
/// The routes answer every method at the mount point. The collector decides from the
/// request line and headers first ([`ReportCollector::admit`]), so a `Content-Length` over
/// the limit is refused before any byte of the body is read; a body without a length is
/// read only up to the collector's limit (Rocket's own data limits do not apply). It
/// answers `204` for accepted reports and CORS preflights, `413` for a body over the limit
/// (the rest is not read), `415` for another content type, `400` for malformed JSON and
/// `405` for another method; see [`crate::report`].
///
/// [`ReportCollector::admit`]: crate::report::ReportCollector::admit
///
/// ```
/// use rocket::http::ContentType;
/// use rocket::local::blocking::Client;
/// use secure_headers::Secure;
/// use secure_headers::report::{Report, ReportCollector};
///
/// let (collector, reports) = ReportCollector::channel(1024);
/// let rocket = rocket::build()
///     .mount("/csp-reports", collector)
///     .attach(Secure::with_default_headers());
/// let client = Client::tracked(rocket)?;
/// let response = client
///     .post("/csp-reports")
///     .header(ContentType::new("application", "csp-report"))
///     .body(r#"{"csp-report": {"document-uri": "https://example.com/", "blocked-uri": "inline", "effective-directive": "script-src-elem"}}"#)
///     .dispatch();
/// assert_eq!(response.status().code, 204);
/// assert_eq!(response.headers().get_one("Access-Control-Allow-Origin"), Some("*"));
/// let Report::CspViolation(v) = reports.try_recv().unwrap() else { panic!() };
/// assert_eq!(v.blocked_url, "inline");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "reporting")]
#[cfg_attr(docsrs, doc(cfg(feature = "reporting")))]
impl From<crate::report::ReportCollector> for Vec<Route> {
    fn from(collector: crate::report::ReportCollector) -> Self {
        // Not HEAD (Rocket answers it from the GET route), TRACE nor CONNECT (no route:
        // `404`).
        METHODS
            .into_iter()
            .filter(|m| !matches!(m, Method::Head | Method::Trace | Method::Connect))
            .map(|method| Route::new(method, "/", ReportHandler(collector.clone())))
            .collect()
    }
}

mod sink;
#[cfg(test)]
mod tests;

use sink::Sink;
