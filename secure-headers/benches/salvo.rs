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
