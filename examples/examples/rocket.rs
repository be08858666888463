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
use secure_headers::rocket::WithSecureOverride;
use secure_headers::{CspNonce, SecureOverride};
use secure_headers_examples as site;

#[get("/")]
fn index() -> RawHtml<String> {
    RawHtml(site::index_page("Rocket"))
}

/// The nonce the fairing made for this request, also in this response's policy.
#[get("/nonce")]
fn nonce_page(nonce: CspNonce) -> RawHtml<String> {
    RawHtml(site::nonce_page(&nonce))
}

#[get("/widget")]
fn widget() -> &'static str {
    site::WIDGET
}

#[get("/report")]
fn report(strict: &State<SecureOverride>) -> WithSecureOverride<&'static str> {
    WithSecureOverride(strict.inner().clone(), site::STRICT)
}

#[rocket::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = site::port(8000);

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
