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
use secure_headers::csp::Source;
use secure_headers::report::ReportCollector;
use secure_headers::{CspNonce, Secure, SecureOverride};

async fn index() -> Html<&'static str> {
    Html("<!doctype html><title>secure-headers</title><h1>Hello from axum</h1>")
}

/// The nonce the layer made for this request, also in this response's policy.
async fn nonce_page(Extension(nonce): Extension<CspNonce>) -> Html<String> {
    Html(format!(
        "<!doctype html><title>nonce</title><body>\
         <script {}>document.body.append('allowed: this script carries the nonce')</script>\
         <script>document.body.append('blocked: no nonce')</script>",
        nonce.attribute()
    ))
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

    // Violation reports arrive on a bounded channel; print them from a thread.
    let (collector, reports) = ReportCollector::channel(1024);
    std::thread::spawn(move || reports.iter().for_each(|r| println!("report: {r:?}")));

    // Built and validated once, at start-up: Balanced, with `script-src 'self' 'nonce-…'`
    // (a fresh nonce for every request) and violations reported to /csp-reports.
    let base = Secure::with_default_headers().derive(|b| {
        b.map_csp(|csp| {
            csp.script_src([Source::nonce()])
                .report_uri(["/csp-reports"])
        })
    })?;
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
        .route("/nonce", get(nonce_page))
        .route(
            "/report",
            get(move || {
                let strict = strict.clone();
                async move { (Extension(strict), "this response may not be framed at all") }
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
