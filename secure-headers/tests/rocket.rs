//! The Rocket fairing against a real server on 127.0.0.1: exact header values on every kind
//! of response, streaming, WebSocket upgrades, per-route and per-response overrides, Rocket's
//! own `Shield`, and the request side.

mod framework_support;

use std::collections::HashMap;
use std::io::Cursor;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use framework_support::wire::{self, Runs};
use framework_support::{self as support, APP_CSP, Chunks};
use futures_util::{Stream, StreamExt};
use rocket::config::{Ident, LogLevel, Shutdown};
use rocket::fairing::AdHoc;
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::stream::ByteStream;
use rocket::response::{self, Responder};
use rocket::serde::json::Json;
use rocket::shield::Shield;
use rocket::{Build, Request, Response, Rocket, State, get, post, routes};
use secure_headers::http::StatusCode;
use secure_headers::rocket::WithSecureOverride;
use secure_headers::{CspNonce, Secure, SecureOverride};
use tokio::time::timeout;

/// `rocket::build()`, with the test logger installed first: Rocket installs its own when
/// it builds, if there is none.
fn build() -> Rocket<Build> {
    support::refusals::capture_logs();
    rocket::build()
}

/// Launches `rocket` on `bind` (`127.0.0.1:0` or `[::1]:0`) and returns its address; with
/// Rocket's own headers (its default `Shield`, and `Server: Rocket`) when `rocket_headers`,
/// else with `Shield` turned off and no `Server` of Rocket's.
async fn launch(rocket: Rocket<Build>, bind: &str, rocket_headers: bool) -> SocketAddr {
    let bind: SocketAddr = bind.parse().unwrap();
    let ident = if rocket_headers {
        Ident::default()
    } else {
        Ident::none()
    };
    let config = rocket::Config {
        address: bind.ip(),
        port: bind.port(),
        ident,
        log_level: LogLevel::Normal,
        cli_colors: false,
        shutdown: Shutdown {
            ctrlc: false,
            ..Shutdown::default()
        },
        ..rocket::Config::debug_default()
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    let mut rocket = rocket.configure(config);
    if !rocket_headers {
        rocket = rocket.attach(Shield::new());
    }
    let rocket = rocket.attach(AdHoc::on_liftoff("port", move |rocket| {
        Box::pin(async move {
            let config = rocket.config();
            let _ = tx.send(SocketAddr::new(config.address, config.port));
        })
    }));
    tokio::spawn(rocket.launch());
    timeout(Duration::from_secs(10), rx).await.unwrap().unwrap()
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
            .raw_header_adjoin("Set-Cookie", "a=1; HttpOnly")
            .raw_header_adjoin("Set-Cookie", "b=2; Secure")
            .raw_header("X-Frame-Options", "DENY")
            .raw_header("Content-Security-Policy", APP_CSP)
            .raw_header("Vary", "Accept")
            .sized_body(3, Cursor::new("app"))
            .ok()
    }
}

#[get("/app-headers")]
fn app_headers() -> AppHeaders {
    AppHeaders
}

/// `/fill/{n}`: `n` header names of the handler's.
struct Fill(usize);

impl<'r> Responder<'r, 'static> for Fill {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        let mut response = Response::build();
        for name in support::full_map::names(self.0) {
            response.raw_header(name, "1");
        }
        response.sized_body(6, Cursor::new("filled")).ok()
    }
}

#[get("/fill/<n>")]
fn fill(n: &str) -> Fill {
    Fill(support::full_map::count(n))
}

#[post("/json", data = "<body>")]
fn json(body: Json<HashMap<String, u32>>) -> String {
    body.into_inner().len().to_string()
}

#[get("/error")]
fn fail() -> Result<&'static str, Status> {
    Err(Status::InternalServerError)
}

/// `ETag: "v1"`, and `304` when the request's `If-None-Match` matches it.
struct Etag;

impl<'r> Responder<'r, 'static> for Etag {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = match req.headers().get_one("If-None-Match") {
            Some("\"v1\"") => Status::NotModified,
            _ => Status::Ok,
        };
        Response::build()
            .status(status)
            .raw_header("ETag", "\"v1\"")
            .ok()
    }
}

#[get("/etag")]
fn etag() -> Etag {
    Etag
}

#[get("/stream")]
fn stream(chunks: &State<Chunks>) -> ByteStream<impl Stream<Item = Bytes> + use<>> {
    ByteStream(chunks.stream().map(Result::unwrap))
}

#[get("/ws")]
fn ws(ws: rocket_ws::WebSocket) -> rocket_ws::Stream!['static] {
    rocket_ws::Stream! { ws =>
        for await message in ws {
            yield message?;
        }
    }
}

#[get("/embed")]
fn embed() -> &'static str {
    "hello"
}

#[get("/report")]
fn report() -> WithSecureOverride<&'static str> {
    WithSecureOverride(support::report_only_self(), "overridden")
}

#[get("/cdn")]
fn cdn() -> WithSecureOverride<&'static str> {
    WithSecureOverride(support::with_cdn(), "overridden")
}

/// A responder with an override that fails: a catcher answers instead.
#[get("/report-failing")]
fn report_failing() -> WithSecureOverride<Result<&'static str, Status>> {
    WithSecureOverride(
        support::report_only_self(),
        Err(Status::InternalServerError),
    )
}

#[get("/page")]
fn scoped_page() -> &'static str {
    "hello"
}

#[get("/open")]
fn scoped_open() -> WithSecureOverride<&'static str> {
    WithSecureOverride(SecureOverride::none(), "overridden")
}

#[get("/fail")]
fn scoped_fail() -> Result<&'static str, Status> {
    Err(Status::InternalServerError)
}

/// The application of [`framework_support`], `/report-failing` and `/scoped/fail`.
async fn serve_with(chunks: Chunks, rocket_headers: bool) -> SocketAddr {
    let rocket = build()
        .mount(
            "/",
            routes![
                hello,
                app_headers,
                fill,
                json,
                fail,
                etag,
                stream,
                ws,
                report,
                cdn,
                report_failing
            ],
        )
        .mount("/", support::embeddable().wrap(routes![embed]))
        .mount(
            "/scoped",
            support::scoped().wrap(routes![scoped_page, scoped_open, scoped_fail]),
        )
        .manage(chunks)
        .attach(support::base());
    launch(rocket, "127.0.0.1:0", rocket_headers).await
}

/// The application with only our headers.
async fn serve(chunks: Chunks) -> SocketAddr {
    serve_with(chunks, false).await
}

support::app_tests!(
    test = tokio::test(flavor = "multi_thread"),
    serve = serve,
    header_map_cap = true
);

/// Rocket's default `Shield` sends X-Content-Type-Options, X-Frame-Options and
/// Permissions-Policy first; every one of ours replaces its value, and Rocket's `Server:
/// Rocket` is replaced too.
#[tokio::test(flavor = "multi_thread")]
async fn our_values_win_over_the_default_shield() {
    let addr = serve_with(Chunks::new().1, true).await;
    support::plain(addr).await;
    support::not_found(addr).await;
    support::extractor_rejection(addr).await;
    support::server_error(addr).await;
    support::head(addr).await;
    support::not_modified(addr).await;
    let (tx, chunks) = Chunks::new();
    support::streaming(serve_with(chunks, true).await, tx).await;
}

/// With Rocket's default `Shield` still attached, a header the override drops is sent by
/// `Shield` instead: attach `Shield::new()` to drop it for real.
#[tokio::test(flavor = "multi_thread")]
async fn dropped_header_needs_shield_off() {
    let addr = serve_with(Chunks::new().1, true).await;
    let resp = support::client()
        .get(format!("http://{addr}/embed"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        support::values(resp.headers(), "x-frame-options"),
        ["SAMEORIGIN"]
    );
}

/// A route's failure, answered by a catcher, keeps the route's override; a responder that
/// fails hands over to a catcher, whose response is not the handler's: the base headers
/// apply.
#[tokio::test(flavor = "multi_thread")]
async fn failures_answered_by_a_catcher() {
    let addr = serve(Chunks::new().1).await;
    support::scoped_failure(addr, "/scoped/fail", StatusCode::INTERNAL_SERVER_ERROR).await;
    support::balanced(addr, "/report-failing", StatusCode::INTERNAL_SERVER_ERROR).await;
}

// ---------------------------------------------------------------------------------------
// The request side: nonces, HTTPS awareness, allowed hosts, cookies, development mode, the
// report collector.
// ---------------------------------------------------------------------------------------

#[get("/")]
fn counted(runs: &State<Runs>) -> &'static str {
    runs.hello()
}

#[get("/a/b")]
fn counted_ab(runs: &State<Runs>) -> &'static str {
    runs.hello()
}

#[post("/")]
fn counted_post(runs: &State<Runs>) -> &'static str {
    runs.hello()
}

#[post("/a/b")]
fn counted_ab_post(runs: &State<Runs>) -> &'static str {
    runs.hello()
}

/// Renders the nonce into the page with `CspNonce::attribute`.
#[get("/nonce")]
fn nonce_page(nonce: CspNonce) -> RawHtml<String> {
    RawHtml(wire::page(&nonce))
}

#[get("/guarded")]
fn guarded(runs: &State<Runs>) -> &'static str {
    runs.hello()
}

#[post("/guarded")]
fn guarded_post(runs: &State<Runs>) -> &'static str {
    runs.hello()
}

#[get("/strict")]
fn strict_page(nonce: CspNonce) -> RawHtml<String> {
    RawHtml(wire::page(&nonce))
}

/// An optional nonce: `None` where the policy has none.
#[get("/optional")]
fn optional(nonce: Option<CspNonce>) -> String {
    nonce.map_or_else(|| "none".to_owned(), |n| n.to_string())
}

/// The cookies of [`wire`] and `X-Powered-By`.
struct Cookies;

impl<'r> Responder<'r, 'static> for Cookies {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        let mut response = Response::build();
        for c in wire::COOKIES {
            response.raw_header_adjoin("Set-Cookie", c);
        }
        response
            .raw_header("X-Powered-By", "framework")
            .sized_body(7, Cursor::new("cookies"))
            .ok()
    }
}

#[get("/cookies")]
fn cookies() -> Cookies {
    Cookies
}

/// The routes of [`wire`] and `/optional` under `secure`, on `bind`.
async fn serve_wire(secure: Secure, bind: &str, runs: Runs) -> SocketAddr {
    let rocket = build()
        .mount(
            "/",
            routes![
                counted,
                counted_ab,
                counted_post,
                counted_ab_post,
                nonce_page,
                optional,
                cookies
            ],
        )
        .mount("/", wire::strict_override().wrap(routes![strict_page]))
        .mount(
            "/",
            wire::guarded_override().wrap(routes![guarded, guarded_post]),
        )
        .manage(runs)
        .attach(secure);
    launch(rocket, bind, false).await
}

#[cfg(feature = "reporting")]
async fn serve_reports(
    collector: secure_headers::report::ReportCollector,
    secure: secure_headers::Secure,
) -> SocketAddr {
    let rocket = build().mount("/reports", collector).attach(secure);
    launch(rocket, "127.0.0.1:0", false).await
}

wire::wire_tests! {
    test = tokio::test(flavor = "multi_thread"),
    serve = serve_wire, absolute_form = HostHeader, no_host = Middleware, authority_form = Framework, reports = serve_reports,
}

/// Both ways a handler takes the nonce: the guard and `Option`.
#[cfg(feature = "nonce")]
#[tokio::test(flavor = "multi_thread")]
async fn the_handler_sees_the_nonce_through_every_guard() {
    let addr = serve_wire(wire::with_nonce(), "127.0.0.1:0", Runs::default()).await;
    wire::nonce_at(addr, &["/nonce", "/nonce", "/optional"]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_nonce_policy_the_guard_fails_and_option_is_none() {
    wire::no_nonce(serve_wire(support::base(), "127.0.0.1:0", Runs::default()).await).await;
}

/// Two `Secure` fairings that decide differently: each applies its headers with its own
/// per-request context. The first sends no HSTS and reads nothing of the request; the
/// second sends HSTS on secure requests only, trusting `X-Forwarded-Proto` from 127.0.0.1,
/// and redirects the others.
#[tokio::test(flavor = "multi_thread")]
async fn two_fairings_each_use_their_own_context() {
    let no_hsts = support::base()
        .derive(|b| b.without("Strict-Transport-Security"))
        .unwrap();
    let runs = Runs::default();
    let rocket = build()
        .mount("/", routes![counted])
        .manage(runs.clone())
        .attach(no_hsts)
        .attach(wire::secure_only(&["127.0.0.1"]));
    let addr = launch(rocket, "127.0.0.1:0", false).await;

    // Secure behind the trusted proxy: the second fairing's HSTS, once.
    let (status, h) = wire::raw(
        addr,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 200);
    assert_eq!(
        support::values(&h, "strict-transport-security"),
        ["max-age=31536000; includeSubDomains"]
    );
    assert_eq!(runs.count(), 1);

    // Plain HTTP: the second fairing redirects, and neither sends HSTS.
    let (status, h) = wire::raw(
        addr,
        "GET /?a=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 308);
    assert_eq!(support::values(&h, "location"), ["https://127.0.0.1/?a=1"]);
    assert!(h.get("strict-transport-security").is_none());
    assert_eq!(runs.count(), 1);
}

/// Two `Secure` fairings whose policies both use a nonce: one nonce per request, the one
/// the handler sees, in both policies.
#[cfg(feature = "nonce")]
#[tokio::test(flavor = "multi_thread")]
async fn two_fairings_with_nonces_share_the_requests_nonce() {
    let other = wire::with_nonce()
        .derive(|b| b.without("X-Frame-Options"))
        .unwrap();
    let rocket = build()
        .mount("/", routes![nonce_page])
        .attach(wire::with_nonce())
        .attach(other);
    let addr = launch(rocket, "127.0.0.1:0", false).await;
    let resp = support::client()
        .get(format!("http://{addr}/nonce"))
        .send()
        .await
        .unwrap();
    let csp: Vec<String> = [
        "content-security-policy",
        "content-security-policy-report-only",
    ]
    .into_iter()
    .flat_map(|name| support::values(resp.headers(), name))
    .map(str::to_owned)
    .collect();
    let body = resp.text().await.unwrap();
    let nonce = body
        .split("nonce=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    // Two enforced policies (appended), one report-only (replaced).
    assert_eq!(csp.len(), 3, "{csp:?}");
    for policy in &csp {
        assert!(policy.contains(&format!("'nonce-{nonce}'")), "{policy}");
    }
}

/// A refused request keeps its path in Rocket's own log line (the early answer is routed by
/// a query segment added to it, not by another path), and our warning names it too.
#[tokio::test(flavor = "multi_thread")]
async fn rocket_logs_the_real_path_of_a_refused_request() {
    use support::refusals;
    let runs = Runs::default();
    let addr = serve_wire(wire::hosts(), "127.0.0.1:0", runs.clone()).await;
    let token = refusals::token();
    let (status, _, body) = refusals::exchange(
        addr,
        format!("GET /a/b?{token} HTTP/1.1\r\nHost: evil.example\r\n\r\n"),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body, "refused: the request's host is not allowed\n");
    let records = refusals::logged(&token);
    assert!(
        records
            .iter()
            .any(|r| r.starts_with("INFO ") && r.contains(&format!("GET /a/b?{token}&"))),
        "{records:?}"
    );
    assert!(
        records.iter().any(|r| r.ends_with(&format!(
            "refused GET /a/b?{token}: the request's host is not allowed"
        ))),
        "{records:?}"
    );
    assert!(
        !records.iter().any(|r| r.contains("__secure_headers")),
        "{records:?}"
    );
    assert_eq!(runs.count(), 0);
}
