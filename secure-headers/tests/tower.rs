//! The tower integration against real servers: axum 0.8 and a plain hyper 1 server, on
//! 127.0.0.1 with an OS-chosen port, driven by a real HTTP client.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use bytes::Bytes;
use futures_util::{SinkExt, StreamExt, stream};
use secure_headers::{ContentSecurityPolicy, Secure, SecureOverride};
use tokio::sync::mpsc;
use tokio::time::timeout;

/// The literal Balanced CSP, pinned here so that a change to the preset shows up as a diff.
const BALANCED_CSP: &str = "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests";

/// A generous bound for anything the client waits on, so that a regression (a buffered
/// stream, a lost upgrade) fails instead of hanging.
const WAIT: Duration = Duration::from_secs(10);

/// `(lowercase name, value)` for every header of `secure`.
fn items(secure: &Secure) -> Vec<(String, String)> {
    secure
        .header_items()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.to_owned()))
        .collect()
}

fn balanced() -> Vec<(String, String)> {
    items(&Secure::with_default_headers())
}

/// Every value of `name`, as text.
fn all(headers: &HeaderMap, name: &str) -> Vec<String> {
    headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().expect("ASCII header value").to_owned())
        .collect()
}

/// `headers` carries exactly the values of `expected` (each name once, with that value).
fn assert_exactly(headers: &HeaderMap, expected: &[(String, String)]) {
    for (name, value) in expected {
        assert_eq!(
            all(headers, name),
            [value.as_str()],
            "header {name} in {headers:?}"
        );
    }
}

/// The nine Balanced headers with their exact values, a few of them pinned literally.
fn assert_balanced(headers: &HeaderMap) {
    let expected = balanced();
    assert_eq!(expected.len(), 9);
    assert_exactly(headers, &expected);
    assert_eq!(headers["content-security-policy"], BALANCED_CSP);
    assert_eq!(
        headers["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    assert_eq!(headers["x-frame-options"], "SAMEORIGIN");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cross-origin-opener-policy"], "same-origin");
    assert_eq!(
        headers["permissions-policy"],
        "geolocation=(), microphone=(), camera=()"
    );
    assert_eq!(headers["server"], "");
}

/// Serves `app` on 127.0.0.1 (OS-chosen port) and returns its `host:port`.
async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr.to_string()
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(WAIT)
        .build()
        .expect("client")
}

async fn get_headers(url: String) -> (StatusCode, HeaderMap) {
    let resp = client().get(url).send().await.unwrap();
    (resp.status(), resp.headers().clone())
}

// ---------------------------------------------------------------------------------------
// Every response the framework produces inside the middleware.
// ---------------------------------------------------------------------------------------

fn app() -> Router {
    Router::new()
        .route("/", get(|| async { "hello" }))
        .route("/cookies", get(cookies))
        .route(
            "/json",
            post(|Json(_): Json<serde_json::Value>| async { "parsed" }),
        )
        .route(
            "/error",
            get(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "boom") }),
        )
        .route("/etag", get(etag))
        .layer(Secure::with_default_headers())
}

async fn cookies() -> Response {
    let mut resp = "cookies".into_response();
    let h = resp.headers_mut();
    h.append(header::SET_COOKIE, HeaderValue::from_static("a=1; Path=/"));
    h.append(
        header::SET_COOKIE,
        HeaderValue::from_static("b=2; HttpOnly"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("img-src 'none'"),
    );
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

#[tokio::test]
async fn handler_response() {
    let addr = serve(app()).await;
    let resp = client()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_balanced(resp.headers());
    assert_eq!(resp.text().await.unwrap(), "hello");
}

#[tokio::test]
async fn application_headers_meet_ours() {
    let addr = serve(app()).await;
    let (status, h) = get_headers(format!("http://{addr}/cookies")).await;
    assert_eq!(status, StatusCode::OK);
    // Repeated Set-Cookie: untouched, in order.
    assert_eq!(all(&h, "set-cookie"), ["a=1; Path=/", "b=2; HttpOnly"]);
    // X-Frame-Options: ours replaces the application's.
    assert_eq!(all(&h, "x-frame-options"), ["SAMEORIGIN"]);
    // CSP: the application's first, then ours (browsers enforce both).
    assert_eq!(
        all(&h, "content-security-policy"),
        ["img-src 'none'", BALANCED_CSP]
    );
    let others: Vec<_> = balanced()
        .into_iter()
        .filter(|(n, _)| n != "content-security-policy")
        .collect();
    assert_eq!(others.len(), 8);
    assert_exactly(&h, &others);
}

#[tokio::test]
async fn not_found_fallback() {
    let addr = serve(app()).await;
    let (status, h) = get_headers(format!("http://{addr}/no/such/page")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_balanced(&h);
}

#[tokio::test]
async fn method_not_allowed() {
    let addr = serve(app()).await;
    let resp = client()
        .delete(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_balanced(resp.headers());
}

#[tokio::test]
async fn extractor_rejection() {
    let addr = serve(app()).await;
    let resp = client()
        .post(format!("http://{addr}/json"))
        .header(header::CONTENT_TYPE, "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_balanced(resp.headers());

    // Wrong content type: another rejection, same headers.
    let resp = client()
        .post(format!("http://{addr}/json"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_balanced(resp.headers());
}

#[tokio::test]
async fn server_error() {
    let addr = serve(app()).await;
    let resp = client()
        .get(format!("http://{addr}/error"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_balanced(resp.headers());
    assert_eq!(resp.text().await.unwrap(), "boom");
}

#[tokio::test]
async fn head_request() {
    let addr = serve(app()).await;
    let resp = client()
        .head(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_balanced(resp.headers());
    assert_eq!(resp.text().await.unwrap(), "");
}

#[tokio::test]
async fn not_modified() {
    let addr = serve(app()).await;
    let url = format!("http://{addr}/etag");
    let (status, h) = get_headers(url.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert_balanced(&h);

    let resp = client()
        .get(url)
        .header(header::IF_NONE_MATCH, "\"v1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_MODIFIED);
    assert_balanced(resp.headers());
    assert_eq!(resp.headers()[header::ETAG], "\"v1\"");
}

// ---------------------------------------------------------------------------------------
// Streams stream.
// ---------------------------------------------------------------------------------------

type Chunks = Arc<Mutex<Option<mpsc::UnboundedReceiver<Bytes>>>>;

async fn streaming(State(chunks): State<Chunks>) -> Response {
    let rx = chunks.lock().unwrap().take().expect("one request");
    let body = stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|b| (Ok::<_, Infallible>(b), rx))
    });
    (
        [(header::CONTENT_TYPE, "text/plain")],
        Body::from_stream(body),
    )
        .into_response()
}

/// The server sends a first chunk, then nothing until the client has received it: a
/// middleware that buffered the body would never let the client see the headers or the
/// first chunk, and the test would time out.
#[tokio::test]
async fn streaming_body_is_not_buffered() {
    let (tx, rx) = mpsc::unbounded_channel();
    let chunks: Chunks = Arc::new(Mutex::new(Some(rx)));
    let app = Router::new()
        .route("/stream", get(streaming))
        .with_state(chunks)
        .layer(Secure::with_default_headers());
    let addr = serve(app).await;

    tx.send(Bytes::from_static(b"first")).unwrap();
    let mut resp = timeout(WAIT, client().get(format!("http://{addr}/stream")).send())
        .await
        .expect("headers arrive before the body is complete")
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_balanced(resp.headers());
    assert!(resp.headers().get(header::CONTENT_LENGTH).is_none());

    let first = timeout(WAIT, resp.chunk())
        .await
        .expect("the first chunk arrives while the stream is still open")
        .unwrap()
        .expect("a chunk");
    assert_eq!(first, "first");

    // Only now does the server produce the rest.
    tx.send(Bytes::from_static(b"second")).unwrap();
    tx.send(Bytes::from_static(b"third")).unwrap();
    drop(tx);
    let mut rest = Vec::new();
    while let Some(chunk) = timeout(WAIT, resp.chunk()).await.unwrap().unwrap() {
        rest.extend_from_slice(&chunk);
    }
    assert_eq!(rest, b"secondthird");
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
    let addr = serve(app).await;

    tx.send("one").unwrap();
    let mut resp = timeout(WAIT, client().get(format!("http://{addr}/sse")).send())
        .await
        .expect("headers arrive while the event stream is open")
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()[header::CONTENT_TYPE], "text/event-stream");
    assert_balanced(resp.headers());

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

// ---------------------------------------------------------------------------------------
// WebSocket upgrades pass through.
// ---------------------------------------------------------------------------------------

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

#[tokio::test]
async fn websocket_upgrade_completes_without_our_headers() {
    use tokio_tungstenite::tungstenite::Message;

    let app = Router::new()
        .route("/ws", get(echo))
        .route("/", get(|| async { "hello" }))
        .layer(Secure::with_default_headers());
    let addr = serve(app).await;

    let (mut socket, response) = timeout(
        WAIT,
        tokio_tungstenite::connect_async(format!("ws://{addr}/ws")),
    )
    .await
    .expect("the upgrade completes")
    .unwrap();
    assert_eq!(response.status(), StatusCode::SWITCHING_PROTOCOLS);
    for (name, _) in balanced() {
        assert!(
            response.headers().get(&name).is_none(),
            "the 101 response carries {name}: {:?}",
            response.headers()
        );
    }

    socket.send(Message::text("ping")).await.unwrap();
    let reply = timeout(WAIT, socket.next())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(reply, Message::text("ping"));
    socket.close(None).await.unwrap();

    // The same server's ordinary responses still get the headers.
    let (_, h) = get_headers(format!("http://{addr}/")).await;
    assert_balanced(&h);
}

/// A WebSocket over HTTP/2 (RFC 8441) is a CONNECT answered with 200; like the 101 of an
/// HTTP/1.1 upgrade, and like any tunnel, it is left alone.
#[tokio::test]
async fn connect_responses_pass_through() {
    use axum::http::{Method, Request};
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
    assert_balanced(resp.headers());
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

/// `h` carries the Balanced set except that its CSP is `csp`.
fn assert_balanced_with_csp(h: &HeaderMap, csp: &str) {
    for (name, value) in balanced() {
        let want = if name == "content-security-policy" {
            csp.to_owned()
        } else {
            value
        };
        assert_eq!(all(h, &name), [want], "header {name}");
    }
}

/// `h` carries the Balanced set without X-Frame-Options.
fn assert_balanced_without_xfo(h: &HeaderMap) {
    assert!(h.get(header::X_FRAME_OPTIONS).is_none(), "{h:?}");
    let rest: Vec<_> = balanced()
        .into_iter()
        .filter(|(n, _)| n != "x-frame-options")
        .collect();
    assert_eq!(rest.len(), 8);
    assert_exactly(h, &rest);
}

fn added_csp() -> String {
    BALANCED_CSP.replace("script-src 'self';", &format!("script-src 'self' {CDN};"))
}

/// Checks `/{prefix}/csp`, `/{prefix}/added` and `/{prefix}/dropped`, and that `/` keeps
/// the base set.
async fn assert_variants(addr: &str, prefix: &str) {
    let (s, h) = get_headers(format!("http://{addr}{prefix}/csp")).await;
    assert_eq!(s, StatusCode::OK);
    assert_balanced_with_csp(&h, REPLACED_CSP);

    let (s, h) = get_headers(format!("http://{addr}{prefix}/added")).await;
    assert_eq!(s, StatusCode::OK);
    assert_balanced_with_csp(&h, &added_csp());
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src 'self' https://cdn.example.com; script-src-attr 'none';")
    );

    let (s, h) = get_headers(format!("http://{addr}{prefix}/dropped")).await;
    assert_eq!(s, StatusCode::OK);
    assert_balanced_without_xfo(&h);

    let (s, h) = get_headers(format!("http://{addr}/")).await;
    assert_eq!(s, StatusCode::OK);
    assert_balanced(&h);
}

#[tokio::test]
async fn route_layer_override() {
    let base = Secure::with_default_headers();
    let v = Variants::new(&base);
    let only = |path: &str, secure: Secure| {
        Router::new()
            .route(path, get(|| async { "overridden" }))
            .route_layer(SecureOverride::new(secure))
    };
    let app = Router::new()
        .route("/", get(|| async { "base" }))
        .merge(only("/route/csp", v.replaced_csp))
        .merge(only("/route/added", v.added_source))
        .merge(only("/route/dropped", v.no_xfo))
        .layer(base);
    let addr = serve(app).await;
    assert_variants(&addr, "/route").await;

    // A 404 is not a route: it keeps the base set.
    let (s, h) = get_headers(format!("http://{addr}/route/other")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_balanced(&h);
}

#[tokio::test]
async fn per_response_override() {
    let base = Secure::with_default_headers();
    let v = Variants::new(&base);
    let respond = |secure: Secure| {
        let o = SecureOverride::new(secure);
        get(move || {
            let o = o.clone();
            async move { (Extension(o), "overridden") }
        })
    };
    let app = Router::new()
        .route("/", get(|| async { "base" }))
        .route("/resp/csp", respond(v.replaced_csp))
        .route("/resp/added", respond(v.added_source))
        .route("/resp/dropped", respond(v.no_xfo))
        .layer(base);
    let addr = serve(app).await;
    assert_variants(&addr, "/resp").await;
}

#[tokio::test]
async fn handler_override_wins_over_route_override() {
    let base = Secure::with_default_headers();
    let v = Variants::new(&base);
    let handler_choice = SecureOverride::new(v.no_xfo);
    let app = Router::new()
        .route(
            "/both",
            get(move || {
                let o = handler_choice.clone();
                async move { (Extension(o), "handler's") }
            }),
        )
        .route("/route-only", get(|| async { "route's" }))
        .route_layer(SecureOverride::new(v.replaced_csp))
        .layer(base);
    let addr = serve(app).await;

    let (_, h) = get_headers(format!("http://{addr}/both")).await;
    assert_balanced_without_xfo(&h);
    let (_, h) = get_headers(format!("http://{addr}/route-only")).await;
    assert_balanced_with_csp(&h, REPLACED_CSP);
}

#[tokio::test]
async fn override_with_no_header_at_all() {
    let app = Router::new()
        .route(
            "/bare",
            get(|| async { (Extension(SecureOverride::none()), "nothing") }),
        )
        .layer(Secure::with_default_headers());
    let addr = serve(app).await;
    let (_, h) = get_headers(format!("http://{addr}/bare")).await;
    for (name, _) in balanced() {
        assert!(h.get(&name).is_none(), "{name} in {h:?}");
    }
}

#[tokio::test]
async fn nested_router_with_its_own_override() {
    let base = Secure::with_default_headers();
    let v = Variants::new(&base);
    let admin = Router::new()
        .route("/", get(|| async { "admin home" }))
        .route("/users", get(|| async { "admin users" }))
        .route(
            "/users/export",
            // A handler inside the scope can still pick its own exception.
            get({
                let o = SecureOverride::new(v.added_source);
                move || {
                    let o = o.clone();
                    async move { (Extension(o), "export") }
                }
            }),
        )
        .layer(SecureOverride::new(v.no_xfo));
    let app = Router::new()
        .route("/", get(|| async { "home" }))
        .route("/users", get(|| async { "public users" }))
        .nest("/admin", admin)
        .layer(base);
    let addr = serve(app).await;

    for path in ["/admin", "/admin/users"] {
        let (s, h) = get_headers(format!("http://{addr}{path}")).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert_balanced_without_xfo(&h);
    }
    let (_, h) = get_headers(format!("http://{addr}/admin/users/export")).await;
    assert_balanced_with_csp(&h, &added_csp());
    for path in ["/", "/users"] {
        let (s, h) = get_headers(format!("http://{addr}{path}")).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert_balanced(&h);
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
                resp.extensions_mut().insert(SecureOverride::new(o));
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

    let resp = client()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_balanced(resp.headers());
    assert_eq!(resp.text().await.unwrap(), "from hyper");

    // An override from the service: our X-Frame-Options is not sent, the app's stays.
    let (_, h) = get_headers(format!("http://{addr}/framable")).await;
    assert_eq!(all(&h, "x-frame-options"), ["DENY"]);
    let rest: Vec<_> = balanced()
        .into_iter()
        .filter(|(n, _)| n != "x-frame-options")
        .collect();
    assert_exactly(&h, &rest);
}

// ---------------------------------------------------------------------------------------
// The request side: nonces, HTTPS awareness, allowed hosts, cookies, development mode.
// ---------------------------------------------------------------------------------------

mod framework_support;

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::middleware;
use framework_support::wire;
use secure_headers::transport::PeerAddr;

/// Copies axum's `ConnectInfo` into the `PeerAddr` the layer reads (outside the layer).
async fn peer_addr(
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    mut req: axum::extract::Request,
) -> axum::extract::Request {
    req.extensions_mut().insert(PeerAddr(addr.ip()));
    req
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

/// The routes of [`wire`] under `secure`, on `bind` (`127.0.0.1:0` or `[::1]:0`).
async fn serve_wire(secure: Secure, bind: &str) -> SocketAddr {
    let app = Router::new()
        .route("/", get(|| async { "hello" }))
        .route(
            "/nonce",
            get(
                |Extension(nonce): Extension<secure_headers::CspNonce>| async move {
                    axum::response::Html(wire::page(&nonce))
                },
            ),
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

#[cfg(feature = "nonce")]
#[tokio::test]
async fn nonce_reaches_the_handler_and_both_policies() {
    wire::nonce(serve_wire(wire::with_nonce(), "127.0.0.1:0").await).await;
}

#[tokio::test]
async fn https_redirect_keeps_path_and_query() {
    wire::redirect(serve_wire(wire::redirecting(), "127.0.0.1:0").await).await;
}

#[tokio::test]
async fn https_redirect_for_an_ipv6_literal_host() {
    wire::redirect(serve_wire(wire::redirecting(), "[::1]:0").await).await;
}

#[tokio::test]
async fn allowed_hosts_with_tricky_host_values() {
    wire::allowed_hosts(serve_wire(wire::hosts(), "127.0.0.1:0").await).await;
}

#[tokio::test]
async fn forwarded_proto_only_from_a_trusted_proxy() {
    let untrusted = serve_wire(wire::secure_only(false), "127.0.0.1:0").await;
    let trusted = serve_wire(wire::secure_only(true), "127.0.0.1:0").await;
    wire::forwarded_proto(untrusted, trusted).await;
}

/// Without a `PeerAddr` (no `ConnectInfo` copied), no proxy is trusted: the forwarded
/// header changes nothing even when 127.0.0.1 is configured as trusted.
#[tokio::test]
async fn without_a_peer_address_no_proxy_is_trusted() {
    let app = Router::new()
        .route("/", get(|| async { "hello" }))
        .layer(wire::secure_only(true));
    let addr = serve(app).await;
    let resp = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("http://{addr}/"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(resp.headers().get("strict-transport-security"), None);
}

#[tokio::test]
async fn cookies_hardened_and_x_powered_by_removed() {
    wire::cookies_and_removal(serve_wire(wire::cookies(), "127.0.0.1:0").await).await;
}

#[tokio::test]
async fn development_mode_on_localhost() {
    wire::development_mode(serve_wire(wire::development(), "127.0.0.1:0").await).await;
}

/// A route whose override carries `'nonce-{nonce}'` under a base policy without one: with
/// `provide_nonce`, the request still gets a nonce, and the override's CSP carries exactly
/// the nonce the handler saw.
#[cfg(feature = "nonce")]
#[tokio::test]
async fn an_override_with_a_nonce_gets_the_requests_nonce() {
    use secure_headers::{ContentSecurityPolicy, CspNonce};

    let base = Secure::from_preset(secure_headers::Preset::Balanced)
        .derive(|b| b.provide_nonce(true))
        .unwrap();
    let strict = SecureOverride::new(
        base.derive(|b| b.csp(ContentSecurityPolicy::strict()))
            .unwrap(),
    );
    let app = Router::new()
        .route(
            "/page",
            get(|Extension(nonce): Extension<CspNonce>| async move { nonce.to_string() }),
        )
        .route_layer(strict)
        .route("/plain", get(|| async { "plain" }))
        .layer(base);
    let url = format!("http://{}", serve(app).await);
    let c = client();
    let mut seen = Vec::new();
    for _ in 0..2 {
        let r = c.get(format!("{url}/page")).send().await.unwrap();
        let csp = r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let nonce = r.text().await.unwrap();
        assert_eq!(nonce.len(), 24);
        assert_eq!(
            csp,
            format!(
                "script-src 'nonce-{nonce}' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'"
            )
        );
        seen.push(nonce);
    }
    assert_ne!(seen[0], seen[1]);
    let (_, h) = get_headers(format!("{url}/plain")).await;
    assert_balanced(&h);
}
