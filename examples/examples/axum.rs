//! axum with the Balanced preset on every response, plus a per-request CSP nonce for inline
//! scripts and a collector for the violation reports; and two overrides: a nested router
//! whose pages may be framed by a partner, and one response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example axum
//! curl -i http://127.0.0.1:3000/
//! curl -i http://127.0.0.1:3000/nonce
//! curl -i http://127.0.0.1:3000/embed/widget
//! curl -i http://127.0.0.1:3000/report
//! curl -i -X POST -H 'content-type: application/csp-report' \
//!     --data '{"csp-report":{"document-uri":"http://x/","violated-directive":"script-src","blocked-uri":"inline"}}' \
//!     http://127.0.0.1:3000/csp-reports
//! ```
//!
//! Open `/nonce` in a browser: the script carrying the nonce runs, the one without it is
//! blocked, and the server prints the browser's report.
//!
//! Set `PORT` to listen on another port.

use axum::response::Html;
use axum::routing::get;
use axum::{Extension, Router};
use secure_headers::CspNonce;
use secure_headers_examples as site;

async fn index() -> Html<String> {
    Html(site::index_page("axum"))
}

/// The nonce the layer made for this request, also in this response's policy.
async fn nonce_page(Extension(nonce): Extension<CspNonce>) -> Html<String> {
    Html(site::nonce_page(&nonce))
}

async fn widget() -> &'static str {
    site::WIDGET
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = site::port(3000);

    // Violation reports are printed as they arrive (see `printing_collector`).
    let collector = site::printing_collector();

    // Built and validated once, at start-up: Balanced with a per-request nonce in
    // `script-src` and reports to /csp-reports; a framable variant for /embed and a
    // stricter one for /report (see `Policies::new` in examples/src/lib.rs).
    let site::Policies {
        base,
        embeddable,
        strict,
    } = site::Policies::new()?;

    let embed = Router::new()
        .route("/widget", get(widget))
        .layer(embeddable);

    let app = Router::new()
        .route("/", get(index))
        .route("/nonce", get(nonce_page))
        .route(
            "/report",
            get(move || {
                let strict = strict.clone();
                async move { (Extension(strict), site::STRICT) }
            }),
        )
        .route_service("/csp-reports", collector)
        .nest("/embed", embed)
        .layer(base);

    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
