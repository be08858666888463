//! The request-side checks (per-request nonces, HTTPS awareness, allowed hosts, cookie
//! hardening, header removal, development mode, the report collector) that every framework
//! test runs against its own real server.
//!
//! Routes each test server provides, under the `Secure` the test passes:
//!
//! | route | what it does |
//! |---|---|
//! | `GET /` | `hello` |
//! | `GET /nonce` | [`page`]: an inline script carrying the nonce the handler was given |
//! | `GET /cookies` | [`COOKIES`] as two `Set-Cookie`, and `X-Powered-By: framework` |
//! | any method `/reports` | the report collector (where the test mounts one) |
//!
//! Every request to the servers comes from 127.0.0.1 (or `::1`).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use secure_headers::csp::Source;
use secure_headers::http::{HeaderMap, StatusCode};
use secure_headers::transport::{AllowedHosts, HstsMode, HttpsRedirect};
use secure_headers::{ContentSecurityPolicy, CookieHardening, CspNonce, Preset, Secure};

use super::{BASE_CSP, client};

/// What `/nonce` answers: an inline script with the request's nonce attribute.
pub(crate) fn page(nonce: &CspNonce) -> String {
    format!("<script {}>start()</script>", nonce.attribute())
}

/// The cookies `/cookies` sets, in order.
pub(crate) const COOKIES: [&str; 2] = ["a=1; Path=/", "b=2; HttpOnly; SameSite=Strict"];

/// Both cookies hardened (`Secure`, `HttpOnly`, `SameSite=Lax` where missing).
const HARDENED: [&str; 2] = [
    "a=1; Path=/; Secure; HttpOnly; SameSite=Lax",
    "b=2; HttpOnly; SameSite=Strict; Secure",
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

/// Redirects plain HTTP to HTTPS (308, same host, default port).
pub(crate) fn redirecting() -> Secure {
    Preset::Balanced
        .builder()
        .https_redirect(HttpsRedirect::new())
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

/// HSTS on secure requests only and a redirect for the others; 127.0.0.1 is a trusted
/// proxy when `trusted`.
pub(crate) fn secure_only(trusted: bool) -> Secure {
    let b = Preset::Balanced
        .builder()
        .hsts_mode(HstsMode::SecureOnly)
        .https_redirect(HttpsRedirect::new());
    let b = if trusted {
        b.trusted_proxies(["127.0.0.1"])
    } else {
        b
    };
    b.build().unwrap()
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

fn no_redirects() -> reqwest::Client {
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

/// The nonce the handler put in its page.
fn nonce_in(body: &str) -> &str {
    body.strip_prefix("<script nonce=\"")
        .and_then(|b| b.strip_suffix("\">start()</script>"))
        .unwrap_or_else(|| panic!("unexpected page {body:?}"))
}

/// Under [`with_nonce`]: the nonce in the page is the one in both policies, and the next
/// request gets another.
pub(crate) async fn nonce(addr: SocketAddr) {
    let mut seen = Vec::new();
    for _ in 0..2 {
        let resp = client()
            .get(format!("http://{addr}/nonce"))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        let h = resp.headers().clone();
        let body = resp.text().await.unwrap();
        let n = nonce_in(&body).to_owned();
        assert_eq!(n.len(), 24, "{n}");
        let csp = BASE_CSP.replace(
            "script-src 'self';",
            &format!("script-src 'self' 'nonce-{n}';"),
        );
        assert_eq!(text(&h, "content-security-policy"), csp);
        assert_eq!(
            text(&h, "content-security-policy-report-only"),
            format!("default-src 'none'; script-src 'nonce-{n}'; report-uri /reports")
        );
        assert_eq!(text(&h, "x-frame-options"), "SAMEORIGIN");
        seen.push(n);
    }
    assert_ne!(seen[0], seen[1]);
}

/// The headers of a refusal or a redirect: the security headers, no body.
fn assert_security_headers(h: &HeaderMap) {
    assert_eq!(text(h, "x-frame-options"), "SAMEORIGIN");
    assert_eq!(text(h, "x-content-type-options"), "nosniff");
    assert_eq!(text(h, "content-security-policy"), BASE_CSP);
}

/// Under [`redirecting`]: `308` to the same host over HTTPS, path and query kept.
pub(crate) async fn redirect(addr: SocketAddr) {
    let host = match addr {
        SocketAddr::V4(a) => a.ip().to_string(),
        SocketAddr::V6(a) => format!("[{}]", a.ip()),
    };
    let resp = no_redirects()
        .get(format!("http://{addr}/a/b?x=1&y=%20z"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    let h = resp.headers();
    assert_eq!(
        text(h, "location"),
        format!("https://{host}/a/b?x=1&y=%20z")
    );
    assert_security_headers(h);
    assert_eq!(
        text(h, "strict-transport-security"),
        "max-age=31536000; includeSubDomains"
    );
    assert_eq!(resp.text().await.unwrap(), "");
}

/// One raw HTTP/1.1 request: the status and the headers of the answer.
pub(crate) fn raw(addr: SocketAddr, head: &str) -> (u16, HeaderMap) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    // Read the head only: up to the blank line.
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).unwrap();
        assert!(
            n > 0,
            "connection closed: {}",
            String::from_utf8_lossy(&buf)
        );
        buf.extend_from_slice(&chunk[..n]);
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = text.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let mut headers = HeaderMap::new();
    for line in lines.take_while(|l| !l.is_empty()) {
        let (n, v) = line.split_once(':').unwrap();
        headers.append(
            secure_headers::http::HeaderName::from_bytes(n.trim().as_bytes()).unwrap(),
            v.trim().parse().unwrap(),
        );
    }
    (status, headers)
}

/// Under [`hosts`]: Host values with a port, in upper case, with a trailing dot, an
/// absolute-form request target, none at all; refusals are `400` with the security
/// headers.
pub(crate) async fn allowed_hosts(addr: SocketAddr) {
    allowed_hosts_but(addr, 200).await;
}

/// [`allowed_hosts`], where an absolute-form target naming an allowed host with a `Host`
/// header naming another gets `absolute_with_other_host` (a framework that shows the
/// target's authority only merged with `Host` refuses it).
pub(crate) async fn allowed_hosts_but(addr: SocketAddr, absolute_with_other_host: u16) {
    let get = |target: &str, host: Option<&str>| {
        let host = host.map_or(String::new(), |h| format!("Host: {h}\r\n"));
        format!("GET {target} HTTP/1.1\r\n{host}Connection: close\r\n\r\n")
    };
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
        // The absolute-form target's authority is the host; the Host header is ignored.
        ("http://example.com/", Some("example.com"), 200),
        ("http://example.com:8443/?q", None, 200),
        (
            "http://example.com/",
            Some("evil.example"),
            absolute_with_other_host,
        ),
        ("http://evil.example/", Some("example.com"), 400),
        ("http://evil.example/", None, 400),
    ];
    for (target, host, status) in cases {
        let request = get(target, *host);
        let (got, h) = tokio::task::spawn_blocking(move || raw(addr, &request))
            .await
            .unwrap();
        assert_eq!(got, *status, "{target} with Host {host:?}");
        assert_security_headers(&h);
    }
    // Reqwest's own Host (127.0.0.1:port) is not allowed either.
    let resp = client()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_security_headers(resp.headers());
}

/// Under [`secure_only`]: a spoofed `X-Forwarded-Proto: https` from 127.0.0.1 when it is
/// not trusted (`untrusted`): no HSTS, still redirected; the same from a trusted 127.0.0.1
/// (`trusted`): secure, HSTS sent, no redirect.
pub(crate) async fn forwarded_proto(untrusted: SocketAddr, trusted: SocketAddr) {
    let resp = no_redirects()
        .get(format!("http://{untrusted}/p?q=1"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        text(resp.headers(), "location"),
        format!("https://127.0.0.1/p?q=1")
    );
    assert_eq!(resp.headers().get("strict-transport-security"), None);

    let resp = no_redirects()
        .get(format!("http://{trusted}/"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        text(resp.headers(), "strict-transport-security"),
        "max-age=31536000; includeSubDomains"
    );
    assert_eq!(resp.text().await.unwrap(), "hello");

    // Without the header, the trusted proxy's request is plain HTTP: redirected, no HSTS.
    let resp = no_redirects()
        .get(format!("http://{trusted}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(resp.headers().get("strict-transport-security"), None);

    // A malformed value from the trusted proxy counts as not secure.
    let resp = no_redirects()
        .get(format!("http://{trusted}/"))
        .header("forwarded", "proto=\"https")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
}

/// Under [`cookies`]: both cookies hardened and kept in order; `X-Powered-By` removed.
pub(crate) async fn cookies_and_removal(addr: SocketAddr) {
    let resp = client()
        .get(format!("http://{addr}/cookies"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let h = resp.headers();
    let cookies: Vec<_> = h.get_all("set-cookie").iter().collect();
    assert_eq!(cookies, HARDENED);
    assert_eq!(h.get("x-powered-by"), None);
    assert_eq!(text(h, "x-frame-options"), "SAMEORIGIN");
}

/// Under [`development`]: no redirect, no host check, no HSTS, no
/// `upgrade-insecure-requests`, cookies not marked `Secure`.
pub(crate) async fn development_mode(addr: SocketAddr) {
    let resp = no_redirects()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let h = resp.headers();
    assert_eq!(h.get("strict-transport-security"), None);
    let csp = text(h, "content-security-policy");
    assert!(!csp.contains("upgrade-insecure-requests"), "{csp}");
    assert_eq!(
        csp,
        BASE_CSP
            .strip_suffix("; upgrade-insecure-requests")
            .unwrap()
    );
    assert_eq!(text(h, "x-frame-options"), "SAMEORIGIN");
    assert_eq!(resp.text().await.unwrap(), "hello");

    let resp = client()
        .get(format!("http://{addr}/cookies"))
        .send()
        .await
        .unwrap();
    let cookies: Vec<_> = resp.headers().get_all("set-cookie").iter().collect();
    assert_eq!(
        cookies,
        [
            "a=1; Path=/; HttpOnly; SameSite=Lax",
            "b=2; HttpOnly; SameSite=Strict"
        ]
    );
}

#[cfg(feature = "reporting")]
#[allow(unused_imports)]
pub(crate) use self::collector::*;

#[cfg(feature = "reporting")]
mod collector {
    use std::sync::mpsc::Receiver;

    use secure_headers::report::{Report, ReportCollector, ReportFormat};

    use super::*;

    const LEGACY: &str = r#"{"csp-report":{"document-uri":"http://127.0.0.1/page","referrer":"","violated-directive":"script-src-elem","effective-directive":"script-src-elem","original-policy":"script-src 'self'; report-uri /r","disposition":"enforce","blocked-uri":"inline","status-code":200}}"#;
    const BATCH: &str = r#"[{"age":3,"body":{"blockedURL":"https://evil.example/x.js","disposition":"report","documentURL":"https://127.0.0.1/page","effectiveDirective":"script-src-elem","originalPolicy":"script-src 'self'; report-to main","statusCode":200},"type":"csp-violation","url":"https://127.0.0.1/page","user_agent":"UA"}]"#;

    /// The collector every framework mounts at `/reports`: a body limit of 1 KiB.
    pub(crate) fn report_collector() -> (ReportCollector, Receiver<Report>) {
        let (collector, reports) = ReportCollector::channel(16);
        (collector.limit(1024), reports)
    }

    /// Both formats are accepted (`204`) and parsed; `413` for a body over the limit, with
    /// and without a `Content-Length`; `415`, `400`, `405`; a CORS preflight.
    pub(crate) async fn report_collector_answers(addr: SocketAddr, reports: Receiver<Report>) {
        let url = format!("http://{addr}/reports");
        // A connection the server closed after a 413 must not be reused.
        let c = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let post = |ct: &'static str, body: reqwest::Body| {
            c.post(&url).header("content-type", ct).body(body).send()
        };

        let r = post("application/csp-report", LEGACY.into()).await.unwrap();
        assert_eq!(r.status(), 204);
        assert_eq!(text(r.headers(), "access-control-allow-origin"), "*");
        let r = post("application/reports+json", BATCH.into())
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
        let got: Vec<Report> = reports.try_iter().collect();
        assert_eq!(got.len(), 2, "{got:?}");
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

        let r = post("application/csp-report", "x".repeat(4096).into())
            .await
            .unwrap();
        assert_eq!(r.status(), 413);
        let chunks = futures_util::stream::iter(
            (0..64).map(|_| Ok::<_, std::io::Error>(bytes::Bytes::from(vec![b' '; 512]))),
        );
        let r = post("application/csp-report", reqwest::Body::wrap_stream(chunks))
            .await
            .unwrap();
        assert_eq!(r.status(), 413);
        let r = post("text/plain", LEGACY.into()).await.unwrap();
        assert_eq!(r.status(), 415);
        let r = post("application/csp-report", "{not json".into())
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        let r = c.get(&url).send().await.unwrap();
        assert_eq!(r.status(), 405);

        let r = c
            .request(reqwest::Method::OPTIONS, &url)
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
