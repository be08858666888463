//! `Secure` as a Rocket fairing: the ignite fairing, and the response (and request) fairing
//! it attaches.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use ::rocket::fairing::{self, Fairing, Info, Kind};
use ::rocket::http::Status;
use ::rocket::http::uri::Origin;
use ::rocket::{Build, Data, Request, Response, Rocket};

use super::context::{lock, marks};
use super::convert::Prepared;
use super::early::{EARLY_QUERY, EARLY_ROUTE, early_routes};
use crate::integrations::Recent;
use crate::request::opens_tunnel;
use crate::{EarlyResponse, RequestContext, Secure};

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

/// Whether [`Secure::inspect`] always gives the same context for requests of the same kind
/// (tunnel or not), and never an early answer: it reads nothing beyond the method and makes
/// no nonce. The fairing then has no request side: it makes that context again where it
/// needs it ([`fixed_context`]) rather than carry it.
pub(super) fn context_is_fixed(secure: &Secure) -> bool {
    !secure.inspects_request() && !secure.needs_nonce()
}

/// The context [`Secure::inspect`] gives when [`context_is_fixed`], for a request that
/// opens a tunnel or not.
fn fixed_context(secure: &Secure, tunnel: bool) -> RequestContext {
    debug_assert!(context_is_fixed(secure));
    secure.request_context().tunnel(tunnel)
}

/// `Secure` as a fairing, named `Secure Headers`: attach it with
/// `rocket::build().attach(secure)`. It is an ignite fairing that attaches the fairing
/// doing the work (see [the module documentation](super)).
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

    /// Converts the headers once, attaches the fairing doing the work and, if this
    /// `Secure` has a check that can answer a request early, mounts the early-response
    /// routes (once, whatever the number of `Secure` fairings). Without such a check they
    /// are not mounted: Rocket's router would try them on every request.
    async fn on_ignite(&self, mut rocket: Rocket<Build>) -> fairing::Result {
        // Every `Secure` attached to this Rocket counts itself in one shared counter.
        let workers = match rocket.state::<Workers>() {
            Some(workers) => Arc::clone(&workers.0),
            None => {
                let workers = Arc::new(Attached::default());
                rocket = rocket.manage(Workers(Arc::clone(&workers)));
                workers
            }
        };
        rocket = rocket.attach(Worker::new(self, workers));
        if self.checks_request()
            && !rocket
                .routes()
                .any(|r| r.name.as_deref() == Some(EARLY_ROUTE))
        {
            rocket = rocket.mount("/", early_routes());
        }
        Ok(rocket)
    }
}

/// The fairing a `Secure` attaches when Rocket ignites: a response fairing, and a request
/// fairing unless the `Secure`'s context is fixed ([`context_is_fixed`]).
#[derive(Debug)]
struct Worker {
    /// Its place among the `Secure`s attached to this Rocket, in attach order: the key of
    /// its own per-request context.
    index: usize,
    base: Arc<Prepared>,
    /// Handler-attached overrides seen recently, converted.
    recent: Mutex<Recent<Arc<Prepared>>>,
    /// The base `Secure` decides nothing from the request but the tunnel flag (see
    /// [`context_is_fixed`]): the fairing is then a response fairing only, since Rocket
    /// allocates a future for every request fairing's call, even one that does nothing.
    fixed_context: bool,
    /// What the `Secure`s attached to this Rocket share.
    workers: Arc<Attached>,
}

/// What the `Secure` fairings attached to one Rocket share (its managed state, so it lives
/// and dies with that Rocket).
#[derive(Debug, Default)]
pub(super) struct Attached {
    /// How many are attached.
    count: AtomicUsize,
    /// Whether one of them inspects requests (see [`context_is_fixed`]): then a request may
    /// have been answered early, which the others' headers follow.
    inspecting: AtomicBool,
    /// Whether a request to this Rocket was ever offered an override. Until one is, no
    /// response can carry one, and a request needs no request-local cache entry at all
    /// (Rocket allocates and hashes one per request, more than the headers themselves
    /// cost). Set once, by the request that offers, before its own response is made.
    offered: AtomicBool,
    /// Each one's converted headers, by its place in attach order: reached through the
    /// Rocket's state, they live as long as the Rocket, and so lend their names and values
    /// to every response rather than copy them.
    bases: Bases,
}

/// The converted headers of the `Secure`s attached to one Rocket, by their place in attach
/// order: a chain each one adds its link to as it is attached, and never changed after.
#[derive(Debug, Default)]
struct Bases {
    base: OnceLock<Arc<Prepared>>,
    next: OnceLock<Box<Bases>>,
}

impl Bases {
    /// Sets the converted headers of the `Secure` attached `index`-th.
    fn set(&self, index: usize, base: Arc<Prepared>) {
        let mut link = self;
        for _ in 0..index {
            link = link.next.get_or_init(Box::default);
        }
        let _ = link.base.set(base);
    }

    /// The converted headers of the `Secure` attached `index`-th.
    fn get(&self, index: usize) -> Option<&Prepared> {
        let mut link = self;
        for _ in 0..index {
            link = link.next.get()?;
        }
        link.base.get().map(|base| &**base)
    }
}

impl Attached {
    /// Notes that a request to this Rocket was offered an override.
    pub(super) fn offered(&self) {
        if !self.offered.load(Ordering::Relaxed) {
            self.offered.store(true, Ordering::Relaxed);
        }
    }
}

/// What the `Secure` fairings attached to one Rocket share, as its managed state.
pub(super) struct Workers(pub(super) Arc<Attached>);

impl Worker {
    /// The worker of `secure`, the next attached to the Rocket `workers` belongs to.
    fn new(secure: &Secure, workers: Arc<Attached>) -> Self {
        let index = workers.count.fetch_add(1, Ordering::Relaxed);
        let fixed_context = context_is_fixed(secure);
        if !fixed_context {
            workers.inspecting.store(true, Ordering::Relaxed);
        }
        let base = Prepared::new(secure);
        workers.bases.set(index, Arc::clone(&base));
        Self {
            index,
            base,
            recent: Mutex::default(),
            fixed_context,
            workers,
        }
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
            kind: if self.fixed_context {
                Kind::Response
            } else {
                Kind::Request | Kind::Response
            },
        }
    }

    /// Decides the request side once; re-routes a request answered early. Not called for a
    /// `Secure` whose context is fixed: `inspect` would only find the tunnel flag, which
    /// the response path reads from the method again.
    async fn on_request(&self, request: &mut Request<'_>, _: &mut Data<'_>) {
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
        // The request-local cache only if something may have been put there: this
        // `Secure`'s context, an override, or another's early answer.
        let offered = self.workers.offered.load(Ordering::Relaxed);
        let fixed = self.fixed_context;
        let look = !fixed || offered || self.workers.inspecting.load(Ordering::Relaxed);
        let marks = look.then(|| marks(request));
        let context = match marks {
            Some(marks) if !fixed => marks.context(self.index).unwrap_or_default(),
            // A request another `Secure` answered early gets this one's headers too, with
            // what was found for that answer.
            Some(marks) => marks.early.get().map_or_else(
                || fixed_context(&self.base.secure, opens_tunnel(request)),
                EarlyResponse::context,
            ),
            None => fixed_context(&self.base.secure, opens_tunnel(request)),
        };
        let offered = marks.map(|marks| lock(&marks.offered));
        let chosen = offered.as_ref().and_then(|offered| offered.chosen());
        let base = &self.base.secure;
        let Some(plan) = base.plan(&context, status, chosen) else {
            return;
        };
        if std::ptr::eq(plan.secure(), base) {
            // Custom names or values are lent to the response from the Rocket's state, which
            // outlives it (they are always there: set before this was attached). Looking
            // them up there (about 80 instructions) costs less than copying one custom CSP
            // (about 230); `'static` ones are copied as cheaply as they would be lent.
            let lent = self.base.lends.then(|| request.rocket().state::<Workers>());
            match lent.flatten().and_then(|w| w.0.bases.get(self.index)) {
                Some(lent) => lent.lend(response, plan.context()),
                None => self.base.apply(response, plan.context()),
            }
        } else {
            self.converted(plan.secure())
                .apply(response, plan.context());
        }
    }
}

#[cfg(test)]
mod tests {
    use ::rocket::fairing::{Fairing, Kind};

    use super::Worker;
    use crate::transport::AllowedHosts;
    use crate::{Preset, Secure};

    /// A `Secure` that reads nothing of the request is a response fairing only (Rocket
    /// allocates a future for each call of a request fairing, even one that does nothing);
    /// one that reads the request, or makes a nonce, is a request fairing too.
    #[test]
    fn only_a_secure_that_reads_requests_has_a_request_side() {
        let reads = Secure::builder()
            .allowed_hosts(AllowedHosts::new(["example.com"]))
            .build()
            .unwrap();
        let balanced = Secure::from_preset(Preset::Balanced);
        for (secure, request_side) in [(balanced, false), (reads, true)] {
            let kind = Worker::new(&secure, Default::default()).info().kind;
            assert!(kind.is(Kind::Response));
            assert_eq!(kind.is(Kind::Request), request_side, "{secure:?}");
        }
    }
}
