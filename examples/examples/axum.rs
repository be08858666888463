//! axum with the Balanced preset on every response, and two overrides: a nested router whose
//! pages may be framed by a partner, and one response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example axum
//! curl -i http://127.0.0.1:3000/
//! curl -i http://127.0.0.1:3000/embed/widget
//! curl -i http://127.0.0.1:3000/report
//! ```
//!
//! Set `PORT` to listen on another port.

use axum::response::Html;
use axum::routing::get;
use axum::{Extension, Router};
use secure_headers::{Secure, SecureOverride};

async fn index() -> Html<&'static str> {
    Html("<!doctype html><title>secure-headers</title><h1>Hello from axum</h1>")
}

async fn widget() -> &'static str {
    "this page may be framed by https://partner.example"
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

    let embed = Router::new()
        .route("/widget", get(widget))
        .layer(embeddable);

    let app = Router::new()
        .route("/", get(index))
        .route(
            "/report",
            get(move || {
                let strict = strict.clone();
                async move { (Extension(strict), "this response may not be framed at all") }
            }),
        )
        .nest("/embed", embed)
        .layer(base);

    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
