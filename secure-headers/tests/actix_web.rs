//! The actix-web middleware against a real server on 127.0.0.1: exact header values on every
//! kind of response, streaming, WebSocket upgrades, per-scope and per-response overrides, and
//! the request side.

mod framework_support;

use std::collections::HashMap;
use std::net::SocketAddr;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::{ErrorForbidden, ErrorInternalServerError};
use actix_web::middleware::{Next, from_fn};
use actix_web::web;
use actix_web::{App, Error, HttpRequest, HttpResponse, HttpServer};
use actix_web_4 as actix_web;
use framework_support::wire::{self, Runs};
use framework_support::{self as support, APP_CSP, Chunks};
use secure_headers::actix_web::WithSecureOverride;
use secure_headers::http::StatusCode;
use secure_headers::{CspNonce, Secure, SecureOverride};

/// Serves the application `factory` makes (one worker) on `bind`; evaluates to its address.
macro_rules! listen {
    ($bind:expr, $factory:expr) => {{
        let server = HttpServer::new($factory)
            .workers(1)
            .disable_signals()
            .bind($bind)
            .unwrap();
        let addr = server.addrs()[0];
        tokio::spawn(server.run());
        addr
    }};
}

async fn hello() -> &'static str {
    "hello"
}

async fn app_headers() -> HttpResponse {
    HttpResponse::Ok()
        .append_header(("set-cookie", "a=1; HttpOnly"))
        .append_header(("set-cookie", "b=2; Secure"))
        .insert_header(("x-frame-options", "DENY"))
        .insert_header(("content-security-policy", APP_CSP))
        .insert_header(("vary", "Accept"))
        .body("app")
}

/// `/fill/{n}`: `n` header names of the handler's.
async fn fill(n: web::Path<String>) -> HttpResponse {
    let mut resp = HttpResponse::Ok();
    for name in support::full_map::names(support::full_map::count(&n)) {
        resp.insert_header((name, "1"));
    }
    resp.body("filled")
}

async fn json(body: web::Json<HashMap<String, u32>>) -> String {
    body.into_inner().len().to_string()
}

async fn fail() -> Result<HttpResponse, Error> {
    Err(ErrorInternalServerError("boom"))
}

async fn etag(req: HttpRequest) -> HttpResponse {
    let mut response = match req.headers().get("if-none-match") {
        Some(tag) if tag == "\"v1\"" => HttpResponse::NotModified(),
        _ => HttpResponse::Ok(),
    };
    response.insert_header(("etag", "\"v1\"")).finish()
}

/// A middleware inside ours that fails.
async fn deny(
    _req: ServiceRequest,
    _next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    Err::<ServiceResponse, _>(ErrorForbidden("no"))
}

async fn stream(chunks: web::Data<Chunks>) -> HttpResponse {
    HttpResponse::Ok().streaming(chunks.stream())
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

/// The raw form of a handler-level override: in the response's extensions.
async fn report() -> HttpResponse {
    let mut response = HttpResponse::Ok().body("overridden");
    response
        .extensions_mut()
        .insert(support::report_only_self());
    response
}

async fn cdn() -> WithSecureOverride<&'static str> {
    WithSecureOverride(support::with_cdn(), "overridden")
}

async fn open() -> WithSecureOverride<&'static str> {
    WithSecureOverride(SecureOverride::none(), "overridden")
}

/// The application of [`framework_support`], and `/forbidden` and `/scoped/forbidden`,
/// where a middleware inside ours fails.
async fn serve(chunks: Chunks) -> SocketAddr {
    let chunks = web::Data::new(chunks);
    listen!("127.0.0.1:0", move || {
        App::new()
            .app_data(chunks.clone())
            .service(web::resource("/").to(hello))
            .route("/app-headers", web::get().to(app_headers))
            .route("/fill/{n}", web::get().to(fill))
            .route("/json", web::post().to(json))
            .route("/error", web::get().to(fail))
            .route("/etag", web::get().to(etag))
            .service(web::resource("/forbidden").wrap(from_fn(deny)).to(hello))
            .route("/stream", web::get().to(stream))
            .route("/ws", web::get().to(ws))
            .service(
                web::resource("/embed")
                    .wrap(support::embeddable())
                    .to(hello),
            )
            .route("/report", web::get().to(report))
            .route("/cdn", web::get().to(cdn))
            .service(
                web::scope("/scoped")
                    .wrap(support::scoped())
                    .route("/page", web::get().to(hello))
                    .route("/open", web::get().to(open))
                    .service(web::resource("/forbidden").wrap(from_fn(deny)).to(hello)),
            )
            .wrap(support::base())
    })
}

support::app_tests!(test = tokio::test, serve = serve, header_map_cap = false);

#[tokio::test]
async fn inner_middleware_error() {
    let addr = serve(Chunks::new().1).await;
    support::balanced(addr, "/forbidden", StatusCode::FORBIDDEN).await;
}

/// The scope's override also covers the 404s and the errors inside it.
#[tokio::test]
async fn scope_override_covers_its_failures() {
    let addr = serve(Chunks::new().1).await;
    support::scoped_failure(addr, "/scoped/missing", StatusCode::NOT_FOUND).await;
    support::scoped_failure(addr, "/scoped/forbidden", StatusCode::FORBIDDEN).await;
}

// ---------------------------------------------------------------------------------------
// The request side: nonces, HTTPS awareness, allowed hosts, cookies, development mode, the
// report collector.
// ---------------------------------------------------------------------------------------

async fn counted(runs: web::Data<Runs>) -> &'static str {
    runs.hello()
}

/// Renders the nonce into the page with `CspNonce::attribute`.
async fn nonce_page(nonce: CspNonce) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html")
        .body(wire::page(&nonce))
}

/// The same nonce, through `web::ReqData`.
async fn req_data(nonce: web::ReqData<CspNonce>) -> String {
    nonce.as_str().to_owned()
}

/// An optional nonce: `None` where the policy has none.
async fn optional(nonce: Option<CspNonce>) -> String {
    nonce.map_or_else(|| "none".to_owned(), |n| n.to_string())
}

async fn wire_cookies() -> HttpResponse {
    let mut response = HttpResponse::Ok();
    for c in wire::COOKIES {
        response.append_header(("set-cookie", c));
    }
    response
        .insert_header(("x-powered-by", "framework"))
        .body("cookies")
}

/// The routes of [`wire`], `/req-data` and `/optional` under `secure`, on `bind`.
async fn serve_wire(secure: Secure, bind: &str, runs: Runs) -> SocketAddr {
    let runs = web::Data::new(runs);
    listen!(bind, move || {
        App::new()
            .app_data(runs.clone())
            .route("/", web::get().to(counted))
            .route("/", web::post().to(counted))
            .route("/a/b", web::get().to(counted))
            .route("/a/b", web::post().to(counted))
            .route("/nonce", web::get().to(nonce_page))
            .route("/req-data", web::get().to(req_data))
            .route("/optional", web::get().to(optional))
            .service(
                web::resource("/guarded")
                    .wrap(wire::guarded_override())
                    .route(web::get().to(counted))
                    .route(web::post().to(counted)),
            )
            .service(
                web::resource("/strict")
                    .wrap(wire::strict_override())
                    .route(web::get().to(nonce_page)),
            )
            .route("/cookies", web::get().to(wire_cookies))
            .wrap(secure.clone())
    })
}

#[cfg(feature = "reporting")]
async fn serve_reports(
    collector: secure_headers::report::ReportCollector,
    secure: secure_headers::Secure,
) -> SocketAddr {
    listen!("127.0.0.1:0", move || {
        App::new()
            .service(web::resource("/reports").to(collector.clone()))
            .wrap(secure.clone())
    })
}

// actix-web answers `400` to an HTTP/1.1 request without `Host` itself, before any
// middleware runs.
wire::wire_tests! {
    test = tokio::test,
    serve = serve_wire, absolute_form = Authority, no_host = Framework, authority_form = Middleware, reports = serve_reports,
}

/// Every way a handler takes the nonce: the extractor, `web::ReqData`, `Option`.
#[cfg(feature = "nonce")]
#[tokio::test]
async fn the_handler_sees_the_nonce_through_every_extractor() {
    let addr = serve_wire(wire::with_nonce(), "127.0.0.1:0", Runs::default()).await;
    wire::nonce_at(addr, &["/nonce", "/nonce", "/req-data", "/optional"]).await;
}

#[tokio::test]
async fn without_a_nonce_policy_the_extractor_fails_and_option_is_none() {
    wire::no_nonce(serve_wire(support::base(), "127.0.0.1:0", Runs::default()).await).await;
}
