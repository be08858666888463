//! actix-web with the Balanced preset on every response, and two overrides: a scope whose
//! pages may be framed by a partner, and one response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example actix_web
//! curl -i http://127.0.0.1:8080/
//! curl -i http://127.0.0.1:8080/embed/widget
//! curl -i http://127.0.0.1:8080/report
//! ```
//!
//! Set `PORT` to listen on another port.

use actix_web::{App, HttpResponse, HttpServer, web};
use secure_headers::actix_web::WithSecureOverride;
use secure_headers::{Secure, SecureOverride};

async fn index() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body("<!doctype html><title>secure-headers</title><h1>Hello from actix-web</h1>")
}

async fn widget() -> &'static str {
    "this page may be framed by https://partner.example"
}

async fn report(strict: web::Data<SecureOverride>) -> WithSecureOverride<&'static str> {
    WithSecureOverride(
        strict.get_ref().clone(),
        "this response may not be framed at all",
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080);

    // Built and validated once, at start-up.
    let base = Secure::with_default_headers();
    let embeddable = SecureOverride::new(base.derive(|b| {
        b.without("X-Frame-Options")
            .map_csp(|csp| csp.frame_ancestors(["https://partner.example"]))
    })?);
    let strict = SecureOverride::new(base.derive(|b| b.map_xfo(|xfo| xfo.deny()))?);

    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(strict.clone()))
            .route("/", web::get().to(index))
            .route("/report", web::get().to(report))
            .service(
                web::scope("/embed")
                    .wrap(embeddable.clone())
                    .route("/widget", web::get().to(widget)),
            )
            .wrap(base.clone())
    })
    .bind(("127.0.0.1", port))?;

    for addr in server.addrs() {
        println!("listening on http://{addr}");
    }
    actix_web::rt::System::new().block_on(server.run())?;
    Ok(())
}
