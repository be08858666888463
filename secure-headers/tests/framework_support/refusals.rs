//! Refusals explain themselves the same way in every framework: the body is the reason on
//! one line of plain text, with nothing of the request in it, and the refusal is logged once
//! (through the `log` facade, which the test logger here captures) with the request's real
//! method and path. Run through [`wire_tests!`](super::wire::wire_tests).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use secure_headers::http::HeaderMap;

use super::assert_balanced;
use super::wire::Runs;

/// The records of the test logger: `secure_headers`'s, and any that mention the early
/// route (Rocket's own request lines).
static RECORDS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        let message = record.args().to_string();
        if record.target().starts_with("secure_headers") || message.contains("t=refusal-") {
            let line = format!("{} {}: {message}", record.level(), record.target());
            RECORDS.lock().unwrap().push(line);
        }
    }

    fn flush(&self) {}
}

static LOGGER: Capture = Capture;

/// Installs the test logger, once per test binary, before any framework installs its own
/// (Rocket's launch does, if it finds none).
pub(crate) fn capture_logs() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        log::set_logger(&LOGGER).expect("the test logger is the first");
        log::set_max_level(log::LevelFilter::Info);
    });
}

/// The captured records that mention `token`.
pub(crate) fn logged(token: &str) -> Vec<String> {
    RECORDS
        .lock()
        .unwrap()
        .iter()
        .filter(|r| r.contains(token))
        .cloned()
        .collect()
}

/// A token no other request of this process carries.
pub(crate) fn token() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "t=refusal-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// One raw HTTP/1.1 request: the status, the headers and the body (read by its
/// `Content-Length`, or de-chunked); off the runtime's threads, which serve it.
pub(crate) async fn exchange(addr: SocketAddr, head: String) -> (u16, HeaderMap, String) {
    tokio::task::spawn_blocking(move || exchange_blocking(addr, &head))
        .await
        .unwrap()
}

pub(crate) fn exchange_blocking(addr: SocketAddr, head: &str) -> (u16, HeaderMap, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let mut read = |buf: &mut Vec<u8>| {
        let n = stream.read(&mut chunk).unwrap();
        buf.extend_from_slice(&chunk[..n]);
        n
    };
    let end = loop {
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        assert!(
            read(&mut buf) > 0,
            "closed: {:?}",
            String::from_utf8_lossy(&buf)
        );
    };
    let head = String::from_utf8(buf[..end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    let mut headers = HeaderMap::new();
    for line in lines {
        let (n, v) = line.split_once(':').unwrap();
        headers.append(
            secure_headers::http::HeaderName::from_bytes(n.trim().as_bytes()).unwrap(),
            v.trim().parse().unwrap(),
        );
    }
    let chunked = headers
        .get("transfer-encoding")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"chunked"));
    let length: usize = headers
        .get("content-length")
        .map_or(0, |v| v.to_str().unwrap().parse().unwrap());
    let complete = |body: &[u8]| {
        if chunked {
            body.ends_with(b"0\r\n\r\n")
        } else {
            body.len() >= length
        }
    };
    while !complete(&buf[end + 4..]) {
        assert!(
            read(&mut buf) > 0,
            "closed: {:?}",
            String::from_utf8_lossy(&buf)
        );
    }
    let body = String::from_utf8(buf[end + 4..].to_vec()).unwrap();
    let body = if chunked { dechunk(&body) } else { body };
    (status, headers, body)
}

fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    loop {
        let (size, after) = rest.split_once("\r\n").unwrap();
        let size = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.push_str(&after[..size]);
        rest = &after[size + 2..];
    }
}

/// A refusal's answer: `status`, the security headers, `text/plain`, and exactly `body`.
#[track_caller]
fn assert_refusal(answer: &(u16, HeaderMap, String), status: u16, body: &str) {
    let (got, headers, text) = answer;
    assert_eq!(*got, status, "{headers:?} {text:?}");
    assert_balanced(headers);
    assert_eq!(
        headers.get("content-type").map(|v| v.to_str().unwrap()),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(text, body);
}

/// `records` is exactly one warning of `secure_headers`: `line`.
#[track_caller]
pub(crate) fn assert_logged_once(token: &str, line: &str) {
    let records = logged(token);
    let ours: Vec<&String> = records
        .iter()
        .filter(|r| r.contains(" secure_headers: "))
        .collect();
    assert_eq!(
        ours,
        [&format!("WARN secure_headers: {line}")],
        "{records:?}"
    );
}

/// Under [`hosts`](super::wire::hosts): a foreign host is refused with `400`, the reason as
/// the body (not the host), logged once with the method and path; the handler not run.
pub(crate) async fn host_refusal_explained(addr: SocketAddr, runs: &Runs) {
    capture_logs();
    let token = token();
    let answer = exchange(
        addr,
        format!("GET /?{token} HTTP/1.1\r\nHost: evil.example\r\n\r\n"),
    )
    .await;
    assert_refusal(&answer, 400, "refused: the request's host is not allowed\n");
    assert!(!answer.2.contains("evil"));
    assert_logged_once(
        &token,
        &format!("refused GET /?{token}: the request's host is not allowed"),
    );
    assert_eq!(runs.count(), 0);
}

/// Under [`cross_origin`](super::wire::cross_origin): a cross-site `POST` is refused with
/// `403`, the reason as the body, logged once; a redirect is no refusal (under
/// [`redirecting`](super::wire::redirecting), see [`redirect_not_logged`]).
pub(crate) async fn cross_origin_refusal_explained(addr: SocketAddr, runs: &Runs) {
    capture_logs();
    let token = token();
    let answer = exchange(
        addr,
        format!(
            "POST /?{token} HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: cross-site\r\n\
             Origin: http://evil.example\r\nContent-Length: 0\r\n\r\n"
        ),
    )
    .await;
    assert_refusal(&answer, 403, "refused: cross-origin request\n");
    assert_logged_once(
        &token,
        &format!("refused POST /?{token}: cross-origin request"),
    );
    assert_eq!(runs.count(), 0);
}

/// Under [`cross_origin_report_only`](super::wire::cross_origin_report_only): what would be
/// refused passes, and is logged once as such.
pub(crate) async fn report_only_logged(addr: SocketAddr, runs: &Runs) {
    capture_logs();
    let token = token();
    let (status, _, body) = exchange(
        addr,
        format!(
            "POST /?{token} HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: cross-site\r\n\
             Content-Length: 0\r\n\r\n"
        ),
    )
    .await;
    assert_eq!((status, body.as_str()), (200, "hello"));
    assert_logged_once(
        &token,
        &format!("would refuse POST /?{token}: cross-origin request"),
    );
    assert_eq!(runs.count(), 1);
}

/// Under [`redirecting`](super::wire::redirecting): a redirect is not a refusal: an empty
/// body, nothing logged.
pub(crate) async fn redirect_not_logged(addr: SocketAddr, runs: &Runs) {
    capture_logs();
    let token = token();
    let (status, headers, body) = exchange(
        addr,
        format!("GET /?{token} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
    )
    .await;
    assert_eq!(status, 308);
    assert_eq!(body, "");
    assert!(headers.get("content-type").is_none());
    let records = logged(&token);
    assert!(
        !records.iter().any(|r| r.contains(" secure_headers: ")),
        "{records:?}"
    );
    assert_eq!(runs.count(), 0);
}
