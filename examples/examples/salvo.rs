//! salvo with the Balanced preset on every response (404s included: the hoop is on the
//! `Service`), and two overrides: a router whose pages may be framed by a partner, and one
//! response with a stricter policy.
//!
//! ```text
//! cargo run -p secure-headers-examples --example salvo
//! curl -i http://127.0.0.1:8698/
//! curl -i http://127.0.0.1:8698/embed/widget
//! curl -i http://127.0.0.1:8698/report
//! ```
//!
//! Set `PORT` to listen on another port.

use salvo::conn::TcpListener;
use salvo::prelude::*;
use secure_headers::{Secure, SecureOverride};

#[handler]
async fn index(res: &mut Response) {
    res.render(Text::Html(
        "<!doctype html><title>secure-headers</title><h1>Hello from salvo</h1>",
    ));
}

#[handler]
async fn widget() -> &'static str {
    "this page may be framed by https://partner.example"
}

/// This one response carries its own header set.
struct Report(SecureOverride);

#[async_trait]
impl Handler for Report {
    async fn handle(&self, _: &mut Request, _: &mut Depot, res: &mut Response, _: &mut FlowCtrl) {
        res.extensions.insert(self.0.clone());
        res.render("this response may not be framed at all");
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8698);

    // Built and validated once, at start-up.
    let base = Secure::with_default_headers();
    let embeddable = SecureOverride::new(base.derive(|b| {
        b.without("X-Frame-Options")
            .map_csp(|csp| csp.frame_ancestors(["https://partner.example"]))
    })?);
    let strict = SecureOverride::new(base.derive(|b| b.map_xfo(|xfo| xfo.deny()))?);

    let router = Router::new()
        .get(index)
        .push(Router::with_path("report").get(Report(strict)))
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
