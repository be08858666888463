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
//! Where ours stands against 1.10 times the floor (one build, `N=2000
//! scripts/bench-frameworks.sh salvo`; figures move by tens between builds, `__memcpy` by
//! about 25 with the stack's alignment): the floor's overhead over `none` is 3097
//! instructions a request, so 1.10 allows 3407; ours takes 3837 (1.239), 3854 with the
//! customized CSP (1.244). Paired wall clock (`cargo bench`, median of per-round ratios),
//! two runs: 1.206 and 1.205 (1.215 and 1.220 customized), quartiles within a run about
//! 1.04 to 1.46. salvo calls the hoop through `dyn Handler`, so our handler is compiled in
//! this crate, not in the application's. Per function, in a second run of the same build
//! (there ours 3861 over `none`, `__memcpy` making the 24 more), `ours_balanced` (11365)
//! against `floor` (10601), instructions a request:
//!
//! | part                                                   | ours | floor | difference |
//! |--------------------------------------------------------|-----:|------:|-----------:|
//! | `http`'s insert and the loop: `HeaderMap::try_insert2` |      |       |            |
//! | out of line (1200) and `Secure::set_headers_with`      |      |       |            |
//! | (466), against the floor's, inlined into its handler   | 1666 |   996 |       +670 |
//! | name hashing: `hash_elem_using` out of line, against   |      |       |            |
//! | the same FNV hash inlined into the floor's handler     |  530 |   452 |        +78 |
//! | `bytes::static_clone` (names and values cloned)        |   84 |     0 |        +84 |
//! | allocator and the map's growth                         |  420 |   384 |        +36 |
//! | the hoop's `handle` and its future (less the inserts)  |  249 |   186 |        +63 |
//! | `FlowCtrl::call_next`                                  |  105 |   208 |       -103 |
//! | `__memcpy`                                             | 1849 |  1913 |        -64 |
//! | total                                                  |11365 | 10601 |       +764 |
//!
//! The floor's names are constants, but its hashes are not computed at compile time: its
//! handler runs the same FNV hash over the same bytes, inlined. What it saves is the calls:
//! `http`'s insert (`try_insert2`, with the hash) is reached through
//! `HeaderMap::insert::<HeaderName>`, one copy that serves every insert of a `HeaderName`
//! in this crate, so the compiler keeps it and the hash out of line here, while the
//! floor's single call site in its own crate gets them inlined. The
//! insert's own work (the reservation check, the probe, the bucket's 104 bytes written) is
//! the same in both; out of line, the name and value are also copied through the stack
//! on the way, and each call saves and restores six registers. That +670, with the clones
//! (+84) that a configured `Secure` cannot avoid (its values are not constants), is above
//! the 310 instructions that 1.10 allows before the hoop does anything else.
//!
//! Tried, with `ours_balanced` and `ours_custom_csp` (which stay within 20 instructions of
//! each other throughout), and not kept:
//!
//! - Inserting by reference (`insert(&name, ..)`: `try_insert2::<&HeaderName>`, a copy no
//!   other call shares, which the compiler inlines): 1.172 in instructions (+195 in
//!   `From<&HeaderName> for HeaderName`, `http`'s out-of-line clone of each new name), but
//!   1.261 and 1.300 in wall clock against 1.224 and 1.213 for the loop above, run
//!   alternately in the same minutes; it lost in an earlier state too (1.44 to 1.59).
//! - `#[inline]` on the hoop's `handle`, so that the handler and the apply loop are
//!   compiled in the application's crate: ours 3837 -> 3709 instructions, but the floor,
//!   now sharing `http`'s out-of-line insert with ours in that crate, 3097 -> 3355. The
//!   ratios fall to 1.106 in instructions and 1.02 to 1.03 in wall clock, mostly because
//!   the floor got slower: ours' own wall-clock overhead stayed where it was (463 ns
//!   against 470 ns, the floor's rose from 386 ns to 449 ns, same minutes). An
//!   application's own header inserts would lose their inlining the same way, so it is not
//!   used.
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
