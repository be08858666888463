//! warp with the Balanced preset on every reply (rejections included: they are recovered
//! inside the wrapper), plus a per-request CSP nonce for inline scripts and a collector for
//! the violation reports; and two overrides: a route whose page may be framed by a partner,
//! and one reply with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example warp
//! curl -i http://127.0.0.1:3030/
//! curl -i -H 'X-Forwarded-Proto: https' http://127.0.0.1:3030/   # as the TLS proxy forwards it: with HSTS
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

use secure_headers::csp::Source;
use secure_headers::report::ReportCollector;
use secure_headers::transport::HstsMode;
use secure_headers::warp::{nonce, report_collector, wrap, wrap_override};
use secure_headers::{CspNonce, Secure, SecureOverride};
use warp::http::StatusCode;
use warp::{Filter, Rejection, Reply};

/// The body of `/embed/widget`.
const WIDGET: &str = "this page may be framed by https://partner.example";

/// The body of `/report`.
const STRICT: &str = "this response may not be framed at all";

/// The home page.
fn index_html() -> String {
    "<!doctype html><title>secure-headers</title><h1>Hello from warp</h1>".to_owned()
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
    let port = listen_port(3030);

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

    let index = warp::path::end().map(|| warp::reply::html(index_html()));
    // The nonce `wrap` made for this request, also in this reply's policy.
    let nonce_page = warp::path!("nonce")
        .and(nonce(&base))
        .map(|nonce: CspNonce| warp::reply::html(nonce_html(&nonce)));
    let widget = warp::path!("embed" / "widget").map(|| WIDGET);
    let report = warp::path!("report").map(move || {
        // This one reply carries its own header set.
        let mut response = STRICT.into_response();
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
