//! The actix-web middleware against a real server on 127.0.0.1: exact header values on every
//! kind of response, streaming, WebSocket upgrades, and per-scope and per-response overrides.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::{ErrorForbidden, ErrorInternalServerError};
use actix_web::middleware::{Next, from_fn};
use actix_web::web::{self, Bytes};
use actix_web::{App, Error, HttpRequest, HttpResponse, HttpServer};
use actix_web_4 as actix_web;
use futures_util::{SinkExt, StreamExt};
use secure_headers::actix_web::WithSecureOverride;
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

async fn hello() -> &'static str {
    "hello"
}

async fn app_headers() -> HttpResponse {
    HttpResponse::Ok()
        .append_header(("set-cookie", "a=1; Secure"))
        .append_header(("set-cookie", "b=2; HttpOnly"))
        .insert_header(("x-frame-options", "DENY"))
        .insert_header(("content-security-policy", "img-src 'none'"))
        .insert_header(("vary", "Accept"))
        .body("app")
}

async fn json(body: web::Json<HashMap<String, u32>>) -> String {
    body.into_inner().len().to_string()
}

async fn fail() -> Result<HttpResponse, Error> {
    Err(ErrorInternalServerError("boom"))
}

async fn not_modified() -> HttpResponse {
    HttpResponse::NotModified().finish()
}

async fn deny(
    _req: ServiceRequest,
    _next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    Err::<ServiceResponse, _>(ErrorForbidden("no"))
}

async fn stream(gate: web::Data<Arc<Notify>>) -> HttpResponse {
    let gate = Arc::clone(gate.get_ref());
    let body = futures_util::stream::unfold(0_u8, move |step| {
        let gate = Arc::clone(&gate);
        async move {
            match step {
                0 => Some((Ok::<_, Error>(Bytes::from_static(b"first;")), 1)),
                1 => {
                    // The rest is produced only once the client has read the first chunk.
                    gate.notified().await;
                    Some((Ok(Bytes::from_static(b"rest")), 2))
                }
                _ => None,
            }
        }
    });
    HttpResponse::Ok().streaming(body)
}

async fn ws(req: HttpRequest, body: web::Payload) -> Result<HttpResponse, Error> {
    let (response, mut session, mut messages) = actix_ws::handle(&req, body)?;
    actix_web::rt::spawn(async move {
        while let Some(Ok(message)) = messages.recv().await {
            let sent = match message {
                actix_ws::Message::Text(text) => session.text(text).await,
                actix_ws::Message::Close(reason) => {
                    let _ = session.close(reason).await;
                    break;
                }
                _ => Ok(()),
            };
            if sent.is_err() {
                break;
            }
        }
    });
    Ok(response)
}

struct Overrides {
    embeddable: SecureOverride,
    cdn: SecureOverride,
    replaced: SecureOverride,
    strict: SecureOverride,
}

impl Overrides {
    fn new(base: &Secure) -> Self {
        Self {
            embeddable: SecureOverride::new(base.derive(|b| b.without("X-Frame-Options")).unwrap()),
            cdn: SecureOverride::new(
                base.derive(|b| b.map_csp(|csp| csp.script_src(["https://cdn.example"])))
                    .unwrap(),
            ),
            replaced: SecureOverride::new(
                base.derive(|b| b.csp(ContentSecurityPolicy::new().default_src(["'none'"])))
                    .unwrap(),
            ),
            strict: SecureOverride::new(base.derive(|b| b.map_xfo(|x| x.deny())).unwrap()),
        }
    }
}

async fn spawn() -> (SocketAddr, Arc<Notify>) {
    let gate = Arc::new(Notify::new());
    let gate_data = gate.clone();
    let base = Secure::with_default_headers();
    let server = HttpServer::new(move || {
        let o = Overrides::new(&base);
        let (cdn, replaced, strict) = (o.cdn, o.replaced, o.strict);
        App::new()
            .app_data(web::Data::new(Arc::clone(&gate_data)))
            .service(web::resource("/").to(hello))
            .route("/app-headers", web::get().to(app_headers))
            .route("/json", web::post().to(json))
            .route("/error", web::get().to(fail))
            .route("/not-modified", web::get().to(not_modified))
            .service(web::resource("/forbidden").wrap(from_fn(deny)).to(hello))
            .route("/stream", web::get().to(stream))
            .route("/ws", web::get().to(ws))
            .service(
                web::scope("/embed")
                    .wrap(o.embeddable)
                    .route("/widget", web::get().to(hello))
                    .route(
                        "/strict",
                        web::get().to(move || {
                            let strict = strict.clone();
                            async move { WithSecureOverride(strict, "strict") }
                        }),
                    )
                    .service(web::resource("/forbidden").wrap(from_fn(deny)).to(hello)),
            )
            .route(
                "/cdn",
                web::get().to(move || {
                    let cdn = cdn.clone();
                    async move { WithSecureOverride(cdn, "cdn") }
                }),
            )
            .route(
                "/replaced",
                web::get().to(move || {
                    let replaced = replaced.clone();
                    async move {
                        // The raw form of the handler-level override.
                        let mut response = HttpResponse::Ok().body("replaced");
                        response.extensions_mut().insert(replaced);
                        response
                    }
                }),
            )
            .wrap(base.clone())
    })
    .workers(1)
    .disable_signals()
    .bind(("127.0.0.1", 0))
    .unwrap();
    let addr = server.addrs()[0];
    tokio::spawn(server.run());
    (addr, gate)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

#[tokio::test]
async fn handler_response() {
    let (addr, _) = spawn().await;
    let res = client()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_balanced(res.headers());
    assert_eq!(res.text().await.unwrap(), "hello");
}

#[tokio::test]
async fn app_headers_replaced_appended_or_kept() {
    let (addr, _) = spawn().await;
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

#[tokio::test]
async fn not_found() {
    let (addr, _) = spawn().await;
    let res = client()
        .get(format!("http://{addr}/missing"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_balanced(res.headers());
}

#[tokio::test]
async fn extractor_rejection() {
    let (addr, _) = spawn().await;
    let res = client()
        .post(format!("http://{addr}/json"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_balanced(res.headers());
}

#[tokio::test]
async fn handler_error() {
    let (addr, _) = spawn().await;
    let res = client()
        .get(format!("http://{addr}/error"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 500);
    assert_balanced(res.headers());
}

#[tokio::test]
async fn inner_middleware_error() {
    let (addr, _) = spawn().await;
    let res = client()
        .get(format!("http://{addr}/forbidden"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_balanced(res.headers());
}

#[tokio::test]
async fn head() {
    let (addr, _) = spawn().await;
    let res = client()
        .head(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_balanced(res.headers());
    assert_eq!(res.text().await.unwrap(), "");
}

#[tokio::test]
async fn not_modified_304() {
    let (addr, _) = spawn().await;
    let res = client()
        .get(format!("http://{addr}/not-modified"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 304);
    assert_balanced(res.headers());
}

/// The server sends its second chunk only after the client has received the first: a
/// middleware that buffered the body would never send the headers.
#[tokio::test]
async fn streaming_is_not_buffered() {
    let (addr, gate) = spawn().await;
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

#[tokio::test]
async fn websocket_upgrade_completes() {
    let (addr, _) = spawn().await;
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

#[tokio::test]
async fn scope_override() {
    let (addr, _) = spawn().await;
    let res = client()
        .get(format!("http://{addr}/embed/widget"))
        .send()
        .await
        .unwrap();
    assert_balanced_except(res.headers(), &["x-frame-options"]);
    assert!(values(res.headers(), "x-frame-options").is_empty());

    // The scope's override also covers the 404s and the errors inside it.
    for path in ["/embed/missing", "/embed/forbidden"] {
        let res = client()
            .get(format!("http://{addr}{path}"))
            .send()
            .await
            .unwrap();
        assert!(res.status().is_client_error(), "{path}");
        assert!(
            values(res.headers(), "x-frame-options").is_empty(),
            "{path}"
        );
        assert_balanced_except(res.headers(), &["x-frame-options"]);
    }

    // Other routes are unchanged.
    let res = client()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_balanced(res.headers());
}

#[tokio::test]
async fn handler_override_wins_over_scope() {
    let (addr, _) = spawn().await;
    let res = client()
        .get(format!("http://{addr}/embed/strict"))
        .send()
        .await
        .unwrap();
    assert_balanced_except(res.headers(), &["x-frame-options"]);
    assert_eq!(values(res.headers(), "x-frame-options"), ["DENY"]);
}

#[tokio::test]
async fn handler_overrides() {
    let (addr, _) = spawn().await;
    // One directive with an added source.
    let res = client()
        .get(format!("http://{addr}/cdn"))
        .send()
        .await
        .unwrap();
    assert_balanced_except(res.headers(), &["content-security-policy"]);
    assert_eq!(values(res.headers(), "content-security-policy"), [CDN_CSP]);

    // The whole CSP replaced, through the response's extensions; twice, to go through the
    // worker's cache of converted overrides.
    for _ in 0..2 {
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
    }

    let res = client()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_balanced(res.headers());
}
