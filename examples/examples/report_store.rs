//! From report-only to enforced, in one axum app: Balanced enforced, a strict candidate
//! policy in report-only mode, the browsers' reports collected into a SQLite report store
//! (`secure-headers-reports`), and the store's proposal for the candidate at `/proposal`.
//!
//! ```text
//! cargo run -p secure-headers-examples --example report_store
//! # open http://127.0.0.1:3000/ in a browser: its image from another origin is reported
//! curl -i -X POST -H 'content-type: application/csp-report' \
//!     --data '{"csp-report":{"document-uri":"http://127.0.0.1:3000/","effective-directive":"img-src","blocked-uri":"https://images.example/a.png","original-policy":"default-src '\''self'\''; img-src '\''self'\''","disposition":"report"}}' \
//!     http://127.0.0.1:3000/reports
//! curl http://127.0.0.1:3000/proposal
//! secure-headers reports summary --db reports.db   # the same store, from the CLI
//! ```
//!
//! Set `PORT` to listen on another port and `REPORT_DB` to use another store (a file
//! path, or a `postgres://` URL with the `postgres` feature).

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::response::Html;
use axum::routing::get;
use secure_headers::csp::Source;
use secure_headers::{ContentSecurityPolicy, CspNonce, Preset};
use secure_headers_reports::{ProposalOptions, Store, StoreWriter};

/// A page with a nonced inline script (allowed by the candidate) and an image from another
/// origin (reported by the candidate, which allows images from this origin only).
async fn index(axum::Extension(nonce): axum::Extension<CspNonce>) -> Html<String> {
    Html(format!(
        "<!doctype html><title>report store</title><body>\
         <script {}>document.body.append('this script carries the nonce')</script>\
         <img src=\"https://images.example/a.png\" alt=\"\">",
        nonce.attribute()
    ))
}

/// The proposal for the candidate, from the reports stored so far: the policy, then a line
/// per change with the reports behind it, and a line per task. Also printed.
async fn proposal(State(store): State<Arc<Store>>) -> String {
    let text = match store.propose(None, &ProposalOptions::default()) {
        Ok(Some(p)) => {
            let mut out = format!("{}\n", p.policy);
            for c in &p.changes {
                let reports: u64 = c.evidence.iter().map(|e| e.count).sum();
                out.push_str(&format!(
                    "+ {} {} ({reports} reports)\n",
                    c.directive, c.source
                ));
            }
            for t in &p.tasks {
                out.push_str(&format!("task: {} at {}\n", t.kind.describe(), t.location));
            }
            out
        }
        Ok(None) => "no report-only report yet\n".to_owned(),
        Err(e) => format!("error: {e}\n"),
    };
    print!("{text}");
    text
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3000);
    let db = std::env::var("REPORT_DB").unwrap_or_else(|_| "reports.db".into());

    // The store, and a writer thread that takes reports off the request path and writes
    // them in batches (a bounded queue: a flood is dropped and counted, never buffered).
    let store = Arc::new(Store::open(&db)?);
    let writer = StoreWriter::spawn(store.clone(), 4096);

    // Balanced, enforced; and the candidate, report-only: it blocks nothing, it reports.
    let secure = Preset::Balanced
        .builder()
        .csp_report_only(
            ContentSecurityPolicy::new()
                .default_src([Source::SELF])
                .script_src([Source::nonce(), Source::STRICT_DYNAMIC])
                .img_src([Source::SELF])
                .object_src([Source::NONE])
                .base_uri([Source::NONE])
                .report_uri(["/reports"])
                .report_only(),
        )
        .build()?;

    let app = Router::new()
        .route("/", get(index))
        .route("/proposal", get(proposal))
        .with_state(store)
        .route_service("/reports", writer.collector())
        .layer(secure);

    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!(
        "listening on http://{}, reports into {db}",
        listener.local_addr()?
    );
    axum::serve(listener, app).await?;
    Ok(())
}
