//! Runs one way of applying the Balanced headers N times, for instruction counting under
//! `valgrind --tool=callgrind` (counts do not depend on the machine's load; the difference
//! between two values of N cancels the start-up cost):
//!
//! ```text
//! cargo build --release -p secure-headers-examples --example apply_cost
//! for mode in none floor secure nonce; do for n in 10000 60000; do
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/apply_cost $mode $n 2>&1 | grep refs
//! done; done
//! ```
//!
//! `none` only builds and drops the application's response (the baseline to subtract);
//! `floor` inserts the same pre-built static pairs by hand; `secure` is `Secure::set_headers`;
//! `nonce` is Balanced with `script-src 'nonce-…' 'strict-dynamic'`, a fresh nonce per
//! response (the `getrandom` call included) and the CSP rendered from its template.

use std::hint::black_box;

use secure_headers::csp::Source;
use secure_headers::http::{HeaderMap, HeaderName, HeaderValue, header};
use secure_headers::{Preset, Secure};

fn app_response() -> HeaderMap {
    let mut m = HeaderMap::with_capacity(32);
    m.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    m.insert(header::CONTENT_LENGTH, HeaderValue::from_static("1234"));
    m
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "secure".into());
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);

    let secure = Secure::from_preset(Preset::Balanced);
    let nonce = Preset::Balanced
        .builder()
        .map_csp(|csp| csp.script_src([Source::nonce(), Source::STRICT_DYNAMIC]))
        .build()
        .expect("valid");
    let pairs: Vec<(HeaderName, HeaderValue)> = secure
        .entries()
        .iter()
        .map(|e| (e.header_name().clone(), e.value().clone()))
        .collect();

    let mut total = 0;
    for _ in 0..n {
        let mut m = app_response();
        match mode.as_str() {
            "floor" => {
                for (name, value) in &pairs {
                    m.insert(name.clone(), value.clone());
                }
            }
            "secure" => black_box(&secure).set_headers(&mut m),
            "none" => {}
            "nonce" => {
                let cx = black_box(&nonce).request_context();
                nonce.set_headers_with(&mut m, &cx);
            }
            other => panic!("unknown mode {other}"),
        }
        total += black_box(&m).len();
    }
    println!("{mode}: {n} responses, {total} headers");
}
