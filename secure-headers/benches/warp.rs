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
//!   request: these two do not);
//! - a second group, `routed_…`, over a filter that may reject (`warp::path::end()`, the
//!   shape of most routes), which `wrap` and `wrap_replies` serve with their other
//!   implementation: `routed_none`, `routed_floor`, and `routed_ours_balanced`,
//!   `routed_replies_balanced` as above.
//!
//! Run with `cargo bench -p secure-headers --features warp --bench warp` (paired wall
//! clock), and `scripts/bench-frameworks.sh warp` for instructions per request.
//!
//! Instructions per request (one build, `N=2000 scripts/bench-frameworks.sh warp`), and
//! the `lock`-prefixed instructions executed per request (callgrind `--dump-instr=yes`,
//! each such address of `objdump -d` counted; the bench's counting allocator does one per
//! allocation, 6 for the floor, and every other one here is an `Arc` count going up or
//! down):
//!
//! | stack                     | instr/req | vs floor | lock/req |
//! |---------------------------|----------:|---------:|---------:|
//! | `floor`                   |      4505 |    1.000 |        6 |
//! | `floor_method`            |      4721 |    1.067 |        6 |
//! | `native`                  |      4694 |    1.059 |        6 |
//! | `ours_balanced`           |      4883 |    1.118 |       10 |
//! | `ours_custom_csp`         |      4900 |    1.123 |          |
//! | `ours_replies_balanced`   |      4942 |    1.137 |        8 |
//! | `ours_replies_custom_csp` |      4959 |    1.142 |          |
//! | `routed_floor`            |      4623 |    1.000 |        6 |
//! | `routed_ours_balanced`    |      5297 |    1.210 |       10 |
//! | `routed_replies_balanced` |      4919 |    1.092 |        8 |
//!
//! Paired wall clock (the bench binary run 8 to 22 times a build, two builds, load 4 to 5
//! on 2 shared cores; per-run medians): `ours_balanced` 1.25 to 1.50, `wrap_replies`
//! (`ours_replies_balanced`) 1.12 to 1.29, `floor_method` 1.02 to 1.18,
//! `routed_ours_balanced` 1.17 to 1.44, `routed_replies_balanced` 0.98 to 1.21. Run
//! alternately with the build before the changes below, in the same minutes: `wrap` 1.51 to
//! 1.76 before, 1.27 to 1.42 after; `wrap_replies` 1.18 to 1.29 before, 1.15 to 1.23 after.
//!
//! Where wall clock and instructions disagree, and why (measured). warp clones every
//! callback into each request's future (`Map`, `AndThen`, `Recover`), and an `or` or
//! `and` its second filter, so every `Secure` held there is an atomic increment and
//! decrement per request, which callgrind counts as two instructions and a core pays
//! tens of cycles for. `wrap` held it in four such places (14 `lock` instructions a
//! request, against the floor's 6), which made it 1.39 to 1.76 in wall clock for 1.24 in
//! instructions; it now holds it in two (10): the `map` that applies the headers, and
//! the box of the inspecting branch, which `or` clones whether it runs or not
//! (`wrap_replies` holds it in one, 8, the least a `'static` future can: it must own a
//! handle on the headers). A `recover` holds nothing (an early answer carries whose
//! headers it gets) and the inspection's view branch holds the `Secure` only when it is
//! the branch taken. Callgrind's cache and branch simulation (`--cache`) shows no
//! difference that would explain the rest: 0 first-level instruction-cache misses a
//! request for every first-group stack in this build (6 for `wrap` before), 23 to 28
//! mispredicted branches for all of them (30 to 34 before); `routed_ours_balanced` 7 and
//! 36, against 0 and 30 for `routed_replies_balanced`.
//!
//! Why `wrap` is still further from the floor than `wrap_replies` in wall clock while it
//! runs fewer instructions in this build (4883 against 4942): `http`'s insert
//! (`HeaderMap::try_insert2`, one copy for every insert of a `HeaderName` in the bench
//! crate) is inlined into `wrap`'s path and not into `wrap_replies`' (nor into the
//! floor's, which it was in the build before these changes: the floor was 4321 there, so
//! every ratio moves with it). Per function, instructions a request:
//!
//! | function                                      | wrap | wrap_replies | difference |
//! |-----------------------------------------------|-----:|-------------:|-----------:|
//! | `EitherFuture::poll` (`or`, the apply and the insert inlined) | 1825 | 0 | +1825 |
//! | `HeaderMap::try_insert2` (out of line)        |    0 |         1609 |      -1609 |
//! | `ScopedKey::set` (the apply inlined)          |    0 |          595 |       -595 |
//! | `__memcpy` (the larger future moved)          |  303 |          198 |       +105 |
//! | `AndThenFuture::poll` (the gate)              |   53 |            0 |        +53 |
//! | `Or::filter` (matched-path index, second branch cloned) | 50 | 0 | +50 |
//! | drops of the `or` and `and_then` states       |   73 |           28 |        +45 |
//! | `AndFuture::poll`                             |   68 |           27 |        +41 |
//! | rest (the harness closure, calls)             |      |              |        +26 |
//! | total                                         | 4883 |         4942 |        -59 |
//!
//! Without the inlining difference (about 400 instructions, nine inserts), what `wrap`
//! adds to `wrap_replies` is about 320 instructions of warp's combinators (the gate that
//! refers a `Secure` that reads the request to the other branch, the `or`, the larger
//! future moved) and one more reference count: as before, `wrap` cannot come within 1.10
//! of the floor, because choosing per request between the two inspections takes warp's
//! `or` over a filter that rejects, its only runtime branch. For a filter that may reject
//! (`routed_…`), per function `routed_ours_balanced` against `routed_replies_balanced`:
//! the inspection's `and_then` +161, `or` +49 and +45, drops of its states +103, `__memcpy`
//! +41, total +378. For a `Secure` that reads nothing of the request, [`wrap_replies`] is
//! the entry point within the budget in instructions (1.09 to 1.14, by how `http`'s insert
//! is inlined).
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
