//! RFC 7239 `Forwarded` from a trusted proxy, read by its grammar in every framework: a
//! proxy appends its element after the client's with a comma, quoted strings (with `\`
//! escapes) split nothing, and a header with a syntax error (a client's unclosed quote) is
//! not read at all. Raw requests over a `TcpStream`, so that nothing rewrites the header.

use std::net::SocketAddr;

use secure_headers::Secure;
use secure_headers::transport::{AllowedHosts, ForwardedHeader, HstsMode, HttpsRedirect};

use super::assert_balanced;
use super::wire::{Runs, raw};

/// HSTS on secure requests only and a redirect for the others, behind a trusted proxy on
/// 127.0.0.1 that sets `Forwarded`; `127.0.0.1`, `app.example` and `other.example` allowed.
pub(crate) fn behind_forwarded() -> Secure {
    secure_headers::Preset::Balanced
        .builder()
        .hsts_mode(HstsMode::SecureOnly)
        .https_redirect(HttpsRedirect::new())
        .allowed_hosts(AllowedHosts::new([
            "127.0.0.1",
            "app.example",
            "other.example",
        ]))
        .trusted_proxies(["127.0.0.1"])
        .forwarded_headers([ForwardedHeader::Forwarded])
        .build()
        .unwrap()
}

/// The proxy's own element (IPv6 `for=`, quoted as RFC 7239 requires) that the client's
/// value precedes.
const PROXY: &str = r#"for="[2001:db8::7]";proto=http;host=app.example"#;

/// Under [`behind_forwarded`], from 127.0.0.1 (the trusted proxy), `GET /a/b?c=d` with
/// `Host: 127.0.0.1:port` and these `Forwarded` lines: where it goes.
pub(crate) async fn forwarded_elements(addr: SocketAddr, runs: &Runs) {
    let appended = |client: &str| format!("{client}, {PROXY}");
    let cases: Vec<(Vec<String>, Option<&str>)> = vec![
        // The audit's line: the client's unclosed quote would swallow the proxy's element
        // and its own `proto=https` win (HSTS over plain HTTP). Invalid: not read, so the
        // request is plain HTTP, redirected to the `Host` header's host.
        (
            vec![appended(r#"proto=https;x=""#)],
            Some("https://127.0.0.1/a/b?c=d"),
        ),
        // The same with the client's `host=`: the redirect does not go where it chose.
        (
            vec![appended(r#"proto=http;host=other.example;x=""#)],
            Some("https://127.0.0.1/a/b?c=d"),
        ),
        // A valid client element before the proxy's: the proxy's, the rightmost, counts.
        (
            vec![appended("proto=https;host=other.example")],
            Some("https://app.example/a/b?c=d"),
        ),
        // The proxy's element with `;` and `,` inside a quoted string: one value.
        (
            vec![r#"for="_a;proto=http,b";proto=https;host=app.example"#.to_owned()],
            None,
        ),
        // An escaped quote does not end the string: `proto=http"` is inside it.
        (vec![r#"for="x\";proto=http";proto=https"#.to_owned()], None),
        // A quoted host.
        (
            vec![r#"for=10.0.0.9;proto=http;host="app.example""#.to_owned()],
            Some("https://app.example/a/b?c=d"),
        ),
        // The client's unclosed quote on a line of its own: the header is invalid whole.
        (
            vec![
                r#"proto=https;x=""#.to_owned(),
                PROXY.replace("=http;", "=https;"),
            ],
            Some("https://127.0.0.1/a/b?c=d"),
        ),
    ];
    let mut served = 0;
    for (lines, redirect) in cases {
        let mut head = format!(
            "GET /a/b?c=d HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n",
            addr.port()
        );
        for line in &lines {
            head.push_str(&format!("Forwarded: {line}\r\n"));
        }
        head.push_str("Connection: close\r\n\r\n");
        let (status, h) = tokio::task::spawn_blocking(move || raw(addr, &head))
            .await
            .unwrap();
        match redirect {
            Some(location) => {
                assert_eq!(status, 308, "{lines:?}");
                assert_eq!(h.get("location").unwrap(), location, "{lines:?}");
                assert_eq!(h.get("strict-transport-security"), None, "{lines:?}");
            }
            None => {
                assert_eq!(status, 200, "{lines:?}");
                assert_balanced(&h);
                served += 1;
            }
        }
    }
    assert_eq!(runs.count(), served);
}
