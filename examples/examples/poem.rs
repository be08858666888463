//! poem with the Balanced preset on every response, plus a per-request CSP nonce for inline
//! scripts and a collector for the violation reports; and two overrides: a nested route
//! whose pages may be framed by a partner, and one response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example poem
//! curl -i http://127.0.0.1:3000/
//! curl -i -H 'X-Forwarded-Proto: https' http://127.0.0.1:3000/   # as the TLS proxy forwards it: with HSTS
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
use secure_headers::transport::HstsMode;
use secure_headers::{CspNonce, Secure, SecureOverride};

/// The body of `/embed/widget`.
const WIDGET: &str = "this page may be framed by https://partner.example";

/// The body of `/report`.
const STRICT: &str = "this response may not be framed at all";

/// The home page.
fn index_html() -> String {
    "<!doctype html><title>secure-headers</title><h1>Hello from poem</h1>".to_owned()
}

/// A page with two inline scripts: the one carrying the request's nonce runs, the other is
/// blocked (and reported).
fn nonce_html(nonce: &CspNonce) -> String {
    format!(
        "<!doctype html><title>nonce</title><body>\
         <script {}>document.body.append('allowed: this script carries the nonce')</script>\
         <script>document.body.append('blocked: no nonce')</script>",
        nonce.attribute()
    )
}

/// The port to listen on: `PORT` from the environment, else `default`.
fn listen_port(default: u16) -> u16 {
    std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(default)
}

/// A report collector whose reports a thread prints as they arrive (a bounded channel of
/// 1024 reports between them, so a flood of reports cannot grow memory).
fn printing_collector() -> ReportCollector {
    let (collector, reports) = ReportCollector::channel(1024);
    std::thread::spawn(move || reports.iter().for_each(|r| println!("report: {r:?}")));
    collector
}

#[handler]
fn index() -> Html<String> {
    Html(index_html())
}

/// The nonce the middleware made for this request, also in this response's policy.
#[handler]
fn nonce_page(Data(nonce): Data<&CspNonce>) -> Html<String> {
    Html(nonce_html(nonce))
}

#[handler]
fn widget() -> &'static str {
    WIDGET
}

#[handler]
fn report(Data(strict): Data<&SecureOverride>) -> Response {
    // This one response carries its own header set.
    Response::builder().extension(strict.clone()).body(STRICT)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = listen_port(3000);

    // Violation reports are printed as they arrive (see `printing_collector` above).
    let collector = printing_collector();

    // The policies, built and validated once, at start-up. Every response: Balanced,
    // with a fresh nonce for every request in `script-src` and violations reported to
    // /csp-reports.
    // Behind a reverse proxy on this machine that terminates TLS: its X-Forwarded-Proto is
    // believed (no one else's), and HSTS goes only on responses to HTTPS requests.
    let base = Secure::with_default_headers().derive(|b| {
        b.map_csp(|csp| {
            csp.script_src([Source::nonce()])
                .report_uri(["/csp-reports"])
        })
        .trusted_proxies(["127.0.0.1", "::1"])
        .forwarded_headers([secure_headers::transport::ForwardedHeader::XForwardedProto])
        .hsts_mode(HstsMode::SecureOnly)
    })?;
    // The /embed pages may be framed by https://partner.example: no X-Frame-Options, and
    // `frame-ancestors` names the partner.
    let embeddable = SecureOverride::new(base.derive(|b| {
        b.without("X-Frame-Options")
            .map_csp(|csp| csp.frame_ancestors(["https://partner.example"]))
    })?)?;
    // The /report response may not be framed at all.
    let strict = SecureOverride::new(base.derive(|b| b.map_xfo(|xfo| xfo.deny()))?)?;

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
