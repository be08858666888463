//! Per-request cost of the security headers as tower middleware (axum, hyper, tonic), in one
//! run, each stack wrapping the same trivial inner service (a `Response<String>` with two
//! application headers), called on a ready service and polled once:
//!
//! - `none`: the inner service alone, the zero of the scale;
//! - `floor`: a hand-written `tower::util::MapResponseLayer` reserving room for nine headers,
//!   then moving in `const` `(HeaderName, HeaderValue)` pairs;
//! - `native`: tower-http's `SetResponseHeaderLayer::overriding`, stacked once per header
//!   (9 layers);
//! - `ours_balanced`: `secure-headers`' layer with the Balanced preset;
//! - `ours_custom_csp`: the same with a CSP built with the builder;
//! - `ours_route_override`: the Balanced layer over a route-level `SecureOverride` (another
//!   `Secure` with the same headers), which marks each response for the outer layer: the
//!   cost of an override;
//! - `tower_http_multiple`: tower-http's `SetMultipleResponseHeadersLayer` (one layer, 9
//!   headers), and `axum_helmet`: axum-helmet's `HelmetLayer` with the same 9 values.
//!
//! A second group measures the same ways inside an axum `Router` (a route answering the
//! same body), each added with `Router::layer` as an axum application does, against its own
//! zero and floor: `axum_none`, `axum_floor`, `axum_native`, `axum_ours_balanced`,
//! `axum_ours_custom_csp`.
//!
//! Run with `cargo bench -p secure-headers --features tower --bench tower` (paired wall
//! clock), and `scripts/bench-frameworks.sh tower` for instructions per request (callgrind).

use std::convert::Infallible;

use axum::Router;
use axum::body::Body;
use axum::routing::get;

use secure_headers::http::{HeaderValue, Request, Response, header};
use secure_headers::{Secure, SecureOverride};
use tower::util::MapResponseLayer;
use tower::{Layer, Service, ServiceBuilder, service_fn};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::set_header::response::SetMultipleResponseHeadersLayer;

#[path = "support/counting.rs"]
mod counting;

#[path = "support/balanced.rs"]
mod balanced;

#[path = "support/harness.rs"]
mod harness;

use balanced::FLOOR;
use harness::{Expect, Headers, stack};

/// The floor's response mapper: a plain function, so cloning it per call costs nothing.
fn floor<B>(mut response: Response<B>) -> Response<B> {
    balanced::insert_floor(response.headers_mut());
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
    let Ok(()) = harness::ready(std::future::poll_fn(|cx| svc.poll_ready(cx)));
    let Ok(response) = harness::ready(svc.call(Request::new(())));
    response
}

fn headers(response: &Response<String>) -> Headers {
    harness::listed(response.headers())
}

/// A stack of `svc` named `name`.
fn tower_stack<'a, S>(name: &'static str, expect: Expect, mut svc: S) -> harness::Stack<'a>
where
    S: Service<Request<()>, Response = Response<String>, Error = Infallible> + 'a,
{
    stack(name, expect, move || request(&mut svc), headers)
}

/// One request through the axum `router`.
fn router_request(router: &mut Router) -> Response<Body> {
    let Ok(()) = harness::ready(std::future::poll_fn(|cx| {
        <Router as Service<Request<Body>>>::poll_ready(router, cx)
    }));
    let Ok(response) = harness::ready(router.call(Request::new(Body::empty())));
    response
}

/// A stack of the axum `router` named `name`.
fn router_stack<'a>(name: &'static str, expect: Expect, mut router: Router) -> harness::Stack<'a> {
    stack(
        name,
        expect,
        move || router_request(&mut router),
        |response: &Response<Body>| harness::listed(response.headers()),
    )
}

/// The axum application: one route answering the inner service's body and headers.
fn router() -> Router {
    Router::new().route(
        "/",
        get(|| async {
            (
                [
                    (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                    (header::CACHE_CONTROL, "no-cache"),
                ],
                "hello, world",
            )
        }),
    )
}

/// The axum group: each way added to the router with `Router::layer`.
fn axum_stacks<'a>() -> Vec<harness::Stack<'a>> {
    let set = |i: usize| {
        let (name, value) = FLOOR[i].clone();
        SetResponseHeaderLayer::overriding(name, value)
    };
    vec![
        router_stack("axum_none", Expect::Nothing, router()),
        router_stack(
            "axum_floor",
            Expect::Balanced,
            router().layer(MapResponseLayer::new(floor::<Body>)),
        ),
        router_stack(
            "axum_native",
            Expect::Balanced,
            router().layer(
                ServiceBuilder::new()
                    .layer(set(0))
                    .layer(set(1))
                    .layer(set(2))
                    .layer(set(3))
                    .layer(set(4))
                    .layer(set(5))
                    .layer(set(6))
                    .layer(set(7))
                    .layer(set(8)),
            ),
        ),
        router_stack(
            "axum_ours_balanced",
            Expect::Balanced,
            router().layer(harness::balanced()),
        ),
        router_stack(
            "axum_ours_custom_csp",
            Expect::Custom,
            router().layer(harness::customized()),
        ),
    ]
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

fn main() {
    let inner = service_fn(app);
    let set = |i: usize| {
        let (name, value) = FLOOR[i].clone();
        SetResponseHeaderLayer::overriding(name, value)
    };
    let ours = |secure: Secure| ServiceBuilder::new().layer(secure).service(inner);
    let mut stacks = vec![
        tower_stack(harness::NONE, Expect::Nothing, inner),
        tower_stack(
            harness::FLOOR_STACK,
            Expect::Balanced,
            ServiceBuilder::new()
                .layer(MapResponseLayer::new(floor))
                .service(inner),
        ),
        tower_stack(
            harness::NATIVE,
            Expect::Balanced,
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
        ),
        tower_stack(harness::OURS, Expect::Balanced, ours(harness::balanced())),
        tower_stack(
            harness::OURS_CUSTOM,
            Expect::Custom,
            ours(harness::customized()),
        ),
        tower_stack(
            "ours_route_override",
            Expect::Balanced,
            ServiceBuilder::new()
                .layer(harness::balanced())
                .layer(SecureOverride::new(harness::balanced()).unwrap())
                .service(inner),
        ),
        tower_stack(
            "tower_http_multiple",
            Expect::Balanced,
            ServiceBuilder::new()
                .layer(SetMultipleResponseHeadersLayer::overriding(
                    FLOOR.into_iter().map(Into::into).collect(),
                ))
                .service(inner),
        ),
        tower_stack(
            "axum_helmet",
            Expect::Balanced,
            ServiceBuilder::new().layer(helmet_layer()).service(inner),
        ),
    ];
    if std::env::var_os("BENCH_PROBES").is_some() {
        stacks.extend(probes(&inner));
    }
    harness::run_groups("tower", vec![stacks, axum_stacks()]);
}

/// With `BENCH_PROBES=1`, steps between the floor and the layer, to find where the layer's
/// wall-clock cost goes (each a `MapResponseLayer` closure, which tower clones per request):
///
/// - `probe_floor_arc`: the floor plus one `Arc` clone and drop per request;
/// - `probe_entries_inline`: the floor's loop over the `Secure`'s own entries (on the heap)
///   instead of static pairs, `HeaderMap::insert` inlined here;
/// - `probe_set_headers_ref`: `Secure::set_headers` on the response, the `Secure` borrowed
///   (`&'static`, no reference count);
/// - `probe_set_headers_arc`: the same with the `Secure` captured by value, as the layer
///   holds it (one `Arc` clone and drop per request).
fn probes<'a, S>(inner: &S) -> Vec<harness::Stack<'a>>
where
    S: Service<Request<()>, Response = Response<String>, Error = Infallible> + Clone + 'a,
{
    let secure = harness::balanced();
    let leaked: &'static Secure = Box::leak(Box::new(secure.clone()));
    let arc = std::sync::Arc::new(());
    vec![
        tower_stack(
            "probe_floor_arc",
            Expect::Balanced,
            MapResponseLayer::new(move |r| {
                let _held = &arc;
                floor(r)
            })
            .layer(inner.clone()),
        ),
        tower_stack(
            "probe_entries_inline",
            Expect::Balanced,
            MapResponseLayer::new(move |mut r: Response<String>| {
                let headers = r.headers_mut();
                for e in leaked.entries() {
                    headers.insert(e.header_name().clone(), e.value().clone());
                }
                r
            })
            .layer(inner.clone()),
        ),
        tower_stack(
            "probe_set_headers_ref",
            Expect::Balanced,
            MapResponseLayer::new(move |mut r: Response<String>| {
                leaked.set_headers(r.headers_mut());
                r
            })
            .layer(inner.clone()),
        ),
        tower_stack(
            "probe_set_headers_arc",
            Expect::Balanced,
            MapResponseLayer::new(move |mut r: Response<String>| {
                secure.set_headers(r.headers_mut());
                r
            })
            .layer(inner.clone()),
        ),
    ]
}
