//! poem with the Balanced preset on every response, plus a per-request CSP nonce for inline
//! scripts and a collector for the violation reports; and two overrides: a nested route
//! whose pages may be framed by a partner, and one response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example poem
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

use poem::listener::{Acceptor, Listener, TcpListener};
use poem::web::{Data, Html};
use poem::{EndpointExt, Response, Route, Server, get, handler};
use secure_headers::csp::Source;
use secure_headers::report::ReportCollector;
use secure_headers::{CspNonce, Secure, SecureOverride};

#[handler]
fn index() -> Html<&'static str> {
    Html("<!doctype html><title>secure-headers</title><h1>Hello from poem</h1>")
}

/// The nonce the middleware made for this request, also in this response's policy.
#[handler]
fn nonce_page(Data(nonce): Data<&CspNonce>) -> Html<String> {
    Html(format!(
        "<!doctype html><title>nonce</title><body>\
         <script {}>document.body.append('allowed: this script carries the nonce')</script>\
         <script>document.body.append('blocked: no nonce')</script>",
        nonce.attribute()
    ))
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

    let app = Route::new()
        .at("/", get(index))
        .at("/nonce", get(nonce_page))
        .at("/report", get(report))
        .at("/csp-reports", collector)
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
