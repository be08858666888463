//! Per-request cost of the security headers in poem 3, in one run, each stack the same
//! route (`GET /` answering a short text body) called in-process with
//! `Endpoint::get_response`:
//!
//! - `none`: the route alone;
//! - `floor`: a hand-written `Endpoint` wrapper reserving room for nine headers in the inner
//!   endpoint's (`Ok`) response, then moving in `const` `(HeaderName, HeaderValue)` pairs;
//! - `native`: poem's `SetHeader` middleware with the nine headers (`overriding`);
//! - `ours_balanced`, `ours_custom_csp`: `.with(secure)`.
//!
//! Run with `cargo bench -p secure-headers --features poem --bench poem` (paired wall
//! clock), and `scripts/bench-frameworks.sh poem` for instructions per request.
//!
//! Where ours stands (`N=2000 scripts/bench-frameworks.sh poem`, two builds alike): `none`
//! takes 5817 instructions a request and the floor 8908, an overhead of 3091, so 1.10
//! times the floor allows 3400 (9217). `SetHeader` takes 9494 (1.190), `ours_balanced`
//! 9142 (1.076), `ours_custom_csp` 9159 (1.081: its CSP is a shared `Bytes`, whose clone
//! and drop count a reference, 17 more than a static one). The apply after the endpoint is
//! `finish`, a function of its own made in the application's crate, where `http`'s insert
//! and hash are inlined into it; the floor's inserts, no longer sharing an out-of-line
//! copy with ours, are inlined too. Before (the apply inlined into the endpoint's future,
//! same minutes): floor 9138, ours 9463 (1.098), 9480 customized (1.103), `SetHeader` 9494
//! (1.107).
//!
//! In paired wall clock (the bench binary, median of per-round ratios; medians of 15 to 31
//! runs alternated with the previous state's binary, five sessions over two builds)
//! `ours_balanced` is 1.168, 1.212, 1.132, 1.127 and 1.148 of the floor's overhead
//! (customized 1.219, 1.159, 1.151, 1.169), against 1.007, 1.002, 0.979, 0.998 and 0.998
//! before (1.019, 1.007, 1.021, 1.036): the ratio rose because the floor got faster, its
//! overhead 207, 205, 240, 230 and 206 ns against 253, 256, 290, 278 and 268 ns before,
//! while ours' stayed or fell, 241, 255, 284, 260 and 242 ns against 260, 253, 283, 280
//! and 267 ns. `SetHeader` (unchanged) is 1.28 to 1.37 of the faster floor, 1.03 to 1.07
//! of the slower. Per function, instructions a request:
//!
//! | function                                               | ours | SetHeader | floor |
//! |--------------------------------------------------------|-----:|----------:|------:|
//! | the endpoints' futures, inlined into one `poll` (the   |  307 |       467 |  1851 |
//! | floor's with its nine inserts inlined)                 |      |           |       |
//! | `finish` (the plan, the check, nine inserts with       | 1756 |         0 |     0 |
//! | `http`'s insert and hash inlined)                      |      |           |       |
//! | `HeaderMap::insert` and `hash_elem_using`              |    0 |      1743 |     0 |
//! | `From<&HeaderName> for HeaderName` (names cloned)      |    0 |       195 |     0 |
//! | `bytes::static_clone` (nine values, three names)       |   84 |        84 |     0 |
//! | `HeaderMap::try_reserve`, `try_grow`, `try_reserve_one`|  547 |       593 |   547 |
//! | `Extensions::remove` (the override lookup)             |   40 |         0 |     0 |
//! | `__memcpy` (the floor copies its `const` pairs)        | 1807 |      1811 |  1895 |
//! | the rest (route, handler, allocator; the floor drops   | 4601 |      4601 |  4615 |
//! | its array of pairs, 14)                                |      |           |       |
//! | total                                                  | 9142 |      9494 |  8908 |
//!
//! Before, `HeaderMap::try_insert2` (the insert, hash inlined) was out of line for ours and
//! the floor alike (1609 each), the `poll` 777 for ours and 474 for the floor.
//!
//! Against the floor, the 212 more of the `poll` and `finish` are mostly the nine entries:
//! the floor copies compile-time constants, where a configured `Secure` clones each value through its `Bytes` vtable,
//! and each name (through the vtable too for the three names `http` has no standard form
//! for); without `unsafe` a `HeaderValue` cannot be made otherwise, and `SetHeader` pays
//! the same clones. The rest: the check that the response has none of the names whose
//! entries append (about 25 with the handler's one header), the inspection and the plan
//! (about 15 and 10), the call of the override lookup. That lookup always runs: poem's
//! router puts its `PathPattern` into every routed response's extensions, so they are
//! never empty (`remove`, 40). Looking up with `get` before `remove` saves 26 a response
//! but costs 53 on a response that carries an override, so it is not used. `SetHeader`
//! spends its difference in `http`'s out-of-line insert by reference (`insert`, a hash
//! per name, the name's clone): 1938, where ours are inlined into `finish`. With
//! `--cache`, first-level instruction-cache misses were 55 a request for ours, 26 for
//! `SetHeader` and 27 for the floor, mispredicted branches 53, 50 and 52 (before: 43 and
//! 39 misses for ours and the floor in the same minutes; 52, 30 and 50 in an earlier
//! build). Ours' 321 fewer instructions did not make it faster in wall clock by as much,
//! and these 12 more misses (spread over `finish`, the `poll` and the router) may be why.
//!
//! `ours_custom_csp`'s 17 more (`promotable_even_clone` and `shared_drop` where a static
//! value has `static_clone` and `static_drop`) are an atomic increment and decrement of
//! the CSP's reference count: in paired wall clock, 6 to 13 ns a request over
//! `ours_balanced` (two later builds: `ours_balanced` 1.080 and 0.861 of the floor's
//! overhead, `ours_custom_csp` 1.138 and 0.881, `SetHeader` 1.164 and 0.875). A
//! `HeaderValue` whose clone counts nothing needs `'static` bytes, which a configured
//! value only has if it is leaked; copying the CSP instead costs an allocation and a
//! check of every byte. Per source line (a build with line tables), the nine entries'
//! clones (`HeaderName` and `HeaderValue`, the `Bytes` vtable calls) take about 340
//! instructions where the floor copies its constant pairs for 125. Looking up the
//! override with `get` before `remove` was measured again: poem 9465 -> 9439 and 9482 ->
//! 9456 (1.091 and 1.096), but tower's `ours_route_override` 5794 -> 5850 and its
//! `ours_balanced` 4653 -> 4657 (the lookup is shared), so it is still not used.

use poem::endpoint::make_sync;
use poem::middleware::SetHeader;
use poem::{Endpoint, EndpointExt, IntoResponse, Request, Response, Route, get};

#[path = "support/counting.rs"]
mod counting;

#[path = "support/balanced.rs"]
mod balanced;

#[path = "support/harness.rs"]
mod harness;

use balanced::FLOOR;
use harness::{Expect, Headers, stack};

/// The application every stack wraps.
fn app() -> Route {
    Route::new().at("/", get(make_sync(|_| "hello, world")))
}

/// The floor: the inner endpoint's response, then the nine static pairs (the shape of
/// poem's own `SetHeader`: an endpoint's `Err` passes through without the headers, where
/// `secure-headers` turns it into its response and gives it the headers).
struct Floor<E>(E);

impl<E: Endpoint> Endpoint for Floor<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let mut response = self.0.call(req).await?.into_response();
        balanced::insert_floor(response.headers_mut());
        Ok(response)
    }
}

fn headers(response: &Response) -> Headers {
    harness::listed(response.headers())
}

fn poem_stack<'a>(
    name: &'static str,
    expect: Expect,
    ep: impl Endpoint + 'a,
) -> harness::Stack<'a> {
    stack(
        name,
        expect,
        move || harness::ready(ep.get_response(Request::default())),
        headers,
    )
}

fn main() {
    let native = FLOOR
        .into_iter()
        .fold(SetHeader::new(), |s, (name, value)| {
            s.overriding(name, value)
        });
    harness::run(
        "poem",
        vec![
            poem_stack(harness::NONE, Expect::Nothing, app()),
            poem_stack(harness::FLOOR_STACK, Expect::Balanced, Floor(app())),
            poem_stack(harness::NATIVE, Expect::Balanced, app().with(native)),
            poem_stack(
                harness::OURS,
                Expect::Balanced,
                app().with(harness::balanced()),
            ),
            poem_stack(
                harness::OURS_CUSTOM,
                Expect::Custom,
                app().with(harness::customized()),
            ),
        ],
    );
}
