//! Rocket with the Balanced preset on every response, plus a per-request CSP nonce for inline
//! scripts and a collector for the violation reports; and two overrides: routes whose pages
//! may be framed by a partner, and one response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example rocket
//! curl -i http://127.0.0.1:8000/
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
use secure_headers::{CspNonce, Secure, SecureOverride};

#[get("/")]
fn index() -> RawHtml<&'static str> {
    RawHtml("<!doctype html><title>secure-headers</title><h1>Hello from Rocket</h1>")
}

/// The nonce the fairing made for this request, also in this response's policy.
#[get("/nonce")]
fn nonce_page(nonce: CspNonce) -> RawHtml<String> {
    RawHtml(format!(
        "<!doctype html><title>nonce</title><body>\
         <script {}>document.body.append('allowed: this script carries the nonce')</script>\
         <script>document.body.append('blocked: no nonce')</script>",
        nonce.attribute()
    ))
}

#[get("/widget")]
fn widget() -> &'static str {
    "this page may be framed by https://partner.example"
}

#[get("/report")]
fn report(strict: &State<SecureOverride>) -> WithSecureOverride<&'static str> {
    WithSecureOverride(
        strict.inner().clone(),
        "this response may not be framed at all",
    )
}

#[rocket::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8000);

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
