//! warp with the Balanced preset on every reply (rejections included: they are recovered
//! inside the wrapper), plus a per-request CSP nonce for inline scripts and a collector for
//! the violation reports; and two overrides: a route whose page may be framed by a partner,
//! and one reply with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example warp
//! curl -i http://127.0.0.1:3030/
//! curl -i http://127.0.0.1:3030/nonce
//! curl -i http://127.0.0.1:3030/embed/widget
//! curl -i http://127.0.0.1:3030/report
//! curl -i -X POST -H 'content-type: application/csp-report' \
//!     --data '{"csp-report":{"document-uri":"http://x/","violated-directive":"script-src","blocked-uri":"inline"}}' \
//!     http://127.0.0.1:3030/csp-reports
//! ```
//!
//! Open `/nonce` in a browser: the script carrying the nonce runs, the one without it is
//! blocked, and the server prints the browser's report.
//!
//! Set `PORT` to listen on another port.

use std::convert::Infallible;

use secure_headers::CspNonce;
use secure_headers::warp::{nonce, report_collector, wrap, wrap_override};
use secure_headers_examples as site;
use warp::http::StatusCode;
use warp::{Filter, Rejection, Reply};

/// Rejections become replies here, inside `wrap`, so they get the headers too.
async fn handle_rejection(err: Rejection) -> Result<impl Reply, Infallible> {
    let status = if err.is_not_found() {
        StatusCode::NOT_FOUND
    } else if err.find::<warp::reject::MethodNotAllowed>().is_some() {
        StatusCode::METHOD_NOT_ALLOWED
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    };
    Ok(warp::reply::with_status(
        status.canonical_reason().unwrap_or(""),
        status,
    ))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = site::port(3030);

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

    let index = warp::path::end().map(|| warp::reply::html(site::index_page("warp")));
    // The nonce `wrap` made for this request, also in this reply's policy.
    let nonce_page = warp::path!("nonce")
        .and(nonce())
        .map(|nonce: CspNonce| warp::reply::html(site::nonce_page(&nonce)));
    let widget = warp::path!("embed" / "widget").map(|| site::WIDGET);
    let report = warp::path!("report").map(move || {
        // This one reply carries its own header set.
        let mut response = site::STRICT.into_response();
        response.extensions_mut().insert(strict.clone());
        response
    });
    let reports_route = warp::path!("csp-reports").and(report_collector(collector));

    let routes = index
        .or(nonce_page)
        .or(wrap_override(widget, embeddable))
        .or(report)
        .or(reports_route)
        .recover(handle_rejection);
    let routes = wrap(routes, base);

    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    warp::serve(routes).incoming(listener).run().await;
    Ok(())
}
