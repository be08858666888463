//! What the framework tests (`poem.rs`, `salvo.rs`, `warp.rs`) share: the application every
//! framework serves (the same routes, the same overrides) is described here once, and so is
//! what a client must see.
//!
//! Routes each test server provides, all under `Secure::with_default_headers()`:
//!
//! | route | what it does |
//! |---|---|
//! | `GET /` and `HEAD /` | `hello` |
//! | `GET /app-headers` | sets two `Set-Cookie`, `X-Frame-Options: DENY`, CSP `img-src 'none'` |
//! | `POST /json` | parses a JSON body with the framework's extractor |
//! | `GET /error` | fails with the framework's error type: 500 |
//! | `GET /etag` | `304` when `If-None-Match: "v1"` |
//! | `GET /stream` | streams the chunks the test pushes into [`Chunks`] |
//! | `GET /ws` | WebSocket echo |
//! | `GET /embed` | route override: [`embeddable`] |
//! | `GET /report` | response override: [`report_only_self`] |
//! | `GET /cdn` | response override: [`with_cdn`] |
//! | `GET /scoped/page` | scope override: [`scoped`] |
//! | `GET /scoped/open` | in the same scope; the response's own override [`SecureOverride::none`] |
//! | anything else | the framework's 404 |

#![allow(dead_code)]

pub(crate) mod wire;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures_util::{SinkExt, Stream, StreamExt};
use secure_headers::http::{HeaderMap, StatusCode};
use secure_headers::{ContentSecurityPolicy, Secure, SecureOverride};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

/// The Balanced preset's CSP.
pub(crate) const BASE_CSP: &str = "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; \
    form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; \
    script-src 'self'; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; \
    upgrade-insecure-requests";

/// Every header the Balanced preset sends, with its exact value, in emission order.
pub(crate) const BALANCED: [(&str, &str); 9] = [
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("content-security-policy", BASE_CSP),
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

/// The application's own CSP on `/app-headers`.
pub(crate) const APP_CSP: &str = "img-src 'none'";

/// The middleware's configuration.
pub(crate) fn base() -> Secure {
    Secure::with_default_headers()
}

/// `/embed`: framable by a partner: no `X-Frame-Options`, one more `frame-ancestors` source.
pub(crate) fn embeddable() -> SecureOverride {
    SecureOverride::new(
        base()
            .derive(|b| {
                b.without("X-Frame-Options")
                    .map_csp(|csp| csp.frame_ancestors(["https://partner.example"]))
            })
            .unwrap(),
    )
}

/// `/report`: the CSP replaced outright.
pub(crate) fn report_only_self() -> SecureOverride {
    SecureOverride::new(
        base()
            .derive(|b| b.csp(ContentSecurityPolicy::new().default_src(["'none'"])))
            .unwrap(),
    )
}

/// `/cdn`: one source added to one directive.
pub(crate) fn with_cdn() -> SecureOverride {
    SecureOverride::new(
        base()
            .derive(|b| b.map_csp(|csp| csp.script_src(["https://cdn.example"])))
            .unwrap(),
    )
}

/// `/scoped/*`: `X-Frame-Options: DENY` for a whole scope.
pub(crate) fn scoped() -> SecureOverride {
    SecureOverride::new(base().derive(|b| b.map_xfo(|x| x.deny())).unwrap())
}

/// The chunks `/stream` sends: the test pushes them, the handler takes the receiving end
/// (once).
#[derive(Clone)]
pub(crate) struct Chunks {
    rx: Arc<Mutex<Option<mpsc::UnboundedReceiver<Bytes>>>>,
}

impl Chunks {
    /// A channel: the test keeps the sender, the app gets the `Chunks`.
    pub(crate) fn new() -> (mpsc::UnboundedSender<Bytes>, Self) {
        let (tx, rx) = mpsc::unbounded_channel();
        (
            tx,
            Self {
                rx: Arc::new(Mutex::new(Some(rx))),
            },
        )
    }

    /// The body stream: yields each chunk the test pushes, ends when the test drops the
    /// sender.
    pub(crate) fn stream(
        &self,
    ) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + Sync + use<> {
        let mut rx = self.rx.lock().unwrap().take().expect("one /stream request");
        futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx)).map(Ok)
    }
}

pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn values<'a>(headers: &'a HeaderMap, name: &str) -> Vec<&'a str> {
    headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect()
}

/// Every Balanced header, exactly once, with its exact value; `overrides` replace (or, with
/// `None`, forbid) some of them.
pub(crate) fn assert_headers(headers: &HeaderMap, overrides: &[(&str, Option<&[&str]>)]) {
    for (name, value) in BALANCED {
        let expected: Vec<&str> = match overrides.iter().find(|(n, _)| *n == name) {
            Some((_, Some(v))) => v.to_vec(),
            Some((_, None)) => vec![],
            None => vec![value],
        };
        assert_eq!(values(headers, name), expected, "header {name}");
    }
}

pub(crate) fn assert_balanced(headers: &HeaderMap) {
    assert_headers(headers, &[]);
}

pub(crate) async fn plain(addr: SocketAddr) {
    let resp = client()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_balanced(resp.headers());
    assert_eq!(resp.text().await.unwrap(), "hello");
}

pub(crate) async fn app_headers(addr: SocketAddr) {
    let resp = client()
        .get(format!("http://{addr}/app-headers"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let h = resp.headers();
    assert_eq!(values(h, "set-cookie"), ["a=1; HttpOnly", "b=2; Secure"]);
    assert_headers(
        h,
        &[("content-security-policy", Some(&[APP_CSP, BASE_CSP]))],
    );
}

pub(crate) async fn not_found(addr: SocketAddr) {
    let resp = client()
        .get(format!("http://{addr}/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert_balanced(resp.headers());
}

pub(crate) async fn extractor_rejection(addr: SocketAddr) {
    let resp = client()
        .post(format!("http://{addr}/json"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_client_error(), "{}", resp.status());
    assert_balanced(resp.headers());
}

pub(crate) async fn server_error(addr: SocketAddr) {
    let resp = client()
        .get(format!("http://{addr}/error"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_balanced(resp.headers());
}

pub(crate) async fn head(addr: SocketAddr) {
    let resp = client()
        .head(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_balanced(resp.headers());
    assert_eq!(resp.bytes().await.unwrap(), "");
}

pub(crate) async fn not_modified(addr: SocketAddr) {
    let resp = client()
        .get(format!("http://{addr}/etag"))
        .header("if-none-match", "\"v1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_MODIFIED);
    assert_balanced(resp.headers());
}

/// The response head arrives while the body is still open, and the second chunk is only
/// produced after the client has read the first: nothing in between buffers the body.
pub(crate) async fn streaming(addr: SocketAddr, tx: mpsc::UnboundedSender<Bytes>) {
    tx.send(Bytes::from_static(b"first")).unwrap();
    let wait = Duration::from_secs(5);
    let mut resp = tokio::time::timeout(wait, client().get(format!("http://{addr}/stream")).send())
        .await
        .expect("the head arrives before the body is complete")
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_balanced(resp.headers());
    let first = tokio::time::timeout(wait, resp.chunk())
        .await
        .expect("the first chunk arrives on its own")
        .unwrap();
    assert_eq!(first.as_deref(), Some(&b"first"[..]));
    tx.send(Bytes::from_static(b"rest")).unwrap();
    drop(tx);
    let mut rest = Vec::new();
    while let Some(chunk) = resp.chunk().await.unwrap() {
        rest.extend_from_slice(&chunk);
    }
    assert_eq!(rest, b"rest");
}

/// The upgrade completes and the socket echoes; the `101` itself is left alone, as the
/// seed's ASGI middleware leaves WebSocket connections alone.
pub(crate) async fn websocket(addr: SocketAddr) {
    let (mut ws, resp) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SWITCHING_PROTOCOLS);
    assert_eq!(resp.headers().get("x-frame-options"), None);
    ws.send(Message::text("ping")).await.unwrap();
    let echo = tokio::time::timeout(Duration::from_secs(5), ws.next())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(echo, Message::text("ping"));
    ws.close(None).await.unwrap();
}

pub(crate) async fn overrides(addr: SocketAddr) {
    let get = |path: &'static str| {
        let url = format!("http://{addr}{path}");
        async move {
            let resp = client().get(url).send().await.unwrap();
            assert_eq!(resp.status(), StatusCode::OK, "{path}");
            resp.headers().clone()
        }
    };

    // Route override: one header dropped, one directive extended.
    let embed_csp = BASE_CSP.replace(
        "frame-ancestors 'self';",
        "frame-ancestors 'self' https://partner.example;",
    );
    assert_headers(
        &get("/embed").await,
        &[
            ("x-frame-options", None),
            ("content-security-policy", Some(&[&embed_csp])),
        ],
    );

    // Response override: the CSP replaced.
    assert_headers(
        &get("/report").await,
        &[("content-security-policy", Some(&["default-src 'none'"]))],
    );

    // Response override: one source added to one directive.
    let cdn_csp = BASE_CSP.replace(
        "script-src 'self';",
        "script-src 'self' https://cdn.example;",
    );
    assert_headers(
        &get("/cdn").await,
        &[("content-security-policy", Some(&[&cdn_csp]))],
    );

    // Scope override, and a response in that scope that carries its own.
    assert_headers(
        &get("/scoped/page").await,
        &[("x-frame-options", Some(&["DENY"]))],
    );
    let open = get("/scoped/open").await;
    assert_headers(&open, &BALANCED.map(|(n, _)| (n, None)));

    // Everything else is unchanged.
    assert_balanced(&get("/").await);
}
