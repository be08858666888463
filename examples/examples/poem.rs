//! poem with the Balanced preset on every response, and two overrides: a nested route whose
//! pages may be framed by a partner, and one response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example poem
//! curl -i http://127.0.0.1:3000/
//! curl -i http://127.0.0.1:3000/embed/widget
//! curl -i http://127.0.0.1:3000/report
//! ```
//!
//! Set `PORT` to listen on another port.

use poem::listener::{Acceptor, Listener, TcpListener};
use poem::web::{Data, Html};
use poem::{EndpointExt, Response, Route, Server, get, handler};
use secure_headers::{Secure, SecureOverride};

#[handler]
fn index() -> Html<&'static str> {
    Html("<!doctype html><title>secure-headers</title><h1>Hello from poem</h1>")
}

#[handler]
fn widget() -> &'static str {
    "this page may be framed by https://partner.example"
}

#[handler]
fn report(Data(strict): Data<&SecureOverride>) -> Response {
    // This one response carries its own header set.
    Response::builder()
        .extension(strict.clone())
        .body("this response may not be framed at all")
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3000);

    // Built and validated once, at start-up.
    let base = Secure::with_default_headers();
    let embeddable = SecureOverride::new(base.derive(|b| {
        b.without("X-Frame-Options")
            .map_csp(|csp| csp.frame_ancestors(["https://partner.example"]))
    })?);
    let strict = SecureOverride::new(base.derive(|b| b.map_xfo(|xfo| xfo.deny()))?);

    let app = Route::new()
        .at("/", get(index))
        .at("/report", get(report))
        .nest(
            "/embed",
            Route::new().at("/widget", get(widget)).with(embeddable),
        )
        .data(strict)
        .with(base);

    let acceptor = TcpListener::bind(("127.0.0.1", port))
        .into_acceptor()
        .await?;
    for addr in acceptor.local_addr() {
        if let Some(addr) = addr.as_socket_addr() {
            println!("listening on http://{addr}");
        }
    }
    Server::new_with_acceptor(acceptor).run(app).await?;
    Ok(())
}
