#![doc = include_str!("../docs/warp.md")]

use std::convert::Infallible;
use std::future::ready;
use std::net::{IpAddr, SocketAddr};

use http::HeaderMap;
use warp::host::Authority;
use warp::path::FullPath;
use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

use crate::request::{RequestView, each_value};
use crate::transport::{PeerAddr, Tls};
use crate::{CspNonce, RequestContext, Secure, SecureOverride};

mod replies;
mod route;

use route::Early;

pub use replies::{InspectsRequest, ResponseOnly, wrap_replies};

/// Wraps `filter` so that every request is inspected before it (see the [module](self)
/// docs) and every reply it produces carries `secure`'s headers (or those of a
/// [`SecureOverride`] the reply or its route carries). Rejections pass through untouched:
/// see the [module](self) docs for where to put `recover`.
///
/// The wrapped filter extracts a [`Response`] and rejects exactly when `filter` rejects:
/// an HTTPS redirect or the refusal of a host is a reply, sent without running `filter`.
/// Use it directly, or inside [`warp::wrap_fn`] to chain it with [`Filter::with`]:
///
/// ```
/// use secure_headers::Secure;
/// use secure_headers::warp::wrap;
/// use warp::Filter;
///
/// let secure = Secure::with_default_headers();
/// let hello = wrap(warp::path("hello").map(|| "hello"), secure.clone());
/// let bye = warp::path("bye")
///     .map(|| "bye")
///     .with(warp::wrap_fn(move |f| wrap(f, secure.clone())));
/// ```
pub fn wrap<F, R>(
    filter: F,
    secure: Secure,
) -> impl Filter<Extract = (Response,), Error = F::Error> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,)> + Clone + Send + Sync + 'static,
    F::Error: FilterError,
    R: Reply,
{
    <F::Error as sealed::Sealed>::wrap(filter, secure)
}

/// The error type of a filter that [`wrap`] accepts: [`Rejection`], or [`Infallible`] for
/// a filter that recovers its rejections (every warp filter has one of the two). The
/// wrapped filter has the same error type.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use std::convert::Infallible;
///
/// use secure_headers::Secure;
/// use secure_headers::warp::wrap;
/// use warp::{Filter, Rejection, Reply};
///
/// let secure = Secure::with_default_headers();
/// // A filter that may reject (the path does not match): the wrapped one rejects too.
/// let route = wrap(warp::path("hello").map(|| "hello"), secure.clone());
/// let missed = warp::test::request().path("/other").filter(&route).await;
/// assert!(missed.is_err());
/// // A filter that recovered its rejections (error type `Infallible`): every reply,
/// // the 404 included, gets the headers.
/// let recovered = warp::path("hello")
///     .map(|| "hello".into_response())
///     .recover(|_: Rejection| async {
///         Ok::<_, Infallible>(warp::http::StatusCode::NOT_FOUND.into_response())
///     })
///     .unify();
/// let app = wrap(recovered, secure);
/// let response = warp::test::request().path("/other").reply(&app).await;
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["x-content-type-options"], "nosniff");
/// # });
/// ```
pub trait FilterError: sealed::Sealed {}

impl FilterError for Rejection {}

impl FilterError for Infallible {}

mod sealed {
    use super::*;

    /// The signature of [`Sealed::wrap`], written once for the trait and its two
    /// implementations: `$body` is `;` or the body, which names the parameters
    /// `$filter` and `$secure`.
    macro_rules! wrap_fn {
        ($filter:ident, $secure:ident, $($body:tt)*) => {
            fn wrap<F, R>(
                $filter: F,
                $secure: Secure,
            ) -> impl Filter<Extract = (Response,), Error = Self> + Clone + Send + Sync + 'static
            where
                F: Filter<Extract = (R,), Error = Self> + Clone + Send + Sync + 'static,
                R: Reply
            $($body)*
        };
    }

    pub trait Sealed: Sized {
        wrap_fn!(filter, secure, ;);

        /// [`wrap_replies`](super::wrap_replies) for this error type.
        fn wrap_replies<F, R>(
            filter: F,
            secure: ResponseOnly,
        ) -> impl Filter<Extract = (Response,), Error = Self> + Clone + Send + Sync + 'static
        where
            F: Filter<Extract = (R,), Error = Self> + Clone + Send + Sync + 'static,
            R: Reply;

        /// [`wrap_override`](super::wrap_override) for this error type.
        fn wrap_override<F, R>(
            filter: F,
            secure: SecureOverride,
        ) -> impl Filter<Extract = (Response,), Error = Self> + Clone + Send + Sync + 'static
        where
            F: Filter<Extract = (R,), Error = Self> + Clone + Send + Sync + 'static,
            R: Reply;
    }

    /// Writes [`Sealed::wrap`] for the error type `$error`: the request is inspected once,
    /// the reply of `filter` gets the headers, an early answer (an HTTPS redirect or a
    /// refused host) is sent in place of `filter`'s reply, and any other rejection is
    /// answered by `$unmatched`. (Written out per type because warp does not export the
    /// trait that combines the two error types.)
    macro_rules! wrap_for {
        ($error:ty, $unmatched:path, $replies:path, $route:path) => {
            impl Sealed for $error {
                wrap_fn!(filter, secure, {
                    let apply = secure;
                    let early = apply.clone();
                    inspect(apply.clone())
                        .and(filter)
                        .map(move |inspected: Inspected, reply: R| inspected.apply(&apply, reply))
                        .recover(move |rejection: Rejection| {
                            ready(match rejection.find::<Early>() {
                                Some(e) => Ok(e.response(&early)),
                                None => $unmatched(rejection, &early),
                            })
                        })
                        .unify()
                });

                fn wrap_replies<F, R>(
                    filter: F,
                    secure: ResponseOnly,
                ) -> impl Filter<Extract = (Response,), Error = Self> + Clone + Send + Sync + 'static
                where
                    F: Filter<Extract = (R,), Error = Self> + Clone + Send + Sync + 'static,
                    R: Reply,
                {
                    $replies(filter, secure)
                }

                fn wrap_override<F, R>(
                    filter: F,
                    secure: SecureOverride,
                ) -> impl Filter<Extract = (Response,), Error = Self> + Clone + Send + Sync + 'static
                where
                    F: Filter<Extract = (R,), Error = Self> + Clone + Send + Sync + 'static,
                    R: Reply,
                {
                    $route(filter, secure)
                }
            }
        };
    }

    use super::route::{replies_answering, replies_rejecting, route_answering, route_rejecting};

    wrap_for!(Rejection, pass_on, replies_rejecting, route_rejecting);
    wrap_for!(
        Infallible,
        internal_error,
        replies_answering,
        route_answering
    );

    /// A filter that can reject passes its own rejections on.
    fn pass_on(rejection: Rejection, _: &Secure) -> Result<Response, Rejection> {
        Err(rejection)
    }

    /// A filter that never rejects has no rejection but the early answer, handled before
    /// this: anything else is answered `500 Internal Server Error`, with the headers.
    #[expect(clippy::unnecessary_wraps, reason = "the shape `wrap_for!` calls")]
    fn internal_error(_: Rejection, secure: &Secure) -> Result<Response, Infallible> {
        let status = http::StatusCode::INTERNAL_SERVER_ERROR;
        let mut response = warp::reply::with_status(warp::reply(), status).into_response();
        secure.apply_to_response(&mut response);
        Ok(response)
    }
}

/// What the inspection decided for a request that proceeds; while it lives, [`nonce`]
/// finds the request's nonce.
struct Inspected {
    context: RequestContext,
    _registration: Option<registry::Registration>,
}

impl Inspected {
    fn new(context: RequestContext) -> Self {
        let registration = context.nonce().map(|n| registry::register(*n));
        Self {
            context,
            _registration: registration,
        }
    }

    fn apply<R: Reply>(self, secure: &Secure, reply: R) -> Response {
        let mut response = reply.into_response();
        secure.apply_to_response_with(&mut response, &self.context);
        response
    }
}

/// Runs [`Secure::inspect`] once per request: with a view that knows only the method when
/// `secure` needs nothing more (no header is copied then), else with a view of the request
/// made from warp's filters. An early answer is a rejection carrying [`Early`].
fn inspect(
    secure: Secure,
) -> impl Filter<Extract = (Inspected,), Error = Rejection> + Clone + Send + Sync + 'static {
    let needs = secure.inspects_request();
    let quick_secure = secure.clone();
    let quick = warp::method().and_then(move |method: http::Method| {
        ready(if needs {
            Err(warp::reject::not_found())
        } else {
            decide(&quick_secure, &MethodOnly(method))
        })
    });
    // When `quick` rejected with "not found", `or` keeps this branch's rejection.
    let full = view().and_then(move |view: View| ready(decide(&secure, &view)));
    quick.or(full).unify()
}

/// The inspection's outcome as a filter's: the request proceeds, or is answered early.
fn decide(secure: &Secure, view: &impl RequestView) -> Result<Inspected, Rejection> {
    match secure.inspect(view) {
        Ok(context) => Ok(Inspected::new(context)),
        Err(early) => Err(warp::reject::custom(Early::new(early))),
    }
}

/// The view for a `Secure` that asks nothing of the request but its method.
struct MethodOnly(http::Method);

impl RequestView for MethodOnly {
    fn method(&self) -> &str {
        self.0.as_str()
    }
    fn path_and_query(&self) -> &str {
        "/"
    }
    fn for_each_header(&self, _: &str, _: &mut dyn FnMut(&[u8])) {}
    fn peer_addr(&self) -> Option<IpAddr> {
        None
    }
    fn is_tls(&self) -> bool {
        false
    }
}

/// A request as warp's filters show it (not the request target's scheme: warp does not
/// show it).
struct View {
    method: http::Method,
    headers: HeaderMap,
    path_and_query: String,
    authority: Option<String>,
    peer: Option<IpAddr>,
    tls: bool,
}

impl RequestView for View {
    fn method(&self) -> &str {
        self.method.as_str()
    }

    fn uri_authority(&self) -> Option<&str> {
        self.authority.as_deref()
    }

    fn path_and_query(&self) -> &str {
        &self.path_and_query
    }

    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        each_value(&self.headers, name, f);
    }

    fn peer_addr(&self) -> Option<IpAddr> {
        self.peer
    }

    fn is_tls(&self) -> bool {
        self.tls
    }
}

/// Collects a [`View`] from warp's filters (only for a `Secure` that needs one).
fn view() -> impl Filter<Extract = (View,), Error = Infallible> + Clone + Send + Sync + 'static {
    let query = warp::query::raw().or(warp::any().map(String::new)).unify();
    // `Some(None)`: no authority; `None`: the request target's authority and the `Host`
    // header differ, or `Host` is malformed.
    let host = warp::host::optional()
        .map(Some)
        .or(warp::any().map(|| None))
        .unify();
    // warp's `path::full()` panics on a target without a path (`CONNECT host:port`).
    let path = warp::method()
        .and_then(|m: http::Method| {
            ready(if m == http::Method::CONNECT {
                Ok(String::new())
            } else {
                Err(warp::reject::not_found())
            })
        })
        .or(warp::path::full().map(|p: FullPath| p.as_str().to_owned()))
        .unify();
    // Boxed as soon as they are collected: warp's `and` futures carry what was extracted
    // so far, and this filter's future is part of every request's future through `or`
    // in [`inspect`] (moved a few times per request) even when it never runs.
    let head = warp::method()
        .and(warp::header::headers_cloned())
        .map(|method: http::Method, headers: HeaderMap| Box::new((method, headers)));
    let target = path
        .and(query)
        .map(|mut path_and_query: String, query: String| {
            if !query.is_empty() {
                path_and_query.push('?');
                path_and_query.push_str(&query);
            }
            path_and_query
        });
    head.and(target)
        .and(host)
        .and(warp::addr::remote())
        .and(warp::ext::optional::<PeerAddr>())
        .and(warp::ext::optional::<Tls>())
        .map(
            |head: Box<(http::Method, HeaderMap)>,
             path_and_query: String,
             host: Option<Option<Authority>>,
             remote: Option<SocketAddr>,
             peer: Option<PeerAddr>,
             tls: Option<Tls>| {
                let (method, headers) = *head;
                // warp shows the request target's authority only merged with `Host`: one
                // that differs from the `Host` header came from the target.
                let authority = match host {
                    Some(Some(a)) => {
                        let from_header = headers.get(http::header::HOST);
                        (from_header.is_none_or(|h| h.as_bytes() != a.as_str().as_bytes()))
                            .then(|| a.as_str().to_owned())
                    }
                    Some(None) => None,
                    // Unknown: an empty authority, which no host check accepts.
                    None => Some(String::new()),
                };
                View {
                    method,
                    headers,
                    path_and_query,
                    authority,
                    peer: peer.map(|p| p.0).or(remote.map(|r| r.ip())),
                    tls: tls.is_some(),
                }
            },
        )
}

/// Extracts the request's [`CspNonce`], for a handler inside [`wrap`] whose `Secure` uses
/// [`Source::nonce`](crate::csp::Source::nonce): the nonce that fills the request's
/// policies.
///
/// ```
/// # #[cfg(feature = "nonce")] {
/// use secure_headers::csp::Source;
/// use secure_headers::{ContentSecurityPolicy, CspNonce, Secure};
/// use warp::Filter;
///
/// let secure = Secure::builder()
///     .csp(ContentSecurityPolicy::new().script_src([Source::SELF, Source::nonce()]))
///     .build()
///     .unwrap();
/// let page = warp::path::end()
///     .and(secure_headers::warp::nonce())
///     .map(|nonce: CspNonce| {
///         warp::reply::html(format!("<script {}>start()</script>", nonce.attribute()))
///     });
/// let routes = secure_headers::warp::wrap(page, secure);
/// # }
/// ```
///
/// It rejects (with a rejection that warp answers with `500`) outside [`wrap`] or when the
/// policy has no nonce. It also finds a nonce in the request's extensions, where the
/// `tower` layer puts it when warp is served through it (`warp::service`).
///
/// warp gives filters no way to add to a request, so [`wrap`] hands the nonce over through
/// a small table keyed by the current tokio task (one request at a time per task, as
/// warp's server runs them; HTTP/2 streams each have their own task), entered before
/// `filter` runs and removed when the request is answered or dropped. Should two requests
/// ever share a task at the same time, `nonce()` rejects rather than guess.
#[must_use]
pub fn nonce()
-> impl Filter<Extract = (CspNonce,), Error = Rejection> + Clone + Send + Sync + 'static {
    warp::ext::optional::<CspNonce>().and_then(|ext: Option<CspNonce>| {
        ready(
            ext.or_else(registry::current)
                .ok_or_else(|| warp::reject::custom(NoNonce)),
        )
    })
}

/// The rejection of [`nonce`] when the request has no nonce.
#[derive(Debug)]
struct NoNonce;

impl warp::reject::Reject for NoNonce {}

/// The nonces of the requests in flight inside [`wrap`], by task.
mod registry {
    use std::collections::HashMap;
    use std::hash::{BuildHasher, Hash, RandomState};
    use std::sync::{LazyLock, Mutex, PoisonError};

    use crate::CspNonce;

    const SHARDS: usize = 16;

    /// The task running the request; outside any task (`block_on`, as in `warp::test`),
    /// the thread, which such a future never leaves.
    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    enum Key {
        Task(tokio::task::Id),
        Thread(std::thread::ThreadId),
    }

    /// A nonce, or `None` when two requests claimed the same key at once.
    struct Slot {
        nonce: Option<CspNonce>,
        count: usize,
    }

    type Shard = Mutex<HashMap<Key, Slot>>;

    static TABLE: LazyLock<(RandomState, [Shard; SHARDS])> = LazyLock::new(|| {
        (
            RandomState::new(),
            std::array::from_fn(|_| Shard::default()),
        )
    });

    fn key() -> Key {
        tokio::task::try_id().map_or_else(|| Key::Thread(std::thread::current().id()), Key::Task)
    }

    fn shard(key: &Key) -> std::sync::MutexGuard<'static, HashMap<Key, Slot>> {
        let (state, shards) = &*TABLE;
        let mut h = state.build_hasher();
        key.hash(&mut h);
        let i = (std::hash::Hasher::finish(&h) % SHARDS as u64) as usize;
        shards[i].lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The current request's entry; removed when dropped.
    pub(super) struct Registration {
        key: Key,
    }

    pub(super) fn register(nonce: CspNonce) -> Registration {
        let key = key();
        let mut map = shard(&key);
        let slot = map.entry(key).or_insert(Slot {
            nonce: Some(nonce),
            count: 0,
        });
        slot.count += 1;
        if slot.count > 1 {
            slot.nonce = None;
        }
        Registration { key }
    }

    impl Drop for Registration {
        fn drop(&mut self) {
            let mut map = shard(&self.key);
            if let Some(slot) = map.get_mut(&self.key) {
                slot.count -= 1;
                if slot.count == 0 {
                    map.remove(&self.key);
                }
            }
        }
    }

    /// The nonce of the request running on this task, if exactly one is.
    pub(super) fn current() -> Option<CspNonce> {
        let key = key();
        shard(&key).get(&key).and_then(|s| s.nonce)
    }
}

/// Wraps `filter` so that every reply it produces (that the handler did not mark itself) is
/// marked with `secure`, for the enclosing [`wrap`] to apply instead of its own headers:
/// a different header set for one route.
///
/// An override with cross-origin protection, allowed hosts or an HTTPS redirect runs those
/// checks first, for every request that reaches the wrapped filter, before `filter` runs
/// ([`SecureOverride::inspect`]). For a filter that may reject, a refused request is a
/// rejection: the other routes of an `or` are still tried, and [`wrap`] answers the
/// refusal (exactly as it answers its own, with the override's headers) when none of them
/// answers. Put the path filters outside, `warp::path("admin").and(wrap_override(rest,
/// admin))`, so that only the route's requests reach the checks. A filter that never
/// rejects (its rejections recovered) answers the refusal itself.
///
/// ```
/// use secure_headers::warp::{wrap, wrap_override};
/// use secure_headers::{Secure, SecureOverride};
/// use warp::Filter;
///
/// let base = Secure::with_default_headers();
/// let framable = SecureOverride::new(base.derive(|b| b.without("X-Frame-Options")).unwrap()).unwrap();
/// let widget = warp::path("widget")
///     .map(|| "framable")
///     .with(warp::wrap_fn(move |f| wrap_override(f, framable.clone())));
/// let routes = wrap(widget.or(warp::path("page").map(|| "page")), base);
/// ```
pub fn wrap_override<F, R>(
    filter: F,
    secure: SecureOverride,
) -> impl Filter<Extract = (Response,), Error = F::Error> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,)> + Clone + Send + Sync + 'static,
    F::Error: FilterError,
    R: Reply,
{
    <F::Error as sealed::Sealed>::wrap_override(filter, secure)
}

/// The report collector as a warp filter: mount it at a path, for every method (it answers
/// CORS preflights itself). It extracts the answer, and rejects only when the body was
/// already taken by another filter.
///
/// ```
/// use secure_headers::Secure;
/// use secure_headers::report::ReportCollector;
/// use warp::Filter;
///
/// let (collector, reports) = ReportCollector::channel(1024);
/// let page = warp::path::end().map(|| "hello");
/// let reports_route = warp::path!("csp-reports").and(secure_headers::warp::report_collector(collector));
/// let routes = secure_headers::warp::wrap(page.or(reports_route), Secure::with_default_headers());
/// # drop(reports);
/// ```
///
/// It decides from the request head first ([`ReportCollector::admit`]), then reads at most
/// [`ReportCollector::body_limit`] bytes of the body: `204` for accepted reports and
/// preflights, `413` for a body over the limit (without reading the rest), `415` for
/// another content type, `400` for malformed JSON, `405` for another method. See
/// [`crate::report`].
///
/// [`ReportCollector::admit`]: crate::report::ReportCollector::admit
/// [`ReportCollector::body_limit`]: crate::report::ReportCollector::body_limit
#[cfg(feature = "reporting")]
#[cfg_attr(docsrs, doc(cfg(feature = "reporting")))]
pub fn report_collector(
    collector: crate::report::ReportCollector,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone + Send + Sync + 'static {
    warp::method()
        .and(warp::header::headers_cloned())
        .and(warp::body::stream())
        .and_then(move |method: http::Method, headers: HeaderMap, body| {
            let collector = collector.clone();
            async move {
                let status = collect(&collector, &method, &headers, body).await;
                let mut response = warp::reply().into_response();
                *response.status_mut() = status;
                response.headers_mut().extend(collector.response_headers());
                Ok::<_, Rejection>(response)
            }
        })
}

/// The collector's answer, as its tower service decides it: `admit` before reading
/// anything, then at most the body limit.
#[cfg(feature = "reporting")]
async fn collect<S, B>(
    collector: &crate::report::ReportCollector,
    method: &http::Method,
    headers: &HeaderMap,
    body: S,
) -> http::StatusCode
where
    S: warp::Stream<Item = Result<B, warp::Error>>,
    B: warp::Buf,
{
    use crate::report::Admission;

    let (content_type, length) = crate::report::http_report_head(headers);
    if let Admission::Respond(status) = collector.admit(method, content_type, length) {
        return status;
    }
    let limit = collector.body_limit();
    let mut body = std::pin::pin!(body);
    let mut read = Vec::new();
    while let Some(chunk) = std::future::poll_fn(|cx| body.as_mut().poll_next(cx)).await {
        let Ok(mut chunk) = chunk else {
            return collector.unreadable();
        };
        if read.len() + chunk.remaining() > limit {
            return collector.too_large();
        }
        while chunk.has_remaining() {
            let part = chunk.chunk();
            let n = part.len();
            read.extend_from_slice(part);
            chunk.advance(n);
        }
    }
    collector.receive(content_type, &read)
}

#[cfg(test)]
mod tests {
    use warp::http::StatusCode;

    use super::*;
    use crate::integrations::block_on;

    #[test]
    fn two_requests_on_one_task_get_no_nonce() {
        let (a, b): (CspNonce, CspNonce) = (
            "AAAAAAAAAAAAAAAAAAAAAAAA".parse().unwrap(),
            "BBBBBBBBBBBBBBBBBBBBBBBB".parse().unwrap(),
        );
        assert_eq!(registry::current(), None);
        let first = registry::register(a);
        assert_eq!(registry::current(), Some(a));
        let second = registry::register(b);
        assert_eq!(registry::current(), None);
        drop(first);
        assert_eq!(registry::current(), None);
        drop(second);
        assert_eq!(registry::current(), None);
        let again = registry::register(b);
        assert_eq!(registry::current(), Some(b));
        drop(again);
        assert_eq!(registry::current(), None);
    }

    #[test]
    fn an_early_answer_is_a_reply_and_the_filter_does_not_run() {
        let secure = crate::Preset::Balanced
            .builder()
            .https_redirect(crate::transport::HttpsRedirect::new().host("example.com"))
            .build()
            .unwrap();
        let filter = warp::any().map(|| -> &'static str { unreachable!("the filter ran") });
        let resp = block_on(
            warp::test::request()
                .path("/a?b=c")
                .header("host", "example.com")
                .reply(&wrap(filter, secure)),
        );
        assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(resp.headers()["location"], "https://example.com/a?b=c");
        assert_eq!(resp.headers()["x-frame-options"], "SAMEORIGIN");
    }

    /// A `Secure` that reads nothing of the request but its method, and one that reads the
    /// `Host` (allowing `example.com`): the two ways [`wrap`] inspects a request.
    fn reading_and_not() -> [Secure; 2] {
        let fixed = Secure::with_default_headers();
        let inspecting = crate::Preset::Balanced
            .builder()
            .allowed_hosts(crate::transport::AllowedHosts::new(["example.com"]))
            .build()
            .unwrap();
        assert!(!fixed.inspects_request() && inspecting.inspects_request());
        [fixed, inspecting]
    }

    /// Whether or not the request core reads the request, `filter` runs once and its own
    /// rejection comes out as it was.
    #[test]
    fn a_rejecting_filter_runs_once_and_its_rejection_passes_on() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};

        #[derive(Debug)]
        struct Mine;
        impl warp::reject::Reject for Mine {}

        for secure in reading_and_not() {
            let runs = Arc::new(AtomicUsize::new(0));
            let counted = Arc::clone(&runs);
            let filter = warp::any().and_then(move || {
                counted.fetch_add(1, Ordering::SeqCst);
                ready(Err::<&'static str, _>(warp::reject::custom(Mine)))
            });
            let route = wrap(filter, secure);
            let rejection = block_on(
                warp::test::request()
                    .header("host", "example.com")
                    .filter(&route),
            )
            .unwrap_err();
            assert!(rejection.find::<Mine>().is_some(), "{rejection:?}");
            assert!(!rejection.is_not_found());
            assert_eq!(runs.load(Ordering::SeqCst), 1);
        }
    }

    /// warp clones the second branch of an `or` for every request: the application's
    /// filter, and whatever it holds (`Arc`s of state: an atomic increment and decrement
    /// each), must not be in one. Wrapped, it is cloned exactly as often as alone.
    #[test]
    fn the_filter_is_not_cloned_per_request() {
        use std::sync::Arc;

        for secure in reading_and_not() {
            let state = Arc::new(());
            let held = Arc::clone(&state);
            let alone = warp::any().map(move || Arc::strong_count(&held).to_string());
            let wrapped = wrap(alone.clone(), secure);
            let request = || warp::test::request().header("host", "example.com");
            let counted_alone = block_on(request().reply(&alone));
            let counted_wrapped = block_on(request().reply(&wrapped));
            // Each holds one more count than the other while it runs: `wrapped`'s copy.
            let alone: u32 = std::str::from_utf8(counted_alone.body())
                .unwrap()
                .parse()
                .unwrap();
            let wrapped: u32 = std::str::from_utf8(counted_wrapped.body())
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(wrapped, alone);
        }
    }

    #[test]
    fn route_override_yields_to_the_replys_own() {
        let base = Secure::with_default_headers();
        let filter = warp::any().map(|| {
            let mut r = "x".into_response();
            r.extensions_mut().insert(SecureOverride::none());
            r
        });
        let filter = wrap(
            wrap_override(filter, SecureOverride::new(base.clone()).unwrap()),
            base,
        );
        let resp = block_on(warp::test::request().reply(&filter));
        assert_eq!(resp.headers().get("x-frame-options"), None);
    }

    /// What the module docs promise for warp's default rejection responses: served as a
    /// service through the tower layer, they get the headers too.
    #[cfg(feature = "tower")]
    #[test]
    fn default_rejections_through_the_tower_layer() {
        use tower::{Layer, ServiceExt};

        let routes = warp::path("a").map(|| "a");
        let service = Secure::with_default_headers().layer(warp::service(routes));
        let request = http::Request::builder()
            .uri("/nope")
            .body(String::new())
            .unwrap();
        let resp = block_on(service.oneshot(request)).unwrap();
        assert_eq!(resp.status(), StatusCode::NOT_FOUND);
        assert_eq!(resp.headers()["x-frame-options"], "SAMEORIGIN");
    }
}
