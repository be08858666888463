//! The actix-web middleware against a real server on 127.0.0.1: exact header values on every
//! kind of response, streaming, WebSocket upgrades, and per-scope and per-response overrides.

mod framework_support;

use framework_support::{BALANCED, BASE_CSP as CSP};
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

    async fn counted(runs: web::Data<Runs>) -> &'static str {
        runs.fetch_add(1, Ordering::SeqCst);
        "hello"
    }

    async fn app_headers() -> HttpResponse {
        HttpResponse::Ok()
            .append_header(("set-cookie", "session=abc; Path=/"))
            .append_header((
                "set-cookie",
                "theme=dark; Secure; HttpOnly; SameSite=Strict",
            ))
            .insert_header(("x-powered-by", "PHP/8.3"))
            .body("app")
    }

    /// A server wrapped in `secure`: `/` counts its runs, `/app-headers` sets two cookies and
    /// `X-Powered-By`.
    async fn spawn_with(secure: Secure) -> (SocketAddr, Runs) {
        let runs = Runs::default();
        let data = web::Data::new(Arc::clone(&runs));
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .route("/", web::get().to(counted))
                .route("/a/b", web::get().to(counted))
                .route("/app-headers", web::get().to(app_headers))
                .wrap(secure.clone())
        })
        .workers(1)
        .disable_signals()
        .bind(("127.0.0.1", 0))
        .unwrap();
        let addr = server.addrs()[0];
        tokio::spawn(server.run());
        (addr, runs)
    }

    fn no_redirects() -> reqwest::Client {
        reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(WAIT)
            .build()
            .unwrap()
    }

    #[tokio::test]
    async fn https_redirect_keeps_path_and_query_and_skips_the_handler() {
        let secure = Preset::Balanced
            .builder()
            .https_redirect(HttpsRedirect::new())
            .build()
            .unwrap();
        let (addr, runs) = spawn_with(secure).await;
        let res = no_redirects()
            .get(format!("http://{addr}/a/b?x=1&y=%20two"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 308);
        assert_eq!(
            values(res.headers(), "location"),
            ["https://127.0.0.1/a/b?x=1&y=%20two"]
        );
        // The redirect carries the security headers.
        assert_balanced(res.headers());
        assert_eq!(res.text().await.unwrap(), "");
        assert_eq!(runs.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
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

    #[tokio::test]
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

    #[tokio::test]
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

    #[tokio::test]
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

    #[tokio::test]
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

    #[tokio::test]
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
        use secure_headers::csp::Source;
        use secure_headers::{ContentSecurityPolicy, CspNonce};

        use super::*;

        /// Renders the nonce into the page with `CspNonce::attribute`.
        async fn page(nonce: CspNonce) -> HttpResponse {
            HttpResponse::Ok().content_type("text/html").body(format!(
                "<!doctype html><script {}>boot()</script>",
                nonce.attribute()
            ))
        }

        /// The same nonce, through `web::ReqData`.
        async fn req_data(nonce: web::ReqData<CspNonce>) -> String {
            nonce.as_str().to_owned()
        }

        /// An optional nonce: `None` where the policy has none.
        async fn optional(nonce: Option<CspNonce>) -> String {
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
            let server = HttpServer::new(move || {
                App::new()
                    .route("/page", web::get().to(page))
                    .route("/req-data", web::get().to(req_data))
                    .route("/optional", web::get().to(optional))
                    .wrap(secure.clone())
            })
            .workers(1)
            .disable_signals()
            .bind(("127.0.0.1", 0))
            .unwrap();
            let addr = server.addrs()[0];
            tokio::spawn(server.run());
            addr
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

        #[tokio::test]
        async fn the_handler_sees_the_nonce_of_both_policies_fresh_per_request() {
            let addr = spawn(with_nonces()).await;
            let mut seen = Vec::new();
            for path in ["/page", "/page", "/req-data", "/optional"] {
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
            assert_eq!(seen.len(), 4, "every request has its own nonce");
        }

        #[tokio::test]
        async fn without_a_nonce_policy_the_extractor_fails_and_option_is_none() {
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

/// The report collector mounted as an actix-web resource, on a real server.
#[cfg(feature = "reporting")]
mod reports {
    use secure_headers::report::{Report, ReportCollector, ReportFormat};

    use super::*;

    const LEGACY: &str = r#"{"csp-report":{"document-uri":"http://127.0.0.1/page","referrer":"","violated-directive":"script-src-elem","effective-directive":"script-src-elem","original-policy":"script-src 'self'; report-uri /r","disposition":"enforce","blocked-uri":"inline","status-code":200}}"#;
    const BATCH: &str = r#"[{"age":3,"body":{"blockedURL":"https://evil.example/x.js","disposition":"report","documentURL":"https://127.0.0.1/page","effectiveDirective":"script-src-elem","originalPolicy":"script-src 'self'; report-to main","statusCode":200},"type":"csp-violation","url":"https://127.0.0.1/page","user_agent":"UA"},{"age":1,"body":{"id":"x"},"type":"deprecation","url":"https://127.0.0.1/page","user_agent":"UA"}]"#;

    async fn serve(collector: ReportCollector) -> String {
        let server = HttpServer::new(move || {
            App::new()
                .service(web::resource("/r").to(collector.clone()))
                .wrap(Secure::with_default_headers())
        })
        .workers(1)
        .disable_signals()
        .bind(("127.0.0.1", 0))
        .unwrap();
        let addr = server.addrs()[0];
        tokio::spawn(server.run());
        format!("http://{addr}/r")
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

    #[tokio::test]
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
            // The collector's answers pass through the middleware.
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

    #[tokio::test]
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
            (0..8).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b' '; 512]))),
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
