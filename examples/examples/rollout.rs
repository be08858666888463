//! A CSP roll-out with the report store: the demo shop of
//! `secure_headers_examples::rollout`, with the Balanced preset enforced and a strict
//! candidate in report-only, its reports stored in a SQLite file.
//!
//! ```text
//! cargo run -p secure-headers-examples --example rollout
//! # open the printed URL in a browser and visit every page, then:
//! cargo run -p secure-headers-cli -- reports propose --db rollout.db
//! ```
//!
//! Set `PORT` to listen on another port (the other origin takes a free one), `REPORT_DB` for
//! another store (a file path or a `postgres://` URL).

use std::sync::Arc;

use secure_headers_examples::rollout::{Demo, other_origin, serve};
use secure_headers_reports::{Store, StoreWriter};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3000);
    let db = std::env::var("REPORT_DB").unwrap_or_else(|_| "rollout.db".to_owned());
    let store = Arc::new(Store::open(&db)?);
    let writer = StoreWriter::spawn(store, 4096);
    let other = serve(other_origin(), 0).await?;
    let shop = serve(
        Demo::new(format!("http://{other}")).app(writer.collector())?,
        port,
    )
    .await?;
    println!("the shop:         http://{shop}/");
    println!("the other origin: http://{other}/");
    println!("reports go to {db}; then: secure-headers reports propose --db {db}");
    tokio::signal::ctrl_c().await?;
    writer.close();
    Ok(())
}
