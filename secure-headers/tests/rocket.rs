//! The Rocket fairing against a real server on 127.0.0.1: exact header values on every kind
//! of response, streaming, WebSocket upgrades, per-route and per-response overrides, and
//! Rocket's own `Shield`.

use std::collections::HashMap;
use std::io::Cursor;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use rocket::config::{LogLevel, Shutdown};
use rocket::fairing::AdHoc;
use rocket::http::Status;
use rocket::response::stream::ByteStream;
use rocket::response::{self, Responder, status};
use rocket::serde::json::Json;
use rocket::shield::Shield;
use rocket::{Request, Response, State, get, post, routes};
use secure_headers::rocket::WithSecureOverride;
use secure_headers::{ContentSecurityPolicy, Secure, SecureOverride};
use tokio::sync::Notify;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::Message;

const CSP: &str = "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests";
const CDN_CSP: &str = "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self' https://cdn.example; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests";

/// The Balanced preset, header by header.
const BALANCED: [(&str, &str); 9] = [
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("content-security-policy", CSP),
    (
        "strict-transport-security",
        "max-age=31536000; includeSubDomains",
    ),
    (
        "permissions-policy",
        "geolocation=(), microphone=(), camera=()",
    ),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("server", ""),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "SAMEORIGIN"),
];

const WAIT: Duration = Duration::from_secs(10);

fn values(headers: &reqwest::header::HeaderMap, name: &str) -> Vec<String> {
    headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

/// Every Balanced header, exactly once, with exactly the preset's value, except the names
/// in `except`.
#[track_caller]
fn assert_balanced_except(headers: &reqwest::header::HeaderMap, except: &[&str]) {
    for (name, value) in BALANCED {
        if !except.contains(&name) {
            assert_eq!(values(headers, name), [value], "{name}");
        }
    }
}

#[track_caller]
fn assert_balanced(headers: &reqwest::header::HeaderMap) {
    assert_balanced_except(headers, &[]);
}

#[get("/")]
fn hello() -> &'static str {
    "hello"
}

/// A response with headers of its own.
struct AppHeaders;

impl<'r> Responder<'r, 'static> for AppHeaders {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        Response::build()
            .raw_header_adjoin("Set-Cookie", "a=1; Secure")
            .raw_header_adjoin("Set-Cookie", "b=2; HttpOnly")
            .raw_header("X-Frame-Options", "DENY")
            .raw_header("Content-Security-Policy", "img-src 'none'")
            .raw_header("Vary", "Accept")
            .sized_body(3, Cursor::new("app"))
            .ok()
    }
}

#[get("/app-headers")]
fn app_headers() -> AppHeaders {
    AppHeaders
}

#[post("/json", data = "<body>")]
fn json(body: Json<HashMap<String, u32>>) -> String {
    body.into_inner().len().to_string()
}

#[get("/error")]
fn fail() -> Result<&'static str, Status> {
    Err(Status::InternalServerError)
}

#[get("/not-modified")]
fn not_modified() -> status::Custom<()> {
    status::Custom(Status::NotModified, ())
}

#[get("/stream")]
fn stream(gate: &State<Arc<Notify>>) -> ByteStream![&'static [u8]] {
    let gate = Arc::clone(gate.inner());
    ByteStream! {
        yield b"first;".as_slice();
        // The rest is produced only once the client has read the first chunk.
        gate.notified().await;
        yield b"rest".as_slice();
    }
}

#[get("/ws")]
fn ws(ws: rocket_ws::WebSocket) -> rocket_ws::Stream!['static] {
    rocket_ws::Stream! { ws =>
        for await message in ws {
            yield message?;
        }
    }
}

struct Overrides {
    cdn: SecureOverride,
    replaced: SecureOverride,
    strict: SecureOverride,
}

#[get("/widget")]
fn widget() -> &'static str {
    "framable"
}

#[get("/strict")]
fn strict(o: &State<Overrides>) -> WithSecureOverride<&'static str> {
    WithSecureOverride(o.strict.clone(), "strict")
}

#[get("/fail")]
fn widget_fail() -> Result<&'static str, Status> {
    Err(Status::InternalServerError)
}

#[get("/cdn")]
fn cdn(o: &State<Overrides>) -> WithSecureOverride<&'static str> {
    WithSecureOverride(o.cdn.clone(), "cdn")
}

#[get("/replaced")]
fn replaced(o: &State<Overrides>) -> WithSecureOverride<&'static str> {
    WithSecureOverride(o.replaced.clone(), "replaced")
}

#[get("/replaced-failing")]
fn replaced_failing(o: &State<Overrides>) -> WithSecureOverride<Result<&'static str, Status>> {
    WithSecureOverride(o.replaced.clone(), Err(Status::InternalServerError))
}

/// Launches the application on an OS-chosen port, with Rocket's default `Shield` or with
/// `Shield` turned off.
async fn spawn(default_shield: bool) -> (SocketAddr, Arc<Notify>) {
    let gate = Arc::new(Notify::new());
    let base = Secure::with_default_headers();
    let embeddable = SecureOverride::new(base.derive(|b| b.without("X-Frame-Options")).unwrap());
    let overrides = Overrides {
        cdn: SecureOverride::new(
            base.derive(|b| b.map_csp(|csp| csp.script_src(["https://cdn.example"])))
                .unwrap(),
        ),
        replaced: SecureOverride::new(
            base.derive(|b| b.csp(ContentSecurityPolicy::new().default_src(["'none'"])))
                .unwrap(),
        ),
        strict: SecureOverride::new(base.derive(|b| b.map_xfo(|x| x.deny())).unwrap()),
    };
    let config = rocket::Config {
        address: Ipv4Addr::LOCALHOST.into(),
        port: 0,
        log_level: LogLevel::Off,
        shutdown: Shutdown {
            ctrlc: false,
            ..Shutdown::default()
        },
        ..rocket::Config::debug_default()
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    let mut rocket = rocket::custom(config)
        .mount(
            "/",
            routes![
                hello,
                app_headers,
                json,
                fail,
                not_modified,
                stream,
                ws,
                cdn,
                replaced,
                replaced_failing
            ],
        )
        .mount(
            "/embed",
            embeddable.wrap(routes![widget, strict, widget_fail]),
        )
        .manage(Arc::clone(&gate))
        .manage(overrides);
    if !default_shield {
        rocket = rocket.attach(Shield::new());
    }
    let rocket = rocket
        .attach(base)
        .attach(AdHoc::on_liftoff("port", move |rocket| {
            Box::pin(async move {
                let config = rocket.config();
                let _ = tx.send(SocketAddr::new(config.address, config.port));
            })
        }));
    tokio::spawn(rocket.launch());
    (timeout(WAIT, rx).await.unwrap().unwrap(), gate)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn handler_response() {
    let (addr, _) = spawn(true).await;
    let res = client()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_balanced(res.headers());
    assert_eq!(res.text().await.unwrap(), "hello");
}

/// Rocket's default `Shield` sends X-Content-Type-Options, X-Frame-Options and
/// Permissions-Policy first; every one of ours replaces its value, and Rocket's `Server:
/// Rocket` is replaced too.
#[tokio::test(flavor = "multi_thread")]
async fn our_values_win_over_shield() {
    for default_shield in [true, false] {
        let (addr, _) = spawn(default_shield).await;
        let res = client()
            .get(format!("http://{addr}/"))
            .send()
            .await
            .unwrap();
        assert_balanced(res.headers());
        assert_eq!(values(res.headers(), "permissions-policy"), [BALANCED[4].1]);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn app_headers_replaced_appended_or_kept() {
    let (addr, _) = spawn(false).await;
    let res = client()
        .get(format!("http://{addr}/app-headers"))
        .send()
        .await
        .unwrap();
    let h = res.headers();
    assert_balanced_except(h, &["content-security-policy"]);
    assert_eq!(values(h, "set-cookie"), ["a=1; Secure", "b=2; HttpOnly"]);
    assert_eq!(values(h, "vary"), ["Accept"]);
    assert_eq!(values(h, "x-frame-options"), ["SAMEORIGIN"]);
    assert_eq!(
        values(h, "content-security-policy"),
        ["img-src 'none'", CSP]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn not_found() {
    let (addr, _) = spawn(true).await;
    let res = client()
        .get(format!("http://{addr}/missing"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_balanced(res.headers());
}

#[tokio::test(flavor = "multi_thread")]
async fn extractor_rejection() {
    let (addr, _) = spawn(true).await;
    let res = client()
        .post(format!("http://{addr}/json"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());
    assert_balanced(res.headers());
}

#[tokio::test(flavor = "multi_thread")]
async fn error_500() {
    let (addr, _) = spawn(true).await;
    let res = client()
        .get(format!("http://{addr}/error"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 500);
    assert_balanced(res.headers());
}

#[tokio::test(flavor = "multi_thread")]
async fn head() {
    let (addr, _) = spawn(true).await;
    let res = client()
        .head(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_balanced(res.headers());
    assert_eq!(res.text().await.unwrap(), "");
}

#[tokio::test(flavor = "multi_thread")]
async fn not_modified_304() {
    let (addr, _) = spawn(true).await;
    let res = client()
        .get(format!("http://{addr}/not-modified"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 304);
    assert_balanced(res.headers());
}

/// The server sends its second chunk only after the client has received the first: a
/// fairing that buffered the body would never send the headers.
#[tokio::test(flavor = "multi_thread")]
async fn streaming_is_not_buffered() {
    let (addr, gate) = spawn(true).await;
    let mut res = timeout(WAIT, client().get(format!("http://{addr}/stream")).send())
        .await
        .expect("headers arrive before the body is complete")
        .unwrap();
    assert_balanced(res.headers());
    let first = timeout(WAIT, res.chunk()).await.unwrap().unwrap().unwrap();
    assert_eq!(first, "first;");
    gate.notify_one();
    let mut rest = Vec::new();
    while let Some(chunk) = timeout(WAIT, res.chunk()).await.unwrap().unwrap() {
        rest.extend_from_slice(&chunk);
    }
    assert_eq!(rest, b"rest");
}

#[tokio::test(flavor = "multi_thread")]
async fn websocket_upgrade_completes() {
    let (addr, _) = spawn(false).await;
    let (mut socket, response) = timeout(
        WAIT,
        tokio_tungstenite::connect_async(format!("ws://{addr}/ws")),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(response.status(), 101);
    // The upgrade passes through untouched.
    assert!(response.headers().get("x-frame-options").is_none());
    assert!(response.headers().get("content-security-policy").is_none());
    socket.send(Message::text("ping")).await.unwrap();
    let echo = timeout(WAIT, socket.next())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(echo, Message::text("ping"));
    socket.close(None).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn route_override() {
    let (addr, _) = spawn(false).await;
    let res = client()
        .get(format!("http://{addr}/embed/widget"))
        .send()
        .await
        .unwrap();
    assert_balanced_except(res.headers(), &["x-frame-options"]);
    assert!(values(res.headers(), "x-frame-options").is_empty());

    // The route's failure, answered by a catcher, keeps the route's override.
    let res = client()
        .get(format!("http://{addr}/embed/fail"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 500);
    assert_balanced_except(res.headers(), &["x-frame-options"]);
    assert!(values(res.headers(), "x-frame-options").is_empty());

    // Other routes are unchanged.
    let res = client()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_balanced(res.headers());
}

/// With Rocket's default `Shield` still attached, a header the override drops is sent by
/// `Shield` instead: attach `Shield::new()` to drop it for real.
#[tokio::test(flavor = "multi_thread")]
async fn dropped_header_needs_shield_off() {
    let (addr, _) = spawn(true).await;
    let res = client()
        .get(format!("http://{addr}/embed/widget"))
        .send()
        .await
        .unwrap();
    assert_eq!(values(res.headers(), "x-frame-options"), ["SAMEORIGIN"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn handler_override_wins_over_route() {
    let (addr, _) = spawn(false).await;
    let res = client()
        .get(format!("http://{addr}/embed/strict"))
        .send()
        .await
        .unwrap();
    assert_balanced_except(res.headers(), &["x-frame-options"]);
    assert_eq!(values(res.headers(), "x-frame-options"), ["DENY"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn handler_overrides() {
    let (addr, _) = spawn(false).await;
    // One directive with an added source.
    let res = client()
        .get(format!("http://{addr}/cdn"))
        .send()
        .await
        .unwrap();
    assert_balanced_except(res.headers(), &["content-security-policy"]);
    assert_eq!(values(res.headers(), "content-security-policy"), [CDN_CSP]);

    // The whole CSP replaced.
    let res = client()
        .get(format!("http://{addr}/replaced"))
        .send()
        .await
        .unwrap();
    assert_balanced_except(res.headers(), &["content-security-policy"]);
    assert_eq!(
        values(res.headers(), "content-security-policy"),
        ["default-src 'none'"]
    );

    // A responder that fails hands over to a catcher, whose response is not the handler's:
    // the base headers apply.
    let res = client()
        .get(format!("http://{addr}/replaced-failing"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 500);
    assert_balanced(res.headers());

    let res = client()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_balanced(res.headers());
}
