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
//! - `native`: actix-web's `DefaultHeaders` with the nine headers;
//! - `ours_balanced`, `ours_custom_csp`: `App::wrap(secure)`.
//!
//! Run with `cargo bench -p secure-headers --features actix-web --bench actix_web` (paired
//! wall clock), and `scripts/bench-frameworks.sh actix_web` for instructions per request.
//!
//! Where ours stands against 1.10 times `floor_append` (one build, `N=2000
//! scripts/bench-frameworks.sh actix_web`; figures move by tens between builds, and
//! `HeaderMap::append` alone by up to 50 as its per-map hash seed changes): the overhead of
//! `floor_append` over `none` is 2046 instructions a request, so 1.10 allows 2251; ours
//! takes 2519 (1.231), 2559 with the customized CSP (1.251). Against the insert floor,
//! ours takes 0.816 (3088). Per function, `ours_balanced` (8364) against `floor_append`
//! (7891), instructions a request (`callgrind_annotate --inclusive=no`):
//!
//! | function                                                   | ours | floor_append | difference |
//! |------------------------------------------------------------|-----:|-------------:|-----------:|
//! | `Prepared::apply` (the loop: nine clones, nine calls)      |  478 |            0 |       +478 |
//! | the wrapper's future, inlined (`actix_stack` closure)      |  263 |          348 |        -85 |
//! | `bytes::static_clone` (nine values cloned)                 |   98 |           14 |        +84 |
//! | `AppInitService::call` (with `SecureMiddleware::call`)     |  222 |          175 |        +47 |
//! | drops of `EarlyOr` and of the `EitherBody` response        |   86 |           49 |        +37 |
//! | `__memcpy`                                                 |  433 |          492 |        -59 |
//! | `HeaderMap::append` (the same nine calls)                  |  859 |          882 |        -23 |
//! | rest                                                       |      |              |         -6 |
//! | total                                                      | 8364 |         7891 |       +473 |
//!
//! The floor's pairs are constants, moved into each `append` call: about 16 instructions a
//! header at the call site, nothing cloned. A configured `Secure`'s names and values are
//! cloned from the set converted at start-up: each value is a `Bytes` whose clone is an
//! indirect call (`static_clone`, or a reference count for a value that is not one of the
//! crate's static strings, as the customized CSP), and each name a branch (a standard
//! name is a byte; the others are `Bytes` too). That is about 45 instructions a header
//! where the floor has 16, plus about 10 in `static_clone`: some 350 for nine headers,
//! against the 205 that 1.10 allows, before the middleware itself. Of the rest, the
//! `EitherBody` (the early answer, a redirect or a refusal, carries our own body, and the
//! inner service's body type cannot be made here) costs the response's move into its left
//! variant and the drops above; the request side (`Secure::inspect`, the `Rc` of the
//! worker's state, the future) is what `SecureMiddleware::call` adds.
//!
//! Paired wall clock (three runs of each of two builds, alternated, on a shared machine):
//! ours' overhead over `none` is 281 to 289 ns a request, and was 277 to 296 ns before the
//! append-only loop and the inlined `call` (2709 instructions then, 1.339): the 190
//! instructions saved do not show. Against `floor_append` (142 to 161 ns) that is 1.85
//! to 2.00; against the insert floor, a median per-round ratio of 1.03 to 1.13, and 1.06
//! to 1.09 before. `DefaultHeaders` (`native`) takes 1.44 to 1.75 of the insert floor.

extern crate actix_web_4 as actix_web;

use actix_web::body::MessageBody;
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
