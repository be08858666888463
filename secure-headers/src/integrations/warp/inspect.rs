//! The request side: [`Secure::inspect`] once per request, from warp's filters.

use std::convert::Infallible;
use std::future::ready;
use std::net::{IpAddr, SocketAddr};

use http::HeaderMap;
use warp::host::Authority;
use warp::path::FullPath;
use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

use super::nonce::{Registration, register};
use super::route::Early;
use crate::request::{RequestView, each_value};
use crate::transport::{PeerAddr, Tls};
use crate::{RequestContext, Secure};

/// What the inspection decided for a request that proceeds; while it lives, [`nonce`]
/// finds the request's nonce.
pub(super) struct Inspected {
    context: RequestContext,
    _registration: Option<Registration>,
}

impl Inspected {
    #[inline]
    fn new(secure: &Secure, context: RequestContext) -> Self {
        let registration = context.nonce().and_then(|n| register(secure, *n));
        Self {
            context,
            _registration: registration,
        }
    }

    #[inline]
    pub(super) fn apply<R: Reply>(self, secure: &Secure, reply: R) -> Response {
        let mut response = reply.into_response();
        secure.apply_to_response_with(&mut response, &self.context);
        response
    }
}

/// Runs [`Secure::inspect`] once per request: with a view that knows only the method when
/// `secure` needs nothing more (no header is copied then), else with a view of the request
/// made from warp's filters. An early answer is a rejection carrying [`Early`].
pub(super) fn inspect(
    secure: Secure,
) -> impl Filter<Extract = (Inspected,), Error = Rejection> + Clone + Send + Sync + 'static {
    // `or` clones its second branch into every request's future, taken or not: it holds
    // the `Secure` only when it is the branch taken (cloning `None` counts no reference).
    let viewed = secure.inspects_request().then(|| secure.clone());
    // When `quick` rejected with "not found", `or` keeps this branch's rejection.
    quick(secure).or(full(viewed)).unify()
}

/// The inspection of a `Secure` that reads nothing of the request but its method (which
/// has no early answer): a rejection ("not found") for any other, to be inspected by
/// [`full`] instead.
fn quick(
    secure: Secure,
) -> impl Filter<Extract = (Inspected,), Error = Rejection> + Clone + Send + Sync + 'static {
    let needs = secure.inspects_request();
    warp::method().and_then(move |method: http::Method| {
        ready(if needs {
            Err(warp::reject::not_found())
        } else {
            decide(&secure, &MethodOnly(method))
        })
    })
}

/// The inspection with a view of the request made from warp's filters, for the `Secure`
/// that [`quick`] refers (`None` for one it never refers: a rejection, "not found").
fn full(
    secure: Option<Secure>,
) -> impl Filter<Extract = (Inspected,), Error = Rejection> + Clone + Send + Sync + 'static {
    view().and_then(move |view: View| {
        ready(match &secure {
            Some(secure) => decide(secure, &view),
            None => Err(warp::reject::not_found()),
        })
    })
}

/// The inspection's outcome as a filter's: the request proceeds, or is answered early.
#[inline]
fn decide(secure: &Secure, view: &impl RequestView) -> Result<Inspected, Rejection> {
    match secure.inspect(view) {
        Ok(context) => Ok(Inspected::new(secure, context)),
        Err(early) => Err(warp::reject::custom(Early::new(early, secure))),
    }
}

/// The view for a `Secure` that asks nothing of the request but its method.
struct MethodOnly(http::Method);

impl RequestView for MethodOnly {
    #[inline]
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
pub(super) struct View {
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
pub(super) fn view()
-> impl Filter<Extract = (View,), Error = Infallible> + Clone + Send + Sync + 'static {
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
