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
//! scripts/bench-frameworks.sh salvo`; figures move by tens between builds): the floor's
//! overhead over `none` is 3097 instructions a request, so 1.10 allows 3407; ours takes
//! 3827 (1.236). salvo calls the hoop through `dyn Handler`, so our handler is compiled
//! in this crate, not inlined into the application's. Per function, `ours_balanced`
//! (11355) against `floor` (10625), instructions a request:
//!
//! | function                                      | ours | floor | difference |
//! |-----------------------------------------------|-----:|------:|-----------:|
//! | `HeaderMap::try_insert2` (out of line here)   | 1200 |     0 |      +1200 |
//! | `http::header::map::hash_elem_using`          |  530 |     0 |       +530 |
//! | `Secure::set_headers_with` (the loop)         |  466 |     0 |       +466 |
//! | `bytes::static_clone` (nine values cloned)    |   84 |     0 |        +84 |
//! | allocator (`__rust_alloc`, `__rust_realloc`)  |   83 |    50 |        +33 |
//! | the hoop's `handle` and its future            |  260 |  1617 |      -1357 |
//! | `__memcpy`                                    | 1825 |  1937 |       -112 |
//! | `FlowCtrl::call_next`                         |  105 |   208 |       -103 |
//! | rest                                          |      |       |        -11 |
//! | total                                         |11355 | 10625 |       +730 |
//!
//! The floor's names and values are constants: its hashes are computed at compile time
//! and its values copied, with `http`'s insert inlined into its handler. A configured
//! `Secure`'s names are hashed per insert (+530) and its values cloned (+84): 614
//! instructions of work the floor does not do at all, against the 310 that 1.10 allows,
//! so ours would have to do the inserts themselves for less than the floor's inlined
//! constant inserts. The rest of the gap is `http`'s insert of an owned name, which the
//! compiler keeps out of line in this crate.
//! Inserting by reference instead (`insert(&name, ..)`, a separate copy that is inlined)
//! brought instructions to 1.145 (`try_insert2` inlined; +195 in
//! `From<&HeaderName> for HeaderName`, the clone of each new name), but lost in paired
//! wall clock, 1.23 to 1.32 becoming 1.44 to 1.59 over two builds, so it is not used.
//! Writing a preset's own constants (a path poem and actix-web had for a while, removed
//! as a second write path that helped only a `Secure` exactly a preset) was tried too: 1.174 in instructions, 1.32 and 1.40 in wall clock against 1.23 and
//! 1.24 for the loop in the same state of the machine. Here the wall clock follows the
//! size of the code on the request's path more than its instructions.

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
