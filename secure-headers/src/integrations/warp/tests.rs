use std::future::ready;

use warp::http::StatusCode;

#[cfg(feature = "nonce")]
use super::nonce::register;
use super::*;
#[cfg(feature = "nonce")]
use crate::CspNonce;
use crate::integrations::block_on;

// A nonce policy builds only with per-request nonces.
#[cfg(feature = "nonce")]
#[test]
fn two_requests_on_one_task_get_no_nonce() {
    let (a, b): (CspNonce, CspNonce) = (
        "AAAAAAAAAAAAAAAAAAAAAAAA".parse().unwrap(),
        "BBBBBBBBBBBBBBBBBBBBBBBB".parse().unwrap(),
    );
    let secure = with_nonce();
    let current = || secure.inner.warp_nonces.as_deref().unwrap().current();
    assert_eq!(current(), None);
    let first = register(&secure, a);
    assert_eq!(current(), Some(a));
    let second = register(&secure, b);
    assert_eq!(current(), None);
    drop(first);
    assert_eq!(current(), None);
    drop(second);
    assert_eq!(current(), None);
    let again = register(&secure, b);
    assert_eq!(current(), Some(b));
    drop(again);
    assert_eq!(current(), None);
}

/// Each `Secure` owns its table (shared by its clones): a request entered in one is not
/// seen through another,
/// and a `Secure` without a nonce policy has no table at all.
#[cfg(feature = "nonce")]
#[test]
fn each_secure_has_its_own_nonces() {
    let n: CspNonce = "AAAAAAAAAAAAAAAAAAAAAAAA".parse().unwrap();
    let (one, other) = (with_nonce(), with_nonce());
    let current = |s: &Secure| s.inner.warp_nonces.as_deref().unwrap().current();
    let entered = register(&one, n);
    let clone = one.clone();
    assert_eq!(current(&clone), Some(n));
    assert_eq!(current(&other), None);
    drop(entered);
    assert_eq!(current(&one), None);
    let plain = Secure::with_default_headers();
    assert!(plain.inner.warp_nonces.is_none());
    assert!(register(&plain, n).is_none());
}

/// A `Secure` whose script-src has a nonce.
#[cfg(feature = "nonce")]
fn with_nonce() -> Secure {
    Secure::builder()
        .csp(crate::ContentSecurityPolicy::new().script_src([crate::csp::Source::nonce()]))
        .build()
        .unwrap()
}

#[test]
fn an_early_answer_is_a_reply_and_the_filter_does_not_run() {
    let secure = crate::Preset::Balanced
        .builder()
        .https_redirect(crate::transport::HttpsRedirect::new().host("example.com"))
        .build()
        .unwrap();
    let filter = warp::any().map(|| -> &'static str { unreachable!("the filter ran") });
    let resp = block_on(
        warp::test::request()
            .path("/a?b=c")
            .header("host", "example.com")
            .reply(&wrap(filter, secure)),
    );
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(resp.headers()["location"], "https://example.com/a?b=c");
    assert_eq!(resp.headers()["x-frame-options"], "SAMEORIGIN");
}

/// A `Secure` that reads nothing of the request but its method, and one that reads the
/// `Host` (allowing `example.com`): the two ways [`wrap`] inspects a request.
fn reading_and_not() -> [Secure; 2] {
    let fixed = Secure::with_default_headers();
    let inspecting = crate::Preset::Balanced
        .builder()
        .allowed_hosts(crate::transport::AllowedHosts::new(["example.com"]))
        .build()
        .unwrap();
    assert!(!fixed.inspects_request() && inspecting.inspects_request());
    [fixed, inspecting]
}

/// Whether or not the request core reads the request, `filter` runs once and its own
/// rejection comes out as it was.
#[test]
fn a_rejecting_filter_runs_once_and_its_rejection_passes_on() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Debug)]
    struct Mine;
    impl warp::reject::Reject for Mine {}

    for secure in reading_and_not() {
        let runs = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&runs);
        let filter = warp::any().and_then(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            ready(Err::<&'static str, _>(warp::reject::custom(Mine)))
        });
        let route = wrap(filter, secure);
        let rejection = block_on(
            warp::test::request()
                .header("host", "example.com")
                .filter(&route),
        )
        .unwrap_err();
        assert!(rejection.find::<Mine>().is_some(), "{rejection:?}");
        assert!(!rejection.is_not_found());
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }
}

/// warp clones the second branch of an `or` for every request: the application's
/// filter, and whatever it holds (`Arc`s of state: an atomic increment and decrement
/// each), must not be in one. Wrapped, it is cloned exactly as often as alone.
#[test]
fn the_filter_is_not_cloned_per_request() {
    use std::sync::Arc;

    for secure in reading_and_not() {
        let state = Arc::new(());
        let held = Arc::clone(&state);
        let alone = warp::any().map(move || Arc::strong_count(&held).to_string());
        let wrapped = wrap(alone.clone(), secure);
        let request = || warp::test::request().header("host", "example.com");
        let counted_alone = block_on(request().reply(&alone));
        let counted_wrapped = block_on(request().reply(&wrapped));
        // Each holds one more count than the other while it runs: `wrapped`'s copy.
        let alone: u32 = std::str::from_utf8(counted_alone.body())
            .unwrap()
            .parse()
            .unwrap();
        let wrapped: u32 = std::str::from_utf8(counted_wrapped.body())
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(wrapped, alone);
    }
}

#[test]
fn route_override_yields_to_the_replys_own() {
    let base = Secure::with_default_headers();
    let filter = warp::any().map(|| {
        let mut r = "x".into_response();
        r.extensions_mut().insert(SecureOverride::none());
        r
    });
    let filter = wrap(
        wrap_override(filter, SecureOverride::new(base.clone()).unwrap()),
        base,
    );
    let resp = block_on(warp::test::request().reply(&filter));
    assert_eq!(resp.headers().get("x-frame-options"), None);
}

/// What the module docs promise for warp's default rejection responses: served as a
/// service through the tower layer, they get the headers too.
#[cfg(feature = "tower")]
#[test]
fn default_rejections_through_the_tower_layer() {
    use tower::{Layer, ServiceExt};

    let routes = warp::path("a").map(|| "a");
    let service = Secure::with_default_headers().layer(warp::service(routes));
    let request = http::Request::builder()
        .uri("/nope")
        .body(String::new())
        .unwrap();
    let resp = block_on(service.oneshot(request)).unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert_eq!(resp.headers()["x-frame-options"], "SAMEORIGIN");
}
