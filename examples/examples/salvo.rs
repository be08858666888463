//! salvo with the Balanced preset on every response (404s included: the hoop is on the
//! `Service`), plus a per-request CSP nonce for inline scripts and a collector for the
//! violation reports; and two overrides: a router whose pages may be framed by a partner,
//! and one response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example salvo
//! curl -i http://127.0.0.1:8698/
//! curl -i -H 'X-Forwarded-Proto: https' http://127.0.0.1:8698/   # as the TLS proxy forwards it: with HSTS
//! curl -i http://127.0.0.1:8698/nonce
//! curl -i http://127.0.0.1:8698/embed/widget
//! curl -i http://127.0.0.1:8698/report
//! curl -i -X POST -H 'content-type: application/csp-report' \
//!     --data '{"csp-report":{"document-uri":"http://x/","violated-directive":"script-src","blocked-uri":"inline"}}' \
//!     http://127.0.0.1:8698/csp-reports
//! ```
//!
//! Open `/nonce` in a browser: the script carrying the nonce runs, the one without it is
//! blocked, and the server prints the browser's report.
//!
//! Set `PORT` to listen on another port.

use salvo::conn::TcpListener;
use salvo::prelude::*;
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
    "<!doctype html><title>secure-headers</title><h1>Hello from salvo</h1>".to_owned()
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
async fn index(res: &mut Response) {
    res.render(Text::Html(index_html()));
}

/// The nonce the hoop made for this request (in the depot), also in this response's policy.
#[handler]
async fn nonce_page(depot: &mut Depot, res: &mut Response) {
    let Ok(nonce) = depot.get_typed::<CspNonce>() else {
        res.status_code(StatusCode::INTERNAL_SERVER_ERROR);
        return;
    };
    res.render(Text::Html(nonce_html(nonce)));
}

#[handler]
async fn widget() -> &'static str {
    WIDGET
}

/// This one response carries its own header set.
struct Report(SecureOverride);

#[async_trait]
impl Handler for Report {
    async fn handle(&self, _: &mut Request, _: &mut Depot, res: &mut Response, _: &mut FlowCtrl) {
        res.extensions.insert(self.0.clone());
        res.render(STRICT);
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = listen_port(8698);

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

    let router = Router::new()
        .get(index)
        .push(Router::with_path("nonce").get(nonce_page))
        .push(Router::with_path("report").get(Report(strict)))
        .push(Router::with_path("csp-reports").goal(collector))
        .push(
            Router::with_path("embed")
                .hoop(embeddable)
                .push(Router::with_path("widget").get(widget)),
        );
    // On the service, so that salvo's own 404s get the headers too.
    let service = Service::new(router).hoop(base);

    let acceptor = TcpListener::new(("127.0.0.1", port)).bind().await;
    println!("listening on http://{}", acceptor.local_addr()?);
    Server::new(acceptor).serve(service).await;
    Ok(())
}
