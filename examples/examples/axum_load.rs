//! The server that `scripts/load-test.sh` drives: a hello-world axum app on a single-threaded
//! runtime, in one of three modes chosen by the first argument:
//!
//! - `secure`: the Balanced preset through `secure-headers`' tower layer;
//! - `floor`: the same nine headers inserted by a hand-written `map_response` from pre-built
//!   static pairs (the least any middleware can do);
//! - `none`: no security header at all.
//!
//! ```text
//! cargo build --release -p secure-headers-examples --example axum_load
//! target/release/examples/axum_load secure 127.0.0.1:8181
//! ```
//!
//! It prints `listening on http://ADDR` once it accepts connections.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;
use axum::routing::get;
use secure_headers::Secure;
use tower::util::MapResponseLayer;

/// The Balanced preset as pre-built static pairs.
static FLOOR: [(HeaderName, HeaderValue); 9] = [
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    ),
    (
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    ),
    (
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests",
        ),
    ),
    (
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000; includeSubDomains"),
    ),
    (
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("geolocation=(), microphone=(), camera=()"),
    ),
    (
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    ),
    (header::SERVER, HeaderValue::from_static("")),
    (
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ),
    (
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    ),
];

fn floor(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in &FLOOR {
        headers.insert(name.clone(), value.clone());
    }
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
        "floor" => app.layer(MapResponseLayer::new(floor)),
        "none" => app,
        other => return Err(format!("unknown mode {other:?}: secure, floor or none").into()),
    };

    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
