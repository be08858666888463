//! The request-side decisions (issue: HTTPS-aware headers, redirect, allowed hosts),
//! through `Secure::inspect` on `http` requests.

use std::net::IpAddr;

use secure_headers::http::{HeaderMap, Request, StatusCode};
use secure_headers::request::HttpRequest;
use secure_headers::transport::{AllowedHosts, ForwardedHeader, HstsMode, HttpsRedirect};
use secure_headers::{CookieHardening, Preset, Secure};

fn req(uri: &str, headers: &[(&str, &str)]) -> Request<()> {
    let mut b = Request::get(uri);
    for (n, v) in headers {
        b = b.header(*n, *v);
    }
    b.body(()).unwrap()
}

fn ip(s: &str) -> Option<IpAddr> {
    Some(s.parse().unwrap())
}

fn secure_only() -> Secure {
    Preset::Balanced
        .builder()
        .hsts_mode(HstsMode::SecureOnly)
        .trusted_proxies(["10.0.0.0/8", "::1"])
        .forwarded_headers([ForwardedHeader::XForwardedProto])
        .build()
        .unwrap()
}

/// [`secure_only`] behind proxies that set `Forwarded` instead.
fn secure_only_forwarded() -> Secure {
    Preset::Balanced
        .builder()
        .hsts_mode(HstsMode::SecureOnly)
        .trusted_proxies(["10.0.0.0/8"])
        .forwarded_headers([ForwardedHeader::Forwarded])
        .build()
        .unwrap()
}

fn hsts_sent(secure: &Secure, view: HttpRequest<'_>) -> bool {
    let cx = secure.inspect(&view).unwrap();
    let mut m = HeaderMap::new();
    secure.set_headers_with(&mut m, &cx);
    m.contains_key("strict-transport-security")
}

#[test]
fn hsts_secure_only_follows_tls_and_trusted_proxies() {
    let s = secure_only();
    let plain = req("/", &[("host", "a.example")]);
    assert!(!hsts_sent(&s, HttpRequest::new(&plain)));
    assert!(hsts_sent(&s, HttpRequest::new(&plain).tls(true)));

    let fwd = req(
        "/",
        &[("host", "a.example"), ("x-forwarded-proto", "https")],
    );
    // Spoofed from an untrusted peer: ignored.
    assert!(!hsts_sent(
        &s,
        HttpRequest::new(&fwd).peer(ip("203.0.113.9"))
    ));
    assert!(!hsts_sent(&s, HttpRequest::new(&fwd)));
    // From a trusted proxy: honoured (IPv4 range, IPv6 exact, IPv4-mapped IPv6).
    assert!(hsts_sent(&s, HttpRequest::new(&fwd).peer(ip("10.1.2.3"))));
    assert!(hsts_sent(&s, HttpRequest::new(&fwd).peer(ip("::1"))));
    assert!(hsts_sent(
        &s,
        HttpRequest::new(&fwd).peer(ip("::ffff:10.0.0.1"))
    ));

    // The rightmost value counts (the closest proxy appended it).
    let chain = req("/", &[("x-forwarded-proto", "https, http")]);
    assert!(!hsts_sent(
        &s,
        HttpRequest::new(&chain).peer(ip("10.0.0.1"))
    ));
    let fwd7239 = req(
        "/",
        &[(
            "forwarded",
            "for=1.2.3.4;proto=http, for=10.0.0.2;proto=https",
        )],
    );
    let f = secure_only_forwarded();
    assert!(hsts_sent(
        &f,
        HttpRequest::new(&fwd7239).peer(ip("10.0.0.1"))
    ));
    // Only the header named is read.
    assert!(!hsts_sent(
        &s,
        HttpRequest::new(&fwd7239).peer(ip("10.0.0.1"))
    ));
    assert!(!hsts_sent(&f, HttpRequest::new(&fwd).peer(ip("10.0.0.1"))));
    // Malformed values count as not secure, never panic.
    for bad in [
        "proto",
        "proto=\"https",
        ";;;",
        "=",
        "proto=",
        "proto=https;host",
    ] {
        let r = req("/", &[("forwarded", bad)]);
        assert!(
            !hsts_sent(&f, HttpRequest::new(&r).peer(ip("10.0.0.1"))),
            "{bad:?}"
        );
    }
    // The default mode sends HSTS always, as `secure` 2.0.1 does.
    let always = Secure::with_default_headers();
    assert!(hsts_sent(&always, HttpRequest::new(&plain)));
}

fn redirecting() -> Secure {
    Preset::Balanced
        .builder()
        .https_redirect(HttpsRedirect::new())
        .allowed_hosts(AllowedHosts::new(["example.com", "[::1]", "abs.example"]))
        .trusted_proxies(["127.0.0.1"])
        .forwarded_headers([ForwardedHeader::XForwardedProto])
        .build()
        .unwrap()
}

#[test]
fn redirect_preserves_path_and_query_and_handles_ipv6() {
    let s = redirecting();
    let cases = [
        (
            req("/a/b?x=1&y=%20", &[("host", "Example.COM:8080")]),
            "https://example.com/a/b?x=1&y=%20",
        ),
        (req("/", &[("host", "[::1]:8080")]), "https://[::1]/"),
        (
            req("/p", &[("host", "example.com.")]),
            "https://example.com/p",
        ),
        (
            req("http://abs.example/q?z", &[("host", "abs.example")]),
            "https://abs.example/q?z",
        ),
        (
            req("http://abs.example/q?z", &[]),
            "https://abs.example/q?z",
        ),
    ];
    for (r, want) in &cases {
        let early = s.inspect(&HttpRequest::new(r)).unwrap_err();
        assert_eq!(early.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(early.location().unwrap(), want);
        let resp = early.into_response(&s, ());
        assert_eq!(resp.headers()["location"], *want);
        assert_eq!(resp.headers()["x-frame-options"], "SAMEORIGIN");
    }
    // A target that disagrees with Host is refused, not redirected to either host.
    let r = req("http://abs.example/q", &[("host", "other.example")]);
    assert_eq!(
        s.inspect(&HttpRequest::new(&r)).unwrap_err().status(),
        StatusCode::BAD_REQUEST
    );
    // Already secure: no redirect (no loop).
    let r = req("/", &[("host", "example.com")]);
    assert!(s.inspect(&HttpRequest::new(&r).tls(true)).is_ok());
    let r = req(
        "/",
        &[("host", "example.com"), ("x-forwarded-proto", "https")],
    );
    assert!(
        s.inspect(&HttpRequest::new(&r).peer(ip("127.0.0.1")))
            .is_ok()
    );
    // Spoofed from an untrusted peer: still redirected.
    assert!(
        s.inspect(&HttpRequest::new(&r).peer(ip("192.0.2.1")))
            .is_err()
    );
    // No usable host: refused rather than redirected anywhere.
    let r = req("/", &[]);
    assert_eq!(s.inspect(&HttpRequest::new(&r)).unwrap_err().status(), 400);

    let fixed = Secure::builder()
        .https_redirect(
            HttpsRedirect::new()
                .status(StatusCode::MOVED_PERMANENTLY)
                .host("www.example.com")
                .port(8443),
        )
        .build()
        .unwrap();
    let r = req("/x?y", &[("host", "evil.example")]);
    let early = fixed.inspect(&HttpRequest::new(&r)).unwrap_err();
    assert_eq!(early.status(), 301);
    assert_eq!(
        early.location().unwrap(),
        "https://www.example.com:8443/x?y"
    );

    let bad = Secure::builder()
        .https_redirect(HttpsRedirect::new().status(StatusCode::OK))
        .build()
        .unwrap_err();
    assert_eq!(bad.directive(), Some("https_redirect"));
}

#[test]
fn allowed_hosts_with_tricky_values() {
    let s = Secure::builder()
        .allowed_hosts(AllowedHosts::new([
            "example.com",
            "*.example.org",
            "localhost:8080",
        ]))
        .trusted_proxies(["10.0.0.1"])
        .forwarded_headers([ForwardedHeader::XForwardedHost])
        .build()
        .unwrap();
    let check = |headers: &[(&str, &str)], uri: &str| {
        s.inspect(&HttpRequest::new(&req(uri, headers)).peer(ip("192.0.2.7")))
            .map(|_| ())
            .map_err(|e| e.status().as_u16())
    };
    assert_eq!(check(&[("host", "example.com")], "/"), Ok(()));
    assert_eq!(check(&[("host", "EXAMPLE.com:443")], "/"), Ok(()));
    assert_eq!(check(&[("host", "example.com.")], "/"), Ok(()));
    assert_eq!(check(&[("host", "a.b.example.org")], "/"), Ok(()));
    assert_eq!(check(&[("host", "example.org")], "/"), Err(400));
    assert_eq!(check(&[("host", "badexample.org")], "/"), Err(400));
    assert_eq!(check(&[("host", "localhost:8080")], "/"), Ok(()));
    assert_eq!(check(&[("host", "localhost:8081")], "/"), Err(400));
    assert_eq!(check(&[("host", "evil.com")], "/"), Err(400));
    assert_eq!(check(&[], "/"), Err(400));
    assert_eq!(check(&[("host", "")], "/"), Err(400));
    assert_eq!(check(&[("host", "exa mple.com")], "/"), Err(400));
    assert_eq!(check(&[("host", "example.com:99999")], "/"), Err(400));
    assert_eq!(check(&[("host", "example.com:")], "/"), Err(400));
    assert_eq!(check(&[("host", "[::1")], "/"), Err(400));
    assert_eq!(check(&[("host", &"a".repeat(300))], "/"), Err(400));
    assert_eq!(
        check(&[("host", "example.com"), ("host", "evil.com")], "/"),
        Err(400)
    );
    // An absolute-form target must agree with Host, which is what handlers read.
    assert_eq!(
        check(&[("host", "evil.com")], "http://example.com/x"),
        Err(400)
    );
    assert_eq!(
        check(&[("host", "example.com")], "http://evil.com/x"),
        Err(400)
    );
    assert_eq!(
        check(&[("host", "Example.com.")], "http://example.com/x"),
        Ok(())
    );
    assert_eq!(
        check(&[("host", "example.com")], "http://evil.com/x"),
        Err(400)
    );
    // A forwarded host from an untrusted peer changes nothing.
    assert_eq!(
        check(
            &[("host", "evil.com"), ("x-forwarded-host", "example.com")],
            "/"
        ),
        Err(400)
    );
    let trusted = req(
        "/",
        &[
            ("host", "internal:8000"),
            ("x-forwarded-host", "example.com"),
        ],
    );
    assert!(
        s.inspect(&HttpRequest::new(&trusted).peer(ip("10.0.0.1")))
            .is_ok()
    );

    let custom = Secure::builder()
        .allowed_hosts(
            AllowedHosts::new(Vec::<&str>::new())
                .or(|h| h.ends_with(".test"))
                .status(StatusCode::MISDIRECTED_REQUEST),
        )
        .build()
        .unwrap();
    let r = req("/", &[("host", "app.test")]);
    assert!(custom.inspect(&HttpRequest::new(&r)).is_ok());
    let r = req("/", &[("host", "app.prod")]);
    assert_eq!(
        custom.inspect(&HttpRequest::new(&r)).unwrap_err().status(),
        421
    );
}

#[test]
fn development_mode_drops_hsts_and_upgrade_and_skips_checks() {
    let dev = Preset::Balanced
        .builder()
        .development_mode(true)
        .https_redirect(HttpsRedirect::new())
        .allowed_hosts(AllowedHosts::new(["example.com"]))
        .build()
        .unwrap();
    assert!(
        dev.header_items()
            .all(|(n, _)| n != "Strict-Transport-Security")
    );
    let csp = dev
        .header_items()
        .find(|(n, _)| *n == "Content-Security-Policy")
        .unwrap()
        .1;
    assert!(!csp.contains("upgrade-insecure-requests"), "{csp}");
    assert!(csp.ends_with("style-src 'self' https: 'unsafe-inline'"));
    let r = req("/", &[("host", "localhost:3000")]);
    assert!(dev.inspect(&HttpRequest::new(&r)).is_ok());
    // It never comes from the request: the same builder without it redirects.
    let prod = dev.derive(|b| b.development_mode(false)).unwrap();
    assert!(prod.inspect(&HttpRequest::new(&r)).is_err());
}

#[test]
fn header_removal_and_cookie_hardening() {
    let s = Secure::builder()
        .remove_headers(secure_headers::transport::OWASP_REMOVE_HEADERS)
        .xfo(secure_headers::XFrameOptions::new())
        .harden_cookies(CookieHardening::new())
        .build()
        .unwrap();
    let mut m = HeaderMap::new();
    m.insert("x-powered-by", "Express".parse().unwrap());
    m.insert("x-aspnet-version", "4.0".parse().unwrap());
    m.insert("content-type", "text/html".parse().unwrap());
    m.append("set-cookie", "a=1".parse().unwrap());
    m.append(
        "set-cookie",
        "b=2; Secure; HttpOnly; SameSite=None".parse().unwrap(),
    );
    m.append("set-cookie", "c=3; httponly".parse().unwrap());
    s.set_headers(&mut m);
    assert!(!m.contains_key("x-powered-by"));
    assert!(!m.contains_key("x-aspnet-version"));
    assert_eq!(m["content-type"], "text/html");
    assert_eq!(m["x-frame-options"], "SAMEORIGIN");
    let cookies: Vec<_> = m
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(
        cookies,
        [
            "a=1; Secure; HttpOnly; SameSite=Lax",
            "b=2; Secure; HttpOnly; SameSite=None",
            "c=3; httponly; Secure; SameSite=Lax",
        ]
    );
    let bad = Secure::builder()
        .remove_headers(["Bad Name"])
        .build()
        .unwrap_err();
    assert_eq!(bad.kind(), secure_headers::ErrorKind::InvalidHeaderName);
    let bad = Secure::builder()
        .trusted_proxies(["10.0.0.0/33"])
        .build()
        .unwrap_err();
    assert_eq!(bad.input(), Some("10.0.0.0/33"));
}

/// An absolute-form `https://` target on a plain connection is the client's word, not
/// evidence: no HSTS in secure-only mode, and still redirected.
#[test]
fn an_https_absolute_uri_on_a_plain_connection_is_not_secure() {
    let s = Preset::Balanced
        .builder()
        .hsts_mode(HstsMode::SecureOnly)
        .https_redirect(HttpsRedirect::new())
        .allowed_hosts(AllowedHosts::new(["example.com"]))
        .build()
        .unwrap();
    let r = req("https://example.com/x", &[("host", "example.com")]);
    let early = s.inspect(&HttpRequest::new(&r)).unwrap_err();
    assert_eq!(early.location().unwrap(), "https://example.com/x");
    let no_redirect = secure_only();
    assert!(!hsts_sent(&no_redirect, HttpRequest::new(&r)));
}

/// Forwarding headers are named, one source per fact, and only read from trusted proxies;
/// a redirect to the request's own host needs allowed hosts to check it.
#[test]
fn forwarding_and_redirect_options_are_checked_when_built() {
    use secure_headers::ErrorKind;
    let err = Secure::builder()
        .trusted_proxies(["10.0.0.1"])
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.directive(), Some("trusted_proxies"));
    let err = Secure::builder()
        .forwarded_headers([ForwardedHeader::XForwardedProto])
        .build()
        .unwrap_err();
    assert_eq!(err.directive(), Some("forwarded_headers"));
    let err = Secure::builder()
        .trusted_proxies(["10.0.0.1"])
        .forwarded_headers([ForwardedHeader::Forwarded, ForwardedHeader::XForwardedProto])
        .build()
        .unwrap_err();
    assert_eq!(err.input(), Some("forwarded, x-forwarded-proto"));
    let err = Secure::builder()
        .trusted_proxies(["10.0.0.1"])
        .forwarded_headers([ForwardedHeader::XForwardedHost])
        .trusted_hops(0)
        .build()
        .unwrap_err();
    assert_eq!(err.directive(), Some("trusted_hops"));

    // Audit finding: without allowed hosts, `Host: evil.example` was copied into a 308.
    let err = Secure::builder()
        .https_redirect(HttpsRedirect::new())
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.directive(), Some("https_redirect"));
    let checked = Secure::builder()
        .https_redirect(HttpsRedirect::new())
        .allowed_hosts(AllowedHosts::new(["example.com"]))
        .build()
        .unwrap();
    let r = req("/", &[("host", "evil.example")]);
    assert_eq!(
        checked.inspect(&HttpRequest::new(&r)).unwrap_err().status(),
        400
    );
}

/// Two proxies in front (`trusted_hops(2)`): the value the outer proxy set counts, what the
/// client put left of it does not; `Forwarded` elements are counted the same way.
#[test]
fn hops_are_counted_from_the_right() {
    let s = Preset::Balanced
        .builder()
        .hsts_mode(HstsMode::SecureOnly)
        .trusted_proxies(["10.0.0.0/8"])
        .forwarded_headers([ForwardedHeader::Forwarded])
        .trusted_hops(2)
        .build()
        .unwrap();
    let sent = |forwarded: &[&str]| {
        let headers: Vec<(&str, &str)> = forwarded.iter().map(|v| ("forwarded", *v)).collect();
        hsts_sent(
            &s,
            HttpRequest::new(&req("/", &headers)).peer(ip("10.0.0.2")),
        )
    };
    assert!(sent(&["for=1.2.3.4;proto=https, for=10.0.0.1;proto=http"]));
    assert!(sent(&[
        "for=1.2.3.4;proto=https",
        "for=10.0.0.1;proto=http"
    ]));
    assert!(!sent(&[
        "proto=https, for=1.2.3.4;proto=http, for=10.0.0.1;proto=http"
    ]));
    assert!(!sent(&["for=10.0.0.1;proto=https"]));
    assert!(sent(&[
        "for=\"[2001:db8::1]:443\";proto=https, for=10.0.0.1;proto=http"
    ]));
    assert!(!sent(&[
        "for=\"a,proto=https\";proto=http, for=10.0.0.1;proto=http"
    ]));
}

/// A request as a framework that does not validate its target could hand it over.
struct Unchecked<'a> {
    path: &'a str,
}

impl secure_headers::request::RequestView for Unchecked<'_> {
    fn method(&self) -> &str {
        "GET"
    }
    fn uri_scheme(&self) -> Option<&str> {
        None
    }
    fn uri_authority(&self) -> Option<&str> {
        None
    }
    fn path_and_query(&self) -> &str {
        self.path
    }
    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        if name == "host" {
            f(b"example.com");
        }
    }
    fn peer_addr(&self) -> Option<std::net::IpAddr> {
        None
    }
    fn is_tls(&self) -> bool {
        false
    }
}

/// Found by the `request` fuzz target: a target with a tab and non-ASCII made a
/// `Location` that is not visible ASCII. What a URL cannot carry as it came is sent
/// percent-encoded, as a browser would request it; what is already encoded stays.
#[test]
fn redirect_location_is_percent_encoded_visible_ascii() {
    let s = redirecting();
    for (path, want) in [
        ("/#\t\u{3ff}", "https://example.com/#%09%CF%BF"),
        ("/a b?q=é&r=%20", "https://example.com/a%20b?q=%C3%A9&r=%20"),
        ("/\u{7f}\u{1}x", "https://example.com/%7F%01x"),
        ("//evil.example/", "https://example.com//evil.example/"),
    ] {
        let early = s.inspect(&Unchecked { path }).unwrap_err();
        assert_eq!(early.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(
            early.location().unwrap().to_str().unwrap(),
            want,
            "{path:?}"
        );
    }
}

/// Found by the `request` fuzz target: an `Origin` with a multi-byte character where the
/// scheme should end panicked (a string sliced inside a character). Such an origin is no
/// origin: the request is refused, in every position of the character.
#[test]
fn an_origin_with_non_ascii_is_refused_without_panic() {
    let s = Secure::builder()
        .cross_origin_protection(secure_headers::request::CrossOriginProtection::new())
        .build()
        .unwrap();
    for origin in [
        "https:Ե",
        "http:/Ե/a",
        "https:/Ե",
        "hԵttps://example.com",
        "https://exämple.com",
    ] {
        let r = Request::post("/transfer")
            .header("host", "example.com")
            .header(
                "origin",
                secure_headers::http::HeaderValue::from_bytes(origin.as_bytes()).unwrap(),
            )
            .body(())
            .unwrap();
        let refused = s.inspect(&HttpRequest::new(&r)).unwrap_err();
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{origin}");
    }
}
