//! `Secure` as a Rocket fairing: the ignite fairing, and the request-and-response fairing
//! it attaches.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use ::rocket::fairing::{self, Fairing, Info, Kind};
use ::rocket::http::Status;
use ::rocket::http::uri::Origin;
use ::rocket::{Build, Data, Request, Response, Rocket};

use super::context::{lock, marks};
use super::convert::Prepared;
use super::early::{EARLY_QUERY, EARLY_ROUTE, early_routes};
use crate::integrations::Recent;
use crate::request::opens_tunnel;
use crate::{RequestContext, Secure};

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
/// (tunnel or not): it reads nothing beyond the method and makes no nonce. The fairing may
/// then make that context again where it needs it ([`fixed_context`]) rather than carry it.
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

    /// Converts the headers once, attaches the request-and-response fairing and mounts the
    /// early-response routes (once, whatever the number of `Secure` fairings).
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
        let index = workers.count.fetch_add(1, Ordering::Relaxed);
        rocket = rocket.attach(Worker {
            index,
            base: Prepared::new(self),
            recent: Mutex::default(),
            fixed_context: context_is_fixed(self),
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
    /// [`context_is_fixed`]).
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
    /// Whether a request to this Rocket was ever offered an override. Until one is, no
    /// response can carry one, and a request needs no request-local cache entry at all
    /// (Rocket allocates and hashes one per request, more than the headers themselves
    /// cost). Set once, by the request that offers, before its own response is made.
    offered: AtomicBool,
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
    /// Whether this request's context is the one [`Secure::inspect`] would give without
    /// looking at more than the method, and this worker alone decides it: then it is not
    /// stored in the request-local cache but made again for the response.
    fn context_is_local(&self) -> bool {
        self.fixed_context && self.workers.count.load(Ordering::Relaxed) == 1
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
        let offered = self.workers.offered.load(Ordering::Relaxed);
        let marks = (!local || offered).then(|| marks(request));
        let context = match marks {
            Some(marks) if !local => marks.context(self.index).unwrap_or_default(),
            _ => fixed_context(&self.base.secure, opens_tunnel(request)),
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
