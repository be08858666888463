//! warp: `secure_headers::warp::wrap` around a recovered filter, on a real server, and the
//! same application under `wrap_replies` (a configuration that reads nothing of the
//! request).

mod framework_support;

use std::convert::Infallible;
use std::net::SocketAddr;

use framework_support::wire::{self, Runs};
use framework_support::{self as support, APP_CSP, Chunks};
use futures_util::{SinkExt, StreamExt};
use secure_headers::warp::{ResponseOnly, wrap, wrap_override, wrap_replies};
use secure_headers::{CspNonce, Secure, SecureOverride};
use warp::http::StatusCode;
use warp::{Filter, Rejection, Reply};

#[derive(Debug)]
struct Boom;

impl warp::reject::Reject for Boom {}

#[derive(serde::Deserialize)]
struct Payload {
    #[allow(dead_code)]
    name: String,
}

/// The application's rejection handler: every rejection becomes a reply here, inside
/// `wrap`, so it gets the headers.
async fn handle_rejection(err: Rejection) -> Result<impl Reply, Infallible> {
    let status = if err.is_not_found() {
        StatusCode::NOT_FOUND
    } else if err
        .find::<warp::filters::body::BodyDeserializeError>()
        .is_some()
    {
        StatusCode::BAD_REQUEST
    } else if err.find::<warp::reject::MethodNotAllowed>().is_some() {
        StatusCode::METHOD_NOT_ALLOWED
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    };
    Ok(warp::reply::with_status(
        status.canonical_reason().unwrap_or(""),
        status,
    ))
}

/// A reply that carries its own override.
fn with_override(o: SecureOverride) -> warp::reply::Response {
    let mut response = "overridden".into_response();
    response.extensions_mut().insert(o);
    response
}

fn routes(
    chunks: Chunks,
) -> impl Filter<Extract = (warp::reply::Response,), Error = Infallible> + Clone {
    wrap(app(chunks), support::base())
}

/// The application of [`framework_support`], unwrapped (its rejections recovered).
fn app(chunks: Chunks) -> impl Filter<Extract = (impl Reply,), Error = Infallible> + Clone {
    let index = warp::path::end()
        .and(warp::get().or(warp::head()).unify())
        .map(|| "hello");
    let app_headers = warp::path!("app-headers").map(|| {
        let mut r = "app".into_response();
        let h = r.headers_mut();
        h.append("set-cookie", "a=1; HttpOnly".parse().unwrap());
        h.append("set-cookie", "b=2; Secure".parse().unwrap());
        h.insert("x-frame-options", "DENY".parse().unwrap());
        h.insert("content-security-policy", APP_CSP.parse().unwrap());
        h.insert("vary", "Accept".parse().unwrap());
        r
    });
    let fill = warp::path!("fill" / String).map(|n: String| {
        let mut r = "filled".into_response();
        for name in support::full_map::names(support::full_map::count(&n)) {
            let name = warp::http::HeaderName::try_from(name).unwrap();
            r.headers_mut().insert(name, "1".parse().unwrap());
        }
        r
    });
    let json = warp::path!("json")
        .and(warp::post())
        .and(warp::body::json())
        .map(|_: Payload| "parsed");
    let error =
        warp::path!("error").and_then(|| async { Err::<&str, _>(warp::reject::custom(Boom)) });
    let etag = warp::path!("etag")
        .and(warp::header::optional::<String>("if-none-match"))
        .map(|tag: Option<String>| {
            let status = match tag.as_deref() {
                Some("\"v1\"") => StatusCode::NOT_MODIFIED,
                _ => StatusCode::OK,
            };
            warp::reply::with_header(warp::reply::with_status("", status), "etag", "\"v1\"")
        });
    let stream = warp::path!("stream").map(move || warp::reply::stream(chunks.stream()));
    let ws = warp::path!("ws").and(warp::ws()).map(|ws: warp::ws::Ws| {
        ws.on_upgrade(|mut socket| async move {
            while let Some(Ok(msg)) = socket.next().await {
                if msg.is_close() || socket.send(msg).await.is_err() {
                    break;
                }
            }
        })
    });
    let embed = wrap_override(warp::path!("embed").map(|| "hello"), support::embeddable());
    let report = warp::path!("report").map(|| with_override(support::report_only_self()));
    let cdn = warp::path!("cdn").map(|| with_override(support::with_cdn()));
    let scoped = warp::path("scoped").and(
        warp::path!("page")
            .map(|| "hello".into_response())
            .or(warp::path!("open").map(|| with_override(SecureOverride::none())))
            .unify(),
    );
    let scoped = wrap_override(scoped, support::scoped());

    index
        .or(app_headers)
        .or(fill)
        .or(json)
        .or(error)
        .or(etag)
        .or(stream)
        .or(ws)
        .or(embed)
        .or(report)
        .or(cdn)
        .or(scoped)
        .recover(handle_rejection)
}

async fn listen<F>(routes: F, bind: &str) -> SocketAddr
where
    F: Filter + Clone + Send + Sync + 'static,
    F::Extract: Reply,
{
    let listener = tokio::net::TcpListener::bind(bind).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(warp::serve(routes).incoming(listener).run());
    addr
}

/// The application of [`framework_support`].
async fn serve(chunks: Chunks) -> SocketAddr {
    listen(routes(chunks), "127.0.0.1:0").await
}

support::app_tests!(test = tokio::test, serve = serve, header_map_cap = true);

/// The shared application's checks, with the application under `wrap_replies`: the base
/// configuration reads nothing of the request, so it answers exactly as under `wrap`.
mod replies {
    use super::*;

    async fn serve(chunks: Chunks) -> SocketAddr {
        let secure = ResponseOnly::new(support::base()).unwrap();
        listen(wrap_replies(app(chunks), secure), "127.0.0.1:0").await
    }

    support::app_tests!(test = tokio::test, serve = serve, header_map_cap = true);

    /// A tunnel's success is left alone and its refusal gets the headers, as under `wrap`:
    /// the method is the one thing `wrap_replies` reads of the request.
    #[tokio::test]
    async fn connect_is_a_tunnel() {
        let tunnel = warp::method().map(|method: warp::http::Method| {
            let status = if method == warp::http::Method::CONNECT {
                StatusCode::OK
            } else {
                StatusCode::METHOD_NOT_ALLOWED
            };
            warp::reply::with_status("", status)
        });
        let secure = ResponseOnly::new(support::base()).unwrap();
        let addr = listen(wrap_replies(tunnel, secure), "127.0.0.1:0").await;
        let connect = "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n";
        let (status, headers) = tokio::task::spawn_blocking(move || wire::raw(addr, connect))
            .await
            .unwrap();
        assert_eq!(status, 200);
        assert!(headers.get("x-frame-options").is_none(), "{headers:?}");
        assert!(
            headers.get("content-security-policy").is_none(),
            "{headers:?}"
        );
        let get = "GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n";
        let (status, headers) = tokio::task::spawn_blocking(move || wire::raw(addr, get))
            .await
            .unwrap();
        assert_eq!(status, 405);
        assert_eq!(headers["x-frame-options"], "SAMEORIGIN");
        assert_eq!(headers["x-content-type-options"], "nosniff");
    }

    /// A configuration with any request-side check, or a nonce, cannot be given to
    /// `wrap_replies`: `ResponseOnly` refuses it and gives it back.
    #[test]
    fn response_only_refuses_what_reads_the_request() {
        for secure in [
            wire::redirecting(),
            wire::hosts(),
            wire::secure_only(&[]),
            wire::cross_origin(),
            wire::with_nonce(),
            wire::providing_nonce(),
        ] {
            let refused = ResponseOnly::new(secure.clone()).unwrap_err();
            assert_eq!(
                refused.to_string(),
                "this configuration reads the request (an HTTPS redirect, allowed hosts, \
                 secure-only HSTS, cross-origin protection or a per-request nonce): use `wrap`"
            );
            assert_eq!(refused.into_secure(), secure);
        }
        assert_eq!(
            ResponseOnly::new(support::base()).unwrap().secure(),
            &support::base()
        );
    }
}

/// `wrap` does not recover: a wrapped filter still falls through to the next with `or`.
#[tokio::test]
async fn a_wrapped_filter_still_composes_with_or() {
    let first = wrap(warp::path!("a").map(|| "a"), support::base());
    let second = warp::path!("b").map(|| "b");
    let addr = listen(first.or(second), "127.0.0.1:0").await;
    let b = support::client()
        .get(format!("http://{addr}/b"))
        .send()
        .await
        .unwrap();
    assert_eq!(b.status(), StatusCode::OK);
    assert_eq!(b.text().await.unwrap(), "b");
}

// ---------------------------------------------------------------------------------------
// The request side: nonces, HTTPS awareness, allowed hosts, cookies, development mode, the
// report collector.
// ---------------------------------------------------------------------------------------

/// The routes of [`wire`], for a [`wrap`] given `secure`.
fn wire_routes(
    runs: Runs,
    secure: &Secure,
) -> impl Filter<Extract = (warp::reply::Response,), Error = Rejection> + Clone + Send + Sync + 'static
{
    let counted = move || runs.hello().into_response();
    let index = warp::path::end().map(counted.clone());
    let a_b = warp::path!("a" / "b").map(counted.clone());
    // First: a request to another route that its checks refuse still reaches that route.
    let guarded = wrap_override(
        warp::path!("guarded").map(counted),
        wire::guarded_override(),
    );
    let page = || {
        secure_headers::warp::nonce(secure)
            .map(|nonce: CspNonce| warp::reply::html(wire::page(&nonce)).into_response())
    };
    let nonce = warp::path!("nonce").and(page());
    let strict = wrap_override(warp::path!("strict").and(page()), wire::strict_override());
    let cookies = warp::path!("cookies").map(|| {
        let mut r = "cookies".into_response();
        let h = r.headers_mut();
        for c in wire::COOKIES {
            h.append("set-cookie", c.parse().unwrap());
        }
        h.insert("x-powered-by", "framework".parse().unwrap());
        r
    });
    guarded
        .or(index)
        .unify()
        .or(a_b)
        .unify()
        .or(nonce)
        .unify()
        .or(strict)
        .unify()
        .or(cookies)
        .unify()
}

/// The routes of [`wire`] under `secure`, on `bind`.
async fn serve_wire(secure: Secure, bind: &str, runs: Runs) -> SocketAddr {
    listen(wrap(wire_routes(runs, &secure), secure), bind).await
}

#[cfg(feature = "reporting")]
async fn serve_reports(
    collector: secure_headers::report::ReportCollector,
    secure: secure_headers::Secure,
) -> SocketAddr {
    let routes = warp::path!("reports").and(secure_headers::warp::report_collector(collector));
    listen(wrap(routes, secure), "127.0.0.1:0").await
}

wire::wire_tests! {
    test = tokio::test,
    serve = serve_wire, absolute_form = Merged, no_host = Middleware, authority_form = Middleware, reports = serve_reports,
}

/// Many concurrent requests, each on its own connection: every handler sees its own
/// request's nonce.
#[cfg(feature = "nonce")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nonces_of_concurrent_requests_do_not_mix() {
    let addr = serve_wire(wire::with_nonce(), "127.0.0.1:0", Runs::default()).await;
    let tasks: Vec<_> = (0..64).map(|_| tokio::spawn(wire::nonce(addr))).collect();
    for t in tasks {
        t.await.unwrap();
    }
}

/// Outside `wrap`, with a policy without nonce, or inside the `wrap` of another `Secure`
/// (whose nonce table is its own), `nonce` rejects.
#[tokio::test]
async fn no_nonce_outside_wrap() {
    fn page(
        secure: &Secure,
    ) -> impl Filter<Extract = (String,), Error = Rejection> + Clone + Send + Sync + 'static {
        warp::path::end()
            .and(secure_headers::warp::nonce(secure))
            .map(|n: CspNonce| n.to_string())
    }
    let routes = page(&support::base());
    let resp = warp::test::request().reply(&routes).await;
    assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let resp = warp::test::request()
        .reply(&wrap(routes, support::base()))
        .await;
    assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
    #[cfg(feature = "nonce")]
    {
        let secure = wire::with_nonce();
        let resp = warp::test::request().reply(&page(&secure)).await;
        assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let other = wrap(page(&secure), wire::with_nonce());
        let resp = warp::test::request().reply(&other).await;
        assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let own = wrap(page(&secure), secure.clone());
        let resp = warp::test::request().reply(&own).await;
        assert_eq!(resp.status(), StatusCode::OK);
        let csp = resp.headers()["content-security-policy"].to_str().unwrap();
        let body = std::str::from_utf8(resp.body()).unwrap();
        assert!(csp.contains(&format!("'nonce-{body}'")), "{csp} {body}");
    }
}

/// `warp::test` runs the filter outside any task: the nonce still reaches the handler.
#[cfg(feature = "nonce")]
#[tokio::test]
async fn nonce_with_warp_test() {
    let resp = warp::test::request()
        .path("/nonce")
        .reply(&{
            let secure = wire::with_nonce();
            wrap(wire_routes(Runs::default(), &secure), secure)
        })
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    let body = std::str::from_utf8(resp.body()).unwrap();
    let csp = resp.headers()["content-security-policy"].to_str().unwrap();
    let n = &body[r#"<script nonce=""#.len()..][..24];
    assert!(csp.contains(&format!("'nonce-{n}'")), "{csp} {body}");
}

/// A `Tls` extension (set by the accept loop when warp is served as a service) makes the
/// request secure.
#[tokio::test]
async fn tls_extension_counts_as_secure() {
    let secure = wire::secure_only(&[]);
    let routes = wrap(wire_routes(Runs::default(), &secure), secure);
    let resp = warp::test::request()
        .header("host", "example.com")
        .extension(secure_headers::transport::Tls)
        .reply(&routes)
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        resp.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    let resp = warp::test::request()
        .header("host", "example.com")
        .reply(&routes)
        .await;
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
}

/// An early answer never runs the wrapped filter, and a wrapped filter that recovers its
/// rejections keeps `Infallible` as its error type.
#[tokio::test]
async fn early_answers_skip_the_filter() {
    let ran = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = ran.clone();
    let routes = warp::path::end()
        .map(move || {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            "ran"
        })
        .recover(handle_rejection);
    let routes: warp::filters::BoxedFilter<(warp::reply::Response,)> =
        wrap(routes, wire::redirecting()).boxed();
    let resp = warp::test::request()
        .header("host", "example.com")
        .reply(&routes)
        .await;
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(resp.headers()["location"], "https://example.com/");
    assert_eq!(resp.headers()["x-frame-options"], "SAMEORIGIN");
    assert_eq!(ran.load(std::sync::atomic::Ordering::SeqCst), 0);
}

/// A route override's refusal under `wrap_replies` (which inspects nothing itself) is
/// answered as under `wrap`: the exact status and body, the route's headers; the handler
/// does not run, and another route still answers the same request.
#[tokio::test]
async fn a_route_overrides_refusal_under_wrap_replies() {
    let runs = Runs::default();
    let counted = {
        let runs = runs.clone();
        move || runs.hello().into_response()
    };
    let guarded = wrap_override(
        warp::path!("guarded").map(counted.clone()),
        wire::guarded_override(),
    );
    let routes = wrap_replies(
        guarded.or(warp::path::end().map(counted)).unify(),
        ResponseOnly::new(support::base()).unwrap(),
    );
    let refused = warp::test::request()
        .method("POST")
        .path("/guarded")
        .header("host", "evil.example")
        .reply(&routes)
        .await;
    assert_eq!(refused.status(), 400);
    assert_eq!(
        refused.body(),
        "refused: the request's host is not allowed\n"
    );
    support::assert_headers(refused.headers(), &[("x-frame-options", Some(&["DENY"]))]);
    assert_eq!(runs.count(), 0);

    let other = warp::test::request()
        .method("POST")
        .path("/")
        .header("host", "evil.example")
        .reply(&routes)
        .await;
    assert_eq!(
        (other.status().as_u16(), other.body().as_ref()),
        (200, &b"hello"[..])
    );
    assert_eq!(runs.count(), 1);
}

/// The `400` that `wire::allowed_hosts` expects from warp for a target naming the scheme's
/// default port (`http://example.com:80/` with `Host: example.com`) is warp's own: a bare
/// warp server, without this crate, refuses it too as soon as a route reads the host, as
/// warp's merge of the target's authority with `Host` (`warp::host::optional`, the only
/// view of the target warp gives a filter) compares the two as written. hyper itself lets
/// the request through: a route that does not read the host answers it.
#[tokio::test]
async fn a_default_port_target_is_refused_by_warps_own_host_merge() {
    let reads_host = warp::host::optional()
        .map(|a: Option<warp::host::Authority>| a.map_or_else(String::new, |a| a.to_string()));
    let reads_host = listen(reads_host, "127.0.0.1:0").await;
    let ignores_host = listen(warp::any().map(|| "hello"), "127.0.0.1:0").await;
    let ask = |addr: SocketAddr, target: &str, host: &str| {
        let head = format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        tokio::task::spawn_blocking(move || wire::raw(addr, &head))
    };
    for (target, host) in [
        ("http://example.com:80/", "example.com"),
        ("http://example.com/", "example.com:80"),
        ("https://example.com:443/", "example.com"),
    ] {
        let (status, h) = ask(reads_host, target, host).await.unwrap();
        assert_eq!(status, 400, "{target} with Host {host}");
        assert_eq!(h.get("x-frame-options"), None, "warp's own refusal");
        let (status, _) = ask(ignores_host, target, host).await.unwrap();
        assert_eq!(status, 200, "{target} with Host {host}");
    }
    // The same authority written the same way is merged and shown.
    let (status, _) = ask(reads_host, "http://example.com:80/", "example.com:80")
        .await
        .unwrap();
    assert_eq!(status, 200);
}
