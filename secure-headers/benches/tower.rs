//! Per-request cost of applying the Balanced preset as tower middleware, in one run:
//!
//! - the floor: a hand-written `tower::util::MapResponseLayer` inserting pre-built static
//!   `(HeaderName, HeaderValue)` pairs;
//! - `secure-headers`' layer (`Secure` is a `tower_layer::Layer`);
//! - `tower-http`'s `SetResponseHeaderLayer::overriding`, stacked once per header (9 layers),
//!   and its `SetMultipleResponseHeadersLayer::overriding` (one layer, 9 headers);
//! - `axum-helmet`'s `HelmetLayer`, configured with the same 9 values;
//!
//! each wrapping the same trivial inner service (a `Response<String>` with two application
//! headers), called on a ready service and polled once (every future here is ready at once).
//! The inner service alone is measured too, as the zero of the scale.
//!
//! Run with `cargo bench -p secure-headers --features tower --bench tower`. Before timing,
//! the bench checks that every stack emits the same headers, then counts heap allocations
//! per request with a counting global allocator and prints them.
//!
//! On a busy machine wall-clock times are noisy; instructions per request are not. Count
//! them for one stack with callgrind, as the difference of two runs:
//!
//! ```text
//! TOWER_BENCH_ONLY=secure_headers_layer TOWER_BENCH_N=10000 valgrind --tool=callgrind <bench binary> --bench
//! TOWER_BENCH_ONLY=secure_headers_layer TOWER_BENCH_N=60000 valgrind --tool=callgrind <bench binary> --bench
//! ```

use std::convert::Infallible;
use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use criterion::{Criterion, criterion_group};
use secure_headers::Secure;
use secure_headers::http::{HeaderValue, Request, Response, header};
use tower::util::MapResponseLayer;
use tower::{Service, ServiceBuilder, service_fn};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::set_header::response::SetMultipleResponseHeadersLayer;

#[path = "support/counting.rs"]
mod counting;

#[path = "support/balanced.rs"]
mod balanced;

use balanced::FLOOR;

/// The floor's response mapper: a plain function, so cloning it per call costs nothing.
fn floor(mut response: Response<String>) -> Response<String> {
    let headers = response.headers_mut();
    for (name, value) in &FLOOR {
        headers.insert(name.clone(), value.clone());
    }
    response
}

/// The application: a small response with two headers of its own.
async fn app(_req: Request<()>) -> Result<Response<String>, Infallible> {
    let mut response = Response::new(String::from("hello, world"));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// One request through `svc`: `poll_ready`, `call`, and one poll of the (ready) future.
#[inline]
fn request<S>(svc: &mut S) -> Response<String>
where
    S: Service<Request<()>, Response = Response<String>, Error = Infallible>,
{
    let mut cx = Context::from_waker(Waker::noop());
    let Poll::Ready(Ok(())) = svc.poll_ready(&mut cx) else {
        unreachable!("every service here is always ready")
    };
    let fut = pin!(svc.call(Request::new(())));
    match fut.poll(&mut cx) {
        Poll::Ready(Ok(response)) => response,
        _ => unreachable!("every future here is ready at once"),
    }
}

fn allocations_per_request<S>(svc: &mut S) -> f64
where
    S: Service<Request<()>, Response = Response<String>, Error = Infallible>,
{
    const N: usize = 10_000;
    let allocations = counting::allocations_during(|| {
        for _ in 0..N {
            black_box(request(svc));
        }
    });
    allocations as f64 / N as f64
}

fn helmet_layer() -> axum_helmet::HelmetLayer {
    use axum_helmet::{
        ContentSecurityPolicy, CrossOriginOpenerPolicy, CrossOriginResourcePolicy, Helmet,
        ReferrerPolicy, StrictTransportSecurity, XContentTypeOptions, XFrameOptions,
    };
    // Typed builders where axum-helmet has them (its default CSP is the Balanced one);
    // Permissions-Policy and Server, which it has no type for, as raw `(name, value)` headers.
    Helmet::new()
        .add(CrossOriginOpenerPolicy::same_origin())
        .add(CrossOriginResourcePolicy::same_origin())
        .add(ContentSecurityPolicy::default())
        .add(
            StrictTransportSecurity::new()
                .max_age(31_536_000)
                .include_sub_domains(),
        )
        .add((
            "Permissions-Policy",
            "geolocation=(), microphone=(), camera=()".to_owned(),
        ))
        .add(ReferrerPolicy::strict_origin_when_cross_origin())
        .add(("Server", String::new()))
        .add(XContentTypeOptions::nosniff())
        .add(XFrameOptions::same_origin())
        .into_layer()
        .expect("valid headers")
}

/// Runs `$body` once per stack, with `$name` the stack's name and `$svc` the service.
macro_rules! for_each_stack {
    ($stacks:ident, |$name:ident, $svc:ident| $body:block) => {{
        {
            let ($name, $svc) = ("inner_service_alone", &mut $stacks.0);
            $body
        }
        {
            let ($name, $svc) = ("floor_map_response_static_pairs", &mut $stacks.1);
            $body
        }
        {
            let ($name, $svc) = ("secure_headers_layer", &mut $stacks.2);
            $body
        }
        {
            let ($name, $svc) = ("tower_http_set_response_header_x9", &mut $stacks.3);
            $body
        }
        {
            let ($name, $svc) = ("tower_http_set_multiple_response_headers", &mut $stacks.4);
            $body
        }
        {
            let ($name, $svc) = ("axum_helmet", &mut $stacks.5);
            $body
        }
    }};
}

fn bench(c: &mut Criterion) {
    let inner = service_fn(app);
    let set = |i: usize| {
        let (name, value) = &FLOOR[i];
        SetResponseHeaderLayer::overriding(name.clone(), value.clone())
    };
    let mut stacks = (
        inner,
        ServiceBuilder::new()
            .layer(MapResponseLayer::new(floor))
            .service(inner),
        ServiceBuilder::new()
            .layer(Secure::with_default_headers())
            .service(inner),
        ServiceBuilder::new()
            .layer(set(0))
            .layer(set(1))
            .layer(set(2))
            .layer(set(3))
            .layer(set(4))
            .layer(set(5))
            .layer(set(6))
            .layer(set(7))
            .layer(set(8))
            .service(inner),
        ServiceBuilder::new()
            .layer(SetMultipleResponseHeadersLayer::overriding(
                FLOOR.iter().cloned().map(Into::into).collect(),
            ))
            .service(inner),
        ServiceBuilder::new().layer(helmet_layer()).service(inner),
    );

    // Every stack emits the same headers and body.
    let expected = request(&mut stacks.1);
    assert_eq!(expected.headers().len(), 11);
    for (name, value) in Secure::with_default_headers().header_items() {
        assert_eq!(
            expected.headers()[name.to_ascii_lowercase().as_str()],
            value
        );
    }
    for_each_stack!(stacks, |name, svc| {
        let got = request(svc);
        if name != "inner_service_alone" {
            assert_eq!(got.headers(), expected.headers(), "{name}");
            assert_eq!(got.body(), expected.body(), "{name}");
        }
    });

    // `TOWER_BENCH_ONLY=<stack> TOWER_BENCH_N=<n>`: run `n` requests through one stack and
    // exit, for a load-independent count of instructions per request under
    // `valgrind --tool=callgrind` (the difference of two runs with different `n`).
    if let Ok(only) = std::env::var("TOWER_BENCH_ONLY") {
        let n: usize = std::env::var("TOWER_BENCH_N").map_or(100_000, |n| n.parse().unwrap());
        for_each_stack!(stacks, |name, svc| {
            if name == only {
                for _ in 0..n {
                    black_box(request(&mut *svc));
                }
            }
        });
        std::process::exit(0);
    }

    println!("heap allocations per request (the inner service's own included):");
    for_each_stack!(stacks, |name, svc| {
        println!("  {name:<42} {:5.2}", allocations_per_request(svc));
    });

    let mut g = c.benchmark_group("tower_balanced");
    for_each_stack!(stacks, |name, svc| {
        g.bench_function(name, |b| b.iter(|| request(black_box(&mut *svc))));
    });
    g.finish();
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
