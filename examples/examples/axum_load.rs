//! The server that `scripts/load-test.sh` drives: a hello-world axum app on a single-threaded
//! runtime, in one of four modes chosen by the first argument:
//!
//! - `secure`: the Balanced preset through `secure-headers`' tower layer;
//! - `nonce`: the same with `script-src 'self' 'nonce-…' 'strict-dynamic'`, a fresh nonce
//!   per request (made, handed to the handler and filled into the CSP);
//! - `floor`: the same nine headers inserted by a hand-written `map_response`: room for
//!   nine reserved first, then `const` pairs moved in (the least any middleware can do);
//! - `none`: no security header at all.
//!
//! ```text
//! cargo build --release -p secure-headers-examples --example axum_load
//! target/release/examples/axum_load secure 127.0.0.1:8181
//! ```
//!
//! It prints `listening on http://ADDR` once it accepts connections.

use axum::Router;
use axum::response::Response;
use axum::routing::get;
use secure_headers::csp::Source;
use secure_headers::{Preset, Secure};
use tower::util::MapResponseLayer;

#[path = "../../secure-headers/benches/support/balanced.rs"]
mod balanced;

fn floor(mut response: Response) -> Response {
    balanced::insert_floor(response.headers_mut());
    response
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "secure".to_owned());
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:0".to_owned());

    let app = Router::new().route("/", get(|| async { "Hello, World!" }));
    let app = match mode.as_str() {
        "secure" => app.layer(Secure::with_default_headers()),
        "nonce" => app.layer(
            Preset::Balanced
                .builder()
                .map_csp(|csp| csp.script_src([Source::nonce(), Source::STRICT_DYNAMIC]))
                .build()?,
        ),
        "floor" => app.layer(MapResponseLayer::new(floor)),
        "none" => app,
        other => {
            return Err(format!("unknown mode {other:?}: secure, nonce, floor or none").into());
        }
    };

    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
