//! The Rocket fairing against a real server on 127.0.0.1: exact header values on every kind
//! of response, streaming, WebSocket upgrades, per-route and per-response overrides, and
//! Rocket's own `Shield`.

mod framework_support;

use framework_support::{BALANCED, BASE_CSP as CSP};
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

const CDN_CSP: &str = "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self' https://cdn.example; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests";

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

/// Launches `rocket` on an OS-chosen port of 127.0.0.1 (with `Shield` off) and returns its
/// address.
async fn launch(rocket: rocket::Rocket<rocket::Build>) -> SocketAddr {
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
    let rocket = rocket
        .configure(config)
        .attach(Shield::new())
        .attach(AdHoc::on_liftoff("port", move |rocket| {
            Box::pin(async move {
                let config = rocket.config();
                let _ = tx.send(SocketAddr::new(config.address, config.port));
            })
        }));
    tokio::spawn(rocket.launch());
    timeout(WAIT, rx).await.unwrap().unwrap()
}

/// The request side on a real server: per-request nonces, HTTPS redirect, allowed hosts,
/// trusted proxies, HSTS on secure requests only, development mode, header removal and
/// cookie hardening.
mod request_side {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use secure_headers::transport::{AllowedHosts, HstsMode, HttpsRedirect};
    use secure_headers::{CookieHardening, Preset};

    use super::*;

    /// How many times a handler ran.
    type Runs = Arc<AtomicUsize>;

    #[get("/")]
    fn counted(runs: &State<Runs>) -> &'static str {
        runs.fetch_add(1, Ordering::SeqCst);
        "hello"
    }

    #[get("/a/b")]
    fn counted_ab(runs: &State<Runs>) -> &'static str {
        runs.fetch_add(1, Ordering::SeqCst);
        "hello"
    }

    /// Two cookies and `X-Powered-By`.
    struct Cookies;

    impl<'r> Responder<'r, 'static> for Cookies {
        fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
            Response::build()
                .raw_header_adjoin("Set-Cookie", "session=abc; Path=/")
                .raw_header_adjoin(
                    "Set-Cookie",
                    "theme=dark; Secure; HttpOnly; SameSite=Strict",
                )
                .raw_header("X-Powered-By", "PHP/8.3")
                .sized_body(3, Cursor::new("app"))
                .ok()
        }
    }

    #[get("/app-headers")]
    fn cookies() -> Cookies {
        Cookies
    }

    /// A server with `secure` attached: `/` and `/a/b` count their runs, `/app-headers` sets
    /// two cookies and `X-Powered-By`.
    async fn spawn_with(secure: Secure) -> (SocketAddr, Runs) {
        let runs = Runs::default();
        let rocket = rocket::build()
            .mount("/", routes![counted, counted_ab, cookies])
            .manage(Arc::clone(&runs))
            .attach(secure);
        (launch(rocket).await, runs)
    }

    fn no_redirects() -> reqwest::Client {
        reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(WAIT)
            .build()
            .unwrap()
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn https_redirect_keeps_path_and_query_and_skips_the_handler() {
        let secure = Preset::Balanced
            .builder()
            .https_redirect(HttpsRedirect::new())
            .build()
            .unwrap();
        let (addr, runs) = spawn_with(secure).await;
        for method in [reqwest::Method::GET, reqwest::Method::POST] {
            let res = no_redirects()
                .request(method.clone(), format!("http://{addr}/a/b?x=1&y=%20two"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 308, "{method}");
            assert_eq!(
                values(res.headers(), "location"),
                ["https://127.0.0.1/a/b?x=1&y=%20two"]
            );
            // The redirect carries the security headers.
            assert_balanced(res.headers());
            assert_eq!(res.text().await.unwrap(), "");
        }
        assert_eq!(runs.load(Ordering::SeqCst), 0);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn redirect_to_a_fixed_host_and_port() {
        let secure = Preset::Balanced
            .builder()
            .https_redirect(
                HttpsRedirect::new()
                    .status(reqwest::StatusCode::MOVED_PERMANENTLY)
                    .host("secure.example")
                    .port(8443),
            )
            .build()
            .unwrap();
        let (addr, _) = spawn_with(secure).await;
        let res = no_redirects()
            .get(format!("http://{addr}/?q=1"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 301);
        assert_eq!(
            values(res.headers(), "location"),
            ["https://secure.example:8443/?q=1"]
        );
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_disallowed_host_gets_400_with_the_security_headers() {
        let secure = Preset::Balanced
            .builder()
            .allowed_hosts(AllowedHosts::new(["allowed.example"]))
            .build()
            .unwrap();
        let (addr, runs) = spawn_with(secure).await;
        let res = no_redirects()
            .get(format!("http://{addr}/"))
            .header("host", "evil.example")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400);
        assert_balanced(res.headers());
        assert_eq!(runs.load(Ordering::SeqCst), 0);

        let res = no_redirects()
            .get(format!("http://{addr}/"))
            .header("host", "allowed.example")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_balanced(res.headers());
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }

    fn behind_proxy(trusted: &str) -> Secure {
        Preset::Balanced
            .builder()
            .hsts_mode(HstsMode::SecureOnly)
            .https_redirect(HttpsRedirect::new())
            .trusted_proxies([trusted])
            .build()
            .unwrap()
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn forwarded_proto_from_a_trusted_proxy_is_honoured() {
        let (addr, runs) = spawn_with(behind_proxy("127.0.0.1")).await;
        let res = no_redirects()
            .get(format!("http://{addr}/"))
            .header("x-forwarded-proto", "https")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        // Secure: HSTS is sent, and there is no redirect.
        assert_balanced(res.headers());
        assert_eq!(runs.load(Ordering::SeqCst), 1);

        // Plain HTTP from the same proxy: redirected, and no HSTS on plain HTTP.
        let res = no_redirects()
            .get(format!("http://{addr}/"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 308);
        assert_balanced_except(res.headers(), &["strict-transport-security"]);
        assert!(values(res.headers(), "strict-transport-security").is_empty());
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn forwarded_proto_from_an_untrusted_peer_is_ignored() {
        let (addr, runs) = spawn_with(behind_proxy("10.0.0.0/8")).await;
        let res = no_redirects()
            .get(format!("http://{addr}/a/b?c=d"))
            .header("x-forwarded-proto", "https")
            .header("forwarded", "proto=https")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 308);
        assert_eq!(
            values(res.headers(), "location"),
            ["https://127.0.0.1/a/b?c=d"]
        );
        assert!(values(res.headers(), "strict-transport-security").is_empty());
        assert_eq!(runs.load(Ordering::SeqCst), 0);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn cookies_hardened_and_x_powered_by_removed() {
        let secure = Preset::Balanced
            .builder()
            .harden_cookies(CookieHardening::new())
            .remove_headers(["X-Powered-By"])
            .build()
            .unwrap();
        let (addr, _) = spawn_with(secure).await;
        let res = no_redirects()
            .get(format!("http://{addr}/app-headers"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_balanced(res.headers());
        assert_eq!(
            values(res.headers(), "set-cookie"),
            [
                "session=abc; Path=/; Secure; HttpOnly; SameSite=Lax",
                "theme=dark; Secure; HttpOnly; SameSite=Strict",
            ]
        );
        assert!(values(res.headers(), "x-powered-by").is_empty());
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn development_mode_sends_no_hsts_no_upgrade_and_does_not_redirect() {
        let secure = Preset::Balanced
            .builder()
            .https_redirect(HttpsRedirect::new())
            .allowed_hosts(AllowedHosts::new(["allowed.example"]))
            .harden_cookies(CookieHardening::new())
            .development_mode(true)
            .build()
            .unwrap();
        let (addr, runs) = spawn_with(secure).await;
        for path in ["/", "/app-headers"] {
            let res = no_redirects()
                .get(format!("http://{addr}{path}"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{path}");
            let h = res.headers();
            assert_balanced_except(h, &["strict-transport-security", "content-security-policy"]);
            assert!(values(h, "strict-transport-security").is_empty());
            assert_eq!(
                values(h, "content-security-policy"),
                [CSP.strip_suffix("; upgrade-insecure-requests").unwrap()]
            );
            if path == "/app-headers" {
                // Cookies are hardened, but not marked `Secure` on http://localhost.
                assert_eq!(
                    values(h, "set-cookie"),
                    [
                        "session=abc; Path=/; HttpOnly; SameSite=Lax",
                        "theme=dark; Secure; HttpOnly; SameSite=Strict",
                    ]
                );
            }
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }

    #[cfg(feature = "nonce")]
    mod nonce {
        use rocket::response::content::RawHtml;
        use secure_headers::csp::Source;
        use secure_headers::{ContentSecurityPolicy, CspNonce};

        use super::*;

        /// Renders the nonce into the page with `CspNonce::attribute`.
        #[get("/page")]
        fn page(nonce: CspNonce) -> RawHtml<String> {
            RawHtml(format!(
                "<!doctype html><script {}>boot()</script>",
                nonce.attribute()
            ))
        }

        /// An optional nonce: `None` where the policy has none.
        #[get("/optional")]
        fn optional(nonce: Option<CspNonce>) -> String {
            nonce.map_or_else(|| "none".to_owned(), |n| n.to_string())
        }

        fn with_nonces() -> Secure {
            Preset::Balanced
                .builder()
                .map_csp(|csp| csp.script_src([Source::SELF, Source::nonce()]))
                .csp_report_only(
                    ContentSecurityPolicy::new()
                        .default_src([Source::NONE])
                        .script_src([Source::nonce()])
                        .report_uri(["/csp-reports"]),
                )
                .build()
                .unwrap()
        }

        async fn spawn(secure: Secure) -> SocketAddr {
            launch(
                rocket::build()
                    .mount("/", routes![page, optional])
                    .attach(secure),
            )
            .await
        }

        /// The nonce the handler saw, and the two policies the response carried.
        async fn fetch(addr: SocketAddr, path: &str) -> (String, String, String) {
            let res = client()
                .get(format!("http://{addr}{path}"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
            let h = res.headers();
            let csp = values(h, "content-security-policy").pop().unwrap();
            let report_only = values(h, "content-security-policy-report-only")
                .pop()
                .unwrap();
            let body = res.text().await.unwrap();
            let nonce = match body.split_once("nonce=\"") {
                Some((_, rest)) => rest.split('"').next().unwrap().to_owned(),
                None => body,
            };
            (nonce, csp, report_only)
        }

        #[tokio::test(flavor = "multi_thread")]
        async fn the_handler_sees_the_nonce_of_both_policies_fresh_per_request() {
            let addr = spawn(with_nonces()).await;
            let mut seen = Vec::new();
            for path in ["/page", "/page", "/optional"] {
                let (nonce, csp, report_only) = fetch(addr, path).await;
                assert_eq!(nonce.len(), 24, "{path}: {nonce}");
                assert_eq!(
                    csp,
                    CSP.replace(
                        "script-src 'self';",
                        &format!("script-src 'self' 'nonce-{nonce}';")
                    ),
                    "{path}"
                );
                assert_eq!(
                    report_only,
                    format!(
                        "default-src 'none'; script-src 'nonce-{nonce}'; report-uri /csp-reports"
                    ),
                    "{path}"
                );
                seen.push(nonce);
            }
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), 3, "every request has its own nonce");
        }

        #[tokio::test(flavor = "multi_thread")]
        async fn without_a_nonce_policy_the_guard_fails_and_option_is_none() {
            let addr = spawn(Secure::with_default_headers()).await;
            let res = client()
                .get(format!("http://{addr}/page"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 500);
            assert_balanced(res.headers());
            let res = client()
                .get(format!("http://{addr}/optional"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.text().await.unwrap(), "none");
        }
    }
}

/// The report collector mounted as Rocket routes, on a real server.
#[cfg(feature = "reporting")]
mod reports {
    use secure_headers::report::{Report, ReportCollector, ReportFormat};

    use super::*;

    const LEGACY: &str = r#"{"csp-report":{"document-uri":"http://127.0.0.1/page","referrer":"","violated-directive":"script-src-elem","effective-directive":"script-src-elem","original-policy":"script-src 'self'; report-uri /r","disposition":"enforce","blocked-uri":"inline","status-code":200}}"#;
    const BATCH: &str = r#"[{"age":3,"body":{"blockedURL":"https://evil.example/x.js","disposition":"report","documentURL":"https://127.0.0.1/page","effectiveDirective":"script-src-elem","originalPolicy":"script-src 'self'; report-to main","statusCode":200},"type":"csp-violation","url":"https://127.0.0.1/page","user_agent":"UA"},{"age":1,"body":{"id":"x"},"type":"deprecation","url":"https://127.0.0.1/page","user_agent":"UA"}]"#;

    async fn serve(collector: ReportCollector) -> String {
        let rocket = rocket::build()
            .mount("/r", collector)
            .attach(Secure::with_default_headers());
        format!("http://{}/r", launch(rocket).await)
    }

    fn client() -> reqwest::Client {
        // A connection the server stopped reading after a 413 is not reused.
        reqwest::Client::builder()
            .no_proxy()
            .pool_max_idle_per_host(0)
            .timeout(WAIT)
            .build()
            .unwrap()
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn both_formats_are_accepted_and_parsed() {
        let (collector, reports) = ReportCollector::channel(16);
        let url = serve(collector.clone()).await;
        for (content_type, body) in [
            ("application/csp-report", LEGACY),
            ("application/reports+json", BATCH),
        ] {
            let res = client()
                .post(&url)
                .header("content-type", content_type)
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 204, "{content_type}");
            assert_eq!(values(res.headers(), "access-control-allow-origin"), ["*"]);
            // The collector's answers get the fairing's headers too.
            assert_balanced(res.headers());
        }
        let got: Vec<Report> = reports.try_iter().collect();
        assert_eq!(got.len(), 3, "{got:?}");
        let Report::CspViolation(legacy) = &got[0] else {
            panic!("{got:?}")
        };
        assert_eq!(legacy.format, Some(ReportFormat::CspReport));
        assert_eq!(legacy.blocked_url, "inline");
        assert_eq!(legacy.effective_directive, "script-src-elem");
        let Report::CspViolation(api) = &got[1] else {
            panic!("{got:?}")
        };
        assert_eq!(api.format, Some(ReportFormat::ReportingApi));
        assert_eq!(api.blocked_url, "https://evil.example/x.js");
        assert_eq!(api.user_agent, "UA");
        assert!(matches!(&got[2], Report::Other { kind, .. } if kind == "deprecation"));
        assert_eq!(collector.counts(), (3, 0));
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn refusals_and_preflight() {
        let (collector, reports) = ReportCollector::channel(16);
        let url = serve(collector.limit(1024)).await;
        let status = |r: reqwest::Response| r.status().as_u16();

        // Over the limit, announced by Content-Length: refused before reading.
        let res = client()
            .post(&url)
            .header("content-type", "application/csp-report")
            .body("x".repeat(4096))
            .send()
            .await
            .unwrap();
        assert_eq!(status(res), 413);

        // Over the limit, chunked: the read stops at the limit.
        let stream = futures_util::stream::iter(
            (0..8).map(|_| Ok::<_, std::io::Error>(bytes::Bytes::from(vec![b' '; 512]))),
        );
        let res = client()
            .post(&url)
            .header("content-type", "application/reports+json")
            .body(reqwest::Body::wrap_stream(stream))
            .send()
            .await
            .unwrap();
        assert_eq!(status(res), 413);

        let res = client()
            .post(&url)
            .header("content-type", "text/plain")
            .body(LEGACY)
            .send()
            .await
            .unwrap();
        assert_eq!(status(res), 415);

        let res = client()
            .post(&url)
            .header("content-type", "application/csp-report")
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(status(res), 400);

        let res = client().get(&url).send().await.unwrap();
        assert_eq!(status(res), 405);

        let res = client()
            .request(reqwest::Method::OPTIONS, &url)
            .header("origin", "https://other.example")
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
        let h = res.headers();
        assert_eq!(values(h, "access-control-allow-origin"), ["*"]);
        assert_eq!(values(h, "access-control-allow-methods"), ["POST, OPTIONS"]);
        assert_eq!(values(h, "access-control-allow-headers"), ["content-type"]);
        assert_eq!(values(h, "access-control-max-age"), ["86400"]);
        assert!(reports.try_recv().is_err());
    }
}
