//! Per-request cost of the security headers in actix-web 4, in one run, each stack an `App`
//! with the same route (`GET /` answering a short text body), initialised once with
//! `actix_web::test::init_service` and called in-process with a `TestRequest`:
//!
//! - `none`: the application alone;
//! - `floor`: `App::wrap_fn` reserving room for nine headers in each response, then moving
//!   in `const` actix `(HeaderName, HeaderValue)` pairs;
//! - `floor_append`: the same with `append` instead of `insert`, which is what a hand-written
//!   wrapper may do for a response that has none of the nine names (this one has none), and
//!   in actix-web costs far less (its `insert` makes and returns what it replaced);
//! - `floor_append_cloned`: `floor_append` with the pairs cloned on each request from an
//!   `Rc<[(HeaderName, HeaderValue)]>` built at start-up, as from a set converted once;
//! - `floor_append_either`: `floor_append` with the response's body then wrapped in an
//!   `EitherBody`, as ours returns it;
//! - `native`: actix-web's `DefaultHeaders` with the nine headers;
//! - `ours_balanced`, `ours_custom_csp`: `App::wrap(secure)`.
//!
//! Run with `cargo bench -p secure-headers --features actix-web --bench actix_web` (paired
//! wall clock), and `scripts/bench-frameworks.sh actix_web` for instructions per request.
//!
//! Where ours stands against 1.10 times `floor_append`, in instructions (one build, `N=2000
//! scripts/bench-frameworks.sh --cache actix_web`; figures move by tens between builds, and
//! `HeaderMap::append` alone by up to 50 as its per-map hash seed changes): the overhead of
//! `floor_append` over `none` is 2023 instructions a request, so 1.10 allows 2225; ours
//! takes 2433 (1.203), 2496 with the customized CSP (1.234), and took 2542 and 2559 before
//! the apply loop was written out in place (see below). `floor_append_cloned` takes 2216
//! (1.095), `floor_append_either` 2094 (1.035); against the insert floor (3064) ours takes
//! 0.794. Per function, `ours_balanced` (8304) against `floor_append_cloned` (8087),
//! instructions a request (`callgrind_annotate --inclusive=no`):
//!
//! | function                                                   | ours | cloned | difference |
//! |------------------------------------------------------------|-----:|-------:|-----------:|
//! | `Prepared::apply` (the loop: nine clones, nine calls)      |  369 |      0 |       +369 |
//! | the wrapper's future, inlined (`actix_stack` closure)      |  263 |    511 |       -248 |
//! | `AppInitService::call` (with `SecureMiddleware::call`)     |  222 |    183 |        +39 |
//! | `__memcpy`                                                 |  433 |    404 |        +29 |
//! | drops of `EarlyOr` and of the `EitherBody` response        |   86 |     66 |        +20 |
//! | rest                                                       |      |        |         +8 |
//! | total                                                      | 8304 |   8087 |       +217 |
//!
//! The clones themselves (`bytes::static_clone`, 98 instructions for nine values and three
//! names outside `http`'s standard set) are the same in both, and are what a set converted
//! at start-up costs over `const` pairs moved in (`floor_append`: +193 instructions).
//!
//! Where the wall clock goes. Paired wall clock, each figure the median over 15 runs of a
//! run's median overhead over `none` (400 rounds of 200 requests), ratios against
//! `floor_append` in the same run; two sets of runs per build, alternated between the
//! builds, on a shared machine. `floor_append`'s overhead is 140 to 147 ns. In ratios to it:
//!
//! | stack                  | before  | after   |
//! |------------------------|--------:|--------:|
//! | `floor_append_cloned`  | 1.45    | 1.47    |
//! | `floor_append_either`  | 1.07-1.12 | 1.06-1.09 |
//! | `ours_balanced`        | 1.93-1.99 | 1.73-1.74 |
//! | `ours_custom_csp`      | 2.04-2.09 | 1.76    |
//!
//! So of the 1.9 times, 0.45 is cloning from a converted set rather than moving constants
//! (12 calls through `Bytes`' vtable, each result read back wider than it was written: some
//! 65 ns for 190 instructions; cloning from a `static` instead of the heap costs the same),
//! and the `EitherBody` less than 0.1 (its instructions, +76, are few). No cause shows in
//! the simulated caches: mispredicted branches are 50 a request for ours and 45 to 55 for
//! the floors, and first-level instruction-cache misses move by tens between builds of the
//! same code. Experiments in the middleware itself (temporary, 15 runs each, ns of
//! overhead): with nothing applied, our middleware costs 37 to 39 ns; with the nine
//! clones and appends written by hand in place of the decision and the apply loop, 211 ns
//! (`floor_append_cloned` with `EitherBody`: 200 to 208 ns in the same build); with the
//! core's decision added (the status, the two extension look-ups, `plan`), 237 ns; with the
//! core's apply loop instead of the hand-written one, 265 ns. That last 28 ns was the loop's
//! shape, not its instructions (under 70 more): generic over the sink and the way entries
//! are put, and inlined from a separate function, it made each value before the name's
//! clone, kept it in registers across that call and wrote it back, every header. The same
//! loop written out where it is used (a macro in `secure/apply.rs`, where the sink, the
//! `Put` and the closures are known) makes each value where `append` takes it from: ours
//! went from 1.93-1.99 to 1.73-1.74 of `floor_append` (customized CSP: 2.04-2.09 to 1.76),
//! 109 instructions fewer. Measured again on top of the loop's lent names (Rocket's): 1.83
//! to 1.88 before, 1.63 to 1.67 after (customized CSP: 2.00-2.04 to 1.67-1.70), 2587 to 2442
//! instructions over `none` (`floor_append`: 2104 and 2045 in those two builds). Tower's
//! compiled loop is the same, byte for byte, and so are its instructions.
//!
//! The loop is a function again (`Secure::write`), with each append made through the
//! sink's `HeaderSink::append_made`: actix-web's sink copies the name first and makes the
//! value after it, where `append` takes it from. Paired wall clock (15 runs a set, sets
//! alternated between the builds in the same minutes, two pairs of builds): ours 1.61-1.64
//! of `floor_append` with the macro (customized CSP 1.66-1.68), 1.31-1.34 and 1.39-1.41
//! with this (customized CSP 1.35-1.38 and 1.43-1.45), and 1.88 (customized CSP 2.02) for
//! the function with the value made first, as before the macro. In instructions this takes more, not fewer: 2579 over `none` against the
//! macro's 2479 in the same builds (`Prepared::apply` 369 to 469, the copied name now kept
//! in registers across the value's clone); the wall clock is what moved.
//!
//! Tried and left: taking the request's context by reference rather than through `Plan`'s
//! copy (no change); `append` into actix-web's map out of line (worse: 2.07); cloning the
//! nine pairs first and appending them after (a bench variant: worse than cloning each in
//! turn). Left above 1.10: cloning from the converted set (1.45 on its own, inherent to
//! names and values held as actix-web's `Bytes`-backed types, whose clone is the only
//! unchecked way to make one), the `EitherBody` (the early answer, a redirect or a refusal,
//! carries our own body), and the request side (`Secure::inspect`, the `Rc` of the
//! worker's state, the decision after the handler: some 60 ns together). `DefaultHeaders`
//! (`native`) takes 2.8 to 2.9 of `floor_append`.

extern crate actix_web_4 as actix_web;

use std::rc::Rc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::DefaultHeaders;
use actix_web::test::{TestRequest, init_service};
use actix_web::{App, HttpResponse, web};
use secure_headers::Secure;

#[path = "support/counting.rs"]
mod counting;

#[path = "support/balanced.rs"]
mod balanced;

#[path = "support/harness.rs"]
mod harness;

use balanced::PAIRS;
use harness::{Expect, Headers, stack};

/// The application every stack wraps.
fn app() -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new().route(
        "/",
        web::get().to(|| async { HttpResponse::Ok().body("hello, world") }),
    )
}

/// Entry `i` of the nine as actix-web's (`http` 0.2) types, built at compile time.
const fn actix_pair(i: usize) -> (HeaderName, HeaderValue) {
    (
        HeaderName::from_static(PAIRS[i].0),
        HeaderValue::from_static(PAIRS[i].1),
    )
}

/// The nine headers as actix-web's types, a `const`: each use copies values built at
/// compile time (no clone per request).
const ACTIX_FLOOR: [(HeaderName, HeaderValue); 9] = [
    actix_pair(0),
    actix_pair(1),
    actix_pair(2),
    actix_pair(3),
    actix_pair(4),
    actix_pair(5),
    actix_pair(6),
    actix_pair(7),
    actix_pair(8),
];

fn headers<B>(response: &ServiceResponse<B>) -> Headers {
    harness::listed(response.headers())
}

/// A stack of the initialised application `svc`.
fn actix_stack<'a, S, B>(name: &'static str, expect: Expect, svc: S) -> harness::Stack<'a>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error> + 'a,
    B: MessageBody + 'a,
{
    stack(
        name,
        expect,
        move || {
            let request = TestRequest::get().uri("/").to_request();
            harness::ready(svc.call(request)).expect("a response")
        },
        headers,
    )
}

fn main() {
    actix_web::rt::System::new().block_on(async {
        let native = ACTIX_FLOOR
            .into_iter()
            .fold(DefaultHeaders::new(), DefaultHeaders::add);
        let ours = |secure: Secure| init_service(app().wrap(secure));
        harness::run(
            "actix-web",
            vec![
                actix_stack(harness::NONE, Expect::Nothing, init_service(app()).await),
                actix_stack(
                    harness::FLOOR_STACK,
                    Expect::Balanced,
                    init_service(app().wrap_fn(move |req, srv| {
                        let response = srv.call(req);
                        async move {
                            let mut response = response.await?;
                            let headers = response.headers_mut();
                            headers.reserve(ACTIX_FLOOR.len());
                            for (name, value) in ACTIX_FLOOR {
                                headers.insert(name, value);
                            }
                            Ok(response)
                        }
                    }))
                    .await,
                ),
                actix_stack(
                    "floor_append",
                    Expect::Balanced,
                    init_service(app().wrap_fn(move |req, srv| {
                        let response = srv.call(req);
                        async move {
                            let mut response = response.await?;
                            let headers = response.headers_mut();
                            headers.reserve(ACTIX_FLOOR.len());
                            for (name, value) in ACTIX_FLOOR {
                                headers.append(name, value);
                            }
                            Ok(response)
                        }
                    }))
                    .await,
                ),
                actix_stack(
                    "floor_append_cloned",
                    Expect::Balanced,
                    init_service(app().wrap_fn({
                        // Built once, as a converted set is; each request clones from it.
                        let pairs: Rc<[(HeaderName, HeaderValue)]> = ACTIX_FLOOR.to_vec().into();
                        move |req, srv| {
                            let response = srv.call(req);
                            let pairs = Rc::clone(&pairs);
                            async move {
                                let mut response = response.await?;
                                let headers = response.headers_mut();
                                headers.reserve(pairs.len());
                                for (name, value) in pairs.iter() {
                                    headers.append(name.clone(), value.clone());
                                }
                                Ok(response)
                            }
                        }
                    }))
                    .await,
                ),
                actix_stack(
                    "floor_append_either",
                    Expect::Balanced,
                    init_service(app().wrap_fn(move |req, srv| {
                        let response = srv.call(req);
                        async move {
                            let mut response = response.await?;
                            let headers = response.headers_mut();
                            headers.reserve(ACTIX_FLOOR.len());
                            for (name, value) in ACTIX_FLOOR {
                                headers.append(name, value);
                            }
                            Ok(response.map_into_left_body::<BoxBody>())
                        }
                    }))
                    .await,
                ),
                actix_stack(
                    harness::NATIVE,
                    Expect::Balanced,
                    init_service(app().wrap(native)).await,
                ),
                actix_stack(
                    harness::OURS,
                    Expect::Balanced,
                    ours(harness::balanced()).await,
                ),
                actix_stack(
                    harness::OURS_CUSTOM,
                    Expect::Custom,
                    ours(harness::customized()).await,
                ),
            ],
        );
    });
}
