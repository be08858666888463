//! The request core never panics, whatever the method, target, headers and peer: every
//! configuration that reads the request (HTTPS redirect, allowed hosts, forwarding headers
//! from trusted proxies over one and two hops, cross-origin protection with resource
//! isolation) decides, and what it decides is a redirect to a host it checked, a refusal,
//! or the handler.
//!
//! With flag 16, a trusted proxy appends its own `Forwarded` element (`proto=http`,
//! `host=app.example`) after whatever the client sent, as RFC 7239 has it: then, behind
//! that one proxy, the client's `Forwarded` never wins: the request is not secure, no
//! HSTS is sent, and a redirect goes to `https://app.example/`.
#![no_main]

use std::net::IpAddr;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use secure_headers::Secure;
use secure_headers::http::StatusCode;
use secure_headers::request::{CrossOriginProtection, RawRequest};
use secure_headers::transport::{AllowedHosts, ForwardedHeader, HstsMode, HttpsRedirect};

static CONFIGS: LazyLock<Vec<Secure>> = LazyLock::new(|| {
    let base = || secure_headers::Preset::Balanced.builder();
    vec![
        base()
            .https_redirect(HttpsRedirect::new())
            .allowed_hosts(AllowedHosts::new([
                "example.com",
                "*.example.org",
                "[::1]:8080",
            ]))
            .hsts_mode(HstsMode::SecureOnly)
            .build()
            .unwrap(),
        base()
            .https_redirect(HttpsRedirect::new().host("example.com").port(8443))
            .trusted_proxies(["10.0.0.0/8", "::1"])
            .forwarded_headers([ForwardedHeader::Forwarded])
            .trusted_hops(2)
            .cross_origin_protection(
                CrossOriginProtection::new()
                    .trusted_origins(["https://trusted.example"])
                    .bypass(["/hook"])
                    .resource_isolation(true)
                    .exempt(["/img"]),
            )
            .build()
            .unwrap(),
        base()
            .allowed_hosts(AllowedHosts::new(["example.com"]))
            .trusted_proxies(["10.0.0.1"])
            .forwarded_headers([
                ForwardedHeader::XForwardedProto,
                ForwardedHeader::XForwardedHost,
            ])
            .cross_origin_protection(CrossOriginProtection::new().refuse_without_headers(true))
            .build()
            .unwrap(),
    ]
});

/// Behind one trusted proxy (every peer the target uses but 203.0.113.9) that sets
/// `Forwarded`: HSTS on secure requests only, the others redirected to their checked host.
static BEHIND_ONE: LazyLock<Secure> = LazyLock::new(|| {
    secure_headers::Preset::Balanced
        .builder()
        .https_redirect(HttpsRedirect::new())
        .allowed_hosts(AllowedHosts::new(["app.example"]))
        .hsts_mode(HstsMode::SecureOnly)
        .trusted_proxies(["10.0.0.0/8", "::1"])
        .forwarded_headers([ForwardedHeader::Forwarded])
        .build()
        .unwrap()
});

/// The element the proxy appends: the request reached it over plain HTTP, for `app.example`.
const PROXY: &[u8] = br#", for="[2001:db8::7]";proto=http;host=app.example"#;

const NAMES: [&str; 8] = [
    "host",
    "forwarded",
    "x-forwarded-proto",
    "x-forwarded-host",
    "origin",
    "sec-fetch-site",
    "sec-fetch-mode",
    "sec-fetch-dest",
];

fuzz_target!(|data: &[u8]| {
    // Fields separated by 0xff: method, authority, path, then headers as a name index
    // byte followed by the value.
    let mut fields = data.split(|b| *b == 0xff);
    let (Some(flags), Some(method), Some(authority), Some(path)) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return;
    };
    let (Ok(method), Ok(authority), Ok(path)) = (
        std::str::from_utf8(method),
        std::str::from_utf8(authority),
        std::str::from_utf8(path),
    ) else {
        return;
    };
    let flag = flags.first().copied().unwrap_or(0);
    let mut headers: Vec<(&str, Vec<u8>)> = fields
        .filter_map(|f| {
            let (&which, value) = f.split_first()?;
            Some((NAMES[usize::from(which) % NAMES.len()], value.to_vec()))
        })
        .collect();
    let appended = flag & 16 != 0;
    if appended {
        // The proxy appends to the last `Forwarded` line, or adds one.
        match headers.iter_mut().rev().find(|(n, _)| *n == "forwarded") {
            Some((_, line)) => line.extend_from_slice(PROXY),
            None => headers.push(("forwarded", PROXY[2..].to_vec())),
        }
    }
    let untrusted: IpAddr = [203, 0, 113, 9].into();
    let peer: IpAddr = match flag % 4 {
        0 => [10, 0, 0, 1].into(),
        1 => "::1".parse().unwrap(),
        2 => untrusted,
        _ => "::ffff:10.0.0.1".parse().unwrap(),
    };
    // No `http` validation in between: the core reads the arbitrary bytes as they are.
    let authority = (!authority.is_empty()).then_some(authority);
    let request = RawRequest {
        method,
        scheme: authority.map(|_| if flag & 32 != 0 { "https" } else { "http" }),
        authority,
        path_and_query: path,
        headers,
        peer: (flag & 4 == 0).then_some(peer),
        tls: flag & 8 != 0,
    };
    if appended && !request.tls && request.peer.is_some_and(|p| p != untrusted) {
        match BEHIND_ONE.inspect(&request) {
            Ok(context) => {
                assert!(!context.is_secure(), "the client's Forwarded won");
                let mut response = secure_headers::http::Response::new(());
                if let Some(plan) = BEHIND_ONE.plan(&context, StatusCode::OK, None) {
                    plan.apply(response.headers_mut());
                }
                assert!(!response.headers().contains_key("strict-transport-security"));
            }
            Err(early) => {
                if let Some(location) = early.location() {
                    let location = location.to_str().expect("a location is visible ASCII");
                    assert!(location.starts_with("https://app.example/"), "{location}");
                }
            }
        }
    }
    for secure in CONFIGS.iter() {
        match secure.inspect(&request) {
            Ok(context) => {
                let mut response = secure_headers::http::Response::new(());
                if let Some(plan) = secure.plan(&context, StatusCode::OK, None) {
                    plan.apply(response.headers_mut());
                }
            }
            Err(early) => {
                let status = early.status();
                assert!(
                    status.is_redirection() || status.is_client_error(),
                    "{status}"
                );
                if let Some(location) = early.location() {
                    let location = location.to_str().expect("a location is visible ASCII");
                    assert!(location.starts_with("https://"), "{location}");
                }
                let _ = early.into_response(secure, ());
            }
        }
    }
});
