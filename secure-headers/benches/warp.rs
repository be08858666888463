//! Per-request cost of the security headers in warp 0.4, in one run, each stack the same
//! filter (any request answered with a short text body) turned into a service with
//! `warp::service` and called in-process:
//!
//! - `none`: the filter alone;
//! - `floor`: `Filter::map` turning the reply into a response, reserving room for nine
//!   headers and moving in `const` `(HeaderName, HeaderValue)` pairs;
//! - `floor_method`: the floor reading the request's method first (`warp::method().and(..)`),
//!   as any wrapper that leaves a tunnel's answer alone must: the least such a wrapper
//!   costs in warp, whose filters cannot be written outside the crate;
//! - `native`: warp's `reply::with::headers` with the nine headers;
//! - `ours_balanced`, `ours_custom_csp`: `.with(warp::wrap_fn(...))` over
//!   `secure_headers::warp::wrap`;
//! - `ours_replies_balanced`, `ours_replies_custom_csp`: the same over
//!   `secure_headers::warp::wrap_replies` (for a `Secure` that reads nothing of the
//!   request: these two do not).
//!
//! Run with `cargo bench -p secure-headers --features warp --bench warp` (paired wall
//! clock), and `scripts/bench-frameworks.sh warp` for instructions per request.

use std::convert::Infallible;

use secure_headers::Secure;
use secure_headers::http::{HeaderMap, Request};
use secure_headers::warp::ResponseOnly;
use tower::Service;
use warp::Filter;
use warp::reply::{Reply, Response};

#[path = "support/counting.rs"]
mod counting;

#[path = "support/balanced.rs"]
mod balanced;

#[path = "support/harness.rs"]
mod harness;

use balanced::FLOOR;
use harness::{Expect, Headers, stack};

fn headers(response: &Response) -> Headers {
    harness::listed(response.headers())
}

/// A stack of `service` (a filter as a service, `warp::service(filter)`).
fn warp_stack<'a, S>(name: &'static str, expect: Expect, mut service: S) -> harness::Stack<'a>
where
    S: Service<Request<String>, Response = Response, Error = Infallible> + 'a,
{
    stack(
        name,
        expect,
        move || {
            let Ok(response) = harness::ready(service.call(Request::new(String::new())));
            response
        },
        headers,
    )
}

fn main() {
    let app = || warp::any().map(|| "hello, world");
    let ours = |secure: Secure| {
        warp::service(app().with(warp::wrap_fn(move |f| {
            secure_headers::warp::wrap(f, secure.clone())
        })))
    };
    let replies = |secure: Secure| {
        let secure = ResponseOnly::new(secure).expect("reads nothing of the request");
        warp::service(app().with(warp::wrap_fn(move |f| {
            secure_headers::warp::wrap_replies(f, secure.clone())
        })))
    };
    let native: HeaderMap = FLOOR.into_iter().collect();
    harness::run(
        "warp",
        vec![
            warp_stack(harness::NONE, Expect::Nothing, warp::service(app())),
            warp_stack(
                harness::FLOOR_STACK,
                Expect::Balanced,
                warp::service(app().map(|reply: &'static str| {
                    let mut response = reply.into_response();
                    balanced::insert_floor(response.headers_mut());
                    response
                })),
            ),
            warp_stack(
                "floor_method",
                Expect::Balanced,
                warp::service(warp::method().and(app()).map(
                    |method: warp::http::Method, reply: &'static str| {
                        let mut response = reply.into_response();
                        if method != warp::http::Method::CONNECT {
                            balanced::insert_floor(response.headers_mut());
                        }
                        response
                    },
                )),
            ),
            warp_stack(
                harness::NATIVE,
                Expect::Balanced,
                warp::service(app().with(warp::reply::with::headers(native))),
            ),
            warp_stack(harness::OURS, Expect::Balanced, ours(harness::balanced())),
            warp_stack(
                harness::OURS_CUSTOM,
                Expect::Custom,
                ours(harness::customized()),
            ),
            warp_stack(
                "ours_replies_balanced",
                Expect::Balanced,
                replies(harness::balanced()),
            ),
            warp_stack(
                "ours_replies_custom_csp",
                Expect::Custom,
                replies(harness::customized()),
            ),
        ],
    );
}
