//! actix-web with the Balanced preset on every response, plus a per-request CSP nonce for
//! inline scripts and a collector for the violation reports; and two overrides: a scope
//! whose pages may be framed by a partner, and one response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example actix_web
//! curl -i http://127.0.0.1:8080/
//! curl -i http://127.0.0.1:8080/nonce
//! curl -i http://127.0.0.1:8080/embed/widget
//! curl -i http://127.0.0.1:8080/report
//! curl -i -X POST -H 'content-type: application/csp-report' \
//!     --data '{"csp-report":{"document-uri":"http://x/","violated-directive":"script-src","blocked-uri":"inline"}}' \
//!     http://127.0.0.1:8080/csp-reports
//! ```
//!
//! Open `/nonce` in a browser: the script carrying the nonce runs, the one without it is
//! blocked, and the server prints the browser's report.
//!
//! Set `PORT` to listen on another port.

use actix_web::{App, HttpResponse, HttpServer, web};
use secure_headers::actix_web::WithSecureOverride;
use secure_headers::{CspNonce, SecureOverride};
use secure_headers_examples as site;

async fn index() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(site::index_page("actix-web"))
}

/// The nonce the middleware made for this request, also in this response's policy.
async fn nonce_page(nonce: CspNonce) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(site::nonce_page(&nonce))
}

async fn widget() -> &'static str {
    site::WIDGET
}

async fn report(strict: web::Data<SecureOverride>) -> WithSecureOverride<&'static str> {
    WithSecureOverride(strict.get_ref().clone(), site::STRICT)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = site::port(8080);

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

    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(strict.clone()))
            .route("/", web::get().to(index))
            .route("/nonce", web::get().to(nonce_page))
            .route("/report", web::get().to(report))
            .service(web::resource("/csp-reports").to(collector.clone()))
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
