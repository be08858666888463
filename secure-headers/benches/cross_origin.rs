//! Per-request cost of cross-origin request protection (CSRF without tokens) as tower
//! middleware, in one run. Every stack wraps the same trivial inner service and receives the
//! same request, the common case of a protected application: a same-origin `POST` from a
//! browser (`Sec-Fetch-Site: same-origin`, with `Host` and `Origin`), which must pass.
//!
//! - `none`: the inner service alone, unprotected: the zero of the scale;
//! - `floor`: a hand-written tower `Service` doing the check of Go 1.25's
//!   `CrossOriginProtection` (safe method, then `Sec-Fetch-Site`, then `Origin` against
//!   `Host`), refusing with a bare 403;
//! - `native`: tower-http 0.7's `CsrfLayer` (the same rules);
//! - `ours_balanced`: `secure-headers`' layer with `cross_origin_protection` and no header,
//!   so that only the request check is measured.
//!
//! Before measuring, each stack is checked to pass this request and to refuse the same
//! `POST` with `Sec-Fetch-Site: cross-site` (403).
//!
//! Run with `cargo bench -p secure-headers --features tower --bench cross_origin` (paired
//! wall clock), and `scripts/bench-frameworks.sh cross_origin` for instructions per request.

use std::convert::Infallible;
use std::task::{Context, Poll};

use secure_headers::Secure;
use secure_headers::http::{HeaderValue, Method, Request, Response, StatusCode, header};
use secure_headers::request::CrossOriginProtection;
use tower::{Service, ServiceBuilder, service_fn};
use tower_http::csrf::CsrfLayer;

#[path = "support/counting.rs"]
mod counting;

#[path = "support/balanced.rs"]
mod balanced;

#[path = "support/harness.rs"]
mod harness;

use harness::{Expect, stack};

/// The application: a small response with one header of its own.
async fn app<B>(_req: Request<B>) -> Result<Response<String>, Infallible> {
    let mut response = Response::new(String::from("done"));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    Ok(response)
}

/// A `POST /transfer` from `site` (the `Sec-Fetch-Site` value), same host and origin.
fn post(site: &'static str) -> Request<String> {
    let mut request = Request::new(String::new());
    *request.method_mut() = Method::POST;
    *request.uri_mut() = "/transfer".parse().expect("a path");
    let headers = request.headers_mut();
    headers.insert(header::HOST, HeaderValue::from_static("bank.example"));
    headers.insert(
        header::ORIGIN,
        HeaderValue::from_static("https://bank.example"),
    );
    headers.insert("sec-fetch-site", HeaderValue::from_static(site));
    request
}

/// The hand-written check: what the cheapest correct middleware does.
#[derive(Clone)]
struct Floor<S>(S);

impl<S> Floor<S> {
    fn allowed<B>(request: &Request<B>) -> bool {
        if matches!(
            *request.method(),
            Method::GET | Method::HEAD | Method::OPTIONS
        ) {
            return true;
        }
        let headers = request.headers();
        match headers.get("sec-fetch-site").map(HeaderValue::as_bytes) {
            Some(b"same-origin" | b"none") => true,
            Some(_) => false,
            None => match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
                (None, _) => true,
                (Some(origin), Some(host)) => origin
                    .as_bytes()
                    .strip_prefix(b"https://")
                    .or_else(|| origin.as_bytes().strip_prefix(b"http://"))
                    .is_some_and(|authority| authority == host.as_bytes()),
                (Some(_), None) => false,
            },
        }
    }
}

impl<S, B> Service<Request<B>> for Floor<S>
where
    S: Service<Request<B>, Response = Response<String>, Error = Infallible>,
{
    type Response = Response<String>;
    type Error = Infallible;
    type Future = futures_util::future::Either<
        S::Future,
        std::future::Ready<Result<Response<String>, Infallible>>,
    >;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        if Self::allowed(&request) {
            futures_util::future::Either::Left(self.0.call(request))
        } else {
            let mut refused = Response::new(String::new());
            *refused.status_mut() = StatusCode::FORBIDDEN;
            futures_util::future::Either::Right(std::future::ready(Ok(refused)))
        }
    }
}

/// One request through `svc`: `poll_ready`, `call`, and one poll of the (ready) future.
#[inline]
fn send<S, R>(svc: &mut S, request: Request<String>) -> Response<R>
where
    S: Service<Request<String>, Response = Response<R>, Error = Infallible>,
{
    let Ok(()) = harness::ready(std::future::poll_fn(|cx| svc.poll_ready(cx)));
    let Ok(response) = harness::ready(svc.call(request));
    response
}

/// A stack of `svc` named `name`, after checking that it passes a same-origin `POST` and
/// refuses a cross-site one.
fn checked_stack<'a, S, R: 'a>(name: &'static str, mut svc: S) -> harness::Stack<'a>
where
    S: Service<Request<String>, Response = Response<R>, Error = Infallible> + 'a,
{
    assert_eq!(send(&mut svc, post("same-origin")).status(), 200, "{name}");
    if name != harness::NONE {
        assert_eq!(send(&mut svc, post("cross-site")).status(), 403, "{name}");
    }
    stack(
        name,
        Expect::Nothing,
        move || send(&mut svc, post("same-origin")),
        |response| harness::listed(response.headers()),
    )
}

fn main() {
    let inner = service_fn(app::<String>);
    let ours = Secure::builder()
        .cross_origin_protection(CrossOriginProtection::new())
        .build()
        .expect("a valid configuration");
    let stacks = vec![
        checked_stack(harness::NONE, inner),
        checked_stack(harness::FLOOR_STACK, Floor(inner)),
        checked_stack(
            harness::NATIVE,
            ServiceBuilder::new().layer(CsrfLayer::new()).service(inner),
        ),
        checked_stack(
            harness::OURS,
            ServiceBuilder::new().layer(ours).service(inner),
        ),
    ];
    harness::run("cross_origin", stacks);
}
