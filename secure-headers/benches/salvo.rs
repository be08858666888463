//! Per-request cost of the security headers in salvo 1, in one run, each stack a `Service`
//! over the same router (`GET /` answering a short text body), called in-process through
//! the service's hyper handler (what salvo's server calls per request):
//!
//! - `none`: the service alone;
//! - `floor`: a hand-written hoop that runs the rest of the chain, then reserves room for
//!   nine headers and moves in `const` `(HeaderName, HeaderValue)` pairs;
//! - salvo has no middleware of its own for static response headers, so no `native` stack;
//! - `ours_balanced`, `ours_custom_csp`: `Service::hoop(secure)`.
//!
//! Run with `cargo bench -p secure-headers --features salvo --bench salvo` (paired wall
//! clock), and `scripts/bench-frameworks.sh salvo` for instructions per request.
//!
//! Where ours stands against 1.10 times the floor (`N=2000 scripts/bench-frameworks.sh
//! salvo`; figures move by tens between builds, `__memcpy` by about 25 with the stack's
//! alignment): the floor's overhead over `none` is 3097 instructions a request, so 1.10
//! allows 3407; ours takes 3336 (1.077), 3353 with the customized CSP (1.083). Paired
//! wall clock (the bench binary, median of per-round ratios; the medians of 15 runs,
//! alternated with the previous state's binary), four sessions over three builds: 1.020,
//! 1.061, 1.116 and 1.078 (1.051, 1.092, 1.136 and 1.112 customized), against 1.224,
//! 1.234, 1.199 and 1.209 before (1.262, 1.284, 1.236, 1.255); ours' own overhead 222,
//! 225, 236 and 222 ns against 252, 260, 254 and 247 ns before, the floor's 217, 210, 212
//! and 207 ns against 207, 211, 210 and 203 ns. Two runs of `cargo bench` on the third
//! build: 1.068 and 1.087 (1.107 and 1.119 customized, quartiles 1.03 to 1.15). The
//! customized stack's 7 ns more are its policy's value, made at build and shared: its
//! clone and drop count a reference, atomically (`promotable_even_clone` and
//! `shared_drop`, 25 instructions, against 7 for a static value's clone).
//!
//! salvo calls the hoop through `dyn Handler`, so a plain `handle` is compiled in this
//! crate, where `http`'s insert (`HeaderMap::try_insert2`) and its hash stayed calls, a
//! call each per header. The hoop's `handle` is `#[inline]`, so it is compiled in the
//! application's crate, and the apply after the chain is a function of its own there
//! (`finish`, `#[inline(never)]`, generic over the hoop's closures so that its one copy is
//! made in that crate): `http`'s insert and hash are inlined into it, and the floor, whose
//! inserts do not share it, keeps its own inlined (10625 instructions throughout). Per
//! function (the second build), `ours_balanced` (10864) against `floor`
//! (10625), instructions a request:
//!
//! | part                                                   | ours | floor | difference |
//! |--------------------------------------------------------|-----:|------:|-----------:|
//! | the apply: `finish` (the plan, `only_inserts`, room,   |      |       |            |
//! | nine inserts with `http`'s insert and hash inlined,    |      |       |            |
//! | 1757) and the hoop's future (88), against the floor's  |      |       |            |
//! | handler future with its inserts inlined                | 1845 |  1588 |       +257 |
//! | `bytes::static_clone` (names and values cloned)        |   84 |     0 |        +84 |
//! | the handlers' `handle` (boxing the future)             |   29 |    29 |          0 |
//! | the floor's array iterator (`partial_drop`)            |    0 |    14 |        -14 |
//! | `__memcpy`                                             | 1849 |  1937 |        -88 |
//! | total                                                  |10864 | 10625 |       +239 |
//!
//! Before, in the same build: `try_insert2` out of line (1200), `hash_elem_using` out of
//! line (530), `Secure::set_headers_with` out of line (458), the hoop's future (201),
//! 11339 in all (3811, 1.231). The clones (+84) a configured `Secure` cannot avoid (its
//! values are not constants).
//!
//! Tried, with `ours_balanced` and `ours_custom_csp` (which stay within 20 instructions of
//! each other throughout), and not kept:
//!
//! - The apply as a function of its own with the hoop compiled in this crate:
//!   `#[inline(never)]`, not generic, 11354 instructions (1.234); generic over the
//!   response and its accessors, the same 11354; with the hoop `#[inline]` but `finish`
//!   not generic (so compiled here), 11365 (1.239). `Secure::set_headers_with` stayed out
//!   of line in each, and `try_insert2` a call per header.
//! - `set_headers_with`'s loop `#[inline(always)]` into `apply_to_parts` (the loop inside
//!   the hoop's future, or inside an out-of-line function here): 11342 and 11338
//!   instructions, `try_insert2` still a call per header. In wall clock 1.161 and 1.180
//!   against 1.224, but by a floor slower with the new layout as much as by ours (ours'
//!   overhead 262 and 262 against 267 ns, the floor's 225 and 221 against 219 ns); the same for
//!   salvo alone (the other integrations keeping `set_headers_with`), 1.230 against
//!   1.223. For all integrations it cost tower 4653 -> 4948 and axum 11052 -> 11364
//!   instructions (their inlined insert lost).
//! - The map's `HeaderSink::insert` (the checked path) inserting by reference, so that the
//!   shortest loop would be the only caller of `try_insert2::<HeaderName>` here: 11339,
//!   unchanged; the insert was not inlined.
//! - Inserting by reference (`insert(&name, ..)`: `try_insert2::<&HeaderName>`, a copy no
//!   other call shares, which the compiler inlines): 1.172 in instructions (+195 in
//!   `From<&HeaderName> for HeaderName`, `http`'s out-of-line clone of each new name), but
//!   1.261 and 1.300 in wall clock against 1.224 and 1.213 for the loop of that time, run
//!   alternately in the same minutes; it lost in an earlier state too (1.44 to 1.59).
//! - `#[inline]` on the hoop's `handle` alone (the apply loop inlined into the hoop's
//!   future in the application's crate): ours 3837 -> 3709 instructions, but the floor,
//!   now sharing `http`'s out-of-line insert with ours in that crate, 3097 -> 3355. The
//!   ratios fell to 1.106 in instructions and 1.02 to 1.03 in wall clock, mostly because
//!   the floor got slower: ours' own wall-clock overhead stayed where it was (463 ns
//!   against 470 ns, the floor's rose from 386 ns to 449 ns, same minutes). An
//!   application's own header inserts would lose their inlining the same way; `finish`
//!   above is what avoids it.
//! - Both together (the handler in the application's crate, inserting by reference):
//!   ours 3477 instructions against a floor of 3208 there (1.084; 1.123 against 3097), but
//!   1.236 and 1.267 in wall clock against 1.209 and 1.213, with ours' wall-clock
//!   overhead unchanged (474 ns against 470 ns).
//! - `HeaderMap::entry` with a vacant-entry insert (`try_entry2` out of line, 811, and
//!   the entry moved through memory): 1.365 in instructions, 1.307 and 1.387 in wall clock.
//! - Writing a preset's own constants (a path poem and actix-web had for a while, removed
//!   as a second write path that helped only a `Secure` exactly a preset), earlier: 1.174
//!   in instructions, 1.32 and 1.40 in wall clock against 1.23 and 1.24 for the loop.
//!
//! Here the wall clock follows the size and layout of the code on the request's path more
//! than its instructions: with `--cache`, the floor's own first-level instruction-cache
//! misses go from 168 to 242 a request between two builds that differ only in our code.

use salvo::conn::SocketAddr;
use salvo::http::uri::Scheme;
use salvo::http::{ReqBody, ResBody};
use salvo::hyper::service::Service as _;
use salvo::prelude::{Text, async_trait};
use salvo::{Depot, FlowCtrl, Handler, Request, Response, Router, Service};

#[path = "support/counting.rs"]
mod counting;

#[path = "support/balanced.rs"]
mod balanced;

#[path = "support/harness.rs"]
mod harness;

use harness::{Expect, Headers, stack};

/// The application's handler.
struct Hello;

#[async_trait]
impl Handler for Hello {
    async fn handle(&self, _: &mut Request, _: &mut Depot, res: &mut Response, _: &mut FlowCtrl) {
        res.render(Text::Plain("hello, world"));
    }
}

/// The floor: after the rest of the chain, the nine static pairs.
struct Floor;

#[async_trait]
impl Handler for Floor {
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        ctrl: &mut FlowCtrl,
    ) {
        ctrl.call_next(req, depot, res).await;
        balanced::insert_floor(res.headers_mut());
    }
}

type HyperResponse = secure_headers::http::Response<ResBody>;

fn headers(response: &HyperResponse) -> Headers {
    harness::listed(response.headers())
}

fn salvo_stack(name: &'static str, expect: Expect, service: &Service) -> harness::Stack<'static> {
    let handler = service.hyper_handler(
        SocketAddr::Unknown,
        SocketAddr::Unknown,
        Scheme::HTTP,
        None,
        Default::default(),
        None,
    );
    stack(
        name,
        expect,
        move || {
            let request = secure_headers::http::Request::builder()
                .uri("/")
                .body(ReqBody::None)
                .expect("a request");
            harness::ready(handler.call(request)).expect("a response")
        },
        headers,
    )
}

fn main() {
    let service = || Service::new(Router::new().get(Hello));
    harness::run(
        "salvo",
        vec![
            salvo_stack(harness::NONE, Expect::Nothing, &service()),
            salvo_stack(
                harness::FLOOR_STACK,
                Expect::Balanced,
                &service().hoop(Floor),
            ),
            salvo_stack(
                harness::OURS,
                Expect::Balanced,
                &service().hoop(harness::balanced()),
            ),
            salvo_stack(
                harness::OURS_CUSTOM,
                Expect::Custom,
                &service().hoop(harness::customized()),
            ),
        ],
    );
}
