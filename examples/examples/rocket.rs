//! Rocket with the Balanced preset on every response, and two overrides: routes whose
//! pages may be framed by a partner, and one response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example rocket
//! curl -i http://127.0.0.1:8000/
//! curl -i http://127.0.0.1:8000/embed/widget
//! curl -i http://127.0.0.1:8000/report
//! ```
//!
//! Set `PORT` to listen on another port.

use rocket::fairing::AdHoc;
use rocket::response::content::RawHtml;
use rocket::shield::Shield;
use rocket::{State, get, routes};
use secure_headers::rocket::WithSecureOverride;
use secure_headers::{Secure, SecureOverride};

#[get("/")]
fn index() -> RawHtml<&'static str> {
    RawHtml("<!doctype html><title>secure-headers</title><h1>Hello from Rocket</h1>")
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

    // Built and validated once, at start-up.
    let base = Secure::with_default_headers();
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
        .mount("/", routes![index, report])
        .mount("/embed", embeddable.wrap(routes![widget]))
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
