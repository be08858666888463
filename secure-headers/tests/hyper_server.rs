//! Responses at the edges of what `http` and hyper carry, from a real hyper 1 server with
//! the `Secure` layer, read byte for byte over a `TcpStream`: `Set-Cookie` values that are
//! not UTF-8, and a handler that fills the header map up to `http`'s cap.

use std::convert::Infallible;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use secure_headers::http::{HeaderName, HeaderValue, header};
use secure_headers::{CookieHardening, Preset, Secure};
use tower::ServiceBuilder;

/// The most names `http`'s header map holds; one more and its `insert`, `append` and
/// `entry` panic (hyper calls them when it writes the response).
const HTTP_MAP_CAP: usize = 24_576;

/// Serves `secure` over a handler that answers `200` with the two cookies of [`COOKIES`]
/// and, for `/fill/N`, `N` header names in all (`set-cookie`, `x-1`, ..., `x-{N-1}`).
async fn serve(secure: Secure) -> SocketAddr {
    let service = ServiceBuilder::new().layer(secure).service_fn(
        |req: hyper::Request<Incoming>| async move {
            let mut resp = hyper::Response::new(Full::new(Bytes::from_static(b"ok")));
            let h = resp.headers_mut();
            for cookie in COOKIES {
                h.append(header::SET_COOKIE, HeaderValue::from_bytes(cookie).unwrap());
            }
            if let Some(n) = req.uri().path().strip_prefix("/fill/") {
                for i in 1..n.parse::<usize>().unwrap() {
                    let name = HeaderName::from_bytes(format!("x-{i}").as_bytes()).unwrap();
                    h.insert(name, HeaderValue::from_static("1"));
                }
            }
            Ok::<_, Infallible>(resp)
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    addr
}

/// Two cookies with obs-text: a Latin-1 `é`, and a `0xff` byte in a `__Host-` cookie.
const COOKIES: [&[u8]; 2] = [b"sid=caf\xe9", b"__Host-sid=\xff; Path=/"];

/// `GET path` over a fresh connection: the status line and header lines, as bytes; `Err`
/// when the connection closes before the head is complete.
async fn get(addr: SocketAddr, path: &str) -> Result<Vec<Vec<u8>>, String> {
    let head = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        let mut buf = Vec::new();
        let mut chunk = [0u8; 65536];
        while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
            match stream.read(&mut chunk) {
                Ok(0) => return Err(format!("closed after {} bytes", buf.len())),
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                Err(e) => return Err(e.to_string()),
            }
        }
        let end = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        Ok(buf[..end]
            .split(|b| *b == b'\n')
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l).to_vec())
            .collect())
    })
    .await
    .unwrap()
}

/// The values of header `name` (lowercase) among `lines`.
fn values<'a>(lines: &'a [Vec<u8>], name: &str) -> Vec<&'a [u8]> {
    lines
        .iter()
        .filter_map(|l| {
            let colon = l.iter().position(|b| *b == b':')?;
            l[..colon]
                .eq_ignore_ascii_case(name.as_bytes())
                .then(|| l[colon + 1..].trim_ascii())
        })
        .collect()
}

/// `Set-Cookie` values that are not UTF-8 are hardened like any other, their bytes kept.
#[tokio::test]
async fn cookies_with_obs_text_are_hardened() {
    let secure = Preset::Balanced
        .builder()
        .harden_cookies(CookieHardening::new())
        .build()
        .unwrap();
    let lines = get(serve(secure).await, "/").await.unwrap();
    assert_eq!(lines[0], b"HTTP/1.1 200 OK");
    assert_eq!(
        values(&lines, "set-cookie"),
        [
            &b"sid=caf\xe9; Secure; HttpOnly; SameSite=Lax"[..],
            b"__Host-sid=\xff; Path=/; Secure; HttpOnly; SameSite=Lax",
        ]
    );
}

/// A handler whose response has nearly as many header names as `http`'s map holds: the
/// response still arrives (hyper panicked writing it when our headers had filled the map
/// to the cap, and the connection closed without an answer); our headers are added only
/// while they leave hyper room.
#[tokio::test]
async fn a_handler_that_fills_the_header_map_still_gets_an_answer() {
    let secure = Secure::with_default_headers();
    let ours: Vec<String> = secure
        .header_items()
        .map(|(n, _)| n.to_ascii_lowercase())
        .collect();
    let addr = serve(secure).await;

    // Six of ours would have reached the cap.
    let names = HTTP_MAP_CAP - 6;
    let lines = get(addr, &format!("/fill/{names}")).await.unwrap();
    assert_eq!(lines[0], b"HTTP/1.1 200 OK");
    assert_eq!(values(&lines, &format!("x-{}", names - 1)), [b"1"]);
    for name in &ours {
        assert_eq!(values(&lines, name).len(), 0, "{name}");
    }

    // Room for four of ours (64 names are left to the server): the first four are sent.
    let names = HTTP_MAP_CAP - 64 - 4;
    let lines = get(addr, &format!("/fill/{names}")).await.unwrap();
    assert_eq!(lines[0], b"HTTP/1.1 200 OK");
    for (i, name) in ours.iter().enumerate() {
        assert_eq!(values(&lines, name).len(), usize::from(i < 4), "{name}");
    }

    // An ordinary response is untouched by all this.
    let lines = get(addr, "/").await.unwrap();
    for name in &ours {
        assert_eq!(values(&lines, name).len(), 1, "{name}");
    }
}
