//! The request core never panics, whatever the method, target, headers and peer: every
//! configuration that reads the request (HTTPS redirect, allowed hosts, forwarding headers
//! from trusted proxies over two hops, cross-origin protection with resource isolation)
//! decides, and what it decides is a redirect to a host it checked, a refusal, or the
//! handler.
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
    let headers = fields
        .filter_map(|f| {
            let (&which, value) = f.split_first()?;
            Some((NAMES[usize::from(which) % NAMES.len()], value))
        })
        .collect();
    let peer: IpAddr = match flag % 4 {
        0 => [10, 0, 0, 1].into(),
        1 => "::1".parse().unwrap(),
        2 => [203, 0, 113, 9].into(),
        _ => "::ffff:10.0.0.1".parse().unwrap(),
    };
    // No `http` validation in between: the core reads the arbitrary bytes as they are.
    let authority = (!authority.is_empty()).then_some(authority);
    let request = RawRequest {
        method,
        scheme: authority.map(|_| "http"),
        authority,
        path_and_query: path,
        headers,
        peer: (flag & 4 == 0).then_some(peer),
        tls: flag & 8 != 0,
    };
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
