//! What the framework tests (`actix_web.rs`, `poem.rs`, `rocket.rs`, `salvo.rs`, `tower.rs`,
//! `warp.rs`) share: the application every framework serves (the same routes, the same
//! overrides) is described here once, and so is what a client must see. [`app_tests!`]
//! writes the tests that run these checks against one framework's server.
//!
//! Routes each test server provides, all under [`base`] (`Secure::with_default_headers()`):
//!
//! | route | what it does |
//! |---|---|
//! | `GET /` and `HEAD /` | `hello` |
//! | `GET /app-headers` | sets two `Set-Cookie`, `X-Frame-Options: DENY`, CSP [`APP_CSP`], `Vary: Accept` |
//! | `POST /json` | parses a JSON body with the framework's extractor |
//! | `GET /error` | fails with the framework's error type: 500 |
//! | `GET /etag` | `ETag: "v1"`; `304` when `If-None-Match: "v1"` |
//! | `GET /stream` | streams the chunks the test pushes into [`Chunks`] |
//! | `GET /ws` | WebSocket echo |
//! | `GET /embed` | route override: [`embeddable`] |
//! | `GET /report` | response override: [`report_only_self`] |
//! | `GET /cdn` | response override: [`with_cdn`] |
//! | `GET /scoped/page` | scope override: [`scoped`] |
//! | `GET /scoped/open` | in the same scope; the response's own override [`SecureOverride::none`] |
//! | anything else | the framework's 404 |

#![allow(dead_code, unused_imports, unused_macros)]

#[cfg(feature = "reporting")]
pub(crate) mod collector_reports;
pub(crate) mod forwarded;
pub(crate) mod full_map;
pub(crate) mod refusals;
pub(crate) mod route_checks;
pub(crate) mod wire;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures_util::{SinkExt, Stream, StreamExt};
use secure_headers::http::{HeaderMap, Method, StatusCode};
use secure_headers::{ContentSecurityPolicy, Secure, SecureOverride};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

/// The Balanced preset's CSP.
pub(crate) const BASE_CSP: &str = "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; \
    form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; \
    script-src 'self'; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; \
    upgrade-insecure-requests";

/// Every header the Balanced preset sends, with its exact value, in emission order: the
/// table the benches measure against too.
pub(crate) use balanced::PAIRS as BALANCED;

#[path = "../../benches/support/balanced.rs"]
mod balanced;

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
    .unwrap()
}

/// `/report`: the CSP replaced outright.
pub(crate) fn report_only_self() -> SecureOverride {
    SecureOverride::new(
        base()
            .derive(|b| b.csp(ContentSecurityPolicy::new().default_src(["'none'"])))
            .unwrap(),
    )
    .unwrap()
}

/// `/cdn`: one source added to one directive.
pub(crate) fn with_cdn() -> SecureOverride {
    SecureOverride::new(
        base()
            .derive(|b| b.map_csp(|csp| csp.script_src(["https://cdn.example"])))
            .unwrap(),
    )
    .unwrap()
}

/// `/scoped/*`: `X-Frame-Options: DENY` for a whole scope.
pub(crate) fn scoped() -> SecureOverride {
    SecureOverride::new(base().derive(|b| b.map_xfo(|x| x.deny())).unwrap()).unwrap()
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

/// `GET path` with `headers`, sent by `client`.
pub(crate) async fn get_with(
    client: &reqwest::Client,
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = client.get(format!("http://{addr}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

/// Every value of `name`, in order.
pub(crate) fn values<'a>(headers: &'a HeaderMap, name: &str) -> Vec<&'a str> {
    headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect()
}

/// Every Balanced header, exactly once, with its exact value; `overrides` replace (or, with
/// `None`, forbid) some of them.
#[track_caller]
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

#[track_caller]
pub(crate) fn assert_balanced(headers: &HeaderMap) {
    assert_headers(headers, &[]);
}

/// What [`scoped`] changes: `X-Frame-Options: DENY`.
pub(crate) const SCOPED: &[(&str, Option<&[&str]>)] = &[("x-frame-options", Some(&["DENY"]))];

/// `method path` answers `status` with the Balanced headers as `overrides` change them; the
/// response, for its body.
pub(crate) async fn check(
    addr: SocketAddr,
    method: Method,
    path: &str,
    status: StatusCode,
    overrides: &[(&str, Option<&[&str]>)],
) -> reqwest::Response {
    let resp = client()
        .request(method.clone(), format!("http://{addr}{path}"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), status, "{method} {path}");
    assert_headers(resp.headers(), overrides);
    resp
}

/// `GET path` answers `status` with exactly the Balanced headers.
pub(crate) async fn balanced(
    addr: SocketAddr,
    path: &str,
    status: StatusCode,
) -> reqwest::Response {
    check(addr, Method::GET, path, status, &[]).await
}

pub(crate) async fn plain(addr: SocketAddr) {
    let resp = balanced(addr, "/", StatusCode::OK).await;
    assert_eq!(resp.text().await.unwrap(), "hello");
}

/// Repeated `Set-Cookie` and `Vary` kept, in order; our `X-Frame-Options` replaces the
/// application's; the application's CSP first, then ours (browsers enforce both).
pub(crate) async fn app_headers(addr: SocketAddr) {
    let resp = check(
        addr,
        Method::GET,
        "/app-headers",
        StatusCode::OK,
        &[("content-security-policy", Some(&[APP_CSP, BASE_CSP]))],
    )
    .await;
    let h = resp.headers();
    assert_eq!(values(h, "set-cookie"), ["a=1; HttpOnly", "b=2; Secure"]);
    assert_eq!(values(h, "vary"), ["Accept"]);
    assert_eq!(values(h, "x-frame-options"), ["SAMEORIGIN"]);
}

pub(crate) async fn not_found(addr: SocketAddr) {
    balanced(addr, "/no/such/page", StatusCode::NOT_FOUND).await;
}

pub(crate) async fn extractor_rejection(addr: SocketAddr) {
    let resp = client()
        .post(format!("http://{addr}/json"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_balanced(resp.headers());
}

pub(crate) async fn server_error(addr: SocketAddr) {
    balanced(addr, "/error", StatusCode::INTERNAL_SERVER_ERROR).await;
}

pub(crate) async fn head(addr: SocketAddr) {
    let resp = check(addr, Method::HEAD, "/", StatusCode::OK, &[]).await;
    assert_eq!(resp.bytes().await.unwrap(), "");
}

/// `/etag` answers `200`, then `304` to a conditional request; both with the headers.
pub(crate) async fn not_modified(addr: SocketAddr) {
    let resp = balanced(addr, "/etag", StatusCode::OK).await;
    assert_eq!(values(resp.headers(), "etag"), ["\"v1\""]);
    let resp = get_with(&client(), addr, "/etag", &[("if-none-match", "\"v1\"")]).await;
    assert_eq!(resp.status(), StatusCode::NOT_MODIFIED);
    assert_balanced(resp.headers());
    assert_eq!(values(resp.headers(), "etag"), ["\"v1\""]);
}

/// The response head arrives while the body is still open, and the rest is only produced
/// after the client has read the first chunk: nothing in between buffers the body.
pub(crate) async fn streaming(addr: SocketAddr, tx: mpsc::UnboundedSender<Bytes>) {
    tx.send(Bytes::from_static(b"first")).unwrap();
    let wait = Duration::from_secs(5);
    let mut resp = tokio::time::timeout(wait, client().get(format!("http://{addr}/stream")).send())
        .await
        .expect("the head arrives before the body is complete")
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_balanced(resp.headers());
    assert_eq!(resp.headers().get("content-length"), None);
    let first = tokio::time::timeout(wait, resp.chunk())
        .await
        .expect("the first chunk arrives on its own")
        .unwrap();
    assert_eq!(first.as_deref(), Some(&b"first"[..]));
    tx.send(Bytes::from_static(b"second")).unwrap();
    tx.send(Bytes::from_static(b"third")).unwrap();
    drop(tx);
    let mut rest = Vec::new();
    while let Some(chunk) = tokio::time::timeout(wait, resp.chunk())
        .await
        .unwrap()
        .unwrap()
    {
        rest.extend_from_slice(&chunk);
    }
    assert_eq!(rest, b"secondthird");
}

/// The upgrade completes and the socket echoes; the `101` itself is left alone, as
/// `secure` 2.0.1's ASGI middleware leaves WebSocket connections alone; the same server's ordinary
/// responses still get the headers.
pub(crate) async fn websocket(addr: SocketAddr) {
    let (mut ws, resp) = tokio::time::timeout(
        Duration::from_secs(10),
        tokio_tungstenite::connect_async(format!("ws://{addr}/ws")),
    )
    .await
    .expect("the upgrade completes")
    .unwrap();
    assert_eq!(resp.status(), StatusCode::SWITCHING_PROTOCOLS);
    for (name, _) in BALANCED {
        assert_eq!(resp.headers().get(name), None, "the 101 carries {name}");
    }
    ws.send(Message::text("ping")).await.unwrap();
    let echo = tokio::time::timeout(Duration::from_secs(5), ws.next())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(echo, Message::text("ping"));
    ws.close(None).await.unwrap();
    balanced(addr, "/", StatusCode::OK).await;
}

pub(crate) async fn overrides(addr: SocketAddr) {
    // Route override: one header dropped, one directive extended.
    let embed_csp = BASE_CSP.replace(
        "frame-ancestors 'self';",
        "frame-ancestors 'self' https://partner.example;",
    );
    ok(
        addr,
        "/embed",
        &[
            ("x-frame-options", None),
            ("content-security-policy", Some(&[&embed_csp])),
        ],
    )
    .await;

    // Response override: the CSP replaced; twice, to go through any cache of converted
    // overrides.
    for _ in 0..2 {
        ok(
            addr,
            "/report",
            &[("content-security-policy", Some(&["default-src 'none'"]))],
        )
        .await;
    }

    // Response override: one source added to one directive.
    let cdn_csp = BASE_CSP.replace(
        "script-src 'self';",
        "script-src 'self' https://cdn.example;",
    );
    ok(
        addr,
        "/cdn",
        &[("content-security-policy", Some(&[&cdn_csp]))],
    )
    .await;

    // Scope override, and a response in that scope that carries its own.
    ok(addr, "/scoped/page", SCOPED).await;
    ok(addr, "/scoped/open", &BALANCED.map(|(n, _)| (n, None))).await;

    // Everything else is unchanged.
    ok(addr, "/", &[]).await;
}

/// `GET path` answers `200` with the Balanced headers as `overrides` change them.
async fn ok(addr: SocketAddr, path: &str, overrides: &[(&str, Option<&[&str]>)]) {
    check(addr, Method::GET, path, StatusCode::OK, overrides).await;
}

/// A failure inside the [`scoped`] scope (a 404, an error) keeps the scope's override.
pub(crate) async fn scoped_failure(addr: SocketAddr, path: &str, status: StatusCode) {
    check(addr, Method::GET, path, status, SCOPED).await;
}

/// The tests of the application above for one framework: `serve` serves it with the given
/// [`Chunks`] (`async fn(Chunks) -> SocketAddr`); `test` is the test attribute;
/// `header_map_cap` whether the framework's response map has `http`'s cap (see
/// [`full_map`]).
macro_rules! app_tests {
    (test = $test:meta, serve = $serve:path, header_map_cap = $capped:expr $(,)?) => {
        $crate::framework_support::app_tests!(@each $test, $serve;
            plain_handler => plain,
            app_headers_replaced_appended_or_kept => app_headers,
            not_found => not_found,
            extractor_rejection => extractor_rejection,
            error_response => server_error,
            head => head,
            not_modified => not_modified,
            websocket_upgrade_completes => websocket,
            route_scope_and_response_overrides => overrides,
        );

        #[$test]
        async fn a_handler_that_fills_the_header_map_still_gets_an_answer() {
            let addr = $serve($crate::framework_support::Chunks::new().1).await;
            $crate::framework_support::full_map::full_header_map(addr, $capped).await;
        }

        #[$test]
        async fn streaming_body_is_not_buffered() {
            let (tx, chunks) = $crate::framework_support::Chunks::new();
            $crate::framework_support::streaming($serve(chunks).await, tx).await;
        }
    };
    (@each $test:meta, $serve:path; $($name:ident => $check:ident,)*) => {
        $(
            #[$test]
            async fn $name() {
                let addr = $serve($crate::framework_support::Chunks::new().1).await;
                $crate::framework_support::$check(addr).await;
            }
        )*
    };
}

pub(crate) use app_tests;
