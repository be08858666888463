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
use secure_headers::{CspNonce, SecureOverride};
use secure_headers_examples as site;

#[handler]
fn index() -> Html<String> {
    Html(site::index_page("poem"))
}

/// The nonce the middleware made for this request, also in this response's policy.
#[handler]
fn nonce_page(Data(nonce): Data<&CspNonce>) -> Html<String> {
    Html(site::nonce_page(nonce))
}

#[handler]
fn widget() -> &'static str {
    site::WIDGET
}

#[handler]
fn report(Data(strict): Data<&SecureOverride>) -> Response {
    // This one response carries its own header set.
    Response::builder()
        .extension(strict.clone())
        .body(site::STRICT)
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
