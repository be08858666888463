//! poem: `Secure` as a `Middleware` on a real server.

mod framework_support;

use std::net::SocketAddr;

use framework_support::wire::{self, Runs};
use framework_support::{self as support, APP_CSP, Chunks};
use futures_util::{SinkExt, StreamExt};
use poem::http::StatusCode;
use poem::listener::TcpAcceptor;
use poem::web::websocket::WebSocket;
use poem::web::{Data, Html, Json};
use poem::{Body, EndpointExt, IntoResponse, Request, Response, Route, Server, get, handler, post};
use secure_headers::{CspNonce, Secure, SecureOverride};

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
        .header("vary", "Accept")
        .body("app")
}

/// `/fill/{n}`: `n` header names of the handler's.
#[handler]
fn fill(poem::web::Path(n): poem::web::Path<String>) -> Response {
    let mut resp = Response::builder();
    for name in support::full_map::names(support::full_map::count(&n)) {
        resp = resp.header(name, "1");
    }
    resp.body("filled")
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

async fn listen(app: impl poem::Endpoint + 'static, bind: &str) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind(bind).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = Server::new_with_acceptor(TcpAcceptor::from_tokio(listener).unwrap());
    tokio::spawn(server.run(app));
    addr
}

/// The application of [`framework_support`].
async fn serve(chunks: Chunks) -> SocketAddr {
    let app = Route::new()
        .at("/", get(index))
        .at("/app-headers", get(app_headers))
        .at("/fill/:n", get(fill))
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
    listen(app, "127.0.0.1:0").await
}

support::app_tests!(test = tokio::test, serve = serve, header_map_cap = true);

// ---------------------------------------------------------------------------------------
// The request side: nonces, HTTPS awareness, allowed hosts, cookies, development mode, the
// report collector.
// ---------------------------------------------------------------------------------------

#[handler]
fn counted(Data(runs): Data<&Runs>) -> &'static str {
    runs.hello()
}

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

/// The routes of [`wire`] under `secure`, on `bind`.
async fn serve_wire(secure: Secure, bind: &str, runs: Runs) -> SocketAddr {
    let app = Route::new()
        .at("/", get(counted).post(counted))
        .at("/a/b", get(counted).post(counted))
        .at("/nonce", get(nonce_page))
        .at("/strict", get(nonce_page).with(wire::strict_override()))
        .at(
            "/guarded",
            get(counted).post(counted).with(wire::guarded_override()),
        )
        .at("/cookies", get(wire_cookies))
        .data(runs);
    listen(app.with(secure), bind).await
}

#[cfg(feature = "reporting")]
async fn serve_reports(
    collector: secure_headers::report::ReportCollector,
    secure: secure_headers::Secure,
) -> SocketAddr {
    let app = Route::new().at("/reports", collector).with(secure);
    listen(app, "127.0.0.1:0").await
}

wire::wire_tests! {
    test = tokio::test,
    serve = serve_wire, absolute_form = Authority, no_host = Middleware, authority_form = Middleware, reports = serve_reports,
}
