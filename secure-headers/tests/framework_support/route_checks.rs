//! A route's override runs its own request-side checks for the requests of its route, and
//! answers a refusal exactly as the application's `Secure` does (the same status, one-line
//! body and log line), with the route's headers; other routes follow the application's
//! `Secure`. Run through [`wire_tests!`](super::wire::wire_tests) under
//! [`base`](super::base), which checks nothing of the request.

use std::net::SocketAddr;

use secure_headers::SecureOverride;
use secure_headers::http::HeaderMap;
use secure_headers::request::CrossOriginProtection;
use secure_headers::transport::AllowedHosts;

use super::refusals::{assert_logged_once, capture_logs, exchange, logged, token};
use super::wire::Runs;
use super::{assert_balanced, assert_headers};

/// `/guarded` (`GET` and `POST`, counted like `/`): cross-origin protection and the
/// loopback host only, and `X-Frame-Options: DENY` to tell its headers apart.
pub(crate) fn guarded_override() -> SecureOverride {
    SecureOverride::new(
        super::base()
            .derive(|b| {
                b.map_xfo(|x| x.deny())
                    .cross_origin_protection(CrossOriginProtection::new())
                    .allowed_hosts(AllowedHosts::new(["127.0.0.1"]))
            })
            .unwrap(),
    )
    .unwrap()
}

/// What [`guarded_override`] changes in the headers.
const GUARDED: &[(&str, Option<&[&str]>)] = &[("x-frame-options", Some(&["DENY"]))];

/// A raw `POST` to `target` with `host` and `Sec-Fetch-Site: site` (and a foreign `Origin`
/// when cross-site).
fn post(target: &str, host: &str, site: &str) -> String {
    let origin = if site == "cross-site" {
        "Origin: http://evil.example\r\n"
    } else {
        ""
    };
    format!(
        "POST {target} HTTP/1.1\r\nHost: {host}\r\nSec-Fetch-Site: {site}\r\n{origin}\
         Content-Length: 0\r\n\r\n"
    )
}

/// A refusal by the route: `status`, the route's headers, `text/plain`, exactly `body`.
#[track_caller]
fn assert_route_refusal(answer: &(u16, HeaderMap, String), status: u16, body: &str) {
    let (got, headers, text) = answer;
    assert_eq!(*got, status, "{headers:?} {text:?}");
    assert_headers(headers, GUARDED);
    assert_eq!(
        headers.get("content-type").map(|v| v.to_str().unwrap()),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(text, body);
}

/// No record of `secure_headers` mentions `token` (a framework's own request line may).
#[track_caller]
fn assert_nothing_logged(token: &str) {
    let records = logged(token);
    assert!(
        !records.iter().any(|r| r.contains(" secure_headers: ")),
        "{records:?}"
    );
}

/// Under [`base`](super::base), with `/guarded` under [`guarded_override`].
pub(crate) async fn route_override_checks_its_requests(addr: SocketAddr, runs: &Runs) {
    capture_logs();

    // A cross-site POST with a foreign Host to the route: refused by the route's host
    // check (the first check, as for the application), logged once, the handler not run.
    let t = token();
    let answer = exchange(
        addr,
        post(&format!("/guarded?{t}"), "evil.example", "cross-site"),
    )
    .await;
    assert_route_refusal(&answer, 400, "refused: the request's host is not allowed\n");
    assert_logged_once(
        &t,
        &format!("refused POST /guarded?{t}: the request's host is not allowed"),
    );
    assert_eq!(runs.count(), 0);

    // The same request to another route follows the application's Secure, which checks
    // nothing: the handler runs, the Balanced headers, nothing logged.
    let t = token();
    let (status, headers, body) =
        exchange(addr, post(&format!("/?{t}"), "evil.example", "cross-site")).await;
    assert_eq!((status, body.as_str()), (200, "hello"));
    assert_balanced(&headers);
    assert_nothing_logged(&t);
    assert_eq!(runs.count(), 1);

    // A cross-site POST to the route with its allowed host: refused by its cross-origin
    // protection.
    let t = token();
    let answer = exchange(
        addr,
        post(&format!("/guarded?{t}"), "127.0.0.1", "cross-site"),
    )
    .await;
    assert_route_refusal(&answer, 403, "refused: cross-origin request\n");
    assert_logged_once(
        &t,
        &format!("refused POST /guarded?{t}: cross-origin request"),
    );
    assert_eq!(runs.count(), 1);

    // A same-origin POST passes, with the route's headers.
    let t = token();
    let (status, headers, body) = exchange(
        addr,
        post(&format!("/guarded?{t}"), "127.0.0.1", "same-origin"),
    )
    .await;
    assert_eq!((status, body.as_str()), (200, "hello"));
    assert_headers(&headers, GUARDED);
    assert_nothing_logged(&t);
    assert_eq!(runs.count(), 2);
}

/// Under [`hosts`](super::wire::hosts) (`example.com`, `*.example.org`, `localhost:8080`;
/// not `127.0.0.1`), with `/guarded` allowing `127.0.0.1` only: the route's list narrows the
/// application's and never widens it.
pub(crate) async fn route_override_only_tightens(addr: SocketAddr, runs: &Runs) {
    capture_logs();
    let host_refused = "refused: the request's host is not allowed\n";

    // A host the application allows and the route does not: refused by the route, with
    // the route's headers.
    let t = token();
    let answer = exchange(
        addr,
        post(&format!("/guarded?{t}"), "example.com", "same-origin"),
    )
    .await;
    assert_route_refusal(&answer, 400, host_refused);
    assert_logged_once(
        &t,
        &format!("refused POST /guarded?{t}: the request's host is not allowed"),
    );

    // A host the route allows and the application does not: the application refuses it
    // first, with its own headers; the route cannot let it through.
    let t = token();
    let (status, headers, body) = exchange(
        addr,
        post(&format!("/guarded?{t}"), "127.0.0.1", "same-origin"),
    )
    .await;
    assert_eq!((status, body.as_str()), (400, host_refused));
    assert_balanced(&headers);
    assert_logged_once(
        &t,
        &format!("refused POST /guarded?{t}: the request's host is not allowed"),
    );
    assert_eq!(runs.count(), 0);

    // The application's host on another route: answered.
    let t = token();
    let (status, _, body) =
        exchange(addr, post(&format!("/?{t}"), "example.com", "same-origin")).await;
    assert_eq!((status, body.as_str()), (200, "hello"));
    assert_eq!(runs.count(), 1);
}
