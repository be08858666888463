//! poem: `Secure` as a `Middleware` on a real server.

mod framework_support;

use std::net::SocketAddr;

use framework_support::{self as support, APP_CSP, Chunks};
use futures_util::{SinkExt, StreamExt};
use poem::http::StatusCode;
use poem::listener::TcpAcceptor;
use poem::web::websocket::WebSocket;
use poem::web::{Data, Json};
use poem::{Body, EndpointExt, IntoResponse, Request, Response, Route, Server, get, handler, post};
use secure_headers::SecureOverride;

#[handler]
fn index() -> &'static str {
    "hello"
}

#[handler]
fn app_headers() -> Response {
    Response::builder()
        .header("set-cookie", "a=1; HttpOnly")
        .header("set-cookie", "b=2; Secure")
        .header("x-frame-options", "DENY")
        .header("content-security-policy", APP_CSP)
        .body("app")
}

#[derive(serde::Deserialize)]
struct Payload {
    #[allow(dead_code)]
    name: String,
}

#[handler]
fn json(Json(_payload): Json<Payload>) -> &'static str {
    "parsed"
}

#[handler]
fn error() -> poem::Result<&'static str> {
    Err(poem::Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))
}

#[handler]
fn etag(req: &Request) -> Response {
    let status = match req.header("if-none-match") {
        Some("\"v1\"") => StatusCode::NOT_MODIFIED,
        _ => StatusCode::OK,
    };
    Response::builder()
        .status(status)
        .header("etag", "\"v1\"")
        .finish()
}

#[handler]
fn stream(Data(chunks): Data<&Chunks>) -> Response {
    Response::builder().body(Body::from_bytes_stream(chunks.stream()))
}

#[handler]
fn ws(ws: WebSocket) -> impl IntoResponse {
    ws.on_upgrade(|mut socket| async move {
        while let Some(Ok(msg)) = socket.next().await {
            if msg.is_close() || socket.send(msg).await.is_err() {
                break;
            }
        }
    })
}

/// A handler that attaches an override to its own response.
fn with_override(o: SecureOverride) -> impl poem::Endpoint<Output = Response> {
    poem::endpoint::make_sync(move |_| Response::builder().extension(o.clone()).body("overridden"))
}

async fn serve(chunks: Chunks) -> SocketAddr {
    let app = Route::new()
        .at("/", get(index))
        .at("/app-headers", get(app_headers))
        .at("/json", post(json))
        .at("/error", get(error))
        .at("/etag", get(etag))
        .at("/stream", get(stream))
        .at("/ws", get(ws))
        .at("/embed", get(index).with(support::embeddable()))
        .at("/report", get(with_override(support::report_only_self())))
        .at("/cdn", get(with_override(support::with_cdn())))
        .nest(
            "/scoped",
            Route::new()
                .at("/page", get(index))
                .at("/open", get(with_override(SecureOverride::none())))
                .with(support::scoped()),
        )
        .data(chunks)
        .with(support::base());

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = Server::new_with_acceptor(TcpAcceptor::from_tokio(listener).unwrap());
    tokio::spawn(server.run(app));
    addr
}

async fn app() -> SocketAddr {
    serve(Chunks::new().1).await
}

#[tokio::test]
async fn plain_handler() {
    support::plain(app().await).await;
}

#[tokio::test]
async fn app_headers_replaced_appended_or_kept() {
    support::app_headers(app().await).await;
}

#[tokio::test]
async fn not_found() {
    support::not_found(app().await).await;
}

#[tokio::test]
async fn extractor_rejection() {
    support::extractor_rejection(app().await).await;
}

#[tokio::test]
async fn error_response() {
    support::server_error(app().await).await;
}

#[tokio::test]
async fn head() {
    support::head(app().await).await;
}

#[tokio::test]
async fn not_modified() {
    support::not_modified(app().await).await;
}

#[tokio::test]
async fn streaming_body_is_not_buffered() {
    let (tx, chunks) = Chunks::new();
    support::streaming(serve(chunks).await, tx).await;
}

#[tokio::test]
async fn websocket_upgrade_completes() {
    support::websocket(app().await).await;
}

#[tokio::test]
async fn route_scope_and_response_overrides() {
    support::overrides(app().await).await;
}

// ---------------------------------------------------------------------------------------
// The request side: nonces, HTTPS awareness, allowed hosts, cookies, development mode, the
// report collector.
// ---------------------------------------------------------------------------------------

use framework_support::wire;
use poem::web::Html;
use secure_headers::{CspNonce, Secure};

#[handler]
fn nonce_page(Data(nonce): Data<&CspNonce>) -> Html<String> {
    Html(wire::page(nonce))
}

#[handler]
fn wire_cookies() -> Response {
    let mut b = Response::builder();
    for c in wire::COOKIES {
        b = b.header("set-cookie", c);
    }
    b.header("x-powered-by", "framework").body("cookies")
}

fn wire_routes() -> Route {
    Route::new()
        .at("/", get(index))
        .at("/nonce", get(nonce_page))
        .at("/cookies", get(wire_cookies))
}

async fn listen(app: impl poem::Endpoint + 'static, bind: &str) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind(bind).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = Server::new_with_acceptor(TcpAcceptor::from_tokio(listener).unwrap());
    tokio::spawn(server.run(app));
    addr
}

/// The routes of [`wire`] under `secure`, on `bind` (`127.0.0.1:0` or `[::1]:0`).
async fn serve_wire(secure: Secure, bind: &str) -> SocketAddr {
    listen(wire_routes().with(secure), bind).await
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

#[tokio::test]
async fn cookies_hardened_and_x_powered_by_removed() {
    wire::cookies_and_removal(serve_wire(wire::cookies(), "127.0.0.1:0").await).await;
}

#[tokio::test]
async fn development_mode_on_localhost() {
    wire::development_mode(serve_wire(wire::development(), "127.0.0.1:0").await).await;
}

#[cfg(feature = "reporting")]
#[tokio::test]
async fn report_collector_endpoint() {
    let (collector, reports) = wire::report_collector();
    let app = Route::new().at("/reports", collector).with(support::base());
    wire::report_collector_answers(listen(app, "127.0.0.1:0").await, reports).await;
}
