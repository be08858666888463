//! What a `Secure` decides for a fixed set of requests, as text: compiled into the test and
//! into the scratch crate that builds `show --format rust`'s code, so that both describe
//! their `Secure` the same way.

#![allow(unreachable_pub, reason = "also the scratch crate's module")]

use secure_headers::Secure;
use secure_headers::http::{Request, Response};
use secure_headers::request::HttpRequest;

/// The proxy of the configurations, and a client.
const PROXY: [u8; 4] = [10, 0, 0, 1];
const CLIENT: [u8; 4] = [203, 0, 113, 9];

/// A request: method, path, the peer's address and its headers.
type Probe = (
    &'static str,
    &'static str,
    [u8; 4],
    &'static [(&'static str, &'static str)],
);

/// `(method, path, peer, headers)` of every request probed: through the proxy and not,
/// over HTTP and HTTPS, for the allowed host and a foreign one, same- and cross-site,
/// to the bypassed, exempted and report paths.
const REQUESTS: &[Probe] = &[
    (
        "GET",
        "/a?b",
        PROXY,
        &[
            ("host", "example.com"),
            ("x-forwarded-proto", "https, https"),
        ],
    ),
    (
        "GET",
        "/a?b",
        PROXY,
        &[
            ("host", "example.com"),
            ("x-forwarded-proto", "https, http"),
        ],
    ),
    (
        "GET",
        "/a?b",
        CLIENT,
        &[
            ("host", "example.com"),
            ("x-forwarded-proto", "https, https"),
        ],
    ),
    (
        "GET",
        "/",
        PROXY,
        &[
            ("host", "evil.example"),
            ("x-forwarded-proto", "https, https"),
        ],
    ),
    (
        "GET",
        "/",
        PROXY,
        &[
            ("host", "internal"),
            ("x-forwarded-proto", "https, https"),
            ("x-forwarded-host", "x, api.example.com, api.example.com"),
        ],
    ),
    (
        "GET",
        "/",
        PROXY,
        &[
            ("host", "internal"),
            (
                "forwarded",
                "proto=https;host=example.com, proto=https;host=example.com",
            ),
        ],
    ),
    ("GET", "/", CLIENT, &[("host", "example.com:80")]),
    (
        "POST",
        "/t",
        PROXY,
        &[
            ("host", "example.com"),
            ("x-forwarded-proto", "https, https"),
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ],
    ),
    (
        "POST",
        "/t",
        PROXY,
        &[
            ("host", "example.com"),
            ("x-forwarded-proto", "https, https"),
            ("origin", "https://partner.example"),
            ("sec-fetch-site", "cross-site"),
        ],
    ),
    (
        "POST",
        "/t",
        PROXY,
        &[
            ("host", "example.com"),
            ("x-forwarded-proto", "https, https"),
            ("sec-fetch-site", "same-site"),
        ],
    ),
    (
        "POST",
        "/t",
        PROXY,
        &[
            ("host", "example.com"),
            ("x-forwarded-proto", "https, https"),
        ],
    ),
    (
        "POST",
        "/webhooks/payments",
        PROXY,
        &[
            ("host", "example.com"),
            ("x-forwarded-proto", "https, https"),
            ("sec-fetch-site", "cross-site"),
        ],
    ),
    (
        "POST",
        "/reports/csp",
        PROXY,
        &[
            ("host", "example.com"),
            ("x-forwarded-proto", "https, https"),
            ("sec-fetch-site", "cross-site"),
        ],
    ),
    (
        "GET",
        "/img.png",
        PROXY,
        &[
            ("host", "example.com"),
            ("x-forwarded-proto", "https, https"),
            ("sec-fetch-site", "cross-site"),
            ("sec-fetch-mode", "no-cors"),
            ("sec-fetch-dest", "image"),
        ],
    ),
    (
        "GET",
        "/public/img.png",
        PROXY,
        &[
            ("host", "example.com"),
            ("x-forwarded-proto", "https, https"),
            ("sec-fetch-site", "cross-site"),
            ("sec-fetch-mode", "no-cors"),
            ("sec-fetch-dest", "image"),
        ],
    ),
];

/// One line per request: the early answer (status and `Location`), or the headers of a
/// response the application sent with `X-Powered-By` and two cookies, once `secure`
/// applied itself to it (the request's nonce written `{nonce}`).
pub fn probe(secure: &Secure) -> String {
    let mut out = String::new();
    for (method, path, peer, headers) in REQUESTS {
        let mut b = Request::builder().method(*method).uri(*path);
        for (n, v) in *headers {
            b = b.header(*n, *v);
        }
        let req = b.body(()).unwrap();
        out.push_str(&format!("{method} {path} {peer:?} {headers:?}\n    "));
        match secure.inspect(&HttpRequest::new(&req).peer(Some((*peer).into()))) {
            Err(early) => {
                let location = early.location().map(|l| l.to_str().unwrap().to_owned());
                out.push_str(&format!("early {} {location:?}\n", early.status()));
            }
            Ok(context) => {
                let mut response = Response::builder()
                    .header("x-powered-by", "framework 1.0")
                    .header("set-cookie", "sid=1")
                    .header("set-cookie", "theme=dark; Path=/")
                    .body(())
                    .unwrap();
                secure.apply_to_response_with(&mut response, &context);
                let nonce = context.nonce().map(|n| n.as_str().to_owned());
                out.push_str(&format!("nonce {}", nonce.is_some()));
                for (name, value) in response.headers() {
                    let mut value = value.to_str().unwrap().to_owned();
                    if let Some(n) = &nonce {
                        value = value.replace(n.as_str(), "{nonce}");
                    }
                    out.push_str(&format!(" | {name}: {value}"));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The headers of `secure` and their insert modes, one a line.
pub fn entries(secure: &Secure) -> String {
    secure
        .entries()
        .iter()
        .map(|e| format!("{}: {} [{:?}]\n", e.name(), e.value_str(), e.mode()))
        .collect()
}
