//! salvo with the Balanced preset on every response (404s included: the hoop is on the
//! `Service`), plus a per-request CSP nonce for inline scripts and a collector for the
//! violation reports; and two overrides: a router whose pages may be framed by a partner,
//! and one response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example salvo
//! curl -i http://127.0.0.1:8698/
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
use secure_headers::{CspNonce, Secure, SecureOverride};

#[handler]
async fn index(res: &mut Response) {
    res.render(Text::Html(
        "<!doctype html><title>secure-headers</title><h1>Hello from salvo</h1>",
    ));
}

/// The nonce the hoop made for this request (in the depot), also in this response's policy.
#[handler]
async fn nonce_page(depot: &mut Depot, res: &mut Response) {
    let Ok(nonce) = depot.get_typed::<CspNonce>() else {
        res.status_code(StatusCode::INTERNAL_SERVER_ERROR);
        return;
    };
    res.render(Text::Html(format!(
        "<!doctype html><title>nonce</title><body>\
         <script {}>document.body.append('allowed: this script carries the nonce')</script>\
         <script>document.body.append('blocked: no nonce')</script>",
        nonce.attribute()
    )));
}

#[handler]
async fn widget() -> &'static str {
    "this page may be framed by https://partner.example"
}

/// This one response carries its own header set.
struct Report(SecureOverride);

#[async_trait]
impl Handler for Report {
    async fn handle(&self, _: &mut Request, _: &mut Depot, res: &mut Response, _: &mut FlowCtrl) {
        res.extensions.insert(self.0.clone());
        res.render("this response may not be framed at all");
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8698);

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
