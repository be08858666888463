//! The request-side checks (per-request nonces, HTTPS awareness, allowed hosts, cookie
//! hardening, header removal, development mode, the report collector) that every framework
//! test runs against its own real server. [`wire_tests!`] writes the tests that run them.
//!
//! Routes each test server provides, under the `Secure` the test passes:
//!
//! | route | what it does |
//! |---|---|
//! | `GET /` and `GET /a/b` | [`Runs::hello`]: counts the run, `hello` |
//! | `GET /nonce` | [`page`]: an inline script carrying the nonce the handler was given |
//! | `GET /strict` | the same page, under the route override [`strict_override`] |
//! | `GET` and `POST /guarded` | [`Runs::hello`], under the route override [`guarded_override`] |
//! | `GET /cookies` | [`COOKIES`] as `Set-Cookie`, and `X-Powered-By: framework` |
//! | any method `/reports` | the report collector (where the test mounts one) |
//!
//! Every request to the servers comes from 127.0.0.1 (or `::1`).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use secure_headers::csp::Source;
use secure_headers::http::{HeaderMap, Method, StatusCode};
use secure_headers::request::CrossOriginProtection;
use secure_headers::transport::{AllowedHosts, ForwardedHeader, HstsMode, HttpsRedirect};
use secure_headers::{
    ContentSecurityPolicy, CookieHardening, CspNonce, Preset, Secure, SecureOverride,
};

pub(crate) use super::route_checks::guarded_override;
use super::{BASE_CSP, assert_balanced, assert_headers, client, get_with, values};

/// How many times the handlers of `/` and `/a/b` ran: an early answer (a redirect, a
/// refusal) must not run them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Runs(Arc<AtomicUsize>);

impl Runs {
    /// What `/` and `/a/b` do: count the run, answer `hello`.
    pub(crate) fn hello(&self) -> &'static str {
        self.0.fetch_add(1, Ordering::SeqCst);
        "hello"
    }

    pub(crate) fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// What `/nonce` answers: an inline script with the request's nonce attribute.
pub(crate) fn page(nonce: &CspNonce) -> String {
    format!("<script {}>start()</script>", nonce.attribute())
}

/// The cookies `/cookies` sets, in order.
pub(crate) const COOKIES: [&str; 3] = [
    "a=1; Path=/",
    "b=2; HttpOnly; SameSite=Strict",
    "theme=dark; Secure; HttpOnly; SameSite=Strict",
];

/// The cookies hardened (`Secure`, `HttpOnly`, `SameSite=Lax` where missing).
const HARDENED: [&str; 3] = [
    "a=1; Path=/; Secure; HttpOnly; SameSite=Lax",
    "b=2; HttpOnly; SameSite=Strict; Secure",
    "theme=dark; Secure; HttpOnly; SameSite=Strict",
];

/// A nonce in `script-src` of the enforced policy and of a report-only policy.
pub(crate) fn with_nonce() -> Secure {
    Preset::Balanced
        .builder()
        .map_csp(|csp| csp.script_src([Source::nonce()]))
        .csp_report_only(
            ContentSecurityPolicy::new()
                .default_src([Source::NONE])
                .script_src([Source::nonce()])
                .report_uri(["/reports"]),
        )
        .build()
        .unwrap()
}

/// The hosts the test servers answer to.
fn loopback() -> AllowedHosts {
    AllowedHosts::new(["127.0.0.1", "[::1]", "example.com"])
}

/// Redirects plain HTTP to HTTPS (308, same host, default port), for the loopback hosts.
pub(crate) fn redirecting() -> Secure {
    Preset::Balanced
        .builder()
        .https_redirect(HttpsRedirect::new())
        .allowed_hosts(loopback())
        .build()
        .unwrap()
}

/// Redirects plain HTTP with `301` to a fixed host and port.
pub(crate) fn redirecting_elsewhere() -> Secure {
    Preset::Balanced
        .builder()
        .https_redirect(
            HttpsRedirect::new()
                .status(StatusCode::MOVED_PERMANENTLY)
                .host("secure.example")
                .port(8443),
        )
        .build()
        .unwrap()
}

/// Allows `example.com` (any port), `*.example.org` and `localhost:8080` only.
pub(crate) fn hosts() -> Secure {
    Preset::Balanced
        .builder()
        .allowed_hosts(AllowedHosts::new([
            "example.com",
            "*.example.org",
            "localhost:8080",
        ]))
        .build()
        .unwrap()
}

/// HSTS on secure requests only and a redirect for the others; `trusted` are the trusted
/// proxies, which set `X-Forwarded-Proto`.
pub(crate) fn secure_only(trusted: &[&str]) -> Secure {
    let b = Preset::Balanced
        .builder()
        .hsts_mode(HstsMode::SecureOnly)
        .https_redirect(HttpsRedirect::new())
        .allowed_hosts(loopback());
    let b = if trusted.is_empty() {
        b
    } else {
        b.trusted_proxies(trusted)
            .forwarded_headers([ForwardedHeader::XForwardedProto])
    };
    b.build().unwrap()
}

/// [`secure_only`] behind `hops` trusted proxies on 127.0.0.1 that set
/// `X-Forwarded-Proto` (and not `Forwarded` nor `X-Forwarded-Host`); `other.example` is an
/// allowed host too.
pub(crate) fn behind_proxies(hops: usize) -> Secure {
    Preset::Balanced
        .builder()
        .hsts_mode(HstsMode::SecureOnly)
        .https_redirect(HttpsRedirect::new())
        .allowed_hosts(AllowedHosts::new(["127.0.0.1", "other.example"]))
        .trusted_proxies(["127.0.0.1"])
        .forwarded_headers([ForwardedHeader::XForwardedProto])
        .trusted_hops(hops)
        .build()
        .unwrap()
}

/// Cross-origin protection: `https://trusted.example` trusted, `/a/b` bypassed.
pub(crate) fn cross_origin() -> Secure {
    cross_origin_with(CrossOriginProtection::new())
}

/// [`cross_origin`], in report-only mode.
pub(crate) fn cross_origin_report_only() -> Secure {
    cross_origin_with(CrossOriginProtection::new().report_only(true))
}

/// Cross-origin protection with the resource isolation policy, `/a/b` exempt.
pub(crate) fn resource_isolation() -> Secure {
    Preset::Balanced
        .builder()
        .cross_origin_protection(
            CrossOriginProtection::new()
                .resource_isolation(true)
                .exempt(["/a/b"]),
        )
        .build()
        .unwrap()
}

fn cross_origin_with(protection: CrossOriginProtection) -> Secure {
    Preset::Balanced
        .builder()
        .cross_origin_protection(
            protection
                .trusted_origins(["https://trusted.example"])
                .bypass(["/a/b"]),
        )
        .build()
        .unwrap()
}

/// [`development`] with cross-origin protection, for a plain-HTTP development server.
pub(crate) fn development_cross_origin() -> Secure {
    Preset::Balanced
        .builder()
        .https_redirect(HttpsRedirect::new())
        .allowed_hosts(AllowedHosts::new(["example.com"]))
        .cross_origin_protection(CrossOriginProtection::new())
        .development_mode(true)
        .build()
        .unwrap()
}

/// Cookie hardening and the removal of `X-Powered-By`.
pub(crate) fn cookies() -> Secure {
    Preset::Balanced
        .builder()
        .harden_cookies(CookieHardening::new())
        .remove_headers(["X-Powered-By"])
        .build()
        .unwrap()
}

/// Development mode, over a configuration that would otherwise redirect, check hosts and
/// add `Secure` to cookies.
pub(crate) fn development() -> Secure {
    Preset::Balanced
        .builder()
        .https_redirect(HttpsRedirect::new())
        .allowed_hosts(AllowedHosts::new(["example.com"]))
        .harden_cookies(CookieHardening::new())
        .development_mode(true)
        .build()
        .unwrap()
}

/// A base policy without a nonce that still makes one for every request.
pub(crate) fn providing_nonce() -> Secure {
    Preset::Balanced
        .builder()
        .provide_nonce(true)
        .build()
        .unwrap()
}

/// `/strict`: the strict CSP, whose `script-src` carries the request's nonce.
pub(crate) fn strict_override() -> SecureOverride {
    SecureOverride::new(
        Preset::Balanced
            .builder()
            .csp(ContentSecurityPolicy::strict())
            .build()
            .unwrap(),
    )
    .unwrap()
}

/// A client that does not follow redirects.
pub(crate) fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn text<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name)
        .unwrap_or_else(|| panic!("no {name} in {h:?}"))
        .to_str()
        .unwrap()
}

/// The nonce the handler saw: in its page, or the whole body of a handler that answers
/// the nonce alone.
fn nonce_in(body: &str) -> &str {
    let n = match body.strip_prefix("<script nonce=\"") {
        Some(b) => b
            .strip_suffix("\">start()</script>")
            .unwrap_or_else(|| panic!("unexpected page {body:?}")),
        None => body,
    };
    assert_eq!(n.len(), 24, "{body}");
    n
}

/// `GET path`: `200`, and the nonce the handler saw, with the headers.
async fn nonce_of(addr: SocketAddr, path: &str) -> (String, HeaderMap) {
    let resp = client()
        .get(format!("http://{addr}{path}"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "{path}");
    let h = resp.headers().clone();
    let body = resp.text().await.unwrap();
    (nonce_in(&body).to_owned(), h)
}

/// Under [`with_nonce`]: the nonce in the page is the one in both policies, and the next
/// request gets another.
pub(crate) async fn nonce(addr: SocketAddr) {
    nonce_at(addr, &["/nonce", "/nonce"]).await;
}

/// [`nonce`] through each of `paths` (handlers that take the nonce each their own way):
/// every request has its own nonce, the one in both policies.
pub(crate) async fn nonce_at(addr: SocketAddr, paths: &[&str]) {
    let mut seen = Vec::new();
    for path in paths {
        let (n, h) = nonce_of(addr, path).await;
        let csp = BASE_CSP.replace(
            "script-src 'self';",
            &format!("script-src 'self' 'nonce-{n}';"),
        );
        assert_headers(&h, &[("content-security-policy", Some(&[&csp]))]);
        assert_eq!(
            values(&h, "content-security-policy-report-only"),
            [format!(
                "default-src 'none'; script-src 'nonce-{n}'; report-uri /reports"
            )],
            "{path}"
        );
        seen.push(n);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), paths.len(), "every request has its own nonce");
}

/// Under [`providing_nonce`]: `/strict`'s override gets the request's nonce, the one the
/// handler saw, fresh per request; the other routes keep the base headers.
pub(crate) async fn provided_nonce(addr: SocketAddr) {
    let mut seen = Vec::new();
    for _ in 0..2 {
        let (n, h) = nonce_of(addr, "/strict").await;
        assert_eq!(
            values(&h, "content-security-policy"),
            [format!(
                "script-src 'nonce-{n}' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'"
            )]
        );
        seen.push(n);
    }
    assert_ne!(seen[0], seen[1]);
    super::balanced(addr, "/", StatusCode::OK).await;
}

/// Under the base policy without a nonce: a handler that requires one fails with `500`
/// (and the headers), one that takes it as optional (`/optional`) sees none.
pub(crate) async fn no_nonce(addr: SocketAddr) {
    super::balanced(addr, "/nonce", StatusCode::INTERNAL_SERVER_ERROR).await;
    let resp = super::balanced(addr, "/optional", StatusCode::OK).await;
    assert_eq!(resp.text().await.unwrap(), "none");
}

/// Under [`redirecting`]: `308` to the same host over HTTPS, path and query kept, for `GET`
/// and `POST`, with the security headers, no body, and the handler not run.
pub(crate) async fn redirect(addr: SocketAddr, runs: &Runs) {
    let host = match addr {
        SocketAddr::V4(a) => a.ip().to_string(),
        SocketAddr::V6(a) => format!("[{}]", a.ip()),
    };
    for method in [Method::GET, Method::POST] {
        let resp = no_redirects()
            .request(method.clone(), format!("http://{addr}/a/b?x=1&y=%20z"))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT, "{method}");
        let h = resp.headers();
        assert_eq!(
            text(h, "location"),
            format!("https://{host}/a/b?x=1&y=%20z")
        );
        assert_balanced(h);
        assert_eq!(resp.text().await.unwrap(), "");
    }
    assert_eq!(runs.count(), 0);
}

/// Under [`redirecting_elsewhere`]: `301` to the configured host and port.
pub(crate) async fn redirect_elsewhere(addr: SocketAddr) {
    let resp = get_with(&no_redirects(), addr, "/?q=1", &[]).await;
    assert_eq!(resp.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        values(resp.headers(), "location"),
        ["https://secure.example:8443/?q=1"]
    );
    assert_balanced(resp.headers());
}

/// One raw HTTP/1.1 request: the status and the headers of the answer.
pub(crate) fn raw(addr: SocketAddr, head: &str) -> (u16, HeaderMap) {
    let (status, headers, _) = super::refusals::exchange_blocking(addr, head);
    (status, headers)
}

/// Whether a framework answers `CONNECT` (an authority-form target) itself, before any
/// middleware: Rocket refuses such targets with a bare `400` (it only takes origin-form
/// targets), as actix-web does a request without `Host`.
fn connect_refused_by_framework(status: u16, h: &HeaderMap, who: NoHost) -> bool {
    if matches!(who, NoHost::Framework) {
        assert_eq!(status, 400);
        assert_eq!(h.get("x-frame-options"), None, "the framework's own 400");
        return true;
    }
    false
}

/// `CONNECT` goes through the same checks as every other method. Under [`hosts`]: a tunnel
/// to a host that is not allowed is refused with `400` and the security headers, without
/// running the handler; one to an allowed host passes the checks: a refusal by the
/// framework carries the security headers, and a route's `2xx` (a tunnel) is left alone. `who`
/// says whether the framework answers such targets itself ([`NoHost::Framework`]).
pub(crate) async fn connect_hosts(addr: SocketAddr, runs: &Runs, who: NoHost) {
    let connect = |target: &'static str| {
        let head =
            format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\nConnection: close\r\n\r\n");
        tokio::task::spawn_blocking(move || raw(addr, &head))
    };
    let (status, h) = connect("evil.example:443").await.unwrap();
    if connect_refused_by_framework(status, &h, who) {
        let (status, h) = connect("example.com:443").await.unwrap();
        assert!(connect_refused_by_framework(status, &h, who));
        assert_eq!(runs.count(), 0);
        return;
    }
    assert_eq!(status, 400, "CONNECT to a host that is not allowed");
    assert_balanced(&h);
    let (status, h) = connect("example.com:443").await.unwrap();
    if (200..300).contains(&status) {
        // A route that takes any method (warp's `path::end()`) accepted the tunnel: its
        // response is no longer HTTP's, and is left alone, as a `101` is.
        assert_eq!(
            h.get("x-frame-options"),
            None,
            "a tunnel's {status} is left alone"
        );
        assert_eq!(runs.count(), 1);
    } else {
        assert_balanced(&h);
        assert_eq!(runs.count(), 0);
    }
}

/// Under [`redirecting`]: a `CONNECT` over plain HTTP cannot follow a redirect, so it is
/// refused with `400` and the security headers instead of being sent to `https://`.
pub(crate) async fn connect_redirect(addr: SocketAddr, runs: &Runs, who: NoHost) {
    let head = "CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\nConnection: close\r\n\r\n";
    let (status, h) = tokio::task::spawn_blocking(move || raw(addr, head))
        .await
        .unwrap();
    if connect_refused_by_framework(status, &h, who) {
        assert_eq!(runs.count(), 0);
        return;
    }
    assert_eq!(status, 400);
    assert_eq!(h.get("location"), None);
    assert_balanced(&h);
    assert_eq!(runs.count(), 0);
}

/// Who answers an HTTP/1.1 request without a `Host` header (RFC 9112 requires one).
#[derive(Clone, Copy, Debug)]
pub(crate) enum NoHost {
    /// The middleware, as for any other host: by the target's authority when the target is
    /// in absolute form, else `400` with the security headers.
    Middleware,
    /// The framework itself, before any middleware runs: `400` without them, whatever the
    /// target.
    Framework,
}

/// How a framework shows the host of a request whose target is in absolute form
/// (`GET http://example.com/ HTTP/1.1`).
#[derive(Clone, Copy, Debug)]
pub(crate) enum AbsoluteForm {
    /// The target's authority is the host; the `Host` header is ignored (RFC 9112, 3.2.2).
    Authority,
    /// The target's authority only merged with `Host`: when both are there and differ, the
    /// request is refused.
    Merged,
    /// The `Host` header alone: the target's authority is not seen.
    HostHeader,
}

/// Under [`hosts`]: Host values with a port, in upper case, with a trailing dot, an
/// absolute-form request target (`absolute` says what the framework shows of it: Rocket
/// drops the target's authority, so there only `Host` counts, as for its handlers), none at
/// all (`no_host` says who answers that); refusals are `400` with the security headers, and
/// do not run the handler.
pub(crate) async fn allowed_hosts(
    addr: SocketAddr,
    runs: &Runs,
    absolute: AbsoluteForm,
    no_host: NoHost,
) {
    use AbsoluteForm::{Authority, HostHeader, Merged};
    let by = |authority, merged, host_header| match absolute {
        Authority => authority,
        Merged => merged,
        HostHeader => host_header,
    };
    let get = |target: &str, host: Option<&str>| {
        let host = host.map_or(String::new(), |h| format!("Host: {h}\r\n"));
        format!("GET {target} HTTP/1.1\r\n{host}Connection: close\r\n\r\n")
    };
    // warp shows the target's authority only merged with `Host`, and its merge takes the
    // scheme's default port written and not for two authorities (as its own `host`
    // filters do): refused there, by warp's merge and not by this crate (a bare warp
    // server refuses it too: tests/warp.rs,
    // a_default_port_target_is_refused_by_warps_own_host_merge).
    let same = by(200, 400, 200);
    let cases: &[(&str, Option<&str>, u16)] = &[
        ("/", Some("example.com"), 200),
        ("/", Some("EXAMPLE.Com"), 200),
        ("/", Some("example.com."), 200),
        ("/", Some("example.com:8443"), 200),
        ("/", Some("www.example.org"), 200),
        ("/", Some("example.org"), 400),
        ("/", Some("localhost:8080"), 200),
        ("/", Some("localhost:9090"), 400),
        ("/", Some("localhost"), 400),
        ("/", Some("evil.example"), 400),
        ("/", Some("example.com.evil.example"), 400),
        ("/", Some("example.com@evil.example"), 400),
        ("/", Some(""), 400),
        ("/", None, 400),
        ("http://example.com/", Some("example.com"), 200),
        // The scheme's default port named or not: the same authority (RFC 9110, 4.2.3).
        ("http://example.com:80/", Some("example.com"), same),
        ("http://example.com/", Some("example.com:80"), same),
        ("https://example.com:443/", Some("EXAMPLE.com"), same),
        (
            "http://example.com:443/",
            Some("example.com"),
            by(400, 400, 200),
        ),
        (
            "http://example.com:80/",
            Some("example.com:8080"),
            by(400, 400, 200),
        ),
        ("http://example.com:8443/?q", None, by(200, 200, 400)),
        // A target that disagrees with `Host` is refused: handlers read `Host`.
        ("http://example.com/", Some("evil.example"), 400),
        (
            "http://evil.example/",
            Some("example.com"),
            by(400, 400, 200),
        ),
        ("http://evil.example/", None, 400),
    ];
    let mut allowed = 0;
    for (target, host, status) in cases {
        // Refused by the framework itself: no security headers.
        let bare = host.is_none() && matches!(no_host, NoHost::Framework);
        let status = if bare { 400 } else { *status };
        let request = get(target, *host);
        let (got, h) = tokio::task::spawn_blocking(move || raw(addr, &request))
            .await
            .unwrap();
        assert_eq!(got, status, "{target} with Host {host:?}");
        if bare {
            assert_eq!(h.get("x-frame-options"), None, "{target}");
        } else {
            assert_balanced(&h);
        }
        allowed += usize::from(status == 200);
    }
    // Reqwest's own Host (127.0.0.1:port) is not allowed either.
    super::balanced(addr, "/", StatusCode::BAD_REQUEST).await;
    assert_eq!(runs.count(), allowed);
}

/// Under [`secure_only`]: a spoofed `X-Forwarded-Proto: https` (and `Forwarded`) from
/// 127.0.0.1 to each of `untrusted`, where 127.0.0.1 is not a trusted proxy: no HSTS,
/// still redirected, the handler not run; the same to `trusted` (127.0.0.1 trusted):
/// secure, HSTS sent, no redirect.
pub(crate) async fn forwarded_proto(untrusted: &[(SocketAddr, Runs)], trusted: (SocketAddr, Runs)) {
    let no_hsts: &[(&str, Option<&[&str]>)] = &[("strict-transport-security", None)];
    for (addr, runs) in untrusted {
        let spoofed = [("x-forwarded-proto", "https"), ("forwarded", "proto=https")];
        let resp = get_with(&no_redirects(), *addr, "/a/b?c=d", &spoofed).await;
        assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(
            text(resp.headers(), "location"),
            format!("https://127.0.0.1/a/b?c=d")
        );
        assert_headers(resp.headers(), no_hsts);
        assert_eq!(runs.count(), 0);
    }

    let (trusted, runs) = trusted;
    let client = no_redirects();
    let resp = get_with(&client, trusted, "/", &[("x-forwarded-proto", "https")]).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_balanced(resp.headers());
    assert_eq!(resp.text().await.unwrap(), "hello");
    assert_eq!(runs.count(), 1);

    // Without the header, the trusted proxy's request is plain HTTP: redirected, no HSTS.
    let resp = get_with(&client, trusted, "/", &[]).await;
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    assert_headers(resp.headers(), no_hsts);

    // A malformed value from the trusted proxy counts as not secure.
    let resp = get_with(&client, trusted, "/", &[("forwarded", "proto=\"https")]).await;
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(runs.count(), 1);
}

/// Under [`behind_proxies`]`(1)` at `one` and `(2)` at `two`, from 127.0.0.1 (the
/// trusted proxy): only `X-Forwarded-Proto` is read, the value set `hops` from the right.
/// A client's `Forwarded: proto=https` beside the proxy's `X-Forwarded-Proto: http` is
/// plain HTTP (redirected, no HSTS); a client's `X-Forwarded-Host` does not steer the
/// redirect; with two proxies, the outer proxy's value counts, not the client's.
pub(crate) async fn proxy_headers(one: (SocketAddr, Runs), two: (SocketAddr, Runs)) {
    let send = |addr: SocketAddr, headers: &'static [(&'static str, &'static str)]| {
        let mut head = format!(
            "GET /a/b?c=d HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n",
            addr.port()
        );
        for (n, v) in headers {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        head.push_str("Connection: close\r\n\r\n");
        tokio::task::spawn_blocking(move || raw(addr, &head))
    };
    let (addr, runs) = one;
    let redirected = |(status, h): (u16, HeaderMap)| {
        assert_eq!(status, 308);
        assert_eq!(h.get("strict-transport-security"), None);
        text(&h, "location").to_owned()
    };
    // Audit finding: the client's `Forwarded` is not read; the proxy said plain HTTP.
    let got = send(
        addr,
        &[("forwarded", "proto=https"), ("x-forwarded-proto", "http")],
    );
    assert_eq!(redirected(got.await.unwrap()), "https://127.0.0.1/a/b?c=d");
    // Audit finding: a client's `X-Forwarded-Host` passed through does not steer it.
    let got = send(addr, &[("x-forwarded-host", "other.example")]);
    assert_eq!(redirected(got.await.unwrap()), "https://127.0.0.1/a/b?c=d");
    // The named header from the proxy is believed: HSTS, the handler runs.
    let (status, h) = send(addr, &[("x-forwarded-proto", "https")]).await.unwrap();
    assert_eq!(status, 200);
    assert_balanced(&h);
    // A client value the proxy appended to: the proxy's, the rightmost, counts.
    let got = send(addr, &[("x-forwarded-proto", "https, http")]);
    redirected(got.await.unwrap());
    assert_eq!(runs.count(), 1);

    let (addr, runs) = two;
    // Outer proxy: https; inner proxy appended http (its hop from the outer one).
    let (status, h) = send(addr, &[("x-forwarded-proto", "https, http")])
        .await
        .unwrap();
    assert_eq!(status, 200);
    assert_balanced(&h);
    // The client's https, then each proxy's http: the outer proxy's value counts.
    let got = send(
        addr,
        &[
            ("x-forwarded-proto", "https"),
            ("x-forwarded-proto", "http, http"),
        ],
    );
    redirected(got.await.unwrap());
    // Fewer values than proxies: none is believed.
    let got = send(addr, &[("x-forwarded-proto", "https")]);
    redirected(got.await.unwrap());
    assert_eq!(runs.count(), 1);
}

/// Request headers, as `(name, value)` pairs.
type Pairs<'a> = &'a [(&'a str, &'a str)];

/// `method path` with `headers`: the status and the headers of the answer.
async fn send(
    addr: SocketAddr,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap) {
    let mut req = no_redirects().request(method, format!("http://{addr}{path}"));
    for (n, v) in headers {
        req = req.header(*n, *v);
    }
    let resp = req.send().await.unwrap();
    (resp.status(), resp.headers().clone())
}

/// Under [`cross_origin`]: safe methods, same-origin and `none` pass; cross-site and
/// same-site `POST`s are refused with `403` and the security headers, before the handler;
/// the `Origin` fallback takes the request's own origin and the trusted one; requests with
/// neither header pass; the bypass path matches exactly.
pub(crate) async fn cross_origin_requests(addr: SocketAddr, runs: &Runs) {
    let own = format!("http://127.0.0.1:{}", addr.port());
    let other_port = format!("http://127.0.0.1:{}", addr.port().wrapping_add(1));
    let cases: &[(Method, &str, Pairs<'_>, u16)] = &[
        (Method::GET, "/", &[("sec-fetch-site", "cross-site")], 200),
        (Method::POST, "/", &[("sec-fetch-site", "same-origin")], 200),
        (Method::POST, "/", &[("sec-fetch-site", "none")], 200),
        (Method::POST, "/", &[("sec-fetch-site", "cross-site")], 403),
        (Method::POST, "/", &[("sec-fetch-site", "same-site")], 403),
        (Method::POST, "/", &[("sec-fetch-site", "Same-Origin")], 403),
        (Method::POST, "/", &[("origin", own.as_str())], 200),
        (Method::POST, "/", &[("origin", other_port.as_str())], 403),
        (Method::POST, "/", &[("origin", "https://127.0.0.1")], 403),
        (Method::POST, "/", &[("origin", "http://evil.example")], 403),
        (Method::POST, "/", &[("origin", "null")], 403),
        // Not an origin (a multi-byte character where the scheme ends): refused, and no
        // panic on the way.
        (Method::POST, "/", &[("origin", "http:/Ե/a")], 403),
        (Method::POST, "/", &[("origin", "https:/Ե")], 403),
        (
            Method::POST,
            "/",
            &[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://trusted.example"),
            ],
            200,
        ),
        (
            Method::POST,
            "/",
            &[("origin", "https://trusted.example:8443")],
            403,
        ),
        (Method::POST, "/", &[], 200),
        (Method::PUT, "/", &[("sec-fetch-site", "cross-site")], 403),
        (
            Method::DELETE,
            "/a",
            &[("origin", "http://evil.example")],
            403,
        ),
        (
            Method::POST,
            "/a/b",
            &[("sec-fetch-site", "cross-site")],
            200,
        ),
        (
            Method::POST,
            "/a/b?x=1",
            &[("sec-fetch-site", "cross-site")],
            200,
        ),
        (
            Method::POST,
            "/a/b/",
            &[("sec-fetch-site", "cross-site")],
            403,
        ),
        (
            Method::POST,
            "/A/B",
            &[("sec-fetch-site", "cross-site")],
            403,
        ),
        (
            Method::POST,
            "/a//b",
            &[("sec-fetch-site", "cross-site")],
            403,
        ),
        (
            Method::POST,
            "/a/b%2f",
            &[("sec-fetch-site", "cross-site")],
            403,
        ),
    ];
    let mut ran = 0;
    for (method, path, headers, want) in cases {
        let (status, h) = send(addr, method.clone(), path, headers).await;
        assert_eq!(status.as_u16(), *want, "{method} {path} {headers:?}");
        assert_balanced(&h);
        ran += usize::from(*want == 200);
    }
    assert_eq!(runs.count(), ran);
    // HEAD and OPTIONS are not refused (what the router does with them differs by
    // framework).
    for method in [Method::HEAD, Method::OPTIONS] {
        let cross = &[
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://evil.example"),
        ];
        let (status, _) = send(addr, method.clone(), "/", cross).await;
        assert_ne!(status, StatusCode::FORBIDDEN, "{method}");
    }
}

/// Under [`cross_origin_report_only`]: what would be refused passes.
pub(crate) async fn cross_origin_report_only_passes(addr: SocketAddr, runs: &Runs) {
    for headers in [
        &[("sec-fetch-site", "cross-site")][..],
        &[("origin", "http://evil.example")][..],
    ] {
        let (status, h) = send(addr, Method::POST, "/", headers).await;
        assert_eq!(status, StatusCode::OK, "{headers:?}");
        assert_balanced(&h);
    }
    assert_eq!(runs.count(), 2);
}

/// Under [`development_cross_origin`] over plain HTTP: the page's own `POST` passes (its
/// origin is `http://127.0.0.1:port`), another origin's is refused.
pub(crate) async fn cross_origin_in_development(addr: SocketAddr, runs: &Runs) {
    let own = format!("http://127.0.0.1:{}", addr.port());
    let (status, _) = send(addr, Method::POST, "/", &[("origin", own.as_str())]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = send(
        addr,
        Method::POST,
        "/",
        &[("origin", "http://evil.example")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(runs.count(), 1);
}

/// Under [`resource_isolation`]: cross-site subresource requests are refused, whatever
/// the method; cross-site navigations, same-site requests, requests without fetch
/// metadata and the exempt path pass.
pub(crate) async fn resource_isolation_requests(addr: SocketAddr, runs: &Runs) {
    let script = &[
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-mode", "no-cors"),
        ("sec-fetch-dest", "script"),
    ][..];
    let navigate = &[
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-mode", "navigate"),
        ("sec-fetch-dest", "document"),
    ][..];
    let embed = &[
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-mode", "navigate"),
        ("sec-fetch-dest", "embed"),
    ][..];
    let cases: &[(&str, Pairs<'_>, u16)] = &[
        ("/", script, 403),
        ("/", navigate, 200),
        ("/", embed, 403),
        (
            "/",
            &[
                ("sec-fetch-site", "same-site"),
                ("sec-fetch-mode", "no-cors"),
            ],
            200,
        ),
        ("/", &[], 200),
        ("/a/b", script, 200),
        ("/a/b/", script, 403),
    ];
    let mut ran = 0;
    for (path, headers, want) in cases {
        let (status, h) = send(addr, Method::GET, path, headers).await;
        assert_eq!(status.as_u16(), *want, "{path} {headers:?}");
        assert_balanced(&h);
        ran += usize::from(*want == 200);
    }
    assert_eq!(runs.count(), ran);
}

/// Under [`cookies`]: the cookies hardened and kept in order; `X-Powered-By` removed.
pub(crate) async fn cookies_and_removal(addr: SocketAddr) {
    let resp = super::balanced(addr, "/cookies", StatusCode::OK).await;
    let h = resp.headers();
    assert_eq!(values(h, "set-cookie"), HARDENED);
    assert_eq!(h.get("x-powered-by"), None);
}

/// Under [`development`]: no redirect, no host check, no HSTS, no
/// `upgrade-insecure-requests`, cookies not marked `Secure`.
pub(crate) async fn development_mode(addr: SocketAddr, runs: &Runs) {
    let csp = BASE_CSP
        .strip_suffix("; upgrade-insecure-requests")
        .unwrap();
    let expected: &[(&str, Option<&[&str]>)] = &[
        ("strict-transport-security", None),
        ("content-security-policy", Some(&[csp])),
    ];
    for path in ["/", "/cookies"] {
        let resp = get_with(&no_redirects(), addr, path, &[]).await;
        assert_eq!(resp.status(), StatusCode::OK, "{path}");
        assert_headers(resp.headers(), expected);
        if path == "/cookies" {
            assert_eq!(
                values(resp.headers(), "set-cookie"),
                [
                    "a=1; Path=/; HttpOnly; SameSite=Lax",
                    "b=2; HttpOnly; SameSite=Strict",
                    "theme=dark; Secure; HttpOnly; SameSite=Strict",
                ]
            );
        } else {
            assert_eq!(resp.text().await.unwrap(), "hello");
        }
    }
    assert_eq!(runs.count(), 1);
}

#[cfg(feature = "reporting")]
pub(crate) use self::collector::*;

#[cfg(feature = "reporting")]
mod collector {
    use std::sync::mpsc::Receiver;

    use secure_headers::report::{Report, ReportCollector, ReportFormat};

    use super::*;

    /// A report in the legacy `application/csp-report` format.
    pub(crate) const LEGACY: &str = r#"{"csp-report":{"document-uri":"http://127.0.0.1/page","referrer":"","violated-directive":"script-src-elem","effective-directive":"script-src-elem","original-policy":"script-src 'self'; report-uri /r","disposition":"enforce","blocked-uri":"inline","status-code":200}}"#;
    /// A Reporting API batch: a CSP violation and a report of another type.
    const BATCH: &str = r#"[{"age":3,"body":{"blockedURL":"https://evil.example/x.js","disposition":"report","documentURL":"https://127.0.0.1/page","effectiveDirective":"script-src-elem","originalPolicy":"script-src 'self'; report-to main","statusCode":200},"type":"csp-violation","url":"https://127.0.0.1/page","user_agent":"UA"},{"age":1,"body":{"id":"x"},"type":"deprecation","url":"https://127.0.0.1/page","user_agent":"UA"}]"#;

    /// The collector every framework mounts at `/reports`: a body limit of 1 KiB; the test
    /// keeps a clone (for its counts) and the receiving end.
    pub(crate) fn report_collector() -> (ReportCollector, Receiver<Report>) {
        let (collector, reports) = ReportCollector::channel(16);
        (collector.limit(1024), reports)
    }

    /// The resident memory of this process, in KiB (0 where `/proc` is missing).
    fn rss_kib() -> u64 {
        std::fs::read_to_string("/proc/self/status")
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    /// The kinds of bad request of the flood, each with the status it must get.
    const FLOOD: [(&str, u16); 10] = [
        ("malformed JSON", 400),
        ("wrong media type", 415),
        ("announced over the limit", 413),
        ("chunked over the limit", 413),
        ("GET", 405),
        ("not a report", 400),
        ("invalid UTF-8", 400),
        ("nested 500 deep", 400),
        ("broken request line", 400),
        ("no body", 400),
    ];

    /// Request `i` of the flood, as raw bytes, and its kind (an index into [`FLOOD`]).
    fn flood_request(i: usize) -> (usize, Vec<u8>) {
        let kind = i % FLOOD.len();
        let post = |ct: &str, body: &[u8]| {
            let mut r = format!(
                "POST /reports HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: {ct}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            )
            .into_bytes();
            r.extend_from_slice(body);
            r
        };
        let bytes = match kind {
            0 => post("application/csp-report", format!("{{not json {i}").as_bytes()),
            1 => post("text/plain", LEGACY.as_bytes()),
            // Announces 10 MB and sends 100 bytes: answered without waiting for the rest.
            2 => format!(
                "POST /reports HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/csp-report\r\ncontent-length: 10000000\r\n\r\n{}",
                "x".repeat(100)
            )
            .into_bytes(),
            // 1,536 bytes in three chunks against the 1 KiB limit, all sent.
            3 => {
                let mut r = b"POST /reports HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/reports+json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n".to_vec();
                for _ in 0..3 {
                    r.extend_from_slice(b"200\r\n");
                    r.extend_from_slice(&[b' '; 512]);
                    r.extend_from_slice(b"\r\n");
                }
                r.extend_from_slice(b"0\r\n\r\n");
                r
            }
            4 => b"GET /reports HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n".to_vec(),
            5 => post("application/reports+json", b"[1, \"two\", {\"type\": 3}]"),
            6 => post("application/csp-report", b"{\"csp-report\": \"\xff\xfe\x80\"}"),
            7 => post(
                "application/reports+json",
                format!("{}{}", "[".repeat(500), "]".repeat(500)).as_bytes(),
            ),
            8 => b"POST /reports HTTP/1.1 trailing\r\nhost: 127.0.0.1\r\n\r\n".to_vec(),
            _ => b"POST /reports HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/csp-report\r\nconnection: close\r\n\r\n".to_vec(),
        };
        (kind, bytes)
    }

    /// Sends one raw request on a new connection and reads the status of the answer, or
    /// says why there is none.
    async fn raw_status(addr: SocketAddr, request: &[u8]) -> Result<u16, String> {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(addr)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        stream
            .write_all(request)
            .await
            .map_err(|e| format!("write: {e}"))?;
        let mut head = Vec::new();
        let mut buf = [0u8; 512];
        while !head.windows(2).any(|w| w == b"\r\n") {
            let n = stream
                .read(&mut buf)
                .await
                .map_err(|e| format!("read: {e}"))?;
            if n == 0 {
                return Err(format!(
                    "closed without an answer after {} bytes",
                    head.len()
                ));
            }
            head.extend_from_slice(&buf[..n]);
        }
        let line = String::from_utf8_lossy(&head);
        line.split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| format!("not an HTTP answer: {line:?}"))
    }

    /// 10,000 malformed or oversized requests, 64 at a time, each on its own connection:
    /// every one is answered with the 4xx its kind calls for, nothing reaches the channel,
    /// and resident memory stays bounded (every body is cut at the 1 KiB limit).
    ///
    /// Where the framework's own HTTP parser answers first (a broken request line, maybe a
    /// POST without a length) its status is checked; that request never reaches the
    /// collector, so the collector's refusal count is at least the rest.
    pub(crate) async fn report_collector_flood(
        addr: SocketAddr,
        collector: &ReportCollector,
        reports: &Receiver<Report>,
    ) {
        use futures_util::StreamExt;
        const REQUESTS: usize = 10_000;
        let before = rss_kib();
        let started = std::time::Instant::now();
        let outcomes: Vec<(usize, Result<u16, String>)> = futures_util::stream::iter(0..REQUESTS)
            .map(|i| async move {
                let (kind, bytes) = flood_request(i);
                let status =
                    tokio::time::timeout(Duration::from_secs(20), raw_status(addr, &bytes))
                        .await
                        .unwrap_or_else(|_| Err("no answer within 20 s".to_owned()));
                (kind, status)
            })
            .buffer_unordered(64)
            .collect()
            .await;
        let grown_mib = rss_kib().saturating_sub(before) / 1024;
        let mut statuses = std::collections::BTreeMap::<String, usize>::new();
        for (_, status) in &outcomes {
            let key = status.as_ref().map_or_else(|e| e.clone(), u16::to_string);
            *statuses.entry(key).or_default() += 1;
        }
        eprintln!(
            "flood: {REQUESTS} requests, 64 at a time, in {:.2?}; answers {statuses:?}; \
             resident memory +{grown_mib} MiB; {:?}",
            started.elapsed(),
            collector.stats()
        );
        let mut wrong = std::collections::BTreeMap::<String, usize>::new();
        for (kind, status) in &outcomes {
            let (name, expected) = FLOOD[*kind];
            match status {
                Ok(s) if *s == expected => {}
                // A parser may refuse a POST without a length itself.
                Ok(411) if *kind == 9 => {}
                // Answered and closed before the client's last chunk arrived: the answer
                // can be lost to the reset. Refused either way (nothing is delivered).
                Err(e) if *kind == 3 && e.contains("reset") => {}
                other => *wrong.entry(format!("{name}: {other:?}")).or_default() += 1,
            }
        }
        assert!(wrong.is_empty(), "unexpected answers: {wrong:?}");
        assert!(
            reports.try_recv().is_err(),
            "a malformed report was delivered"
        );
        let stats = collector.stats();
        assert_eq!((stats.accepted, stats.dropped), (0, 0), "{stats:?}");
        // Kinds 0 to 7 reach the collector in every framework.
        let reaching = REQUESTS / FLOOD.len() * 8;
        assert!(stats.rejected >= reaching as u64, "{stats:?}");
        assert!(grown_mib < 64, "resident memory grew by {grown_mib} MiB");
    }

    /// A client that does not reuse a connection the server closed after a 413.
    fn fresh_connections() -> reqwest::Client {
        reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap()
    }

    /// Both formats are accepted (`204`, with CORS and the security headers) and parsed.
    pub(crate) async fn report_collector_accepts(
        addr: SocketAddr,
        collector: &ReportCollector,
        reports: &Receiver<Report>,
    ) {
        let url = format!("http://{addr}/reports");
        let c = fresh_connections();
        for (content_type, body) in [
            ("application/csp-report", LEGACY),
            ("application/reports+json", BATCH),
        ] {
            let r = c
                .post(&url)
                .header("content-type", content_type)
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::NO_CONTENT, "{content_type}");
            assert_eq!(values(r.headers(), "access-control-allow-origin"), ["*"]);
            // The collector's answers get the security headers too.
            assert_balanced(r.headers());
        }
        let got: Vec<Report> = reports.try_iter().collect();
        assert_eq!(got.len(), 3, "{got:?}");
        let Report::CspViolation(a) = &got[0] else {
            panic!("{got:?}")
        };
        assert_eq!(a.format, Some(ReportFormat::CspReport));
        assert_eq!(a.blocked_url, "inline");
        assert_eq!(a.effective_directive, "script-src-elem");
        let Report::CspViolation(b) = &got[1] else {
            panic!("{got:?}")
        };
        assert_eq!(b.format, Some(ReportFormat::ReportingApi));
        assert_eq!(b.blocked_url, "https://evil.example/x.js");
        assert_eq!(b.disposition, "report");
        assert_eq!(b.user_agent, "UA");
        assert!(matches!(&got[2], Report::Deprecation(d) if d.body.id == "x"));
        assert_eq!(collector.counts(), (3, 0));
    }

    /// Whether a request failed because the server closed the connection while the body
    /// was still being sent (broken pipe or reset), and for no other reason.
    fn closed_while_sending(e: &reqwest::Error) -> bool {
        let mut source: Option<&dyn std::error::Error> = Some(e);
        while let Some(err) = source {
            if let Some(io) = err.downcast_ref::<std::io::Error>() {
                return matches!(
                    io.kind(),
                    std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::ConnectionReset
                );
            }
            source = err.source();
        }
        false
    }

    /// `413` for a body over the limit, with and without a `Content-Length`; `415`, `400`,
    /// `405`; a CORS preflight; nothing reaches the channel.
    pub(crate) async fn report_collector_refuses(addr: SocketAddr, reports: &Receiver<Report>) {
        let url = format!("http://{addr}/reports");
        let c = fresh_connections();
        let post = |ct: &'static str, body: reqwest::Body| {
            c.post(&url).header("content-type", ct).body(body).send()
        };

        // Over the limit, announced by Content-Length: refused before reading.
        let r = post("application/csp-report", "x".repeat(4096).into())
            .await
            .unwrap();
        assert_eq!(r.status(), 413);
        // Over the limit, chunked: the read stops at the limit.
        for (content_type, chunks) in [
            ("application/csp-report", 64),
            ("application/reports+json", 8),
        ] {
            let body = futures_util::stream::iter(
                (0..chunks).map(|_| Ok::<_, std::io::Error>(bytes::Bytes::from(vec![b' '; 512]))),
            );
            match post(content_type, reqwest::Body::wrap_stream(body)).await {
                Ok(r) => assert_eq!(r.status(), 413, "{content_type}"),
                // A server may answer and close as soon as the limit is passed, while the
                // client is still sending the rest (Rocket does): the client's write then
                // fails before it reads the answer. Still refused: nothing reaches the
                // channel (checked at the end).
                Err(e) => assert!(closed_while_sending(&e), "{content_type}: {e:?}"),
            }
        }
        let r = post("text/plain", LEGACY.into()).await.unwrap();
        assert_eq!(r.status(), 415);
        let r = post("application/csp-report", "{not json".into())
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        let r = c.get(&url).send().await.unwrap();
        assert_eq!(r.status(), 405);

        let r = c
            .request(Method::OPTIONS, &url)
            .header("origin", "https://other.example")
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
        let h = r.headers();
        assert_eq!(text(h, "access-control-allow-origin"), "*");
        assert_eq!(text(h, "access-control-allow-methods"), "POST, OPTIONS");
        assert_eq!(text(h, "access-control-allow-headers"), "content-type");
        assert_eq!(text(h, "access-control-max-age"), "86400");
        assert!(reports.try_recv().is_err());
    }
}

/// The tests of the request side for one framework. `serve` serves the routes above
/// (`async fn(Secure, bind: &str, Runs) -> SocketAddr`, `bind` being `127.0.0.1:0` or
/// `[::1]:0`); `absolute_form` and `no_host` are variants of [`AbsoluteForm`] and
/// [`NoHost`], what the framework does with such requests; `reports`, where given, serves a
/// report collector at `/reports` under the given `Secure` (`async fn(ReportCollector,
/// Secure) -> SocketAddr`); `test` is the test attribute.
macro_rules! wire_tests {
    (
        test = $test:meta,
        serve = $serve:path,
        absolute_form = $absolute:ident,
        no_host = $no_host:ident,
        authority_form = $authority_form:ident
        $(, reports = $reports:path)?
        $(,)?
    ) => {
        $crate::framework_support::wire::wire_tests!(@each $test, $serve;
            #[cfg(feature = "nonce")]
            nonce_reaches_the_handler_and_both_policies: with_nonce => nonce;
            /// `provide_nonce` on a base policy without a nonce: a route override whose CSP
            /// uses one gets the request's nonce, the one the handler saw.
            #[cfg(feature = "nonce")]
            an_override_with_a_nonce_gets_the_requests_nonce: providing_nonce => provided_nonce;
            https_redirect_to_a_fixed_host_and_port: redirecting_elsewhere => redirect_elsewhere;
            cookies_hardened_and_x_powered_by_removed: cookies => cookies_and_removal;
        );
        $crate::framework_support::wire::wire_tests!(@counted $test, $serve;
            https_redirect_keeps_path_and_query: redirecting at "127.0.0.1:0" => redirect;
            https_redirect_for_an_ipv6_literal_host: redirecting at "[::1]:0" => redirect;
            development_mode_on_localhost: development at "127.0.0.1:0" => development_mode;
            cross_origin_protection: cross_origin at "127.0.0.1:0" => cross_origin_requests;
            cross_origin_protection_report_only: cross_origin_report_only at "127.0.0.1:0"
                => cross_origin_report_only_passes;
            cross_origin_protection_in_development: development_cross_origin at "127.0.0.1:0"
                => cross_origin_in_development;
            resource_isolation_policy: resource_isolation at "127.0.0.1:0"
                => resource_isolation_requests;
        );
        $crate::framework_support::wire::wire_tests!(@refusals $test, $serve;
            a_host_refusal_says_why_and_is_logged: hosts => host_refusal_explained;
            a_cross_origin_refusal_says_why_and_is_logged: cross_origin
                => cross_origin_refusal_explained;
            a_report_only_refusal_is_logged: cross_origin_report_only => report_only_logged;
            a_redirect_is_no_refusal: redirecting => redirect_not_logged;
        );

        /// A route override with cross-origin protection and allowed hosts checks its
        /// route's requests; another route follows the application's `Secure`.
        #[$test]
        async fn a_route_override_runs_its_request_side_checks() {
            use $crate::framework_support::{route_checks, wire::Runs};
            let runs = Runs::default();
            let addr = $serve($crate::framework_support::base(), "127.0.0.1:0", runs.clone()).await;
            route_checks::route_override_checks_its_requests(addr, &runs).await;
        }

        /// A route override's allowed hosts narrow the application's, never widen them.
        #[$test]
        async fn a_route_override_only_tightens_the_applications_checks() {
            use $crate::framework_support::{route_checks, wire::{self, Runs}};
            let runs = Runs::default();
            let addr = $serve(wire::hosts(), "127.0.0.1:0", runs.clone()).await;
            route_checks::route_override_only_tightens(addr, &runs).await;
        }

        #[$test]
        async fn connect_goes_through_the_host_check() {
            use $crate::framework_support::wire::{self, Runs};
            let runs = Runs::default();
            let addr = $serve(wire::hosts(), "127.0.0.1:0", runs.clone()).await;
            wire::connect_hosts(addr, &runs, wire::NoHost::$authority_form).await;
        }

        #[$test]
        async fn connect_over_plain_http_is_refused_not_redirected() {
            use $crate::framework_support::wire::{self, Runs};
            let runs = Runs::default();
            let addr = $serve(wire::redirecting(), "127.0.0.1:0", runs.clone()).await;
            wire::connect_redirect(addr, &runs, wire::NoHost::$authority_form).await;
        }

        #[$test]
        async fn only_the_forwarding_headers_named_and_hops_from_the_right() {
            use $crate::framework_support::wire::{self, Runs};
            let (one, two) = (Runs::default(), Runs::default());
            let a = $serve(wire::behind_proxies(1), "127.0.0.1:0", one.clone()).await;
            let b = $serve(wire::behind_proxies(2), "127.0.0.1:0", two.clone()).await;
            wire::proxy_headers((a, one), (b, two)).await;
        }

        #[$test]
        async fn forwarded_elements_by_the_rfc_7239_grammar() {
            use $crate::framework_support::{forwarded, wire::Runs};
            let runs = Runs::default();
            let addr = $serve(forwarded::behind_forwarded(), "127.0.0.1:0", runs.clone()).await;
            forwarded::forwarded_elements(addr, &runs).await;
        }

        #[$test]
        async fn allowed_hosts_with_tricky_host_values() {
            use $crate::framework_support::wire::{self, Runs};
            let runs = Runs::default();
            let addr = $serve(wire::hosts(), "127.0.0.1:0", runs.clone()).await;
            wire::allowed_hosts(
                addr,
                &runs,
                wire::AbsoluteForm::$absolute,
                wire::NoHost::$no_host,
            )
            .await;
        }

        #[$test]
        async fn forwarded_proto_only_from_a_trusted_proxy() {
            use $crate::framework_support::wire::{self, Runs};
            let mut servers = Vec::new();
            let proxies: [&[&str]; 3] = [&[], &["10.0.0.0/8"], &["127.0.0.1"]];
            for trusted in proxies {
                let runs = Runs::default();
                let addr = $serve(wire::secure_only(trusted), "127.0.0.1:0", runs.clone()).await;
                servers.push((addr, runs));
            }
            let trusted = servers.pop().unwrap();
            wire::forwarded_proto(&servers, trusted).await;
        }

        $(
            #[cfg(feature = "reporting")]
            #[$test]
            async fn report_collector_accepts_both_formats() {
                use $crate::framework_support::wire;
                let (collector, reports) = wire::report_collector();
                let addr = $reports(collector.clone(), $crate::framework_support::base()).await;
                wire::report_collector_accepts(addr, &collector, &reports).await;
            }

            /// Cross-origin protection lets reports through to the path the `Secure`
            /// names for them, and to no other.
            #[cfg(feature = "reporting")]
            #[$test]
            async fn cross_origin_protection_lets_the_collectors_own_reports_through() {
                use $crate::framework_support::{collector_reports, wire};
                let (collector, reports) = wire::report_collector();
                let named = $reports(collector.clone(), collector_reports::reporting_to("/reports")).await;
                let elsewhere = $reports(collector.clone(), collector_reports::reporting_to("/elsewhere")).await;
                collector_reports::collector_reports_pass(named, elsewhere, &reports).await;
            }

            #[cfg(feature = "reporting")]
            #[$test]
            async fn report_collector_survives_a_flood() {
                use $crate::framework_support::wire;
                let (collector, reports) = wire::report_collector();
                let addr = $reports(collector.clone(), $crate::framework_support::base()).await;
                wire::report_collector_flood(addr, &collector, &reports).await;
            }

            #[cfg(feature = "reporting")]
            #[$test]
            async fn report_collector_refusals_and_preflight() {
                use $crate::framework_support::wire;
                let (collector, reports) = wire::report_collector();
                wire::report_collector_refuses($reports(collector, $crate::framework_support::base()).await, &reports).await;
            }
        )?
    };
    // `name: config => check`: `check(addr)` against a server under `config()`.
    (@each $test:meta, $serve:path;
        $($(#[$attr:meta])* $name:ident: $config:ident => $check:ident;)*
    ) => {
        $(
            $(#[$attr])*
            #[$test]
            async fn $name() {
                use $crate::framework_support::wire::{self, Runs};
                let addr = $serve(wire::$config(), "127.0.0.1:0", Runs::default()).await;
                wire::$check(addr).await;
            }
        )*
    };
    // `name: config => check`: `refusals::check(addr, &runs)` against a server under
    // `wire::config()` on 127.0.0.1, the test logger installed first.
    (@refusals $test:meta, $serve:path;
        $($name:ident: $config:ident => $check:ident;)*
    ) => {
        $(
            #[$test]
            async fn $name() {
                use $crate::framework_support::{refusals, wire::{self, Runs}};
                refusals::capture_logs();
                let runs = Runs::default();
                let addr = $serve(wire::$config(), "127.0.0.1:0", runs.clone()).await;
                refusals::$check(addr, &runs).await;
            }
        )*
    };
    // `name: config at bind => check`: `check(addr, &runs)` against a server under
    // `config()` on `bind`.
    (@counted $test:meta, $serve:path;
        $($name:ident: $config:ident at $bind:literal => $check:ident;)*
    ) => {
        $(
            #[$test]
            async fn $name() {
                use $crate::framework_support::wire::{self, Runs};
                let runs = Runs::default();
                let addr = $serve(wire::$config(), $bind, runs.clone()).await;
                wire::$check(addr, &runs).await;
            }
        )*
    };
}

pub(crate) use wire_tests;
