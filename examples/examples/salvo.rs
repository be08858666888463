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
use secure_headers::{CspNonce, SecureOverride};
use secure_headers_examples as site;

#[handler]
async fn index(res: &mut Response) {
    res.render(Text::Html(site::index_page("salvo")));
}

/// The nonce the hoop made for this request (in the depot), also in this response's policy.
#[handler]
async fn nonce_page(depot: &mut Depot, res: &mut Response) {
    let Ok(nonce) = depot.get_typed::<CspNonce>() else {
        res.status_code(StatusCode::INTERNAL_SERVER_ERROR);
        return;
    };
    res.render(Text::Html(site::nonce_page(nonce)));
}

#[handler]
async fn widget() -> &'static str {
    site::WIDGET
}

/// This one response carries its own header set.
struct Report(SecureOverride);

#[async_trait]
impl Handler for Report {
    async fn handle(&self, _: &mut Request, _: &mut Depot, res: &mut Response, _: &mut FlowCtrl) {
        res.extensions.insert(self.0.clone());
        res.render(site::STRICT);
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = site::port(8698);

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
