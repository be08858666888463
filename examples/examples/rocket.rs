//! Rocket with the Balanced preset on every response, plus a per-request CSP nonce for inline
//! scripts and a collector for the violation reports; and two overrides: routes whose pages
//! may be framed by a partner, and one response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example rocket
//! curl -i http://127.0.0.1:8000/
//! curl -i -H 'X-Forwarded-Proto: https' http://127.0.0.1:8000/   # as the TLS proxy forwards it: with HSTS
//! curl -i http://127.0.0.1:8000/nonce
//! curl -i http://127.0.0.1:8000/embed/widget
//! curl -i http://127.0.0.1:8000/report
//! curl -i -X POST -H 'content-type: application/csp-report' \
//!     --data '{"csp-report":{"document-uri":"http://x/","violated-directive":"script-src","blocked-uri":"inline"}}' \
//!     http://127.0.0.1:8000/csp-reports
//! ```
//!
//! Open `/nonce` in a browser: the script carrying the nonce runs, the one without it is
//! blocked, and the server prints the browser's report.
//!
//! Set `PORT` to listen on another port.

use rocket::fairing::AdHoc;
use rocket::response::content::RawHtml;
use rocket::shield::Shield;
use rocket::{State, get, routes};
use secure_headers::csp::Source;
use secure_headers::report::ReportCollector;
use secure_headers::rocket::WithSecureOverride;
use secure_headers::transport::HstsMode;
use secure_headers::{CspNonce, Secure, SecureOverride};

/// The body of `/embed/widget`.
const WIDGET: &str = "this page may be framed by https://partner.example";

/// The body of `/report`.
const STRICT: &str = "this response may not be framed at all";

/// The home page.
fn index_html() -> String {
    "<!doctype html><title>secure-headers</title><h1>Hello from Rocket</h1>".to_owned()
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

#[get("/")]
fn index() -> RawHtml<String> {
    RawHtml(index_html())
}

/// The nonce the fairing made for this request, also in this response's policy.
#[get("/nonce")]
fn nonce_page(nonce: CspNonce) -> RawHtml<String> {
    RawHtml(nonce_html(&nonce))
}

#[get("/widget")]
fn widget() -> &'static str {
    WIDGET
}

#[get("/report")]
fn report(strict: &State<SecureOverride>) -> WithSecureOverride<&'static str> {
    WithSecureOverride(strict.inner().clone(), STRICT)
}

#[rocket::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = listen_port(8000);

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

    let config = rocket::Config {
        address: std::net::Ipv4Addr::LOCALHOST.into(),
        port,
        ..rocket::Config::default()
    };
    let _ = rocket::custom(config)
        .mount("/", routes![index, nonce_page, report])
        .mount("/embed", embeddable.wrap(routes![widget]))
        .mount("/csp-reports", collector)
        .manage(strict)
        // Rocket's default Shield would put X-Frame-Options back on /embed/widget.
        .attach(Shield::new())
        .attach(base)
        .attach(AdHoc::on_liftoff("address", |rocket| {
            Box::pin(async move {
                let config = rocket.config();
                println!("listening on http://{}:{}", config.address, config.port);
            })
        }))
        .launch()
        .await?;
    Ok(())
}
