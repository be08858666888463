//! The tower integration against real servers: axum 0.8 and a plain hyper 1 server, on
//! 127.0.0.1 with an OS-chosen port, driven by a real HTTP client.

mod framework_support;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware;
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use axum::{Extension, Json, Router};
use bytes::Bytes;
use framework_support::wire::{self, Runs};
use framework_support::{self as support, APP_CSP, BALANCED, BASE_CSP, Chunks};
use futures_util::stream;
use secure_headers::transport::PeerAddr;
use secure_headers::{ContentSecurityPolicy, CspNonce, Secure, SecureOverride};
use tokio::sync::mpsc;
use tokio::time::timeout;

/// A generous bound for anything the client waits on, so that a regression (a buffered
/// stream, a lost upgrade) fails instead of hanging.
const WAIT: Duration = Duration::from_secs(10);

/// Serves `app` on 127.0.0.1 (OS-chosen port) and returns its address.
async fn serve_app(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// The shared checks assert the literal Balanced values; this is where they meet what
/// `Secure::header_items` lists.
#[test]
fn the_balanced_values_are_the_header_items() {
    let items: Vec<(String, String)> = Secure::with_default_headers()
        .header_items()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.to_owned()))
        .collect();
    let expected: Vec<(String, String)> = BALANCED
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(items, expected);
}

// ---------------------------------------------------------------------------------------
// Every response the framework produces inside the middleware.
// ---------------------------------------------------------------------------------------

async fn hello() -> &'static str {
    "hello"
}

async fn app_headers() -> Response {
    let mut resp = "app".into_response();
    let h = resp.headers_mut();
    h.append(
        header::SET_COOKIE,
        HeaderValue::from_static("a=1; HttpOnly"),
    );
    h.append(header::SET_COOKIE, HeaderValue::from_static("b=2; Secure"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(APP_CSP),
    );
    h.insert(header::VARY, HeaderValue::from_static("Accept"));
    resp
}

async fn etag(headers: HeaderMap) -> Response {
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v == "\"v1\"")
    {
        (StatusCode::NOT_MODIFIED, [(header::ETAG, "\"v1\"")]).into_response()
    } else {
        ([(header::ETAG, "\"v1\"")], "fresh").into_response()
    }
}

async fn echo(ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(|mut socket: WebSocket| async move {
        while let Some(Ok(msg)) = socket.recv().await {
            if let WsMessage::Text(_) | WsMessage::Binary(_) = msg
                && socket.send(msg).await.is_err()
            {
                break;
            }
        }
    })
}

/// A handler that attaches `o` to its own response.
fn respond(o: SecureOverride) -> MethodRouter {
    get(move || {
        let o = o.clone();
        async move { (Extension(o), "overridden") }
    })
}

/// `/fill/{n}`: `n` header names of the handler's.
async fn fill(axum::extract::Path(n): axum::extract::Path<String>) -> Response {
    let mut resp = "filled".into_response();
    for name in support::full_map::names(support::full_map::count(&n)) {
        let name = header::HeaderName::try_from(name).unwrap();
        resp.headers_mut()
            .insert(name, HeaderValue::from_static("1"));
    }
    resp
}

/// The application of [`framework_support`].
async fn serve(chunks: Chunks) -> SocketAddr {
    let app = Router::new()
        .route("/", get(hello))
        .route("/fill/{n}", get(fill))
        .route("/app-headers", get(app_headers))
        .route(
            "/json",
            post(|Json(_): Json<serde_json::Value>| async { "parsed" }),
        )
        .route(
            "/error",
            get(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "boom") }),
        )
        .route("/etag", get(etag))
        .route(
            "/stream",
            get(move || {
                let body = Body::from_stream(chunks.stream());
                async move { body }
            }),
        )
        .route("/ws", get(echo))
        .merge(
            Router::new()
                .route("/embed", get(hello))
                .route_layer(support::embeddable()),
        )
        .route("/report", respond(support::report_only_self()))
        .route("/cdn", respond(support::with_cdn()))
        .nest(
            "/scoped",
            Router::new()
                .route("/page", get(hello))
                .route("/open", respond(SecureOverride::none()))
                .layer(support::scoped()),
        )
        .layer(support::base());
    serve_app(app).await
}

support::app_tests!(test = tokio::test, serve = serve, header_map_cap = true);

#[tokio::test]
async fn method_not_allowed() {
    let addr = serve(Chunks::new().1).await;
    support::check(
        addr,
        Method::DELETE,
        "/",
        StatusCode::METHOD_NOT_ALLOWED,
        &[],
    )
    .await;
}

/// Wrong content type: another rejection, same headers.
#[tokio::test]
async fn extractor_rejection_of_the_content_type() {
    let addr = serve(Chunks::new().1).await;
    let resp = support::client()
        .post(format!("http://{addr}/json"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    support::assert_balanced(resp.headers());
}

#[tokio::test]
async fn error_response_keeps_its_body() {
    let addr = serve(Chunks::new().1).await;
    let resp = support::balanced(addr, "/error", StatusCode::INTERNAL_SERVER_ERROR).await;
    assert_eq!(resp.text().await.unwrap(), "boom");
}

#[tokio::test]
async fn server_sent_events() {
    let (tx, rx) = mpsc::unbounded_channel::<&'static str>();
    let rx = Arc::new(Mutex::new(Some(rx)));
    let app = Router::new()
        .route(
            "/sse",
            get(move || {
                let rx = rx.lock().unwrap().take().expect("one request");
                let events = stream::unfold(rx, |mut rx| async move {
                    let data = rx.recv().await?;
                    Some((Ok::<_, Infallible>(Event::default().data(data)), rx))
                });
                async move { Sse::new(events) }
            }),
        )
        .layer(Secure::with_default_headers());
    let addr = serve_app(app).await;

    tx.send("one").unwrap();
    let mut resp = timeout(
        WAIT,
        support::client().get(format!("http://{addr}/sse")).send(),
    )
    .await
    .expect("headers arrive while the event stream is open")
    .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()[header::CONTENT_TYPE], "text/event-stream");
    support::assert_balanced(resp.headers());

    let first = timeout(WAIT, resp.chunk()).await.unwrap().unwrap().unwrap();
    assert_eq!(first, "data: one\n\n");
    tx.send("two").unwrap();
    drop(tx);
    let mut rest = Vec::new();
    while let Some(chunk) = timeout(WAIT, resp.chunk()).await.unwrap().unwrap() {
        rest.extend_from_slice(&chunk);
    }
    assert_eq!(rest, b"data: two\n\n");
}

/// A WebSocket over HTTP/2 (RFC 8441) is a CONNECT answered with 200; like the 101 of an
/// HTTP/1.1 upgrade, and like any tunnel, it is left alone.
#[tokio::test]
async fn connect_responses_pass_through() {
    use axum::http::Request;
    use tower::{ServiceBuilder, ServiceExt};

    let service = ServiceBuilder::new()
        .layer(Secure::with_default_headers())
        .service_fn(|_req: Request<()>| async {
            Ok::<_, Infallible>(Response::new(Body::empty()))
        });

    let connect = Request::builder()
        .method(Method::CONNECT)
        .uri("https://example.com/chat")
        .body(())
        .unwrap();
    let resp = service.clone().oneshot(connect).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers().is_empty(), "{:?}", resp.headers());

    let resp = service.oneshot(Request::new(())).await.unwrap();
    support::assert_balanced(resp.headers());
}

// ---------------------------------------------------------------------------------------
// Per-route, per-scope and per-response overrides.
// ---------------------------------------------------------------------------------------

const CDN: &str = "https://cdn.example.com";
const REPLACED_CSP: &str = "default-src 'none'; img-src 'self'";

/// The three deliberate exceptions of the override tests, derived once from the base.
struct Variants {
    replaced_csp: Secure,
    added_source: Secure,
    no_xfo: Secure,
}

impl Variants {
    fn new(base: &Secure) -> Self {
        Self {
            replaced_csp: base
                .derive(|b| {
                    b.csp(
                        ContentSecurityPolicy::new()
                            .default_src(["'none'"])
                            .img_src(["'self'"]),
                    )
                })
                .unwrap(),
            added_source: base
                .derive(|b| b.map_csp(|csp| csp.script_src([CDN])))
                .unwrap(),
            no_xfo: base.derive(|b| b.without("X-Frame-Options")).unwrap(),
        }
    }
}

fn added_csp() -> String {
    BASE_CSP.replace("script-src 'self';", &format!("script-src 'self' {CDN};"))
}

/// `GET path`: `200` with the Balanced set except that its CSP is `csp`.
async fn with_csp(addr: SocketAddr, path: &str, csp: &str) -> reqwest::Response {
    let csp: &[&str] = &[csp];
    let overrides = [("content-security-policy", Some(csp))];
    support::check(addr, Method::GET, path, StatusCode::OK, &overrides).await
}

/// `GET path`: `200` with the Balanced set without X-Frame-Options.
async fn without_xfo(addr: SocketAddr, path: &str) {
    let overrides = [("x-frame-options", None)];
    support::check(addr, Method::GET, path, StatusCode::OK, &overrides).await;
}

/// Checks `/{prefix}/csp`, `/{prefix}/added` and `/{prefix}/dropped`, and that `/` keeps
/// the base set.
async fn assert_variants(addr: SocketAddr, prefix: &str) {
    with_csp(addr, &format!("{prefix}/csp"), REPLACED_CSP).await;
    let resp = with_csp(addr, &format!("{prefix}/added"), &added_csp()).await;
    assert!(
        resp.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src 'self' https://cdn.example.com; script-src-attr 'none';")
    );
    without_xfo(addr, &format!("{prefix}/dropped")).await;
    support::balanced(addr, "/", StatusCode::OK).await;
}

#[tokio::test]
async fn route_layer_override() {
    let base = Secure::with_default_headers();
    let v = Variants::new(&base);
    let only = |path: &str, secure: Secure| {
        Router::new()
            .route(path, get(|| async { "overridden" }))
            .route_layer(SecureOverride::new(secure).unwrap())
    };
    let app = Router::new()
        .route("/", get(|| async { "base" }))
        .merge(only("/route/csp", v.replaced_csp))
        .merge(only("/route/added", v.added_source))
        .merge(only("/route/dropped", v.no_xfo))
        .layer(base);
    let addr = serve_app(app).await;
    assert_variants(addr, "/route").await;

    // A 404 is not a route: it keeps the base set.
    support::balanced(addr, "/route/other", StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn per_response_override() {
    let base = Secure::with_default_headers();
    let v = Variants::new(&base);
    let respond = |secure: Secure| respond(SecureOverride::new(secure).unwrap());
    let app = Router::new()
        .route("/", get(|| async { "base" }))
        .route("/resp/csp", respond(v.replaced_csp))
        .route("/resp/added", respond(v.added_source))
        .route("/resp/dropped", respond(v.no_xfo))
        .layer(base);
    let addr = serve_app(app).await;
    assert_variants(addr, "/resp").await;
}

#[tokio::test]
async fn handler_override_wins_over_route_override() {
    let base = Secure::with_default_headers();
    let v = Variants::new(&base);
    let app = Router::new()
        .route("/both", respond(SecureOverride::new(v.no_xfo).unwrap()))
        .route("/route-only", get(|| async { "route's" }))
        .route_layer(SecureOverride::new(v.replaced_csp).unwrap())
        .layer(base);
    let addr = serve_app(app).await;
    without_xfo(addr, "/both").await;
    with_csp(addr, "/route-only", REPLACED_CSP).await;
}

#[tokio::test]
async fn override_with_no_header_at_all() {
    let app = Router::new()
        .route("/bare", respond(SecureOverride::none()))
        .layer(Secure::with_default_headers());
    let addr = serve_app(app).await;
    let none = BALANCED.map(|(n, _)| (n, None));
    support::check(addr, Method::GET, "/bare", StatusCode::OK, &none).await;
}

#[tokio::test]
async fn nested_router_with_its_own_override() {
    let base = Secure::with_default_headers();
    let v = Variants::new(&base);
    let admin = Router::new()
        .route("/", get(|| async { "admin home" }))
        .route("/users", get(|| async { "admin users" }))
        // A handler inside the scope can still pick its own exception.
        .route(
            "/users/export",
            respond(SecureOverride::new(v.added_source).unwrap()),
        )
        .layer(SecureOverride::new(v.no_xfo).unwrap());
    let app = Router::new()
        .route("/", get(|| async { "home" }))
        .route("/users", get(|| async { "public users" }))
        .nest("/admin", admin)
        .layer(base);
    let addr = serve_app(app).await;

    for path in ["/admin", "/admin/users"] {
        without_xfo(addr, path).await;
    }
    with_csp(addr, "/admin/users/export", &added_csp()).await;
    for path in ["/", "/users"] {
        support::balanced(addr, path, StatusCode::OK).await;
    }
}

// ---------------------------------------------------------------------------------------
// Not only axum: a plain hyper 1 server with a tower stack.
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn plain_hyper_server() {
    use http_body_util::Full;
    use hyper::body::Incoming;
    use hyper_util::rt::TokioIo;
    use hyper_util::service::TowerToHyperService;
    use tower::ServiceBuilder;

    let service = ServiceBuilder::new()
        .layer(Secure::with_default_headers())
        .service_fn(|req: hyper::Request<Incoming>| async move {
            let mut resp = hyper::Response::new(Full::new(Bytes::from("from hyper")));
            if req.uri().path() == "/framable" {
                let o = Secure::with_default_headers()
                    .derive(|b| b.without("X-Frame-Options"))
                    .unwrap();
                resp.extensions_mut()
                    .insert(SecureOverride::new(o).unwrap());
            }
            resp.headers_mut()
                .insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
            Ok::<_, Infallible>(resp)
        });

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await
                    .unwrap();
            });
        }
    });

    let resp = support::balanced(addr, "/", StatusCode::OK).await;
    assert_eq!(resp.text().await.unwrap(), "from hyper");

    // An override from the service: our X-Frame-Options is not sent, the app's stays.
    let xfo = [("x-frame-options", Some(&["DENY"][..]))];
    support::check(addr, Method::GET, "/framable", StatusCode::OK, &xfo).await;
}

// ---------------------------------------------------------------------------------------
// The request side: nonces, HTTPS awareness, allowed hosts, cookies, development mode.
// ---------------------------------------------------------------------------------------

/// Copies axum's `ConnectInfo` into the `PeerAddr` the layer reads (outside the layer).
async fn peer_addr(ConnectInfo(addr): ConnectInfo<SocketAddr>, mut req: Request) -> Request {
    req.extensions_mut().insert(PeerAddr(addr.ip()));
    req
}

async fn nonce_page(Extension(nonce): Extension<CspNonce>) -> axum::response::Html<String> {
    axum::response::Html(wire::page(&nonce))
}

async fn wire_cookies() -> Response {
    let mut resp = "cookies".into_response();
    let h = resp.headers_mut();
    for c in wire::COOKIES {
        h.append(header::SET_COOKIE, HeaderValue::from_static(c));
    }
    h.insert("x-powered-by", HeaderValue::from_static("framework"));
    resp
}

/// The routes of [`wire`] under `secure`, on `bind`.
async fn serve_wire(secure: Secure, bind: &str, runs: Runs) -> SocketAddr {
    let posted = runs.clone();
    let counted =
        get(move || async move { runs.hello() }).post(move || async move { posted.hello() });
    let app = Router::new()
        .route("/", counted.clone())
        .route("/a/b", counted.clone())
        .merge(
            Router::new()
                .route("/guarded", counted)
                .route_layer(wire::guarded_override()),
        )
        .route("/nonce", get(nonce_page))
        .merge(
            Router::new()
                .route("/strict", get(nonce_page))
                .route_layer(wire::strict_override()),
        )
        .route("/cookies", get(wire_cookies))
        .layer(secure)
        .layer(middleware::map_request(peer_addr));
    let listener = tokio::net::TcpListener::bind(bind).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await.unwrap() });
    addr
}

#[cfg(feature = "reporting")]
async fn serve_reports(
    collector: secure_headers::report::ReportCollector,
    secure: secure_headers::Secure,
) -> SocketAddr {
    serve_app(
        Router::new()
            .route_service("/reports", collector)
            .layer(secure),
    )
    .await
}

wire::wire_tests! {
    test = tokio::test,
    serve = serve_wire, absolute_form = Authority, no_host = Middleware, authority_form = Middleware, reports = serve_reports,
}

/// Without a `PeerAddr` (no `ConnectInfo` copied), no proxy is trusted: the forwarded
/// header changes nothing even when 127.0.0.1 is configured as trusted.
#[tokio::test]
async fn without_a_peer_address_no_proxy_is_trusted() {
    let app = Router::new()
        .route("/", get(|| async { "hello" }))
        .layer(wire::secure_only(&["127.0.0.1"]));
    let addr = serve_app(app).await;
    let spoofed = [("x-forwarded-proto", "https")];
    let resp = support::get_with(&wire::no_redirects(), addr, "/", &spoofed).await;
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(resp.headers().get("strict-transport-security"), None);
}
