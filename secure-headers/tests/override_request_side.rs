//! A `SecureOverride` whose `Secure` carries a request-side check (cross-origin protection,
//! allowed hosts, an HTTPS redirect) builds, and runs that check for its route through
//! `SecureOverride::inspect`, the one function every framework's route-level override
//! calls (the shared framework suite runs it in all six). An override a handler attaches
//! to its own response cannot check a request that was already answered: that is logged
//! as an error, never silently ignored.

use std::sync::Mutex;

use secure_headers::http::{Request, Response};
use secure_headers::request::{CrossOriginProtection, HttpRequest, Refusal};
use secure_headers::transport::{AllowedHosts, HttpsRedirect};
use secure_headers::{Secure, SecureBuilder, SecureOverride};

fn route(f: impl FnOnce(SecureBuilder) -> SecureBuilder) -> SecureOverride {
    let secure = Secure::with_default_headers().derive(f).unwrap();
    SecureOverride::new(secure).unwrap()
}

fn post(host: &str, site: &str) -> Request<()> {
    Request::post("/admin?x=1")
        .header("host", host)
        .header("sec-fetch-site", site)
        .body(())
        .unwrap()
}

#[test]
fn cross_origin_protection_in_an_override_is_checked() {
    let o = route(|b| b.cross_origin_protection(CrossOriginProtection::new()));
    assert!(o.inspects_request());
    let early = o
        .inspect(&HttpRequest::new(&post("app.example", "cross-site")))
        .unwrap_err();
    assert_eq!(early.status(), 403);
    assert_eq!(early.refusal(), Some(Refusal::CrossOrigin));
    assert_eq!(early.body(), "refused: cross-origin request\n");
    assert!(
        o.inspect(&HttpRequest::new(&post("app.example", "same-origin")))
            .is_ok()
    );
}

#[test]
fn allowed_hosts_in_an_override_are_checked() {
    let o = route(|b| b.allowed_hosts(AllowedHosts::new(["app.example"])));
    assert!(o.inspects_request());
    let early = o
        .inspect(&HttpRequest::new(&post("evil.example", "same-origin")))
        .unwrap_err();
    assert_eq!(early.status(), 400);
    assert_eq!(early.refusal(), Some(Refusal::HostNotAllowed));
    assert_eq!(early.body(), "refused: the request's host is not allowed\n");
    assert!(
        o.inspect(&HttpRequest::new(&post("app.example", "same-origin")))
            .is_ok()
    );
}

#[test]
fn an_https_redirect_in_an_override_redirects() {
    let o = route(|b| b.https_redirect(HttpsRedirect::new().host("app.example")));
    assert!(o.inspects_request());
    let get = Request::get("/login?next=%2F")
        .header("host", "app.example")
        .body(())
        .unwrap();
    let early = o.inspect(&HttpRequest::new(&get)).unwrap_err();
    assert_eq!(early.status(), 308);
    assert_eq!(
        early.location().unwrap(),
        "https://app.example/login?next=%2F"
    );
    assert_eq!(early.refusal(), None);
    assert_eq!(early.body(), "");
}

/// The checks run in the application's order: the host first, then cross-origin.
#[test]
fn the_host_is_checked_before_cross_origin() {
    let o = route(|b| {
        b.cross_origin_protection(CrossOriginProtection::new())
            .allowed_hosts(AllowedHosts::new(["app.example"]))
    });
    let early = o
        .inspect(&HttpRequest::new(&post("evil.example", "cross-site")))
        .unwrap_err();
    assert_eq!(early.refusal(), Some(Refusal::HostNotAllowed));
}

/// The same through `TryFrom`, the other public way to make an override from a `Secure`.
#[test]
fn try_from_makes_the_same_override() {
    let guarded = Secure::builder()
        .cross_origin_protection(CrossOriginProtection::new())
        .allowed_hosts(AllowedHosts::new(["app.example"]))
        .build()
        .unwrap();
    let o = SecureOverride::try_from(guarded.clone()).unwrap();
    assert_eq!(o, SecureOverride::new(guarded).unwrap());
    assert!(o.inspects_request());
}

/// Development mode turns the host check and the redirect off, in an override as in the
/// application; cross-origin protection stays (it lets a development server's own origin
/// through).
#[test]
fn development_mode_turns_the_host_check_off() {
    let o = route(|b| {
        b.allowed_hosts(AllowedHosts::new(["app.example"]))
            .https_redirect(HttpsRedirect::new())
            .development_mode(true)
    });
    assert!(!o.inspects_request());
    assert!(
        o.inspect(&HttpRequest::new(&post("evil.example", "cross-site")))
            .is_ok()
    );
}

/// A header-only variant, and one that only says how the request's security is read (as
/// the application's own `Secure` decides it), check nothing.
#[test]
fn header_only_overrides_still_build() {
    let framable = Secure::with_default_headers()
        .derive(|b| {
            b.without("X-Frame-Options")
                .trusted_proxies(["10.0.0.0/8"])
                .forwarded_headers([secure_headers::transport::ForwardedHeader::XForwardedProto])
                .hsts_mode(secure_headers::transport::HstsMode::SecureOnly)
        })
        .unwrap();
    let o = SecureOverride::new(framable.clone()).unwrap();
    assert_eq!(o.secure(), &framable);
    assert!(!o.inspects_request());
    assert_eq!(SecureOverride::none().secure().header_items().count(), 0);
}

static ERRORS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        if record.level() == log::Level::Error && record.target() == "secure_headers" {
            ERRORS.lock().unwrap().push(record.args().to_string());
        }
    }

    fn flush(&self) {}
}

/// A handler that attaches an override with request-side checks to its own response: the
/// request was already answered, so the checks cannot run; its headers apply, and the
/// error is logged. A header-only override attached the same way is not.
#[test]
fn an_override_with_checks_attached_by_a_handler_is_logged() {
    log::set_logger(&Capture).unwrap();
    log::set_max_level(log::LevelFilter::Info);
    let base = Secure::with_default_headers();

    let mut plain = Response::new(());
    plain
        .extensions_mut()
        .insert(route(|b| b.map_xfo(|x| x.deny())));
    base.apply_to_response(&mut plain);
    assert_eq!(plain.headers()["x-frame-options"], "DENY");
    assert!(ERRORS.lock().unwrap().is_empty());

    let mut guarded = Response::new(());
    guarded.extensions_mut().insert(route(|b| {
        b.map_xfo(|x| x.deny())
            .cross_origin_protection(CrossOriginProtection::new())
    }));
    base.apply_to_response(&mut guarded);
    assert_eq!(guarded.headers()["x-frame-options"], "DENY");
    assert_eq!(
        *ERRORS.lock().unwrap(),
        [
            "a SecureOverride with request-side checks (cross-origin protection, allowed hosts \
          or an HTTPS redirect) was attached to a response by its handler, after the request \
          was answered: its checks did not run; mount it on the route instead"
        ]
    );
}
