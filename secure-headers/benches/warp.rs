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
//!
//! Why `wrap` stays above 1.10 times the floor (one build, `N=2000
//! scripts/bench-frameworks.sh warp`; figures move by tens between builds): the floor's
//! overhead over `none` is 3017 instructions a request, so 1.10 allows 3319;
//! `wrap_replies` takes 3243 of them (1.075), which leaves 76 for what `wrap` adds to it.
//! `wrap` takes a `Secure` that may read the request, so it chooses per request between
//! inspecting the method only and inspecting a view of the request, and warp's only
//! runtime branch is `or` over a filter that rejects (`and_then`). That choice alone costs
//! more than the 76 left. Per function, `wrap` (`ours_balanced`, 5065) against
//! `wrap_replies` (`ours_replies_balanced`, 4547), instructions a request:
//!
//! | function                                      | wrap | wrap_replies | difference |
//! |-----------------------------------------------|-----:|-------------:|-----------:|
//! | `AndThenFuture::poll` (the method's `and_then`, with the inspection) | 161 | 0 | +161 |
//! | `EitherFuture::poll` (`or`, the apply inlined) / `ResponseOnly::apply` | 1856 | 1733 | +123 |
//! | `__memcpy` (the larger future moved)          |  303 |          198 |       +105 |
//! | `Or::filter` (matched-path index, second branch cloned) | 63 | 0 | +63 |
//! | drops of the `or` and `and_then` states       |   89 |           28 |        +61 |
//! | `AndFuture::poll`                             |   71 |           27 |        +44 |
//! | `ScopedKey::set`                              |    0 |           65 |        -65 |
//! | rest (the harness closure, calls)             |      |              |        +26 |
//! | total                                         | 5065 |         4547 |       +518 |
//!
//! For a `Secure` that reads nothing of the request, [`wrap_replies`] is the entry point
//! within the budget. In paired wall clock `wrap` is further off (1.58 to 1.68 over two
//! builds, against 1.19 to 1.27 for `wrap_replies` and 1.06 to 1.11 for `floor_method`).
//!
//! [`wrap_replies`]: secure_headers::warp::wrap_replies

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
    // A filter that may reject (a path filter), as most routes are: `wrap` and
    // `wrap_replies` take their other implementation for it.
    let routed = || warp::path::end().map(|| "hello, world");
    let ours_routed = |secure: Secure| {
        warp::service(routed().with(warp::wrap_fn(move |f| {
            secure_headers::warp::wrap(f, secure.clone())
        })))
    };
    let replies_routed = |secure: Secure| {
        let secure = ResponseOnly::new(secure).expect("reads nothing of the request");
        warp::service(routed().with(warp::wrap_fn(move |f| {
            secure_headers::warp::wrap_replies(f, secure.clone())
        })))
    };
    let native: HeaderMap = FLOOR.into_iter().collect();
    harness::run_groups(
        "warp",
        vec![
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
            vec![
                warp_stack("routed_none", Expect::Nothing, warp::service(routed())),
                warp_stack(
                    "routed_floor",
                    Expect::Balanced,
                    warp::service(routed().map(|reply: &'static str| {
                        let mut response = reply.into_response();
                        balanced::insert_floor(response.headers_mut());
                        response
                    })),
                ),
                warp_stack(
                    "routed_ours_balanced",
                    Expect::Balanced,
                    ours_routed(harness::balanced()),
                ),
                warp_stack(
                    "routed_replies_balanced",
                    Expect::Balanced,
                    replies_routed(harness::balanced()),
                ),
            ],
        ],
    );
}
