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
